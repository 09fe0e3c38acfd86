import asyncio
import io

import pytest
from pyhanko.pdf_utils.generic import pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from power_campaign.documents.signing import (
    Signer,
    SigningNotConfigured,
    check_signature,
    get_signer,
    sign_pdf,
    signing_certificate,
)
from tests.conftest import make_pkcs12
from tests.factories import simple_pdf


def pyhanko_status(pdf):
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    context = ValidationContext(trust_roots=[signing_certificate()], allow_fetching=False)
    return validate_pdf_signature(signature, context)


def test_signed_pdf_validates_as_intact_valid_and_covering_the_whole_file():
    status = pyhanko_status(sign_pdf(simple_pdf(2), reason="Test"))
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signer_reported_dt is not None
    assert status.signing_cert.subject.native["common_name"] == "POWER Campaign test signer"


def test_signature_is_pades():
    signature = PdfFileReader(io.BytesIO(sign_pdf(simple_pdf(), reason="Test"))).embedded_signatures[0]
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


def test_check_reports_an_untouched_signed_file_as_valid():
    check = check_signature(sign_pdf(simple_pdf(), reason="Test"))
    assert (check.signed, check.by_us, check.intact, check.whole_file, check.valid, check.modified) == (
        True,
        True,
        True,
        True,
        True,
        False,
    )


def test_changing_one_signed_byte_is_reported_as_modified():
    signed = bytearray(sign_pdf(simple_pdf(), reason="Test"))
    position = signed.index(b"/MediaBox")
    signed[position + 1] = ord("m")  # inside the signed byte range
    check = check_signature(bytes(signed))
    assert (check.intact, check.modified, check.valid) == (False, True, False)


def test_an_appended_incremental_update_is_reported_as_modified():
    signed = sign_pdf(simple_pdf(), reason="Test")
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = pdf_string("es")  # a change appended after the signature
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    check = check_signature(output.getvalue())
    assert check.intact is True  # the signed bytes are still there...
    assert check.whole_file is False  # ...but something was added after them
    assert (check.modified, check.valid) == (True, False)


def test_a_signature_by_another_key_is_not_ours(tmp_path, settings):
    stranger = make_pkcs12(tmp_path / "stranger.p12", "Someone else")
    ours = settings.SIGNING_PKCS12_PATH
    settings.SIGNING_PKCS12_PATH = str(stranger)
    signed_by_stranger = sign_pdf(simple_pdf(), reason="Test")
    settings.SIGNING_PKCS12_PATH = ours
    check = check_signature(signed_by_stranger)
    assert (check.signed, check.by_us, check.valid) == (True, False, False)


def test_unsigned_pdf_is_reported_as_unsigned():
    check = check_signature(simple_pdf())
    assert (check.signed, check.valid, check.modified) == (False, False, False)


def test_production_refuses_to_sign_without_a_configured_certificate(settings):
    settings.DEBUG = False
    settings.SIGNING_PKCS12_PATH = ""
    with pytest.raises(SigningNotConfigured, match="SIGNING_PKCS12_PATH is not set"):
        sign_pdf(simple_pdf(), reason="Test")


def test_development_generates_a_self_signed_certificate_into_var(settings, tmp_path):
    settings.DEBUG = True
    settings.SIGNING_PKCS12_PATH = ""
    settings.VAR_DIR = tmp_path
    check = check_signature(sign_pdf(simple_pdf(), reason="Test"))
    assert check.valid is True
    assert (tmp_path / "signing" / "development-signing.p12").exists()
    assert "development only" in check.signer


def test_wrong_passphrase_is_a_clear_error(settings):
    settings.SIGNING_PKCS12_PASSPHRASE = "wrong"
    with pytest.raises(SigningNotConfigured, match="wrong passphrase or not a PKCS#12 file"):
        sign_pdf(simple_pdf(), reason="Test")


def test_the_dry_run_that_sizes_an_rsa_signature_signs_nothing():
    # pyHanko signs once "dry" to size the signature's space; for an RSA key a placeholder as long as the
    # modulus does (the key is not parsed and checked again: 36 ms a signature).
    signer = get_signer()
    key_bytes = signing_certificate().public_key.bit_size // 8

    dry = asyncio.run(signer.async_sign_raw(b"data", "sha256", dry_run=True))
    real = asyncio.run(signer.async_sign_raw(b"data", "sha256"))

    assert isinstance(signer, Signer)
    assert dry == bytes(key_bytes)
    assert len(real) == key_bytes and real != dry
