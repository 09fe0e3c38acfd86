"""RFC 3161 timestamps (PAdES B-T) and long-term validation data (PAdES B-LT), against a local PKI with a
timestamp authority, OCSP and CRLs (certomancer, served on 127.0.0.1: see timestamp_authority.py)."""

import datetime
import io
import socket
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.urls import reverse
from django.utils import dateformat, formats, timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import DocumentSecurityStore, validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from power_campaign.audit.models import AuditEvent
from power_campaign.documents import services
from power_campaign.documents.models import Document, Packet
from power_campaign.documents.signing import SigningFailed, check_signature, sign_pdf
from tests.documents import timestamp_authority
from tests.factories import packet_with_exhibits, simple_pdf, upload

CLOCK_ONLY = "Signed with the signer's clock time only (no trusted timestamp)"
TIMESTAMPED = "Signed with a trusted timestamp (RFC 3161)"


@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the socket is closed


def only_signature(pdf):
    signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(signatures) == 1
    return signatures[0]


def pdf_text(pdf):
    """The text of every page, with each run of white space (line breaks in the footer) as one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def notice(organization, user, *, language="en", long_term=False):
    return services.create_document(
        organization=organization,
        kind="notice",
        title="Notice",
        template="pdf/notice_ice_rights.html",
        context={},
        language=language,
        user=user,
        access="organization",
        long_term=long_term,
    )


def seconds_from_now(moment):
    return abs((datetime.datetime.now(datetime.UTC) - moment).total_seconds())


# PAdES B-T


def test_signature_carries_a_valid_trusted_timestamp_of_now(timestamping):
    pdf = sign_pdf(simple_pdf(), reason="Test")
    signature = only_signature(pdf)
    context = ValidationContext(trust_roots=[timestamping.root], allow_fetching=True)
    status = validate_pdf_signature(signature, context)
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    timestamp = status.timestamp_validity
    assert (timestamp.intact, timestamp.valid, timestamp.trusted) == (True, True, True)
    assert timestamp.signing_cert.subject.native["common_name"] == "Test Timestamp Authority"
    assert seconds_from_now(timestamp.timestamp) < 30
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert "/DSS" not in PdfFileReader(io.BytesIO(pdf)).root  # no validation data unless long-term


def test_verification_check_reports_the_trusted_timestamp(timestamping):
    check = check_signature(sign_pdf(simple_pdf(), reason="Test"))
    assert (check.valid, check.by_us, check.whole_file) == (True, True, True)
    assert seconds_from_now(check.timestamped_at) < 30


def test_a_timestamp_from_an_authority_not_trusted_here_is_not_reported(timestamping, settings, tmp_path):
    pdf = sign_pdf(simple_pdf(), reason="Test")
    other_root = x509.load_der_x509_certificate(timestamping.signer.dump())  # not a CA of the authority
    (tmp_path / "other-roots.pem").write_bytes(other_root.public_bytes(serialization.Encoding.PEM))
    settings.SIGNING_TSA_ROOTS = str(tmp_path / "other-roots.pem")
    check = check_signature(pdf)
    assert (check.valid, check.timestamped_at) == (True, None)


def test_without_a_timestamp_authority_the_signature_has_no_timestamp(settings):
    settings.SIGNING_TSA_URL = ""
    pdf = sign_pdf(simple_pdf(), reason="Test")
    check = check_signature(pdf)
    assert (check.valid, check.timestamped_at) == (True, None)
    assert "signature_time_stamp_token" not in str(only_signature(pdf).signer_info["unsigned_attrs"].native)


# PAdES B-LT


def test_long_term_signature_embeds_the_validation_data_in_the_signed_revision(timestamping):
    pdf = sign_pdf(simple_pdf(), reason="Test", long_term=True)
    reader = PdfFileReader(io.BytesIO(pdf))
    signature = only_signature(pdf)
    dss = DocumentSecurityStore.read_dss(reader)
    subjects = sorted(cert.subject.native["common_name"] for cert in dss.load_certs())
    assert subjects == ["POWER Campaign test signer", "Test Root CA", "Test Timestamp Authority"]
    assert (len(dss.ocsps), len(dss.crls)) == (1, 1)  # the signer's OCSP response, the authority's CRL
    context = ValidationContext(trust_roots=[timestamping.root], allow_fetching=False)
    status = validate_pdf_signature(signature, context, skip_diff=True)
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE  # the DSS is inside the signed bytes
    assert (status.intact, status.valid) == (True, True)
    check = check_signature(pdf)
    assert (check.valid, check.whole_file) == (True, True)
    assert seconds_from_now(check.timestamped_at) < 30


def dss_of(pdf):
    return DocumentSecurityStore.read_dss(PdfFileReader(io.BytesIO(pdf)))


def offline(pki, moment, dss=None):
    """A validation context that fetches nothing and requires revocation data for every certificate
    below the root (only what the file carries, `dss`, can provide it)."""
    options = {"trust_roots": [pki.root], "allow_fetching": False, "revocation_mode": "hard-fail"}
    options["moment"] = moment
    if dss is None:
        return ValidationContext(**options, ocsps=[], crls=[])
    return dss.as_validation_context(options)


def test_long_term_signature_still_validates_after_the_signing_certificate_expired(timestamping):
    pdf = sign_pdf(simple_pdf(), reason="Test", long_term=True)
    later = timestamping.signer_expires + datetime.timedelta(days=30)
    # Now (a month after the certificate expired) the signature's certificate is no longer valid...
    expired = validate_pdf_signature(only_signature(pdf), offline(timestamping, later, dss_of(pdf)))
    assert (expired.intact, expired.valid, expired.trusted) == (True, True, False)
    # ...but the trusted timestamp proves when it was made, and the embedded revocation data that the
    # certificates were good then: validated at that time with nothing fetched, the signature holds.
    stamped = expired.timestamp_validity.timestamp
    assert seconds_from_now(stamped) < 30
    status = validate_pdf_signature(only_signature(pdf), offline(timestamping, stamped, dss_of(pdf)))
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    timestamp = status.timestamp_validity
    assert (timestamp.intact, timestamp.valid, timestamp.trusted) == (True, True, True)
    assert status.bottom_line is True


def test_without_the_embedded_data_the_signature_cannot_be_validated_offline(timestamping):
    pdf = sign_pdf(simple_pdf(), reason="Test")  # B-T only: no validation data
    assert "/DSS" not in PdfFileReader(io.BytesIO(pdf)).root
    stamped = validate_pdf_signature(
        only_signature(pdf), offline(timestamping, None)
    ).timestamp_validity.timestamp
    status = validate_pdf_signature(only_signature(pdf), offline(timestamping, stamped))
    assert (status.intact, status.valid, status.trusted) == (True, True, False)


def test_long_term_signature_with_the_development_certificate_carries_it_without_revocation_data(settings):
    settings.SIGNING_TSA_URL = ""
    settings.DEBUG = True  # and no certificate configured: the self-signed development certificate
    settings.SIGNING_PKCS12_PATH = ""
    pdf = sign_pdf(simple_pdf(), reason="Test", long_term=True)
    dss = dss_of(pdf)
    assert [cert.subject.native["common_name"] for cert in dss.load_certs()] == [
        "POWER Campaign (development only)"
    ]
    assert (len(dss.ocsps), len(dss.crls)) == (0, 0)  # a trust anchor of its own: nothing to revoke
    check = check_signature(pdf)
    assert (check.valid, check.whole_file, check.timestamped_at) == (True, True, None)


# Failures: never an untimestamped signature when an authority is configured


def test_a_timestamp_authority_that_is_down_stops_the_document_and_nothing_is_stored(
    timestamping, settings, closed_port, organization, legal
):
    settings.SIGNING_TSA_URL = f"http://127.0.0.1:{closed_port}/tsa"
    with pytest.raises(SigningFailed) as raised:
        notice(organization, legal)
    assert str(raised.value).startswith(
        f"The timestamp authority (http://127.0.0.1:{closed_port}/tsa) gave no timestamp ("
    )
    assert str(raised.value).endswith(
        "). Nothing was signed or stored: try again later, or ask the administrator to check SIGNING_TSA_URL."
    )
    assert Document.objects.count() == 0
    assert AuditEvent.objects.filter(action__in=["sign", "create"]).count() == 0
    assert [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()] == []


def test_the_error_does_not_show_the_authoritys_credentials(timestamping, settings, closed_port):
    settings.SIGNING_TSA_URL = f"https://user:secret@127.0.0.1:{closed_port}/tsa"
    with pytest.raises(SigningFailed) as raised:
        sign_pdf(simple_pdf(), reason="Test")
    assert str(raised.value).startswith(
        f"The timestamp authority (https://127.0.0.1:{closed_port}/tsa) gave no timestamp ("
    )
    assert "secret" not in str(raised.value)


def test_a_timestamp_authority_that_refuses_stops_the_signature(timestamping, settings):
    settings.SIGNING_TSA_URL = f"{timestamping.base_url}/test-pki/tsa/no-such-authority"
    with pytest.raises(SigningFailed, match=r"^The timestamp authority \(http://127\.0\.0\.1:\d+/test-pki"):
        sign_pdf(simple_pdf(), reason="Test")


def test_long_term_signature_without_reachable_revocation_data_fails(settings, tmp_path):
    # a PKI whose OCSP responder and CRLs no longer answer: its root is trusted, but the revocation data
    # of the signing certificate cannot be fetched
    dead_pki, stop = timestamp_authority.start(tmp_path, datetime.datetime.now(datetime.UTC))
    stop()
    settings.SIGNING_TSA_URL = ""
    settings.SIGNING_PKCS12_PATH = str(dead_pki.pkcs12)
    settings.SIGNING_PKCS12_PASSPHRASE = dead_pki.passphrase
    settings.SIGNING_TSA_ROOTS = str(dead_pki.roots_pem)
    with pytest.raises(
        SigningFailed, match=r"^The validation data for a long-term signature could not be gathered"
    ):
        sign_pdf(simple_pdf(), reason="Test", long_term=True)


def test_a_packet_whose_timestamp_fails_is_marked_failed_with_the_reason(
    timestamping, settings, closed_port, organization, legal
):
    packet = packet_with_exhibits(legal, organization, [("a.pdf", simple_pdf())])
    settings.SIGNING_TSA_URL = f"http://127.0.0.1:{closed_port}/tsa"
    services.queue_packet(packet=packet, user=legal)  # the immediate backend builds it at once
    packet.refresh_from_db()
    assert packet.status == Packet.Status.FAILED
    assert packet.error.startswith(f"The timestamp authority (http://127.0.0.1:{closed_port}/tsa) gave no")
    assert packet.document is None
    assert Document.objects.count() == 0


def test_a_packet_is_signed_with_a_timestamp_and_its_cover_says_so(timestamping, organization, legal):
    packet = packet_with_exhibits(legal, organization, [("a.pdf", simple_pdf())])
    services.queue_packet(packet=packet, user=legal)
    packet.refresh_from_db()
    assert packet.status == Packet.Status.DONE
    data = packet.document.file.read()
    cover = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert TIMESTAMPED in cover
    assert seconds_from_now(check_signature(data).timestamped_at) < 30


# What documents say about their time


@pytest.mark.django_db
def test_without_a_timestamp_authority_a_document_says_it_carries_the_signers_clock_time_only(
    settings, organization, legal
):
    settings.SIGNING_TSA_URL = ""
    text = pdf_text(notice(organization, legal).file.read())
    assert CLOCK_ONLY in text
    assert TIMESTAMPED not in text


@pytest.mark.django_db
def test_without_a_timestamp_authority_a_spanish_document_says_so_in_spanish(settings, organization, legal):
    settings.SIGNING_TSA_URL = ""
    text = pdf_text(notice(organization, legal, language="es").file.read())
    assert "Firmado solo con la hora del reloj del firmante (sin sello de tiempo de confianza)" in text


@pytest.mark.django_db
def test_with_a_timestamp_authority_a_document_says_it_is_timestamped(timestamping, organization, legal):
    document = notice(organization, legal, long_term=True)
    data = document.file.read()
    text = pdf_text(data)
    assert TIMESTAMPED in text
    assert CLOCK_ONLY not in text
    es = pdf_text(notice(organization, legal, language="es").file.read())
    assert "Firmado con un sello de tiempo de confianza (RFC 3161)" in es
    assert (document.signed, document.version) == (True, 1)
    assert "/DSS" in PdfFileReader(io.BytesIO(data)).root


@pytest.mark.django_db
def test_an_unsigned_document_says_nothing_about_signature_time(settings, organization, legal):
    document = services.create_document(
        organization=organization,
        kind="notice",
        title="Notice",
        template="pdf/notice_ice_rights.html",
        context={},
        language="en",
        user=legal,
        access="organization",
        sign=False,
    )
    text = pdf_text(document.file.read())
    assert "Signed with" not in text


@pytest.mark.django_db
def test_store_document_long_term_refuses_a_pdf_without_validation_data(settings, organization, legal):
    settings.SIGNING_TSA_URL = ""
    with pytest.raises(ValueError, match=r"validation data embedded \(PAdES B-LT\)$"):
        services.store_document(
            organization=organization,
            kind="notice",
            title="Notice",
            pdf=sign_pdf(simple_pdf(), reason="t"),
            signed=True,
            language="en",
            user=legal,
            access="organization",
            long_term=True,
        )
    assert Document.objects.count() == 0
    stored = services.store_document(
        organization=organization,
        kind="notice",
        title="Notice",
        pdf=sign_pdf(simple_pdf(), reason="t", long_term=True),
        signed=True,
        language="en",
        user=legal,
        access="organization",
        long_term=True,
    )
    assert stored.version == 1


# The public verification page


@pytest.mark.django_db
def test_verification_page_shows_a_trusted_timestamp_and_its_time(client, timestamping, organization, legal):
    data = notice(organization, legal).file.read()
    stamped = timezone.localtime(check_signature(data).timestamped_at)
    text = client.post(reverse("verify"), {"file": upload("mine.pdf", data)}).content.decode()
    assert "Valid signature of this organization." in text
    assert (
        f'Timestamped by a trusted authority: yes, <time datetime="{dateformat.format(stamped, "c")}">'
        f"{formats.date_format(stamped, 'DATETIME_FORMAT')}</time>"
    ) in text


@pytest.mark.django_db
def test_verification_page_says_a_signature_without_timestamp_carries_the_signers_clock(
    client, settings, organization, legal
):
    settings.SIGNING_TSA_URL = ""
    document = notice(organization, legal)
    text = client.post(reverse("verify"), {"file": upload("mine.pdf", document.file.read())}).content.decode()
    assert "Timestamped by a trusted authority: no: the signature date is the signer's own clock time" in text


@pytest.mark.django_db
def test_verification_page_says_nothing_about_the_timestamp_of_a_modified_document(
    client, timestamping, organization, legal
):
    data = bytearray(notice(organization, legal).file.read())
    position = data.index(b"/MediaBox")
    data[position + 1] = ord("m")  # inside the signed bytes
    text = client.post(reverse("verify"), {"file": upload("changed.pdf", bytes(data))}).content.decode()
    assert "This document was modified after it was signed. Do not rely on it." in text
    assert "Timestamped by a trusted authority" not in text
