"""Digital signatures (pyHanko): PAdES baseline signatures over the whole file, and their verification.

The key and certificate come from a PKCS#12 file named by SIGNING_PKCS12_PATH (passphrase in
SIGNING_PKCS12_PASSPHRASE). With DEBUG on and none configured, a self-signed development
certificate is generated into var/signing/ on first use. With DEBUG off and none configured,
signing is refused.
"""

import datetime
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext


class SigningNotConfigured(Exception):
    pass


def _development_pkcs12():
    """A self-signed certificate for development, made once under var/signing/."""
    path = Path(settings.VAR_DIR) / "signing" / "development-signing.p12"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, f"{settings.SIGNER_NAME} (development only)"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, settings.SIGNER_NAME),
            ]
        )
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(key, hashes.SHA256())
        )
        path.write_bytes(
            pkcs12.serialize_key_and_certificates(
                b"development-signing", key, certificate, None, serialization.NoEncryption()
            )
        )
        path.chmod(0o600)
    return path, None


def _configured_pkcs12():
    if settings.SIGNING_PKCS12_PATH:
        passphrase = settings.SIGNING_PKCS12_PASSPHRASE
        return Path(settings.SIGNING_PKCS12_PATH), passphrase.encode() if passphrase else None
    if settings.DEBUG:
        return _development_pkcs12()
    raise SigningNotConfigured(
        "SIGNING_PKCS12_PATH is not set: documents cannot be signed. Set it to the organization's PKCS#12 "
        "file (key and certificate) and SIGNING_PKCS12_PASSPHRASE to its passphrase."
    )


@lru_cache(maxsize=4)
def _load_signer(path, passphrase):
    signer = signers.SimpleSigner.load_pkcs12(pfx_file=str(path), passphrase=passphrase)
    if signer is None:
        raise SigningNotConfigured(
            f"Cannot read the PKCS#12 file {path}: wrong passphrase or not a PKCS#12 file."
        )
    return signer


def get_signer():
    path, passphrase = _configured_pkcs12()
    return _load_signer(path, passphrase)


def signing_certificate():
    """The organization's certificate (asn1crypto), against which signatures are checked."""
    return get_signer().signing_cert


def sign_pdf(pdf_bytes, *, reason, location=""):
    """Sign the whole file (PAdES baseline B-B, SHA-256, signing time in the signature)."""
    signer = get_signer()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=settings.SIGNER_NAME,
    )
    output = signers.sign_pdf(writer, metadata, signer=signer)
    return output.getvalue()


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool  # the file carries at least one signature
    by_us: bool  # ... made with this organization's certificate
    intact: bool  # ... and the signed bytes are unchanged
    whole_file: bool  # ... and nothing was added after signing
    signer: str = ""
    signed_at: datetime.datetime | None = None

    @property
    def valid(self):
        return self.signed and self.by_us and self.intact and self.whole_file

    @property
    def modified(self):
        return self.signed and not (self.intact and self.whole_file)


def check_signature(pdf_bytes):
    """Check the last signature of a PDF against this organization's certificate.

    Raises ValueError if the bytes are not a readable PDF.
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise ValueError(f"not a readable PDF ({error})") from None
    if not embedded:
        return SignatureCheck(signed=False, by_us=False, intact=False, whole_file=False)
    signature = embedded[-1]
    ours = signing_certificate()
    context = ValidationContext(trust_roots=[ours], allow_fetching=False)
    status = validate_pdf_signature(signature, context, skip_diff=False)
    signer_cert = status.signing_cert
    by_us = isinstance(signer_cert, asn1_x509.Certificate) and signer_cert.dump() == ours.dump()
    return SignatureCheck(
        signed=True,
        by_us=by_us,
        intact=bool(status.intact and status.valid),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE and status.docmdp_ok is not False,
        signer=signer_cert.subject.human_friendly if signer_cert else "",
        signed_at=status.signer_reported_dt,
    )
