"""Query and role rules that pages and exports share: querysets and model methods of cases."""

import pytest

from cases.models import Referral, Worksite
from tests.cases.factories import ContactFactory, IncidentFactory, ReferralFactory, WorksiteFactory
from tests.cases.support import local
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_worksite_incident_summary_counts_incidents_and_gives_the_latest(organization):
    busy = WorksiteFactory(organization=organization, employer_name="Busy LLC")
    WorksiteFactory(organization=organization, employer_name="Quiet LLC")
    for day in (3, 9, 5):
        IncidentFactory(worksite=busy, occurred_at=local(2026, 3, day, 8, 0))

    summary = Worksite.objects.with_incident_summary().order_by("employer_name")

    assert [(w.employer_name, w.incident_count, w.last_incident) for w in summary] == [
        ("Busy LLC", 3, local(2026, 3, 9, 8, 0)),
        ("Quiet LLC", 0, None),
    ]


def test_referral_queue_puts_waiting_referrals_first_closed_last_and_newest_first(clock, site):
    referrals = {}
    for hour, name, status in [
        (8, "closed", "closed"),
        (9, "older open", "open"),
        (10, "accepted", "accepted"),
        (11, "newer open", "open"),
        (12, "in review", "in_review"),
    ]:
        clock.now = local(2026, 3, 19, hour, 0)
        referrals[ReferralFactory(incident=IncidentFactory(worksite=site), status=status).pk] = name

    queue = Referral.objects.queue()

    assert [referrals[referral.pk] for referral in queue] == [
        "newer open",
        "older open",
        "in review",
        "accepted",
        "closed",
    ]


@pytest.mark.parametrize(
    ("consent", "shown"), [(True, ("+13125550101", "(312) 555-0101")), (False, ("", ""))]
)
def test_contact_phone_is_shown_only_with_consent(site, consent, shown):
    contact = ContactFactory(worksite=site, phone="(312) 555-0101", consent_to_contact=consent)

    assert (contact.shown_phone, contact.shown_phone_display) == shown


@pytest.mark.parametrize(
    ("role", "same_organization", "visible"),
    [
        ("legal", True, True),
        ("organizer", True, False),
        ("admin", True, False),
        ("legal", False, False),
    ],
)
def test_referral_reason_is_visible_to_legal_staff_of_its_organization_only(
    organization, other_organization, site, role, same_organization, visible
):
    referral = ReferralFactory(incident=IncidentFactory(worksite=site))
    user = member(role, organization if same_organization else other_organization)

    assert referral.reason_visible_to(user) is visible
