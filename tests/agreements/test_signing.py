"""Electronic signature: sending, the public signing page and its links, signing once, execution."""

import hashlib
import io
import threading
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pypdf import PdfReader

from agreements import services, signing
from agreements.models import Agreement, SignatureEvent, SignatureRequest
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.models import Document
from tests.agreements.conftest import VALUES, create_agreement, without_drafting_notes
from tests.agreements.signing_helpers import SIGNERS, approve, png_data_url, send, sign_form, tokens_in
from tests.documents.test_signing import pyhanko_status
from tests.factories import upload

NEUTRAL = "This signing link cannot be used"


@pytest.fixture
def approved(agreement, organizer, admin):
    return approve(agreement, organizer, admin)


@pytest.fixture
def tokens(approved, admin):
    return send(approved, admin)


def sign_url(token):
    return reverse("agreements:sign", args=[token])


def sign(client, token, **data):
    return client.post(sign_url(token), sign_form(**data), HTTP_USER_AGENT="TestBrowser/1.0")


def pdf_text(document):
    document.file.open("rb")
    try:
        return "\n".join(page.extract_text() for page in PdfReader(document.file).pages)
    finally:
        document.file.close()


# Sending


def test_send_for_signature_emails_each_signer_a_link_and_stores_only_its_hash(approved, admin):
    tokens = send(approved, admin)

    approved.refresh_from_db()
    assert approved.status == Agreement.Status.OUT_FOR_SIGNATURE
    requests = {r.party: r for r in SignatureRequest.objects.all()}
    assert sorted(requests) == ["employer", "union"]
    for party, token in tokens.items():
        stored = requests[party]
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert (stored.signer_name, stored.signer_title, stored.signer_email) == tuple(
            SIGNERS[party].values()
        )
        assert stored.version == approved.approved_version
        values = SignatureRequest.objects.filter(pk=stored.pk).values().get()
        assert token not in repr(values)
        body = next(m.body for m in mail.outbox if m.to == [SIGNERS[party]["email"]])
        assert stored.token_hash not in body
    assert [m.subject for m in mail.outbox] == ["Please sign: neutrality agreement with Acme Poultry"] * 2
    union_mail = next(m for m in mail.outbox if m.to == [SIGNERS["union"]["email"]])
    assert (
        f"http://testserver/agreements/sign/{tokens['union']}/" not in union_mail.body
    )  # no request: a path
    assert f"/agreements/sign/{tokens['union']}/" in union_mail.body
    assert "on behalf of: Local 705." in union_mail.body  # the party by name (VALUES)
    employer_mail = next(m for m in mail.outbox if m.to == [SIGNERS["employer"]["email"]])
    assert "on behalf of: Acme Poultry." in employer_mail.body
    assert list(SignatureEvent.objects.values_list("kind", flat=True)) == ["sent", "sent"]
    summaries = set(
        AuditEvent.objects.filter(object_type="agreements.signaturerequest").values_list("summary", flat=True)
    )
    day = timezone.localdate(requests["union"].expires_at).isoformat()
    assert summaries == {
        f"signature request sent to the union signer for version 1, expires {day}",
        f"signature request sent to the employer signer for version 1, expires {day}",
    }
    assert (
        AuditEvent.objects.for_object(approved).filter(summary="status: approved → out_for_signature").count()
        == 1
    )


def test_agreement_cannot_be_sent_before_approval(agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)

    with pytest.raises(signing.SigningError) as error:
        send(agreement, admin)

    assert error.value.messages == [
        "Only an approved agreement, unchanged since its approval, can be sent for signature."
    ]
    assert SignatureRequest.objects.count() == 0
    assert mail.outbox == []


def test_only_an_admin_sends_for_signature(approved, legal):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        send(approved, legal)
    assert SignatureRequest.objects.count() == 0


def test_send_page_sends_both_links(client, approved, admin):
    client.force_login(admin)
    url = reverse("agreements:send_for_signature", args=[approved.uuid])
    assert client.get(url).status_code == 200
    expires = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = {f"{party}_{key}": value for party, signer in SIGNERS.items() for key, value in signer.items()}

    response = client.post(url, {**data, "expires_on": expires})

    assert response.status_code == 302 and response["Location"] == approved.get_absolute_url()
    assert len(mail.outbox) == 2
    request_ = SignatureRequest.objects.get(party="union")
    expires_at = timezone.localtime(request_.expires_at)
    assert (expires_at.date().isoformat(), expires_at.strftime("%H:%M")) == (expires, "23:59")
    page = client.get(approved.get_absolute_url()).content.decode()
    assert f"link valid until {date_format(expires_at, 'DATETIME_FORMAT')}" in page
    assert "http://testserver/agreements/sign/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"employer_email": "not an address"}, "employer_email", "Enter a valid email address."),
        ({"union_name": ""}, "union_name", "This field is required."),
        ({"expires_on": "2020-01-01"}, "expires_on", "Choose a day after today."),
        (
            {"employer_email": " ROSA@Local705.example"},
            "__all__",
            "Each party signs through its own representative: give the two signers different emails.",
        ),
    ],
)
def test_send_page_bad_input_saves_nothing(client, approved, admin, change, field, message):
    client.force_login(admin)
    data = {f"{party}_{key}": value for party, signer in SIGNERS.items() for key, value in signer.items()}
    data["expires_on"] = (timezone.localdate() + timedelta(days=3)).isoformat()

    response = client.post(reverse("agreements:send_for_signature", args=[approved.uuid]), {**data, **change})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert SignatureRequest.objects.count() == 0
    assert mail.outbox == []
    approved.refresh_from_db()
    assert approved.status == Agreement.Status.APPROVED


def test_send_page_of_an_unapproved_agreement_goes_back_with_a_message(client, agreement, admin):
    client.force_login(admin)
    response = client.post(reverse("agreements:send_for_signature", args=[agreement.uuid]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Only an approved agreement, unchanged since its approval, can be sent for signature."
    ]
    assert SignatureRequest.objects.count() == 0


# The signing page


def test_signing_page_shows_the_approved_text_its_hash_and_the_consent(client, approved, tokens):
    response = client.get(sign_url(tokens["union"]), HTTP_USER_AGENT="TestBrowser/1.0")

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    text = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in text
    version = approved.approved_version
    assert version.sha256 in text
    first = version.sections[0]
    assert first["heading_en"] in text
    assert str(signing.CONSENT) in text
    assert "Rosa Martínez, you are asked to sign this agreement on behalf of: Local 705." in text
    stored = SignatureRequest.objects.get(party="union")
    assert stored.viewed_at is not None
    event = SignatureEvent.objects.get(kind="viewed")
    assert (event.request, event.ip_address, event.user_agent) == (stored, "127.0.0.1", "TestBrowser/1.0")
    assert (
        AuditEvent.objects.filter(action="view", summary="signing page opened by the union signer").count()
        == 1
    )


def test_signing_page_shows_the_text_in_the_agreements_language(client, site, template, organizer, admin):
    spanish = without_drafting_notes(
        services.create_agreement(
            worksite=site, template=template, values=dict(VALUES), language="es", user=organizer
        )
    )
    tokens = send(approve(spanish, organizer, admin), admin)

    text = client.get(sign_url(tokens["employer"])).content.decode()

    first = spanish.approved_version.sections[0]
    assert first["heading_es"] in text
    assert first["heading_en"] not in text


def test_signing_page_in_spanish(client, approved, tokens):
    client.cookies["django_language"] = "es"
    text = client.get(sign_url(tokens["union"]), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Firmar el acuerdo de neutralidad" in text


def test_first_signature_records_the_evidence_and_partially_signs(client, approved, tokens):
    response = sign(client, tokens["union"])

    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:sign_done", args=[tokens["union"]])
    approved.refresh_from_db()
    assert approved.status == Agreement.Status.PARTIALLY_SIGNED
    signed = SignatureRequest.objects.get(party="union")
    assert signed.signed_at is not None
    assert (signed.signature_kind, signed.typed_signature, signed.signed_name, signed.signed_title) == (
        "typed",
        "Rosa Martínez",
        "Rosa Martínez",
        "President",
    )
    assert (signed.ip_address, signed.user_agent) == ("127.0.0.1", "TestBrowser/1.0")
    assert signed.consent_text == str(signing.CONSENT)
    assert signed.version_sha256 == approved.approved_version.sha256
    assert bytes(signed.signature_png) == b""
    assert AuditEvent.objects.filter(action="sign").get().summary == (
        f"agreement signed by the union signer (typed) on version 1 ({approved.approved_version.sha256})"
    )
    done = client.get(response["Location"]).content.decode()
    assert "Your signature was recorded" in done
    assert "When the other party has signed too" in done


def test_the_employer_may_sign_first(client, approved, tokens):
    sign(client, tokens["employer"], name="John Whitfield")

    approved.refresh_from_db()
    assert approved.status == Agreement.Status.PARTIALLY_SIGNED
    assert list(SignatureRequest.objects.filter(signed_at__isnull=False).values_list("party", flat=True)) == [
        "employer"
    ]


def test_a_typed_signature_is_the_signers_name_whatever_its_letter_case_and_spaces(client, approved, tokens):
    response = sign(client, tokens["union"], name="Rosa  Martínez", typed_signature=" rosa martínez ")

    assert response.status_code == 302
    signed = SignatureRequest.objects.get(party="union")
    assert (signed.typed_signature, signed.signed_name) == ("rosa martínez", "Rosa  Martínez")


def test_the_service_refuses_a_typed_signature_in_another_name(approved, tokens):
    with pytest.raises(signing.SigningError) as refused:
        signing.sign(
            token=tokens["union"],
            kind="typed",
            typed="Someone Else",
            name="Rosa Martínez",
            title="President",
            consent_text=str(signing.CONSENT),
        )

    assert refused.value.messages == ["Type your signature as your full name, as you wrote it above."]
    assert SignatureRequest.objects.filter(signed_at__isnull=False).count() == 0


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"consent": ""}, "consent", "This field is required."),
        ({"signed_name": ""}, "signed_name", "This field is required."),
        ({"typed_signature": "  "}, "typed_signature", "Type your signature."),
        (
            {"typed_signature": "Someone Else"},
            "typed_signature",
            "Type your signature as your full name, as you wrote it above.",
        ),
        (
            {"signature_kind": "drawn", "signature_data": ""},
            "signature_kind",
            "Draw your signature in the box.",
        ),
        (
            {"signature_kind": "drawn", "signature_data": "data:image/png;base64,bm90IGEgcG5n"},
            "signature_kind",
            "The drawn signature could not be read: draw it again.",
        ),
        (
            {"signature_kind": "drawn", "signature_data": "data:image/jpeg;base64,/9j/4AAQ"},
            "signature_kind",
            "The drawn signature could not be read: draw it again.",
        ),
        (
            {"signature_kind": "drawn", "signature_data": png_data_url(blank=True)},
            "signature_kind",
            "Draw your signature in the box.",
        ),
        (
            {"signature_kind": "drawn", "signature_data": "data:image/png;base64," + "A" * 700_000},
            "signature_kind",
            "The drawn signature could not be read: draw it again.",
        ),
    ],
)
def test_signing_with_bad_input_shows_the_error_and_signs_nothing(
    client, approved, tokens, data, field, message
):
    form = sign_form()
    form.update(data)

    response = client.post(sign_url(tokens["union"]), form)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert SignatureRequest.objects.filter(signed_at__isnull=False).count() == 0
    assert SignatureEvent.objects.filter(kind="signed").count() == 0
    approved.refresh_from_db()
    assert approved.status == Agreement.Status.OUT_FOR_SIGNATURE


# Links that cannot be used: one neutral page


def assert_neutral(response, status, reason):
    assert response.status_code == status
    text = response.content.decode()
    assert NEUTRAL in text
    assert str(signing.PROBLEMS[reason]) in text
    for secret in ("Acme", "Poultry", "Local 705", "Rosa", "Whitfield", "Cicero", "Local 12"):
        assert secret not in text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_tampered_or_malformed_tokens_get_the_neutral_page(client, tokens, method):
    token = tokens["union"]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for candidate in (tampered, "x" * 43, "short", token + "extra"):
        response = getattr(client, method)(sign_url(candidate), sign_form() if method == "post" else None)
        assert_neutral(response, 404, "unknown")
    assert SignatureRequest.objects.filter(signed_at__isnull=False).count() == 0


def test_an_expired_link_gets_the_neutral_page(client, tokens):
    SignatureRequest.objects.filter(party="union").update(expires_at=timezone.now() - timedelta(seconds=1))

    assert_neutral(client.get(sign_url(tokens["union"])), 410, "expired")
    assert_neutral(sign(client, tokens["union"]), 410, "expired")
    assert SignatureRequest.objects.filter(signed_at__isnull=False).count() == 0


def test_a_used_link_gets_the_neutral_page(client, tokens):
    sign(client, tokens["union"])

    assert_neutral(client.get(sign_url(tokens["union"])), 410, "used")


def test_a_second_submission_signs_once(client, approved, tokens):
    first = sign(client, tokens["union"])
    second = sign(client, tokens["union"], name="Someone Else")

    assert first.status_code == 302
    assert_neutral(second, 410, "used")
    signed = SignatureRequest.objects.get(party="union")
    assert signed.signed_name == "Rosa Martínez"
    assert SignatureEvent.objects.filter(kind="signed").count() == 1
    assert AuditEvent.objects.filter(action="sign").count() == 1


def test_the_service_refuses_a_second_signature(approved, tokens):
    fields = {"kind": "typed", "typed": "R M", "name": "R M", "title": "P", "consent_text": "yes"}
    signing.sign(token=tokens["union"], **fields)

    with pytest.raises(signing.LinkUnusable) as error:
        signing.sign(token=tokens["union"], **fields)

    assert error.value.reason == "used"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level concurrency needs PostgreSQL")
def test_two_submissions_at_the_same_moment_sign_once():
    from tests.agreements.conftest import VALUES as values
    from tests.cases.factories import WorksiteFactory
    from tests.factories import OrganizationFactory, member

    organization = OrganizationFactory(name="Local 12")
    organizer = member("organizer", organization, username="organizer")
    admin = member("admin", organization, username="admin")
    site = WorksiteFactory(organization=organization, created_by=organizer)
    from agreements.models import AgreementTemplate

    template = AgreementTemplate.objects.get(name="ICE neutrality agreement", version=1)
    agreement = without_drafting_notes(
        services.create_agreement(worksite=site, template=template, values=dict(values), user=organizer)
    )
    tokens = send(approve(agreement, organizer, admin), admin)
    start = threading.Barrier(2)
    outcomes = []

    def worker():
        try:
            start.wait()
            signing.sign(
                token=tokens["union"], kind="typed", typed="R", name="R", title="P", consent_text="c"
            )
            outcomes.append("signed")
        except signing.LinkUnusable as error:
            outcomes.append(error.reason)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(outcomes) == ["signed", "used"]
    assert SignatureEvent.objects.filter(kind="signed").count() == 1


def test_a_revoked_link_gets_the_neutral_page(client, admin, tokens):
    client.force_login(admin)
    union = SignatureRequest.objects.get(party="union")
    response = client.post(reverse("agreements:signature_revoke", args=[union.uuid]))
    client.logout()

    assert response.status_code == 302
    union.refresh_from_db()
    assert union.revoked_at is not None
    assert AuditEvent.objects.filter(summary="signature request of the union signer revoked").count() == 1
    assert_neutral(client.get(sign_url(tokens["union"])), 410, "revoked")
    assert_neutral(sign(client, tokens["union"]), 410, "revoked")


def test_a_revoked_party_can_be_sent_a_link_again(client, approved, admin, tokens):
    signing.revoke_request(signature_request=SignatureRequest.objects.get(party="union"), user=admin)
    client.force_login(admin)
    data = {f"union_{key}": value for key, value in SIGNERS["union"].items()}
    data["expires_on"] = (timezone.localdate() + timedelta(days=5)).isoformat()

    response = client.post(reverse("agreements:send_for_signature", args=[approved.uuid]), data)

    assert response.status_code == 302
    assert SignatureRequest.objects.filter(party="union").count() == 2
    new = tokens_in(mail.outbox[2:])["union"]
    assert client.get(sign_url(new)).status_code == 200


def test_a_revoked_party_is_not_sent_a_link_at_the_other_signers_address(client, approved, admin, tokens):
    signing.revoke_request(signature_request=SignatureRequest.objects.get(party="union"), user=admin)
    client.force_login(admin)
    data = {f"union_{key}": value for key, value in SIGNERS["union"].items()}
    data["union_email"] = SIGNERS["employer"]["email"]
    data["expires_on"] = (timezone.localdate() + timedelta(days=5)).isoformat()

    response = client.post(reverse("agreements:send_for_signature", args=[approved.uuid]), data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Each party signs through its own representative: give the two signers different emails."
    ]
    assert SignatureRequest.objects.filter(party="union").count() == 1
    assert len(mail.outbox) == 2


def test_resending_makes_a_new_link_and_kills_the_old_one(client, admin, tokens):
    client.force_login(admin)
    union = SignatureRequest.objects.get(party="union")
    lifetime = union.expires_at - union.sent_at

    response = client.post(reverse("agreements:signature_resend", args=[union.uuid]))

    assert response.status_code == 302
    client.logout()
    new = tokens_in(mail.outbox[2:])["union"]
    assert new != tokens["union"]
    assert_neutral(client.get(sign_url(tokens["union"])), 404, "unknown")
    assert client.get(sign_url(new)).status_code == 200
    union.refresh_from_db()
    assert union.expires_at - union.sent_at == lifetime
    assert list(SignatureEvent.objects.filter(request=union).values_list("kind", flat=True)) == [
        "sent",
        "resent",
        "viewed",
    ]
    assert (
        AuditEvent.objects.filter(
            summary__startswith="signature request of the union signer sent again"
        ).count()
        == 1
    )


def test_revoke_and_resend_refuse_a_signed_request(client, admin, tokens):
    sign(client, tokens["union"])
    client.force_login(admin)
    union = SignatureRequest.objects.get(party="union")

    for name in ("agreements:signature_revoke", "agreements:signature_resend"):
        response = client.post(reverse(name, args=[union.uuid]), follow=True)
        assert [str(m) for m in response.context["messages"]] == [
            "This request is already signed or revoked."
        ]
    union.refresh_from_db()
    assert union.revoked_at is None
    assert len(mail.outbox) == 2


def test_editing_the_agreement_after_sending_stops_the_links(client, approved, organizer, tokens):
    sign(client, tokens["union"])
    sections = approved.latest_version().sections
    sections[0]["body_en"] = "Changed after sending."

    services.save_draft(agreement=approved, sections=sections, values=VALUES, user=organizer)

    approved.refresh_from_db()
    assert (approved.status, approved.approved_version) == (Agreement.Status.IN_REVIEW, None)
    assert_neutral(client.get(sign_url(tokens["employer"])), 410, "superseded")
    assert_neutral(sign(client, tokens["employer"]), 410, "superseded")


def test_a_link_for_an_older_version_cannot_be_signed_after_a_new_approval(
    client, approved, organizer, admin, tokens
):
    sections = approved.latest_version().sections
    sections[0]["body_en"] = "Changed after sending."
    services.save_draft(agreement=approved, sections=sections, values=VALUES, user=organizer)
    services.approve(agreement=approved, user=admin)

    assert_neutral(client.get(sign_url(tokens["union"])), 410, "superseded")
    new = send(approved, admin)
    assert client.get(sign_url(new["union"])).status_code == 200


def test_signing_pages_are_throttled_per_address(client, settings, tokens):
    settings.SIGNING_LINKS_PER_MINUTE = 2
    assert client.get(sign_url(tokens["union"])).status_code == 200
    assert client.get(sign_url("x" * 43)).status_code == 404

    response = client.get(sign_url(tokens["union"]))

    assert response.status_code == 429
    assert "each address may open 2 signing pages a minute" in response.content.decode()


# Execution


def sign_both(client, tokens, kinds=("drawn", "drawn")):
    sign(client, tokens["union"], kind=kinds[0], name="Rosa Martínez", title="President, Local 705")
    return sign(client, tokens["employer"], kind=kinds[1], name="John Whitfield", title="Plant manager")


def test_without_an_effective_date_the_term_runs_from_the_day_both_parties_signed(
    client, site, template, organizer, admin
):
    agreement = approve(create_agreement(site, template, organizer, effective_date=""), organizer, admin)
    assert "The agreement takes effect on the day both parties have signed it and lasts 24 months." in (
        agreement.latest_version().sections[0]["body_en"]
    )
    assert "El acuerdo entra en vigor el día en que ambas partes lo hayan firmado y dura 24 meses." in (
        agreement.latest_version().sections[0]["body_es"]
    )

    sign_both(client, send(agreement, admin))

    agreement.refresh_from_db()
    signed_on = timezone.localdate(SignatureRequest.objects.get(party="employer").signed_at)
    assert (agreement.status, agreement.effective_on) == (Agreement.Status.ACTIVE, signed_on)


def test_a_text_that_ends_with_its_term_expires_on_the_terms_last_day(
    client, site, template, organizer, admin
):
    agreement = create_agreement(site, template, organizer)
    sections = agreement.latest_version().sections
    for key, sentence in (
        (
            "body_en",
            "After that it continues month to month until either party gives the other 60 days' written "
            "notice that it wants to end or renegotiate it. ",
        ),
        (
            "body_es",
            "Después sigue vigente mes a mes hasta que una de las partes avise a la otra por escrito, con 60 "
            "días de anticipación, que quiere terminarlo o renegociarlo. ",
        ),
    ):
        assert sentence in sections[0][key]
        sections[0][key] = sections[0][key].replace(sentence, "")
    services.save_draft(agreement=agreement, sections=sections, values=agreement.values, user=organizer)
    approve(agreement, organizer, admin)

    sign_both(client, send(agreement, admin))

    agreement.refresh_from_db()
    # 24 months, from March 1, 2027 through February 28, 2029
    assert (agreement.effective_on, agreement.expires_on) == (date(2027, 3, 1), date(2029, 2, 28))


def test_without_an_effective_date_the_term_runs_from_the_signing_day_at_the_worksite(
    client, site, template, organizer, admin
):
    """Signed at 06:05 UTC: 10:05 p.m. the day before in Los Angeles, already the next day in Chicago (the
    desk's zone). The worksite's calendar dates its incidents, so it dates the term too."""
    site.time_zone = "America/Los_Angeles"
    site.save(update_fields=["time_zone"])
    agreement = approve(create_agreement(site, template, organizer, effective_date=""), organizer, admin)
    links = send(agreement, admin)
    now = timezone.now()
    moment = now.replace(hour=6, minute=5, second=0, microsecond=0) + timedelta(days=1)
    los_angeles_day = (moment - timedelta(days=1)).date()

    with mock.patch("django.utils.timezone.now", return_value=moment):
        sign_both(client, links)

    agreement.refresh_from_db()
    assert agreement.executed_at == moment
    assert timezone.localdate(moment) == los_angeles_day + timedelta(days=1)  # Chicago's day
    assert agreement.effective_on == los_angeles_day
    assert AuditEvent.objects.filter(
        summary__startswith=f"agreement executed, effective {los_angeles_day.isoformat()};"
    ).exists()


def test_both_signatures_execute_the_agreement(client, approved, tokens):
    response = sign_both(client, tokens, kinds=("drawn", "typed"))

    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Agreement.Status.ACTIVE
    last = SignatureRequest.objects.get(party="employer").signed_at
    assert approved.executed_at == last
    # The text says it takes effect on March 1, 2027 (VALUES): the term runs from that day. After it, the
    # model text goes on month to month until a party gives notice: no day it ends by itself.
    assert approved.effective_on == date(2027, 3, 1)
    assert approved.expires_on is None
    executed, certificate = approved.executed_document, approved.certificate_document
    assert (executed.kind, certificate.kind) == ("executed_agreement", "signature_certificate")
    assert (executed.signed, certificate.signed) == (True, True)
    assert executed.subject == certificate.subject == f"agreements.agreement:{approved.uuid}"
    text = pdf_text(executed)
    for expected in (
        "Rosa Martínez",
        "John Whitfield",
        "Plant manager",
        "Certificate of completion",
        approved.approved_version.sha256[:40],
        "Consented and signed",
        "TestBrowser/1.0",
        "127.0.0.1",
        approved.approved_version.sections[0]["heading_en"],
    ):
        assert expected in text.replace("\n", ""), expected
    assert any(name.endswith("+Dancing-Script") for name in font_names(executed))  # the typed signature
    certificate_text = pdf_text(certificate)
    assert "Certificate of completion" in certificate_text
    assert executed.sha256[:40] in certificate_text.replace("\n", "")
    assert AuditEvent.objects.filter(summary__startswith="agreement executed, effective").count() == 1
    assert (
        AuditEvent.objects.for_object(approved).filter(summary="status: partially_signed → active").count()
        == 1
    )


def test_without_a_whole_number_term_the_agreement_has_no_expiry(client, approved, tokens):
    values = dict(approved.values, term_months="two years")
    Agreement.objects.filter(pk=approved.pk).update(values=values)

    sign_both(client, tokens)

    approved.refresh_from_db()
    assert (approved.status, approved.expires_on) == (Agreement.Status.ACTIVE, None)


def font_names(document):
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return {
        str(font.get_object().get("/BaseFont"))
        for page in reader.pages
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values()
    }


def image_xobjects(document):
    document.file.open("rb")
    try:
        reader = PdfReader(io.BytesIO(document.file.read()))
    finally:
        document.file.close()
    found = set()  # pages may share one resource dictionary: count each image once
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        found |= {x.idnum for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"}
    return len(found)


def test_the_executed_pdf_carries_both_drawn_signatures_and_validates(client, approved, tokens):
    sign_both(client, tokens)

    approved.refresh_from_db()
    assert image_xobjects(approved.executed_document) == 2
    assert image_xobjects(approved.certificate_document) == 0
    for document in (approved.executed_document, approved.certificate_document):
        with document.file.open("rb") as handle:
            data = handle.read()
        status = pyhanko_status(data)
        assert (status.intact, status.valid, status.trusted) == (True, True, True)
        assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        assert hashlib.sha256(data).hexdigest() == document.sha256


def test_the_executed_pdf_verifies_on_the_public_page(client, approved, tokens):
    sign_both(client, tokens)
    approved.refresh_from_db()
    with approved.executed_document.file.open("rb") as handle:
        data = handle.read()

    text = client.post(reverse("verify"), {"file": upload("executed.pdf", data)}).content.decode()

    assert "Valid signature of this organization." in text
    assert str(approved.executed_document.uuid) in text
    assert "Executed neutrality agreement" in text


def test_execution_emails_both_signers_a_download_link(client, approved, tokens):
    sign_both(client, tokens)

    executed_mails = mail.outbox[2:]
    assert sorted(m.to[0] for m in executed_mails) == sorted(s["email"] for s in SIGNERS.values())
    assert {m.subject for m in executed_mails} == {
        "Signed by both parties: neutrality agreement with Acme Poultry"
    }
    links = tokens_in(executed_mails)
    assert set(links) == {"union", "employer"}
    stored = SignatureRequest.objects.get(party="union")
    assert stored.download_token_hash == hashlib.sha256(links["union"].encode()).hexdigest()
    assert f"/agreements/sign/{links['union']}/executed.pdf" in next(
        m.body for m in executed_mails if m.to == [SIGNERS["union"]["email"]]
    )

    response = client.get(reverse("agreements:signer_executed_pdf", args=[links["union"]]))

    approved.refresh_from_db()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Referrer-Policy"] == "no-referrer"
    assert (
        hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == approved.executed_document.sha256
    )
    event = AuditEvent.objects.get(action="download")
    assert event.summary == "executed agreement downloaded by the union signer through their link"
    assert event.object_id == str(approved.executed_document.uuid)


def test_the_signers_done_page_offers_the_executed_pdf(client, approved, tokens):
    sign_both(client, tokens)

    text = client.get(reverse("agreements:sign_done", args=[tokens["employer"]])).content.decode()

    assert "Both parties have signed." in text
    url = reverse("agreements:signer_executed_pdf", args=[tokens["employer"]])
    assert url in text
    assert client.get(url).status_code == 200


def test_the_signers_download_ends_after_30_days(client, approved, tokens):
    sign_both(client, tokens)
    approved.refresh_from_db()
    Agreement.objects.filter(pk=approved.pk).update(
        executed_at=timezone.now() - timedelta(days=30, minutes=1)
    )

    assert_neutral(
        client.get(reverse("agreements:signer_executed_pdf", args=[tokens["union"]])), 404, "unknown"
    )


def test_no_download_before_execution_or_with_a_wrong_token(client, approved, tokens):
    sign(client, tokens["union"])

    for token in (tokens["union"], tokens["employer"], "x" * 43):
        response = client.get(reverse("agreements:signer_executed_pdf", args=[token]))
        assert_neutral(response, 404, "unknown")
    assert_neutral(client.get(reverse("agreements:sign_done", args=[tokens["employer"]])), 404, "unknown")


def test_staff_download_the_executed_pdf_and_certificate(client, approved, tokens, organizer):
    sign_both(client, tokens)
    approved.refresh_from_db()
    client.force_login(organizer)

    for name, document in (
        ("agreements:executed_pdf", approved.executed_document),
        ("agreements:certificate_pdf", approved.certificate_document),
    ):
        response = client.get(reverse(name, args=[approved.uuid]))
        assert response.status_code == 200
        assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.sha256
    events = AuditEvent.objects.filter(action="download").order_by("sequence")
    assert [(e.actor, e.object_id) for e in events] == [
        (organizer, str(approved.executed_document.uuid)),
        (organizer, str(approved.certificate_document.uuid)),
    ]


def test_staff_downloads_are_not_found_before_execution(client, approved, organizer):
    client.force_login(organizer)

    for name in ("agreements:executed_pdf", "agreements:certificate_pdf"):
        assert client.get(reverse(name, args=[approved.uuid])).status_code == 404


def test_execution_without_a_signing_certificate_signs_nothing(client, settings, approved, tokens):
    sign(client, tokens["union"])
    settings.SIGNING_PKCS12_PATH = ""

    response = sign(client, tokens["employer"])

    assert response.status_code == 503
    assert "Nothing was signed" in response.content.decode()
    assert SignatureRequest.objects.get(party="employer").signed_at is None
    approved.refresh_from_db()
    assert approved.status == Agreement.Status.PARTIALLY_SIGNED
    assert Document.objects.count() == 0


# The agreement page


def test_agreement_page_lists_the_signature_requests_and_admin_actions(
    client, approved, admin, organizer, tokens
):
    sign(client, tokens["union"])
    client.force_login(admin)

    text = client.get(approved.get_absolute_url()).content.decode()

    assert "Rosa Martínez, President, Local 705" in text
    assert "Waiting for signature" in text and "Signed" in text
    employer = SignatureRequest.objects.get(party="employer")
    assert reverse("agreements:signature_revoke", args=[employer.uuid]) in text
    assert reverse("agreements:send_for_signature", args=[approved.uuid]) not in text
    client.force_login(organizer)
    text = client.get(approved.get_absolute_url()).content.decode()
    assert reverse("agreements:signature_revoke", args=[employer.uuid]) not in text


def test_agreement_page_offers_sending_once_approved(client, approved, admin):
    client.force_login(admin)

    text = client.get(approved.get_absolute_url()).content.decode()

    assert reverse("agreements:send_for_signature", args=[approved.uuid]) in text


def test_agreement_page_links_the_executed_documents(client, approved, tokens, legal):
    sign_both(client, tokens)
    client.force_login(legal)

    text = client.get(approved.get_absolute_url()).content.decode()

    assert reverse("agreements:executed_pdf", args=[approved.uuid]) in text
    assert reverse("agreements:certificate_pdf", args=[approved.uuid]) in text


def test_the_signing_page_chooses_its_language_without_a_post(client, tokens):
    response = client.get(sign_url(tokens["union"]), {"language": "es"})

    assert "Firmar el acuerdo de neutralidad" in response.content.decode()
    assert response.cookies["django_language"].value == "es"
    assert 'method="get"' in response.content.decode()
    assert "/language/" not in response.content.decode()


def test_the_signing_form_works_without_a_csrf_token_as_a_no_referrer_page_sends_origin_null(
    approved, tokens
):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post(sign_url(tokens["union"]), sign_form(), HTTP_ORIGIN="null")

    assert response.status_code == 302
    assert SignatureRequest.objects.get(party="union").signed_at is not None


def test_the_executed_documents_never_change(client, approved, tokens):
    from power_campaign.immutable import ImmutableError

    sign_both(client, tokens)
    approved.refresh_from_db()

    for document in (approved.executed_document, approved.certificate_document):
        document.title = "Changed"
        with pytest.raises(ImmutableError):
            document.save()
        with pytest.raises(ImmutableError):
            document.delete()


def test_the_executed_pdf_and_its_certificate_are_long_term_signatures(
    client, approved, tokens, timestamping
):
    """PAdES B-LT with a trusted timestamp: validated long after the signing certificate expired, offline,
    at the timestamp's time, with only the validation data the file carries, both still hold."""
    import datetime

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import DocumentSecurityStore, validate_pdf_signature

    sign_both(client, tokens)
    approved.refresh_from_db()
    later = timestamping.signer_expires + datetime.timedelta(days=30)
    for document in (approved.executed_document, approved.certificate_document):
        document.file.open("rb")
        pdf = document.file.read()
        document.file.close()
        reader = PdfFileReader(io.BytesIO(pdf))
        dss = DocumentSecurityStore.read_dss(reader)
        assert (len(dss.ocsps), len(dss.crls)) == (1, 1)
        options = {
            "trust_roots": [timestamping.root],
            "allow_fetching": False,
            "revocation_mode": "hard-fail",
        }
        signature = reader.embedded_signatures[-1]
        stamped = validate_pdf_signature(
            signature, dss.as_validation_context({**options, "moment": later})
        ).timestamp_validity.timestamp
        status = validate_pdf_signature(signature, dss.as_validation_context({**options, "moment": stamped}))
        assert (status.intact, status.valid, status.trusted, status.bottom_line) == (True, True, True, True)
        assert "Signed with a trusted timestamp (RFC 3161)" in pdf_text(document)
