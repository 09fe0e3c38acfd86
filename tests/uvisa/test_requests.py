"""Certification requests per agency: drafted, sent, answered (signed or declined), follow-ups, original."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from power_campaign.audit.models import AuditEvent
from tests.cases.support import messages_of
from tests.factories import member
from tests.uvisa.factories import CertificationRequestFactory, activity, agency
from uvisa import services
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


WHD = "U.S. Department of Labor, Wage and Hour Division (WHD)"


@pytest.mark.parametrize(("status", "label"), [("drafted", "Drafted"), ("sent", "Sent")])
def test_request_to_an_agency_with_an_open_request_is_refused_and_nothing_saved(
    client, case, legal, status, label
):
    ScreenedActivity.objects.create(case=case, activity=activity("extortion"))
    CertificationRequestFactory(case=case, status=status)
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_create", args=[case.uuid]),
        {"agency": agency("dol_whd").pk, "activities": [activity("extortion").pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"This case already has a request to {WHD} with the status “{label}”: a new one can be drafted "
        "once the agency has answered."
    ]
    assert CertificationRequest.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="uvisa.certificationrequest").count() == 0
    case.refresh_from_db()
    assert case.status == ClientCase.Status.INTAKE


def test_request_sent_twice_drafts_one_request(client, case, legal):
    ScreenedActivity.objects.create(case=case, activity=activity("extortion"))
    client.force_login(legal)
    url = reverse("uvisa:request_create", args=[case.uuid])
    data = {"agency": agency("dol_whd").pk, "activities": [activity("extortion").pk]}
    first, second = client.post(url, data), client.post(url, data)
    cert_request = CertificationRequest.objects.get()
    assert (first.status_code, first["Location"], second.status_code) == (
        302,
        cert_request.get_absolute_url(),
        200,
    )
    assert trail(cert_request) == [("create", "certification request drafted for dol_whd")]


def test_request_to_an_agency_that_answered_or_to_another_agency_is_drafted(client, case, legal):
    ScreenedActivity.objects.create(case=case, activity=activity("extortion"))
    CertificationRequestFactory(case=case, status="declined", decline_reason="No")
    CertificationRequestFactory(case=case, agency=agency("nlrb"))
    CertificationRequestFactory(case=case, status="signed", signed_on=datetime.date(2026, 5, 1))
    client.force_login(legal)
    url = reverse("uvisa:request_create", args=[case.uuid])
    client.post(url, {"agency": agency("dol_whd").pk, "activities": [activity("extortion").pk]})
    client.post(url, {"agency": agency("eeoc").pk, "activities": [activity("extortion").pk]})
    assert list(CertificationRequest.objects.values_list("agency__code", "status")) == [
        ("dol_whd", "declined"),
        ("nlrb", "drafted"),
        ("dol_whd", "signed"),
        ("dol_whd", "drafted"),
        ("eeoc", "drafted"),
    ]


def test_the_service_refuses_a_second_open_request_to_the_agency(case, legal):
    services.create_request(case=case, agency=agency("dol_whd"), activities=[], user=legal)
    with pytest.raises(services.CaseError) as refused:
        services.create_request(case=case, agency=agency("dol_whd"), activities=[], user=legal)
    assert refused.value.code == "duplicate"
    assert CertificationRequest.objects.count() == 1


def test_request_to_an_agency_with_an_open_request_is_refused_in_spanish(client, case, organization):
    ScreenedActivity.objects.create(case=case, activity=activity("extortion"))
    CertificationRequestFactory(case=case, agency=agency("police"))
    client.force_login(member("legal", organization, language="es"))
    response = client.post(
        reverse("uvisa:request_create", args=[case.uuid]),
        {"agency": agency("police").pk, "activities": [activity("extortion").pk]},
    )
    assert response.context["form"].non_field_errors() == [
        "Este caso ya tiene una solicitud ante Departamento de policía local con el estado “Redactada”: "
        "podrá redactar otra cuando la agencia haya respondido."
    ]
    assert CertificationRequest.objects.count() == 1


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
    url = reverse("uvisa:request_send", args=[sent.uuid])
    page = client.get(url)
    response = client.post(url, {"sent_on": "2026-11-05", "method": "mail"})
    assert (page.status_code, page["Location"]) == (302, sent.get_absolute_url())
    assert (response.status_code, response["Location"]) == (302, sent.get_absolute_url())
    assert messages_of(response) == ["This request is already recorded as sent."] * 2
    sent.refresh_from_db()
    assert (sent.status, sent.sent_on, sent.method) == ("sent", datetime.date(2026, 11, 2), "email")
    assert trail(sent) == []


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


RECORD_THE_SENDING_FIRST = (
    "Record the sending first: only a request that was sent can have the agency's answer."
)


def test_a_drafted_request_offers_no_answer_form_and_says_to_record_the_sending(client, drafted, legal):
    client.force_login(legal)
    url = reverse("uvisa:request_outcome", args=[drafted.uuid])
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(drafted.get_absolute_url(), 302)]
    html = response.content.decode()
    assert escape(RECORD_THE_SENDING_FIRST) in html
    assert reverse("uvisa:request_send", args=[drafted.uuid]) in html
    assert url not in html
    assert AuditEvent.objects.filter(summary="request_outcome").count() == 0  # the form was not shown


@pytest.mark.parametrize("outcome", ["signed", "declined"])
def test_a_drafted_request_cannot_be_answered_and_nothing_is_saved(client, drafted, legal, outcome):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_outcome", args=[drafted.uuid]),
        {"outcome": outcome, "decided_on": "2026-11-20", "signed_on": "2026-11-18", "decline_reason": "No"},
    )
    assert (response.status_code, response["Location"]) == (302, drafted.get_absolute_url())
    assert messages_of(response) == [RECORD_THE_SENDING_FIRST]
    drafted.refresh_from_db()
    assert (drafted.status, drafted.signed_on, drafted.decided_on, drafted.decline_reason) == (
        "drafted",
        None,
        None,
        "",
    )
    assert trail(drafted) == []


def test_a_drafted_request_is_refused_an_answer_in_spanish(client, drafted, organization):
    client.force_login(member("legal", organization, language="es"))
    response = client.post(
        reverse("uvisa:request_outcome", args=[drafted.uuid]),
        {"outcome": "declined", "decided_on": "2026-11-20", "decline_reason": "No"},
    )
    assert messages_of(response) == [
        "Registre primero el envío: solo una solicitud enviada puede tener la respuesta de la agencia."
    ]
    assert CertificationRequest.objects.get().status == "drafted"


def test_an_answered_request_is_not_answered_again(client, case, legal):
    signed = CertificationRequestFactory(
        case=case, status="signed", sent_on=datetime.date(2026, 11, 2), signed_on=datetime.date(2026, 11, 18)
    )
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_outcome", args=[signed.uuid]),
        {"outcome": "declined", "decided_on": "2026-11-20", "decline_reason": "No"},
    )
    assert (response.status_code, response["Location"]) == (302, signed.get_absolute_url())
    assert messages_of(response) == ["The agency's answer is already recorded."]
    signed.refresh_from_db()
    assert (signed.status, signed.decline_reason) == ("signed", "")
    assert trail(signed) == []


def test_the_service_refuses_an_answer_to_a_drafted_request_in_the_users_words(drafted, legal):
    with pytest.raises(services.CaseError) as refused:
        services.record_outcome(
            cert_request=drafted,
            outcome="declined",
            decided_on=datetime.date(2026, 11, 20),
            decline_reason="No",
            user=legal,
        )
    assert refused.value.messages == [RECORD_THE_SENDING_FIRST]
    drafted.refresh_from_db()
    assert (drafted.status, drafted.decline_reason) == ("drafted", "")


def test_answer_dates_in_the_future_say_only_that(client, sent, legal):
    client.force_login(legal)
    response = client.post(
        reverse("uvisa:request_outcome", args=[sent.uuid]),
        {"outcome": "signed", "decided_on": "2099-01-02", "signed_on": "2099-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "decided_on": ["The date cannot be in the future."],
        "signed_on": ["The date cannot be in the future."],
    }
    sent.refresh_from_db()
    assert (sent.status, sent.signed_on, sent.decided_on) == ("sent", None, None)
    assert trail(sent) == []


def test_answer_dates_in_the_future_say_only_that_in_spanish(client, sent, organization):
    client.force_login(member("legal", organization, language="es"))
    response = client.post(
        reverse("uvisa:request_outcome", args=[sent.uuid]),
        {"outcome": "signed", "decided_on": "2026-11-20", "signed_on": "2099-01-01"},
    )
    assert response.context["form"].errors == {"signed_on": ["La fecha no puede ser futura."]}


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


def test_follow_up_sent_twice_is_added_once(client, sent, legal):
    client.force_login(legal)
    url = reverse("uvisa:followup_add", args=[sent.uuid])
    client.post(url, {"due_on": "2026-12-02", "note": "Call the RA"})
    response = client.post(url, {"due_on": "2026-12-02", "note": " Call the RA "})
    assert (response.status_code, response["Location"]) == (302, sent.get_absolute_url())
    assert messages_of(response) == [
        "Follow-up added.",
        "This request already has a follow-up due on December 2, 2026 with the same note, not yet done.",
    ]
    assert list(FollowUp.objects.values_list("due_on", "note")) == [
        (datetime.date(2026, 12, 2), "Call the RA")
    ]
    assert trail(sent) == [("create", "follow-up due 2026-12-02")]
    html = client.get(sent.get_absolute_url()).content.decode()
    assert html.count("Follow up with the agency: Call the RA") == 1


def test_follow_up_like_a_done_one_or_with_another_date_or_note_is_added(client, sent, legal):
    FollowUp.objects.create(
        request=sent,
        due_on=datetime.date(2026, 12, 2),
        note="Call",
        done_on=datetime.date(2026, 12, 1),
        created_by=legal,
    )
    client.force_login(legal)
    url = reverse("uvisa:followup_add", args=[sent.uuid])
    for data in [
        {"due_on": "2026-12-02", "note": "Call"},
        {"due_on": "2026-12-03", "note": "Call"},
        {"due_on": "2026-12-02", "note": "Write"},
    ]:
        assert messages_of(client.post(url, data))[-1:] == ["Follow-up added."]
    assert FollowUp.objects.count() == 4


def test_follow_up_sent_twice_is_refused_in_spanish(client, sent, organization):
    FollowUp.objects.create(
        request=sent, due_on=datetime.date(2026, 12, 2), note="Llamar", created_by=sent.created_by
    )
    client.force_login(member("legal", organization, language="es"))
    response = client.post(
        reverse("uvisa:followup_add", args=[sent.uuid]), {"due_on": "2026-12-02", "note": "Llamar"}
    )
    assert messages_of(response) == [
        "Esta solicitud ya tiene un seguimiento pendiente para el 2 de diciembre de 2026 con la misma nota."
    ]
    assert FollowUp.objects.count() == 1


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
