"""The Django admin for cases: scoped by organization and audited like the views."""

import datetime

import pytest
from django.urls import reverse

from cases.evidence import add_evidence
from cases.models import Contact, DeadlineRule, Evidence, ProtectedActivity, StageChange, Worksite
from power_campaign.accounts.models import User
from power_campaign.audit.models import AuditEvent
from tests.cases.factories import (
    AgencyFilingFactory,
    ContactFactory,
    IncidentFactory,
    ReferralFactory,
    StageChangeFactory,
    WorksiteFactory,
)
from tests.factories import UserFactory, jpeg, member, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []  # the two-factor gate for staff is tested in accounts


@pytest.fixture
def staff_admin(organization):
    """A staff account that administers `organization` (and holds no role elsewhere)."""
    return member("admin", organization, username="staffadmin", is_staff=True)


@pytest.fixture
def staff_organizer(organization):
    return member("organizer", organization, username="stafforganizer", is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def worksites(organization, other_organization):
    return {
        "a1": WorksiteFactory(organization=organization, employer_name="Alpha Foods LLC"),
        "a2": WorksiteFactory(organization=organization, employer_name="Bravo Logistics Inc."),
        "b1": WorksiteFactory(organization=other_organization, employer_name="Charlie Car Wash LLC"),
    }


def changelist_names(client, model="worksite"):
    response = client.get(reverse(f"admin:cases_{model}_changelist"))
    assert response.status_code == 200
    return [str(obj) for obj in response.context["cl"].result_list]


def worksite_post_data(worksite, **changes):
    data = {
        "employer_name": worksite.employer_name,
        "dba": worksite.dba,
        "street": worksite.street,
        "city": worksite.city,
        "state": worksite.state,
        "postal_code": worksite.postal_code,
        "industry": worksite.industry,
        "headcount": "" if worksite.headcount is None else worksite.headcount,
        "languages": worksite.languages,
        "time_zone": worksite.time_zone,
        "notes": worksite.notes,
        "stage_changes-TOTAL_FORMS": "0",
        "stage_changes-INITIAL_FORMS": "0",
        "stage_changes-MIN_NUM_FORMS": "0",
        "stage_changes-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def test_admin_worksite_list_shows_only_the_users_organizations(client, staff_admin, worksites):
    client.force_login(staff_admin)
    assert changelist_names(client) == ["Alpha Foods LLC (Chicago, IL)", "Bravo Logistics Inc. (Chicago, IL)"]


def test_admin_worksite_filter_does_not_name_other_organizations(client, staff_admin, worksites):
    client.force_login(staff_admin)
    html = client.get(reverse("admin:cases_worksite_changelist")).content.decode()
    assert "Local 12" in html
    assert "Centro Unido" not in html


def test_admin_superuser_sees_every_worksite(client, superuser, worksites):
    client.force_login(superuser)
    assert changelist_names(client) == [
        "Alpha Foods LLC (Chicago, IL)",
        "Bravo Logistics Inc. (Chicago, IL)",
        "Charlie Car Wash LLC (Chicago, IL)",
    ]


def test_admin_worksite_of_another_organization_does_not_exist(client, staff_admin, worksites):
    other = worksites["b1"]
    client.force_login(staff_admin)
    for name in [
        "admin:cases_worksite_change",
        "admin:cases_worksite_delete",
        "admin:cases_worksite_history",
    ]:
        response = client.get(reverse(name, args=[other.pk]))
        assert (response.status_code, response.url) == (302, reverse("admin:index"))
    response = client.post(
        reverse("admin:cases_worksite_change", args=[other.pk]),
        worksite_post_data(other, employer_name="Taken over"),
    )
    assert (response.status_code, response.url) == (302, reverse("admin:index"))
    other.refresh_from_db()
    assert other.employer_name == "Charlie Car Wash LLC"
    assert AuditEvent.objects.filter(action="update").count() == 0


def test_admin_saving_a_worksite_writes_an_audit_event_with_the_changed_field_names(
    client, staff_admin, worksites, organization
):
    worksite = worksites["a1"]
    client.force_login(staff_admin)
    response = client.post(
        reverse("admin:cases_worksite_change", args=[worksite.pk]),
        worksite_post_data(worksite, employer_name="Alpha Foods Holdings LLC", notes="Night shift only"),
    )
    assert response.status_code == 302
    worksite.refresh_from_db()
    assert (worksite.employer_name, worksite.notes) == ("Alpha Foods Holdings LLC", "Night shift only")
    event = AuditEvent.objects.get(action="update")
    assert (event.actor, event.organization, event.object_type, event.object_id) == (
        staff_admin,
        organization,
        "cases.worksite",
        str(worksite.uuid),
    )
    assert event.summary == "worksite changed in the admin: employer_name, notes"


def test_admin_stage_added_inline_is_recorded_and_audited(client, staff_admin, worksites):
    worksite = worksites["a1"]
    client.force_login(staff_admin)
    data = worksite_post_data(
        worksite,
        **{
            "stage_changes-TOTAL_FORMS": "1",
            "stage_changes-0-stage": "committee",
            "stage_changes-0-date": "2026-03-02",
            "stage_changes-0-note": "",
        },
    )
    response = client.post(reverse("admin:cases_worksite_change", args=[worksite.pk]), data)
    assert response.status_code == 302
    change = StageChange.objects.get(worksite=worksite)
    assert (change.stage, change.date, change.recorded_by) == (
        "committee",
        datetime.date(2026, 3, 2),
        staff_admin,
    )
    worksite.refresh_from_db()
    assert worksite.current_stage == "committee"
    assert list(
        AuditEvent.objects.exclude(action="login")
        .order_by("sequence")
        .values_list("action", "object_type", "summary")
    ) == [
        ("update", "cases.worksite", "worksite changed in the admin: nothing"),
        ("update", "cases.worksite", "stage recorded: committee on 2026-03-02"),
    ]


def test_admin_stage_corrected_or_removed_inline_is_audited_with_the_previous_values(
    client, staff_admin, worksites
):
    worksite = worksites["a1"]
    first = StageChangeFactory(worksite=worksite, stage="first_contact", date=datetime.date(2026, 1, 5))
    wrong = StageChangeFactory(worksite=worksite, stage="majority", date=datetime.date(2026, 3, 15))
    worksite.refresh_current_stage()
    client.force_login(staff_admin)
    rows = {  # the inline lists the newest first
        "stage_changes-TOTAL_FORMS": "2",
        "stage_changes-INITIAL_FORMS": "2",
        "stage_changes-0-id": wrong.pk,
        "stage_changes-0-worksite": worksite.pk,
        "stage_changes-0-stage": "committee",
        "stage_changes-0-date": "2026-02-02",
        "stage_changes-0-note": "",
        "stage_changes-1-id": first.pk,
        "stage_changes-1-worksite": worksite.pk,
        "stage_changes-1-stage": "first_contact",
        "stage_changes-1-date": "2026-01-05",
        "stage_changes-1-note": "",
        "stage_changes-1-DELETE": "on",
    }

    response = client.post(
        reverse("admin:cases_worksite_change", args=[worksite.pk]), worksite_post_data(worksite, **rows)
    )

    assert response.status_code == 302
    worksite.refresh_from_db()
    assert (worksite.current_stage, worksite.current_stage_on) == ("committee", datetime.date(2026, 2, 2))
    assert list(worksite.stage_changes.values_list("stage", "date")) == [
        ("committee", datetime.date(2026, 2, 2))
    ]
    assert list(
        AuditEvent.objects.exclude(action="login").order_by("sequence").values_list("summary", flat=True)
    ) == [
        "worksite changed in the admin: nothing",
        "stage entry corrected: stage majority → committee, date 2026-03-15 → 2026-02-02",
        "stage entry removed: first_contact on 2026-01-05",
    ]


def test_admin_adds_a_worksite_only_to_the_users_organizations(
    client, staff_admin, organization, other_organization
):
    client.force_login(staff_admin)
    url = reverse("admin:cases_worksite_add")
    data = worksite_post_data(
        Worksite(employer_name="Delta Hotel LLC", city="Chicago", state="IL", industry="hotel")
    )
    response = client.post(url, {**data, "organization": other_organization.pk})
    assert response.status_code == 200
    assert "organization" in response.context["adminform"].form.errors
    assert Worksite.objects.count() == 0

    response = client.post(url, {**data, "organization": organization.pk})
    assert response.status_code == 302
    worksite = Worksite.objects.get()
    assert (worksite.organization, worksite.created_by, worksite.current_stage) == (
        organization,
        staff_admin,
        "first_contact",
    )
    assert list(AuditEvent.objects.exclude(action="login").values_list("action", "summary")) == [
        ("create", "worksite created in the admin")
    ]


def test_admin_deleting_a_contact_is_audited(client, staff_admin, organization):
    contact = ContactFactory(worksite=WorksiteFactory(organization=organization), name="Ana Ruiz")
    key = str(contact.uuid)
    client.force_login(staff_admin)
    response = client.post(reverse("admin:cases_contact_delete", args=[contact.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert Contact.objects.count() == 0
    event = AuditEvent.objects.get(action="delete")
    assert (event.action, event.object_id, event.organization, event.summary) == (
        "delete",
        key,
        organization,
        "contact deleted in the admin",
    )


def test_admin_other_roles_may_only_view(client, staff_organizer, worksites):
    worksite = worksites["a1"]
    client.force_login(staff_organizer)
    assert changelist_names(client) == ["Alpha Foods LLC (Chicago, IL)", "Bravo Logistics Inc. (Chicago, IL)"]
    response = client.get(reverse("admin:cases_worksite_change", args=[worksite.pk]))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    response = client.post(
        reverse("admin:cases_worksite_change", args=[worksite.pk]),
        worksite_post_data(worksite, employer_name="Changed"),
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:cases_worksite_add")).status_code == 403
    worksite.refresh_from_db()
    assert worksite.employer_name == "Alpha Foods LLC"


def test_admin_contact_list_shows_no_phone_numbers(client, staff_admin, organization):
    worksite = WorksiteFactory(organization=organization)
    ContactFactory(worksite=worksite, name="Ana Ruiz", phone="(312) 555-0177")
    ContactFactory(worksite=worksite, name="Luis Paz", phone="312.555.0188")
    client.force_login(staff_admin)
    html = client.get(reverse("admin:cases_contact_changelist")).content.decode()
    assert "Ana Ruiz" in html
    assert "Luis Paz" in html
    for digits in ["555", "0177", "0188"]:
        assert digits not in html
    contact = Contact.objects.get(name="Ana Ruiz")
    html = client.get(reverse("admin:cases_contact_change", args=[contact.pk])).content.decode()
    assert 'value="(312) 555-0177"' in html


def test_admin_evidence_cannot_be_added_changed_or_deleted(client, staff_admin, organization, settings):
    incident = IncidentFactory(worksite=WorksiteFactory(organization=organization))
    evidence = add_evidence(
        incident=incident, upload=upload("photo.jpg", jpeg()), description="Gate", user=staff_admin
    )
    client.force_login(staff_admin)
    html = client.get(reverse("admin:cases_evidence_changelist")).content.decode()
    assert "photo.jpg" in html
    assert reverse("admin:cases_evidence_add") not in html
    assert "delete_selected" not in html
    response = client.get(reverse("admin:cases_evidence_change", args=[evidence.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("admin:cases_evidence_delete", args=[evidence.pk]) not in html
    assert 'name="_save"' not in html
    assert evidence.file.url not in html  # files open through the audited evidence page only
    assert reverse("cases:evidence", args=[evidence.uuid]) in html
    assert client.get(reverse("admin:cases_evidence_add")).status_code == 403
    response = client.post(reverse("admin:cases_evidence_delete", args=[evidence.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Evidence.objects.count() == 1
    assert evidence.file.storage.exists(evidence.file.name)
    assert list(AuditEvent.objects.filter(object_id=evidence.uuid).values_list("action", flat=True)) == [
        "view_sensitive",
        "create",
    ]


def test_admin_superuser_cannot_delete_evidence_either(client, superuser, organization):
    incident = IncidentFactory(worksite=WorksiteFactory(organization=organization))
    evidence = add_evidence(
        incident=incident, upload=upload("photo.jpg", jpeg()), description="", user=superuser
    )
    client.force_login(superuser)
    response = client.post(reverse("admin:cases_evidence_delete", args=[evidence.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Evidence.objects.count() == 1


def test_admin_deadline_rules_are_edited_only_by_coalition_admins(client, staff_admin):
    rule = DeadlineRule.objects.get(code="ca-ab450-72-hour-notice")
    url = reverse("admin:cases_deadlinerule_change", args=[rule.pk])
    client.force_login(staff_admin)
    html = client.get(reverse("admin:cases_deadlinerule_changelist")).content.decode()
    assert "Cal. Labor Code § 90.2" in html
    assert "November 1, 2026" in html
    data = {
        "code": rule.code,
        "label": rule.label,
        "label_es": rule.label_es,
        "incident_type": rule.incident_type,
        "state": rule.state,
        "amount": "72",
        "unit": rule.unit,
        "source": rule.source,
        "last_verified": "2026-11-20",
    }
    assert client.post(url, data).status_code == 403

    coalition_admin = UserFactory(username="coalition", is_staff=True, coalition_role="admin")
    client.force_login(coalition_admin)
    assert client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.last_verified == datetime.date(2026, 11, 20)
    event = AuditEvent.objects.get(action="update")
    assert (event.actor, event.summary) == (
        coalition_admin,
        "deadline rule changed in the admin: last_verified",
    )


def test_admin_every_cases_page_opens_for_an_organization_admin(client, staff_admin, organization):
    worksite = WorksiteFactory(organization=organization)
    StageChange.objects.create(
        worksite=worksite, stage="committee", date=datetime.date(2026, 3, 1), recorded_by=staff_admin
    )
    incident = IncidentFactory(worksite=worksite)
    incident.witnesses.add(ContactFactory(worksite=worksite))
    filing = AgencyFilingFactory(worksite=worksite)
    filing.incidents.add(incident)
    records = {
        "worksite": worksite,
        "contact": incident.witnesses.get(),
        "incident": incident,
        "agencyfiling": filing,
        "protectedactivity": ProtectedActivity.objects.create(
            worksite=worksite,
            kind="petition",
            date=datetime.date(2026, 3, 2),
            description="Petition",
            created_by=staff_admin,
        ),
        "evidence": add_evidence(
            incident=incident, upload=upload("a.jpg", jpeg()), description="", user=staff_admin
        ),
        "deadlinerule": DeadlineRule.objects.first(),
    }
    client.force_login(staff_admin)
    assert client.get(reverse("admin:index")).status_code == 200
    for model, record in records.items():
        assert client.get(reverse(f"admin:cases_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:cases_{model}_change", args=[record.pk])).status_code == 200, model
        # Evidence is never added here, reference data is the coalition's.
        expected = 403 if model in ("evidence", "deadlinerule") else 200
        assert client.get(reverse(f"admin:cases_{model}_add")).status_code == expected, model


def test_admin_worksite_autocomplete_offers_only_the_users_organizations(client, staff_admin, worksites):
    client.force_login(staff_admin)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cases", "model_name": "incident", "field_name": "worksite", "term": ""},
    )
    assert [result["text"] for result in response.json()["results"]] == [
        "Alpha Foods LLC (Chicago, IL)",
        "Bravo Logistics Inc. (Chicago, IL)",
    ]


def test_admin_audit_summary_is_in_english_for_a_spanish_speaking_admin(client, staff_admin, worksites):
    staff_admin.language = "es"
    staff_admin.save()
    worksite = worksites["a1"]
    client.force_login(staff_admin)
    response = client.post(
        reverse("admin:cases_worksite_change", args=[worksite.pk]),
        worksite_post_data(worksite, notes="Turno de noche"),
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="update").summary == "worksite changed in the admin: notes"


def test_admin_offers_only_organizers_of_the_users_organizations(
    client, staff_admin, organization, other_organization, worksites
):
    ours = member("organizer", organization, username="ours")
    member("organizer", other_organization, username="theirs")
    member("legal", organization, username="lawyer")
    client.force_login(staff_admin)
    response = client.get(reverse("admin:cases_worksite_change", args=[worksites["a1"].pk]))
    assert list(response.context["adminform"].form.fields["organizers"].queryset) == [ours]


def test_admin_refuses_a_stage_in_the_future(client, staff_admin, worksites):
    worksite = worksites["a1"]
    client.force_login(staff_admin)
    data = worksite_post_data(
        worksite,
        **{
            "stage_changes-TOTAL_FORMS": "1",
            "stage_changes-0-stage": "committee",
            "stage_changes-0-date": "2099-01-01",
            "stage_changes-0-note": "",
        },
    )
    response = client.post(reverse("admin:cases_worksite_change", args=[worksite.pk]), data)
    assert response.status_code == 200
    assert StageChange.objects.count() == 0
    assert AuditEvent.objects.exclude(action="login").count() == 0


# Referrals are legal staff's, in the admin as on the site.

REASON = "The supervisor threatened to call immigration on the workers who signed the petition."


@pytest.fixture
def staff_legal(organization):
    return member("legal", organization, username="stafflegal", is_staff=True)


@pytest.fixture
def referral(organization):
    incident = IncidentFactory(worksite=WorksiteFactory(organization=organization), description="Gate talk")
    return ReferralFactory(incident=incident, reason=REASON)


@pytest.mark.parametrize("user", ["staff_admin", "staff_organizer"])
def test_admin_referral_pages_are_refused_to_other_roles(client, request, user, referral):
    client.force_login(request.getfixturevalue(user))
    for name in ["admin:cases_referral_changelist", "admin:cases_referral_add"]:
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("admin:cases_referral_changelist"), {"q": "Acme"}).status_code == 403
    for name in ["admin:cases_referral_change", "admin:cases_referral_delete"]:
        assert client.get(reverse(name, args=[referral.pk])).status_code == 403, name
    response = client.get(reverse("admin:cases_referral_history", args=[referral.pk]))
    assert (response.status_code, response.url) == (302, reverse("admin:index"))
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:cases_referral_changelist") not in html


@pytest.mark.parametrize("user", ["staff_admin", "staff_organizer"])
def test_admin_incident_shows_other_roles_the_referral_status_but_not_its_reason(
    client, request, user, referral
):
    client.force_login(request.getfixturevalue(user))
    incident = referral.incident
    for url in [
        reverse("admin:cases_incident_change", args=[incident.pk]),
        reverse("admin:cases_incident_history", args=[incident.pk]),
        reverse("admin:cases_incident_changelist"),
        reverse("admin:cases_incident_changelist") + "?q=supervisor",
        reverse("admin:cases_referral_history", args=[referral.pk]),
    ]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "signed the petition" not in response.content.decode(), url
    html = client.get(reverse("admin:cases_incident_change", args=[incident.pk])).content.decode()
    assert "Waiting for legal review" in html
    response = client.get(reverse("admin:cases_incident_changelist"), {"q": "supervisor"})
    assert list(response.context["cl"].result_list) == []
    # A filter through the referral is not one the admin offers.
    response = client.get(
        reverse("admin:cases_incident_changelist"), {"referral__reason__icontains": "immig"}
    )
    assert response.status_code == 400


def test_admin_legal_staff_read_and_move_a_referral(client, staff_legal, referral):
    client.force_login(staff_legal)
    assert changelist_names(client, "referral") == [str(referral)]
    html = client.get(reverse("admin:cases_referral_change", args=[referral.pk])).content.decode()
    assert REASON in html
    html = client.get(reverse("admin:cases_incident_change", args=[referral.incident.pk])).content.decode()
    assert REASON in html
    response = client.post(
        reverse("admin:cases_referral_change", args=[referral.pk]), {"reason": REASON, "status": "in_review"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "in_review"
    event = AuditEvent.objects.get(action="update")
    assert (event.actor, event.summary) == (staff_legal, "status: open → in_review")


def test_admin_referral_of_another_organization_does_not_exist_for_legal_staff(
    client, staff_legal, other_organization
):
    theirs = ReferralFactory(
        incident=IncidentFactory(worksite=WorksiteFactory(organization=other_organization))
    )
    client.force_login(staff_legal)
    assert changelist_names(client, "referral") == []
    response = client.get(reverse("admin:cases_referral_change", args=[theirs.pk]))
    assert (response.status_code, response.url) == (302, reverse("admin:index"))


def test_admin_every_author_field_names_a_user_of_its_model():
    from django.contrib import admin as django_admin

    from power_campaign.accounts.admin_scoping import AuthorFieldsMixin

    declared = {}
    for model, model_admin in django_admin.site._registry.items():
        for item in [model_admin, *model_admin.inlines]:
            if isinstance(item, AuthorFieldsMixin) or (
                isinstance(item, type) and issubclass(item, AuthorFieldsMixin)
            ):
                item_model = item.model if isinstance(item, type) else model
                for name in item.author_fields:
                    declared[f"{item_model._meta.label_lower}.{name}"] = item_model._meta.get_field(
                        name
                    ).related_model
    assert declared == {
        "cases.worksite.created_by": User,
        "cases.stagechange.recorded_by": User,
        "cases.contact.created_by": User,
        "cases.incident.created_by": User,
        "cases.agencyfiling.created_by": User,
        "cases.protectedactivity.created_by": User,
        "cases.evidence.uploaded_by": User,
        "cases.referral.referred_by": User,
        "agreements.agreementtemplate.created_by": User,
    }


def test_admin_incident_shows_the_reason_to_the_organizer_who_referred_it(client, organization):
    referrer = member("organizer", organization, username="referrer", is_staff=True)
    incident = IncidentFactory(worksite=WorksiteFactory(organization=organization))
    ReferralFactory(incident=incident, reason=REASON, referred_by=referrer)
    client.force_login(referrer)

    html = client.get(reverse("admin:cases_incident_change", args=[incident.pk])).content.decode()

    assert REASON in html
    assert "legal notes" not in html.lower()


def test_evidence_and_referral_change_lists_read_the_incidents_worksites_in_the_same_query(
    client, superuser, organization
):
    """An incident is named by its day at its worksite: the lists read the worksite with it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.cases.factories import ReferralFactory

    def add():
        incident = IncidentFactory(worksite=WorksiteFactory(organization=organization))
        add_evidence(incident=incident, upload=upload("photo.jpg", jpeg()), description="", user=superuser)
        ReferralFactory(incident=incident)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.force_login(superuser)
    urls = [reverse("admin:cases_evidence_changelist"), reverse("admin:cases_referral_changelist")]
    add()
    few = [queries(url) for url in urls]
    for _ in range(4):
        add()
    assert [queries(url) for url in urls] == few
