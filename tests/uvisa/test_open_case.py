"""Legal staff start from the referral queue: "Open a U-visa case" on a referral carries the incident, the
worksite and the incident's evidence (references, never copies) across."""

from django.urls import reverse

from cases.evidence import add_evidence
from cases.models import Evidence, Referral
from power_campaign.audit.models import AuditEvent
from tests.cases.support import messages_of
from tests.factories import jpeg, member, upload
from uvisa.models import ClientCase


def test_referral_page_offers_to_open_a_u_visa_case(client, referral, legal):
    client.force_login(legal)
    html = client.get(reverse("cases:referral", args=[referral.uuid])).content.decode()
    assert f'href="{reverse("uvisa:case_open", args=[referral.uuid])}">Open a U-visa case</a>' in html


def test_confirmation_page_lists_what_comes_across(client, referral, legal):
    add_evidence(
        incident=referral.incident, upload=upload("gate.jpg", jpeg()), description="Gate", user=legal
    )
    client.force_login(legal)
    response = client.get(reverse("uvisa:case_open", args=[referral.uuid]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Acme Poultry" in html
    assert "gate.jpg" in html
    assert ClientCase.objects.count() == 0


def test_opening_a_case_carries_incident_worksite_and_evidence(client, referral, legal):
    incident = referral.incident
    evidence = add_evidence(
        incident=incident, upload=upload("gate.jpg", jpeg()), description="Gate", user=legal
    )
    client.force_login(legal)
    response = client.post(reverse("uvisa:case_open", args=[referral.uuid]))
    case = ClientCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("uvisa:intake", args=[case.uuid, "client"])
    assert messages_of(response) == ["U-visa case opened. Start the intake."]
    assert (case.organization, case.worksite, case.referral, case.created_by) == (
        referral.organization,
        incident.worksite,
        referral,
        legal,
    )
    assert list(case.incidents.all()) == [incident]
    assert list(case.evidence.all()) == [evidence]
    assert Evidence.objects.count() == 1  # referred to, not copied
    assert list(case.assignments.values_list("user__username", flat=True)) == ["legal"]
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    events = list(
        AuditEvent.objects.exclude(action="login")
        .filter(object_type__in=["uvisa.clientcase", "cases.referral"])
        .order_by("sequence")
        .values_list("action", "object_type", "summary")
    )
    assert events == [
        ("create", "uvisa.clientcase", f"U-visa case opened from referral {referral.uuid}"),
        ("update", "cases.referral", "status: open → in_review"),
        ("update", "cases.referral", "status: in_review → accepted"),
    ]


def test_referral_page_then_leads_to_the_case(client, referral, legal, organization):
    client.force_login(legal)
    client.post(reverse("uvisa:case_open", args=[referral.uuid]))
    case = ClientCase.objects.get()
    html = client.get(reverse("cases:referral", args=[referral.uuid])).content.decode()
    assert f'href="{case.get_absolute_url()}">Open the U-visa case</a>' in html
    colleague = member("legal", organization)
    client.force_login(colleague)
    html = client.get(reverse("cases:referral", args=[referral.uuid])).content.decode()
    assert "U-visa case" not in html  # assigned to someone else: not offered, not named


def test_a_referral_opens_one_case_only(client, referral, legal):
    client.force_login(legal)
    client.post(reverse("uvisa:case_open", args=[referral.uuid]))
    response = client.post(reverse("uvisa:case_open", args=[referral.uuid]))
    assert response["Location"] == reverse("cases:referral", args=[referral.uuid])
    assert messages_of(response)[-1:] == ["A U-visa case is already open for this referral."]
    assert ClientCase.objects.count() == 1


def test_organizer_and_administrator_cannot_open_a_case(client, referral, organizer, admin):
    for user in (organizer, admin):
        client.force_login(user)
        assert client.post(reverse("uvisa:case_open", args=[referral.uuid])).status_code == 403
    assert ClientCase.objects.count() == 0


def test_other_organizations_legal_staff_cannot_open_a_case(client, referral, other_organization):
    client.force_login(member("legal", other_organization))
    assert client.post(reverse("uvisa:case_open", args=[referral.uuid])).status_code == 404
    assert ClientCase.objects.count() == 0


def test_open_case_answers_get_and_post_only(client, referral, legal):
    client.force_login(legal)
    assert client.put(reverse("uvisa:case_open", args=[referral.uuid])).status_code == 405
