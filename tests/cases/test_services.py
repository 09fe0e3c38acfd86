"""The services every writer uses: a worksite (and a record of it) is made the same way by the site, the
admin, the CSV import, the demo data and the benchmark seeding."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import services
from cases.evidence import EvidenceError
from cases.models import Contact, Evidence, ImportBatch, Incident, StageChange, Worksite
from power_campaign.audit.models import AuditEvent
from tests.cases.factories import ContactFactory
from tests.cases.support import audit_trail
from tests.factories import member

pytestmark = pytest.mark.django_db

# 03:00 UTC on March 1st, February 28th in Chicago: no stage may be dated with either day of data entry.
CREATED_AT = datetime.datetime(2026, 3, 1, 3, 0, tzinfo=datetime.UTC)
FIELDS = {
    "employer_name": "Riverside Meats LLC",
    "dba": "",
    "street": "1200 W 35th St",
    "city": "Chicago",
    "state": "IL",
    "postal_code": "60609",
    "industry": "food_processing",
    "headcount": "240",
    "languages": "Spanish",
    "time_zone": "America/Chicago",
    "notes": "",
}


@pytest.fixture(autouse=True)
def _chicago(settings, clock):
    settings.TIME_ZONE = "America/Chicago"
    settings.TWO_FACTOR_REQUIRED_ROLES = []  # the two-factor gate for staff is tested in accounts
    clock.now = CREATED_AT


def create_on_the_site(client, organization, first_contact_on=""):
    client.force_login(member("organizer", organization, username="siteorganizer"))
    data = {"organization": organization.pk, "first_contact_on": first_contact_on, **FIELDS}
    response = client.post(reverse("cases:worksite_create"), data)
    assert response.status_code == 302


def create_in_the_admin(client, organization, first_contact_on=""):
    client.force_login(member("admin", organization, username="staffadmin", is_staff=True))
    data = {"organization": organization.pk, "first_contact_on": first_contact_on, **FIELDS}
    response = client.post(reverse("admin:cases_worksite_add"), data)
    assert response.status_code == 302


def create_by_import(client, organization, first_contact_on=""):
    client.force_login(member("organizer", organization, username="importer"))
    fields = {**FIELDS, "first_contact_on": first_contact_on}
    header = ",".join(fields)
    row = ",".join(fields.values())
    upload = SimpleUploadedFile("sheet.csv", f"{header}\n{row}\n".encode())
    response = client.post(
        reverse("cases:import_upload"), {"organization": organization.pk, "kind": "worksites", "file": upload}
    )
    batch = ImportBatch.objects.get()
    response = client.post(batch.get_absolute_url(), {"action": "import"})
    assert response.status_code == 302


@pytest.mark.parametrize("create", [create_on_the_site, create_in_the_admin, create_by_import])
def test_new_worksite_without_a_first_contact_date_has_no_stage_dated_on_the_day_it_was_entered(
    client, organization, create
):
    create(client, organization)

    worksite = Worksite.objects.get()
    assert (worksite.created_at, worksite.current_stage, worksite.current_stage_on) == (
        CREATED_AT,
        "first_contact",
        None,
    )
    assert list(worksite.stage_changes.values_list("stage", "date", "note")) == []
    assert worksite.first_contact_on is None
    assert list(Worksite.objects.search("Riverside")) == [worksite]  # the search vector is filled in


@pytest.mark.parametrize("create", [create_on_the_site, create_in_the_admin, create_by_import])
def test_new_worksite_starts_at_first_contact_on_the_date_given_whoever_creates_it(
    client, organization, create
):
    create(client, organization, first_contact_on="2025-11-03")

    worksite = Worksite.objects.get()
    assert (worksite.current_stage, worksite.current_stage_on, worksite.first_contact_on) == (
        "first_contact",
        datetime.date(2025, 11, 3),
        datetime.date(2025, 11, 3),
    )
    assert list(worksite.stage_changes.values_list("stage", "date", "note")) == [
        ("first_contact", datetime.date(2025, 11, 3), "")
    ]


def test_create_worksite_with_a_history_makes_its_latest_stage_current(organization, organizer):
    history = [
        ("first_contact", datetime.date(2025, 6, 1), "House visits"),
        ("committee", datetime.date(2025, 9, 1), "Committee of 5"),
    ]

    worksite = services.create_worksite(
        organization=organization,
        user=organizer,
        organizers=[organizer],
        history=history,
        employer_name="Acme Poultry",
        city="Chicago",
        state="IL",
    )

    assert (worksite.current_stage, worksite.current_stage_on, worksite.created_by) == (
        "committee",
        datetime.date(2025, 9, 1),
        organizer,
    )
    assert list(worksite.stage_changes.order_by("date").values_list("stage", "date", "note")) == history
    assert list(worksite.organizers.all()) == [organizer]
    assert audit_trail() == [("create", str(worksite.uuid), "worksite created", "organizer")]


def test_create_worksites_gives_each_its_history_without_an_audit_event_per_worksite(
    organization, organizer
):
    worksites = [
        Worksite(organization=organization, employer_name=name, city="Fresno", state="CA")
        for name in ["Acme Foods", "Brite Cleaning"]
    ]
    committee = [
        ("first_contact", datetime.date(2025, 5, 2), ""),
        ("committee", datetime.date(2025, 8, 9), ""),
    ]

    services.create_worksites(worksites=worksites, user=organizer, histories=[committee, []])

    assert list(
        Worksite.objects.order_by("employer_name").values_list(
            "employer_name", "current_stage", "current_stage_on", "created_by"
        )
    ) == [
        ("Acme Foods", "committee", datetime.date(2025, 8, 9), organizer.pk),
        ("Brite Cleaning", "first_contact", None, organizer.pk),
    ]
    changes = StageChange.objects.order_by("date").values_list("worksite__employer_name", "stage", "date")
    assert list(changes) == [
        ("Acme Foods", "first_contact", datetime.date(2025, 5, 2)),
        ("Acme Foods", "committee", datetime.date(2025, 8, 9)),
    ]
    assert [w.employer_name for w in Worksite.objects.search("Brite")] == ["Brite Cleaning"]
    assert AuditEvent.objects.count() == 0


def test_update_worksite_names_only_the_fields_whose_value_changed(organization, organizer, site):
    services.update_worksite(
        worksite=site,
        user=organizer,
        organization=organization,
        employer_name="Acme Poultry",
        city="Joliet",
        organizers=[organizer],
    )

    site.refresh_from_db()
    assert (site.employer_name, site.city, list(site.organizers.all())) == (
        "Acme Poultry",
        "Joliet",
        [organizer],
    )
    assert audit_trail() == [("update", str(site.uuid), "worksite changed: city, organizers", "organizer")]


def test_update_worksite_refuses_to_move_it_to_another_organization(
    organizer, site, other_organization
):
    with pytest.raises(ValueError, match=r"^The organization of a worksite cannot change\.$"):
        services.update_worksite(worksite=site, user=organizer, organization=other_organization)

    site.refresh_from_db()
    assert site.organization != other_organization
    assert audit_trail() == []


def test_create_child_sets_many_to_many_fields_and_audits_the_creation(organizer, site):
    witness = ContactFactory(worksite=site, name="Rosa Témoin")

    incident = services.create_child(
        model=Incident,
        worksite=site,
        user=organizer,
        type="wage_theft",
        occurred_at=CREATED_AT,
        description="No overtime pay",
        witnesses=[witness],
    )

    assert (incident.worksite, incident.created_by, list(incident.witnesses.all())) == (
        site,
        organizer,
        [witness],
    )
    assert audit_trail() == [("create", str(incident.uuid), "incident created", "organizer")]


def test_update_child_names_only_the_fields_a_form_changed(organizer, site):
    contact = ContactFactory(worksite=site, name="Ana Ruiz", consent_to_contact=False)
    contact.consent_to_contact = True  # as a ModelForm leaves its instance once valid

    services.update_child(record=contact, user=organizer, name="Ana Ruiz", consent_to_contact=True)

    contact.refresh_from_db()
    assert contact.consent_to_contact is True
    assert audit_trail() == [
        ("update", str(contact.uuid), "contact changed: consent_to_contact", "organizer")
    ]


def test_create_incident_with_a_photo_that_is_not_evidence_saves_nothing(organizer, site):
    photo = SimpleUploadedFile("notes.txt", b"not a photo")

    with pytest.raises(EvidenceError):
        services.create_incident(
            worksite=site, user=organizer, photo=photo, type="other", occurred_at=CREATED_AT
        )

    assert (Incident.objects.count(), Evidence.objects.count(), AuditEvent.objects.count()) == (0, 0, 0)


def test_create_children_gives_each_record_its_author(organizer, site):
    contacts = [Contact(worksite=site, name=name, committee_role="leader") for name in ["Ana", "Luis"]]

    services.create_children(records=contacts, user=organizer)

    assert list(Contact.objects.order_by("name").values_list("name", "created_by")) == [
        ("Ana", organizer.pk),
        ("Luis", organizer.pk),
    ]
    assert [c.name for c in Contact.objects.matching("Luis")] == ["Luis"]
