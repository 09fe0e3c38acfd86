"""A referral's status follows its declared transitions (power_campaign.transitions): every pair of
statuses tried through the service, a stale copy refused, the database constraint, and the admin."""

import itertools

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from cases.models import Referral
from cases.services import set_referral_status
from power_campaign.transitions import TransitionNotAllowed
from tests.cases.factories import IncidentFactory, ReferralFactory
from tests.cases.support import audit_trail, local
from tests.factories import member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

ALLOWED = {
    ("open", "in_review"),
    ("open", "closed"),
    ("in_review", "accepted"),
    ("in_review", "closed"),
    ("in_review", "open"),
    ("accepted", "closed"),
    ("closed", "in_review"),
}
PAIRS = list(itertools.product(Referral.Status.values, repeat=2))


@pytest.fixture
def lawyer(organization):
    return member("legal", organization, username="lawyer")


@pytest.mark.parametrize(("source", "target"), [pair for pair in PAIRS if pair in ALLOWED])
def test_referral_allowed_transition_is_saved_stamped_and_audited(clock, lawyer, site, source, target):
    referral = ReferralFactory(incident=IncidentFactory(worksite=site), status=source)
    clock.now = local(2026, 3, 19, 11, 45)

    set_referral_status(referral=referral, status=target, user=lawyer)

    referral.refresh_from_db()
    assert (referral.status, referral.status_changed_at) == (target, local(2026, 3, 19, 11, 45))
    assert audit_trail() == [("update", str(referral.uuid), f"status: {source} → {target}", "lawyer")]


@pytest.mark.parametrize(("source", "target"), [pair for pair in PAIRS if pair not in ALLOWED])
def test_referral_forbidden_transition_raises_and_changes_nothing(lawyer, site, source, target):
    referral = ReferralFactory(incident=IncidentFactory(worksite=site), status=source)
    referral.refresh_from_db()
    changed_at = referral.status_changed_at

    with pytest.raises(TransitionNotAllowed) as refused:
        set_referral_status(referral=referral, status=target, user=lawyer)

    assert str(refused.value) == f"cases.Referral: {source} → {target} is not an allowed transition."
    referral.refresh_from_db()
    assert (referral.status, referral.status_changed_at, audit_trail()) == (source, changed_at, [])


def test_referral_transition_is_checked_against_the_stored_status(lawyer, site):
    referral = ReferralFactory(incident=IncidentFactory(worksite=site), status="in_review")
    stale = Referral.objects.get(pk=referral.pk)
    set_referral_status(referral=referral, status="accepted", user=lawyer)

    with pytest.raises(TransitionNotAllowed):
        set_referral_status(referral=stale, status="open", user=lawyer)  # accepted → open is not allowed

    referral.refresh_from_db()
    assert referral.status == "accepted"


def test_referral_next_status_choices_follow_the_declared_order(site):
    referral = ReferralFactory(incident=IncidentFactory(worksite=site), status="in_review")

    assert referral.next_status_choices == [
        ("accepted", "Legal has taken the case"),
        ("closed", "Closed by legal"),
        ("open", "Waiting for legal review"),
    ]


def test_referral_status_constraint_refuses_an_unknown_value_in_the_database(site):
    referral = ReferralFactory(incident=IncidentFactory(worksite=site))

    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(status="won")

    referral.refresh_from_db()
    assert referral.status == "open"


# The admin: the same transitions, audited the same way


@pytest.fixture
def staff_lawyer(organization, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    return member("legal", organization, username="stafflawyer", is_staff=True)


def admin_post_data(referral, **changes):
    return {"reason": referral.reason, "status": referral.status, **changes}


def test_admin_referral_offers_its_status_and_the_allowed_next_ones(client, staff_lawyer, site):
    referral = ReferralFactory(incident=IncidentFactory(worksite=site), status="accepted")
    client.force_login(staff_lawyer)

    response = client.get(reverse("admin:cases_referral_change", args=[referral.pk]))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.fields["status"].choices) == [
        ("accepted", "Legal has taken the case"),
        ("closed", "Closed by legal"),
    ]


def test_admin_referral_forbidden_status_is_refused(client, staff_lawyer, site):
    referral = ReferralFactory(incident=IncidentFactory(worksite=site), status="accepted")
    client.force_login(staff_lawyer)

    response = client.post(
        reverse("admin:cases_referral_change", args=[referral.pk]), admin_post_data(referral, status="open")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "status": ["Select a valid choice. open is not one of the available choices."]
    }
    referral.refresh_from_db()
    assert (referral.status, audit_trail()) == ("accepted", [])


def test_admin_referral_status_change_is_an_audited_transition(client, clock, staff_lawyer, site):
    referral = ReferralFactory(incident=IncidentFactory(worksite=site), status="accepted")
    client.force_login(staff_lawyer)
    clock.now = local(2026, 3, 19, 12, 0)

    response = client.post(
        reverse("admin:cases_referral_change", args=[referral.pk]), admin_post_data(referral, status="closed")
    )

    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.status_changed_at) == ("closed", local(2026, 3, 19, 12, 0))
    assert audit_trail() == [("update", str(referral.uuid), "status: accepted → closed", "stafflawyer")]
