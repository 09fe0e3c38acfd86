"""Legal staff's referral queue: who holds each referral, legal's own notes, a status filter, counts on
the dashboard; and who may read why an incident was referred."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import services
from cases.models import Referral
from power_campaign.audit.models import AuditEvent
from tests.cases.factories import IncidentFactory, ReferralFactory, WorksiteFactory
from tests.cases.support import audit_trail, messages_of
from tests.factories import member
from tests.panels import dashboard_panels

pytestmark = pytest.mark.django_db

NOTE = "Client says the supervisor kept her passport; ask about T-visa."


@pytest.fixture
def lawyer(organization):
    return member("legal", organization, username="lawyer", first_name="Lucía", last_name="Reyes")


@pytest.fixture
def colleague(organization):
    return member("legal", organization, username="colleague", first_name="Ana", last_name="Díaz")


@pytest.fixture
def referral(site, organizer):
    return ReferralFactory(incident=IncidentFactory(worksite=site), referred_by=organizer, reason="Threats.")


def test_referral_page_assigns_legal_staff_and_keeps_notes_encrypted(client, lawyer, colleague, referral):
    client.force_login(lawyer)

    response = client.post(
        reverse("cases:referral", args=[referral.uuid]), {"assigned_to": colleague.pk, "notes": NOTE}
    )

    assert response["Location"] == reverse("cases:referral", args=[referral.uuid])
    assert messages_of(response) == ["Referral saved."]
    referral.refresh_from_db()
    assert (referral.assigned_to, referral.notes) == (colleague, NOTE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM cases_referral WHERE id = %s", [referral.pk])
        (stored,) = cursor.fetchone()
    assert "passport" not in stored
    assert audit_trail() == [
        ("update", str(referral.uuid), "referral assigned to colleague", "lawyer"),
        ("update", str(referral.uuid), "referral notes changed", "lawyer"),
    ]


def test_referral_page_changes_only_what_changed(client, lawyer, referral):
    services.set_referral_notes(referral=referral, notes=NOTE, user=lawyer)
    client.force_login(lawyer)

    client.post(reverse("cases:referral", args=[referral.uuid]), {"assigned_to": lawyer.pk, "notes": NOTE})
    client.post(reverse("cases:referral", args=[referral.uuid]), {"assigned_to": "", "notes": NOTE})

    assert [summary for _action, _id, summary, _actor in audit_trail()] == [
        "referral notes changed",
        "referral assigned to lawyer",
        "referral unassigned",
    ]


@pytest.mark.parametrize("who", ["organizer", "other_legal"])
def test_referral_cannot_be_assigned_to_anyone_but_legal_staff_of_its_organization(
    client, lawyer, referral, organizer, other_organization, who
):
    outsider = organizer if who == "organizer" else member("legal", other_organization)
    client.force_login(lawyer)

    response = client.post(
        reverse("cases:referral", args=[referral.uuid]), {"assigned_to": outsider.pk, "notes": NOTE}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["assigned_to"]
    assert '<div class="error-summary" role="alert" tabindex="-1" autofocus' in response.content.decode()
    assert NOTE in response.content.decode()  # what was typed is kept
    referral.refresh_from_db()
    assert (referral.assigned_to, referral.notes, audit_trail()) == (None, "", [])
    with pytest.raises(ValueError):
        services.assign_referral(referral=referral, assignee=outsider, user=lawyer)


def test_referral_notes_are_never_shown_to_the_organizer_who_referred_it(client, organizer, lawyer, referral):
    services.set_referral_notes(referral=referral, notes=NOTE, user=lawyer)
    client.force_login(organizer)

    html = client.get(referral.incident.get_absolute_url()).content.decode()

    assert "passport" not in html
    assert client.get(reverse("cases:referral", args=[referral.uuid])).status_code == 403
    assert "passport" not in str(list(AuditEvent.objects.values_list("summary", flat=True)))


def test_referral_reason_is_shown_to_legal_and_the_organizer_who_referred_it_only(
    organization, other_organization, organizer, lawyer, referral
):
    other_organizer = member("organizer", organization)
    admin = member("admin", organization)
    referrer_elsewhere = member("organizer", other_organization)
    elsewhere = ReferralFactory(incident=IncidentFactory(worksite=referral.incident.worksite))
    elsewhere.referred_by = referrer_elsewhere  # someone no longer of the organization

    assert [referral.reason_visible_to(user) for user in [lawyer, organizer, other_organizer, admin]] == [
        True,
        True,
        False,
        False,
    ]
    assert elsewhere.reason_visible_to(referrer_elsewhere) is False


def test_organizer_who_referred_the_incident_reads_the_reason_on_the_incident_page(
    client, organization, organizer, referral
):
    client.force_login(organizer)
    assert "<p>Threats.</p>" in client.get(referral.incident.get_absolute_url()).content.decode()

    client.force_login(member("organizer", organization))
    assert "Threats." not in client.get(referral.incident.get_absolute_url()).content.decode()


@pytest.fixture
def queue(site, lawyer, colleague):
    """Five referrals: two open (one held by the lawyer), one in review (held by a colleague), one
    accepted, one closed."""
    found = {}
    for name, status, holder in [
        ("open-mine", "open", lawyer),
        ("open", "open", None),
        ("review", "in_review", colleague),
        ("accepted", "accepted", None),
        ("closed", "closed", lawyer),
    ]:
        found[name] = ReferralFactory(
            incident=IncidentFactory(worksite=site, description=name), status=status, assigned_to=holder
        )
    return found


def names(response):
    return [referral.incident.description for referral in response.context["page"].object_list]


def test_referral_list_filters_by_status_and_holder(client, lawyer, queue):
    client.force_login(lawyer)
    url = reverse("cases:referral_list")

    assert sorted(names(client.get(url, {"status": "open"}))) == ["open", "open-mine"]
    assert names(client.get(url, {"assigned": "me"})) == ["open-mine", "closed"]
    assert names(client.get(url, {"assigned": "nobody"})) == ["open", "accepted"]
    assert names(client.get(url, {"status": "in_review", "assigned": "me"})) == []
    response = client.get(url, {"status": "won"})
    assert (names(response), list(response.context["form"].errors)) == ([], ["status"])


def test_referral_counts_per_status_on_the_list_and_the_legal_dashboard(
    client, lawyer, queue, other_organization
):
    ReferralFactory(incident=IncidentFactory(worksite=WorksiteFactory(organization=other_organization)))
    client.force_login(lawyer)
    expected = [
        ("open", "Waiting for legal review", 2),
        ("in_review", "Legal is reviewing", 1),
        ("accepted", "Legal has taken the case", 1),
        ("closed", "Closed by legal", 1),
    ]

    listed = client.get(reverse("cases:referral_list"))
    dashboard = client.get(reverse("dashboard"))

    assert [(value, str(label), count) for value, label, count in listed.context["counts"]] == expected
    (legal,) = [context for template, context in dashboard_panels(dashboard) if "legal_panel" in template]
    assert [(value, str(label), count) for value, label, count in legal["counts"]] == expected
    assert legal["assigned_to_me"] == 1  # the closed one does not count
    html = dashboard.content.decode()
    assert (
        '<a href="/worksites/referrals/?status=open"><strong>2</strong> Waiting for legal review</a>' in html
    )
    assert "1 open referral assigned to you" in html


def test_legal_dashboard_panel_is_not_shown_to_organizers(client, organizer, queue):
    client.force_login(organizer)

    templates = [template for template, _context in dashboard_panels(client.get(reverse("dashboard")))]

    assert "cases/dashboard/legal_panel.html" not in templates


def test_referral_list_runs_as_many_queries_for_one_referral_as_for_many(client, lawyer, site, colleague):
    client.force_login(lawyer)
    url = reverse("cases:referral_list")
    ReferralFactory(incident=IncidentFactory(worksite=site), assigned_to=colleague)

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    one = count()
    for _ in range(10):
        ReferralFactory(incident=IncidentFactory(worksite=site), assigned_to=colleague)

    assert count() == one
    assert Referral.objects.count() == 11


def test_referral_status_changed_on_its_page_returns_to_its_page(client, lawyer, referral):
    client.force_login(lawyer)

    response = client.post(
        reverse("cases:referral_status", args=[referral.uuid]), {"status": "in_review", "back": "referral"}
    )

    assert response["Location"] == reverse("cases:referral", args=[referral.uuid])
    referral.refresh_from_db()
    assert referral.status == "in_review"


def test_referral_page_is_under_referrals_in_the_menu(client, lawyer, referral):
    client.force_login(lawyer)

    html = client.get(reverse("cases:referral", args=[referral.uuid])).content.decode()

    assert '<li><a href="/worksites/referrals/" aria-current="page">Referrals</a></li>' in html
    assert '<li><a href="/worksites/">Worksites</a></li>' in html


def test_a_referral_carries_its_incidents_organization(organizer, site, other_organization):
    theirs = WorksiteFactory(organization=other_organization)
    incident = IncidentFactory(worksite=site)
    referral = services.refer_to_legal(incident=incident, reason="Threats", user=organizer)
    other = ReferralFactory(incident=IncidentFactory(worksite=theirs))

    assert Referral.objects.get(pk=referral.pk).organization_id == site.organization_id
    assert Referral.objects.get(pk=other.pk).organization_id == other_organization.pk
