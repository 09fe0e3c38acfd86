"""Certification requests per agency: drafted, sent, answered (signed or declined), follow-ups, original."""

import datetime

import pytest
from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from tests.cases.support import messages_of
from tests.uvisa.factories import CertificationRequestFactory, activity, agency
from uvisa.models import CertificationRequest, ClientCase, FollowUp, ScreenedActivity


@pytest.fixture
def drafted(case):
    return CertificationRequestFactory(case=case)


@pytest.fixture
def sent(case):
    return CertificationRequestFactory(
        case=case, status=CertificationRequest.Status.SENT, sent_on=datetime.date(2026, 11, 2), method="email"
    )


def trail(cert_request):
    return list(
        AuditEvent.objects.filter(object_id=str(cert_request.uuid))
        .order_by("sequence")
        .values_list("action", "summary")
    )


def test_request_is_drafted_for_an_agency_and_the_screened_activities(client, case, legal):
    ScreenedActivity.objects.create(case=case, activity=activity("extortion"))
    ScreenedActivity.objects.create(case=case, activity=activity("peonage"))
    client.force_login(legal)
    url = reverse("uvisa:request_create", args=[case.uuid])
    response = client.get(url)
    assert response.context["form"].fields["agency"].initial == agency("dol_whd").pk
    response = client.post(url, {"agency": agency("dol_whd").pk, "activities": [activity("peonage").pk]})
    cert_request = CertificationRequest.objects.get()
    assert response["Location"] == cert_request.get_absolute_url()
    assert (cert_request.case, cert_request.agency.code, cert_request.status) == (case, "dol_whd", "drafted")
    assert list(cert_request.activities.values_list("code", flat=True)) == ["peonage"]
    case.refresh_from_db()
    assert case.status == ClientCase.Status.CERTIFICATION
    assert trail(cert_request) == [("create", "certification request drafted for dol_whd")]


def test_request_needs_an_agency_and_an_activity_of_the_screening(client, case, legal):
    ScreenedActivity.objects.create(case=case, activity=activity("extortion"))
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_create", args=[case.uuid]), {"agency": "", "activities": [activity("rape").pk]}
    )
    assert set(response.context["form"].errors) == {"agency", "activities"}
    assert CertificationRequest.objects.count() == 0


def test_request_page_of_a_case_not_screened_sends_to_the_screening(client, case, legal):
    client.force_login(legal)
    response = client.get(reverse("uvisa:request_create", args=[case.uuid]))
    assert response["Location"] == reverse("uvisa:screening", args=[case.uuid])
    assert messages_of(response) == [
        "Screen the case first: a request names the qualifying activities that screening found."
    ]


def test_closed_case_offers_no_request_and_refuses_one(client, case, legal):
    ScreenedActivity.objects.create(case=case, activity=activity("extortion"))
    ClientCase.objects.filter(pk=case.pk).update(
        status=ClientCase.Status.CLOSED, closed_at=datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    )
    client.force_login(legal)
    url = reverse("uvisa:request_create", args=[case.uuid])

    page = client.get(case.get_absolute_url()).content.decode()
    response = client.post(url, {"agency": agency("dol_whd").pk, "activities": [activity("extortion").pk]})

    assert url not in page
    assert response["Location"] == case.get_absolute_url()
    assert messages_of(response) == ["This case is closed: no certification is requested for it."]
    assert CertificationRequest.objects.count() == 0


def test_sending_records_date_method_case_number_and_contact(client, drafted, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_send", args=[drafted.uuid]),
        {
            "sent_on": "2026-11-02",
            "method": "email",
            "agency_case_number": "WHD-1234",
            "contact_name": "Regional Administrator",
            "contact_details": "ra@example.gov",
        },
    )
    assert response["Location"] == drafted.get_absolute_url()
    drafted.refresh_from_db()
    assert (
        drafted.status,
        drafted.sent_on,
        drafted.method,
        drafted.agency_case_number,
        drafted.contact_name,
    ) == (
        "sent",
        datetime.date(2026, 11, 2),
        "email",
        "WHD-1234",
        "Regional Administrator",
    )
    assert trail(drafted) == [("update", "status: drafted → sent")]


def test_sending_needs_date_and_method_and_saves_nothing_without(client, drafted, legal):
    client.force_login(legal)
    response = client.post(reverse("uvisa:request_send", args=[drafted.uuid]), {"sent_on": "", "method": ""})
    assert set(response.context["form"].errors) == {"sent_on", "method"}
    drafted.refresh_from_db()
    assert (drafted.status, drafted.sent_on) == ("drafted", None)


def test_a_request_is_sent_once(client, sent, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_send", args=[sent.uuid]), {"sent_on": "2026-11-05", "method": "mail"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Certification request: cannot go from “Sent” to “Sent”."
    ]
    sent.refresh_from_db()
    assert (sent.sent_on, sent.method) == (datetime.date(2026, 11, 2), "email")


def test_signed_outcome_records_signature_edition_and_original(client, sent, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_outcome", args=[sent.uuid]),
        {
            "outcome": "signed",
            "decided_on": "2026-11-20",
            "signed_on": "2026-11-18",
            "form_edition": "04/01/24",
            "original_in_hand": "on",
            "decline_reason": "ignored",
        },
    )
    assert response["Location"] == sent.get_absolute_url()
    sent.refresh_from_db()
    assert (sent.status, sent.signed_on, sent.form_edition, sent.original_in_hand, sent.decline_reason) == (
        "signed",
        datetime.date(2026, 11, 18),
        "04/01/24",
        True,
        "",
    )
    assert sent.expires_on == datetime.date(2027, 5, 18)
    assert trail(sent) == [("update", "status: sent → signed")]


BEFORE_SENT = "The agency cannot have answered or signed before the request was sent, on November 2, 2026."


@pytest.mark.parametrize(
    ("decided_on", "signed_on", "message"),
    [
        ("2026-11-20", "2026-11-01", BEFORE_SENT),
        ("2026-11-01", "2026-11-01", BEFORE_SENT),
        ("2026-11-20", "2026-11-21", "The official signed on or before the day the agency answered."),
    ],
)
def test_signed_outcome_dates_in_the_wrong_order_save_nothing(
    client, sent, legal, decided_on, signed_on, message
):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_outcome", args=[sent.uuid]),
        {"outcome": "signed", "decided_on": decided_on, "signed_on": signed_on, "form_edition": "04/01/24"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    sent.refresh_from_db()
    assert (sent.status, sent.signed_on, sent.decided_on) == ("sent", None, None)


def test_signed_outcome_needs_the_signature_date(client, sent, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_outcome", args=[sent.uuid]), {"outcome": "signed", "decided_on": "2026-11-20"}
    )
    assert response.context["form"].errors == {"signed_on": ["Give the date the certifying official signed."]}
    sent.refresh_from_db()
    assert sent.status == "sent"


def test_declined_outcome_needs_and_keeps_its_reason(client, sent, legal):
    client.force_login(legal)
    url = reverse("uvisa:request_outcome", args=[sent.uuid])
    response = client.post(url, {"outcome": "declined", "decided_on": "2026-11-20"})
    assert response.context["form"].errors == {"decline_reason": ["Give the reason the agency declined."]}
    client.post(url, {"outcome": "declined", "decided_on": "2026-11-20", "decline_reason": "No open case"})
    sent.refresh_from_db()
    assert (sent.status, sent.decline_reason, sent.signed_on) == ("declined", "No open case", None)


def test_a_drafted_request_cannot_be_answered(client, drafted, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_outcome", args=[drafted.uuid]),
        {"outcome": "signed", "decided_on": "2026-11-20", "signed_on": "2026-11-18"},
    )
    assert response.context["form"].non_field_errors() == [
        "Certification request: cannot go from “Drafted” to “Signed”."
    ]
    drafted.refresh_from_db()
    assert (drafted.status, drafted.signed_on, drafted.decided_on) == ("drafted", None, None)


def test_original_in_hand_is_recorded(client, case, legal):
    signed = CertificationRequestFactory(case=case, status="signed", signed_on=datetime.date(2026, 11, 18))
    client.force_login(legal)
    response = client.post(reverse("uvisa:request_original", args=[signed.uuid]), {"in_hand": "yes"})
    assert response["Location"] == signed.get_absolute_url()
    signed.refresh_from_db()
    assert signed.original_in_hand is True
    assert trail(signed) == [("update", "original certification in hand: yes")]


def test_follow_ups_are_added_and_done(client, sent, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:followup_add", args=[sent.uuid]), {"due_on": "2026-12-02", "note": "Call the RA"}
    )
    assert messages_of(response) == ["Follow-up added."]
    followup = FollowUp.objects.get()
    assert (followup.due_on, followup.note, followup.done_on) == (
        datetime.date(2026, 12, 2),
        "Call the RA",
        None,
    )
    html = client.get(sent.get_absolute_url()).content.decode()
    assert "Follow up with the agency: Call the RA" in html
    client.post(reverse("uvisa:followup_done", args=[followup.uuid]))
    followup.refresh_from_db()
    assert followup.done_on == datetime.date.today()
    assert [summary for _, summary in trail(sent)] == [
        "follow-up due 2026-12-02",
        f"follow-up done {datetime.date.today().isoformat()}",
    ]


def test_follow_up_needs_a_date(client, sent, legal):
    client.force_login(legal)
    response = client.post(reverse("uvisa:followup_add", args=[sent.uuid]), {"due_on": "", "note": "x"})
    assert messages_of(response) == ["Give the date to follow up by."]
    assert FollowUp.objects.count() == 0


def test_follow_up_due_before_the_request_was_sent_is_refused(client, sent, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:followup_add", args=[sent.uuid]), {"due_on": "2026-11-01", "note": "Call the RA"}
    )
    assert messages_of(response) == [
        "A follow-up cannot be due before the request was sent, on November 2, 2026."
    ]
    assert FollowUp.objects.count() == 0


def test_follow_up_done_is_no_longer_among_the_requests_deadlines(client, sent, legal):
    client.force_login(legal)
    client.post(reverse("uvisa:followup_add", args=[sent.uuid]), {"due_on": "2026-11-03", "note": "Call"})
    client.post(reverse("uvisa:followup_done", args=[FollowUp.objects.get().uuid]))

    html = client.get(sent.get_absolute_url()).content.decode()

    assert "Follow up with the agency: Call" not in html


def test_request_page_shows_the_expiry(client, case, legal):
    signed = CertificationRequestFactory(case=case, status="signed", signed_on=datetime.date(2026, 8, 31))
    client.force_login(legal)
    html = client.get(signed.get_absolute_url()).content.decode()
    assert "February 28, 2027" in html
    assert "File the I-918 before the certification expires" in html
