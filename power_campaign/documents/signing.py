"""Digital signatures (pyHanko): PAdES baseline signatures over the whole file, and their verification.

The key and certificate come from a PKCS#12 file named by SIGNING_PKCS12_PATH (passphrase in
SIGNING_PKCS12_PASSPHRASE). With DEBUG on and none configured, a self-signed development
certificate is generated into var/signing/ on first use. With DEBUG off and none configured,
signing is refused.

With SIGNING_TSA_URL set, every signature carries an RFC 3161 timestamp from that authority (PAdES
B-T); if the authority does not answer, nothing is signed (SigningFailed). A long-term signature
(`long_term=True`, PAdES B-LT) also carries, in the signed revision itself, the certificates and the
revocation data (OCSP responses, CRLs) that prove the signing and timestamp certificates were good when
the document was signed, so that it can still be validated after they expire.
"""

import datetime
import io
import logging
import math
import multiprocessing
import resource
import signal
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError, find_unique_cms_attribute, load_certs_from_pemder
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)


class SigningNotConfigured(Exception):
    """No signing certificate is set up (the exception's text, in English, is for the log)."""

    @property
    def message(self):
        """For the user, in their language."""
        return _(
            "Documents cannot be signed yet: ask the administrator to configure the signing certificate."
        )


class SigningFailed(SigningNotConfigured):
    """A signature that could not be made as configured (the timestamp authority did not answer, the
    validation data of a long-term signature could not be gathered): nothing was signed. The message says
    why, in the user's language. A SigningNotConfigured, so that every caller that handles a signature
    that cannot be made handles this one too."""

    @property
    def message(self):
        return str(self)


def self_signed_pkcs12(common_name, *, organization="", days=3650, passphrase=None, not_before=None):
    """A new key and a self-signed signing certificate for it, valid `days` days from `not_before` (default:
    yesterday), as PKCS#12 bytes, encrypted with `passphrase` if given. For development, tests and
    benchmark runs only: nothing trusts such a certificate."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    name = x509.Name(attributes)
    start = not_before or datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=days))
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
    encryption = serialization.NoEncryption()
    if passphrase:
        encryption = serialization.BestAvailableEncryption(passphrase.encode())
    return pkcs12.serialize_key_and_certificates(b"signing", key, certificate, None, encryption)


def _development_pkcs12():
    """A self-signed certificate for development, made once under var/signing/."""
    path = Path(settings.VAR_DIR) / "signing" / "development-signing.p12"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        name = settings.SIGNER_NAME
        path.write_bytes(self_signed_pkcs12(f"{name} (development only)", organization=name))
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


class Signer(signers.SimpleSigner):
    """pyHanko's SimpleSigner, whose dry run answers with placeholder bytes for an RSA key.

    Before signing, pyHanko signs once "dry" to size the space the signature takes in the file (with a
    50% margin); its API lets a signer answer that run with placeholder bytes of the signature's length,
    but SimpleSigner signs for real, and it parses and checks the private key at every signature (36 ms
    for an RSA key). An RSA signature is exactly as long as the key's modulus; other kinds of key keep
    the real dry run.
    """

    async def async_sign_raw(self, data, digest_algorithm, dry_run=False):
        public_key = self.signing_cert.public_key
        if dry_run and public_key.algorithm == "rsa":
            return bytes(math.ceil(public_key.bit_size / 8))
        return await super().async_sign_raw(data, digest_algorithm, dry_run)


@lru_cache(maxsize=4)
def _load_signer(path, passphrase):
    loaded = signers.SimpleSigner.load_pkcs12(pfx_file=str(path), passphrase=passphrase)
    if loaded is None:
        raise SigningNotConfigured(
            f"Cannot read the PKCS#12 file {path}: wrong passphrase or not a PKCS#12 file."
        )
    return Signer(
        signing_cert=loaded.signing_cert, signing_key=loaded.signing_key, cert_registry=loaded.cert_registry
    )


def get_signer():
    path, passphrase = _configured_pkcs12()
    return _load_signer(path, passphrase)


def signing_certificate():
    """The organization's certificate (asn1crypto), against which signatures are checked."""
    return get_signer().signing_cert


def timestamp_authority():
    """The RFC 3161 timestamp client for SIGNING_TSA_URL, or None when no authority is configured."""
    if not settings.SIGNING_TSA_URL:
        return None
    return HTTPTimeStamper(settings.SIGNING_TSA_URL, timeout=settings.SIGNING_TSA_TIMEOUT)


@lru_cache(maxsize=4)
def _tsa_roots(path):
    if not path:
        return None
    return tuple(load_certs_from_pemder([path]))


def timestamp_trust_roots():
    """The CA certificates a timestamp authority's certificate must chain to: SIGNING_TSA_ROOTS, or None
    for the machine's trusted CAs."""
    return _tsa_roots(settings.SIGNING_TSA_ROOTS)


def _authority_roots():
    """SIGNING_TSA_ROOTS, or the machine's trusted CAs (read once per process)."""
    roots = timestamp_trust_roots()
    return roots if roots is not None else _system_roots()


def _signing_validation_context(signer):
    """What a long-term signature is validated against while it is made: the top of our own chain (the
    self-signed certificates in the PKCS#12 file: a development certificate is its own root, and a trust
    anchor needs no revocation data) and the timestamp authorities' roots. Revocation data is fetched
    from the addresses in the certificates and is required (hard-fail): a long-term signature without
    it would not be one."""
    own = [signer.signing_cert, *signer.cert_registry]
    anchors = [cert for cert in own if cert.self_signed == "maybe" or cert.self_signed == "yes"]
    return ValidationContext(
        trust_roots=[*anchors, *_authority_roots()],
        other_certs=own,
        allow_fetching=True,
        revocation_mode="hard-fail",
    )


def signature_time():
    """Which time a signature made now carries: "timestamp" (a trusted RFC 3161 timestamp) or "clock"
    (the signer's clock only), for the documents to say so."""
    return "timestamp" if settings.SIGNING_TSA_URL else "clock"


def carries_validation_data(pdf_bytes):
    """Whether a signed PDF embeds validation data (a document security store, /DSS)."""
    try:
        return "/DSS" in PdfFileReader(io.BytesIO(pdf_bytes), strict=False).root
    except Exception:  # whatever an unreadable file makes the parser raise
        return False


def sign_pdf(pdf_bytes, *, reason, location="", long_term=False):
    """Sign the whole file: PAdES baseline, SHA-256, the signer's clock time in the signature.

    With a timestamp authority configured (SIGNING_TSA_URL) the signature carries its RFC 3161 timestamp
    (B-T). `long_term` also embeds the validation data (B-LT, or B-B with the certificates only when no
    authority is configured) in the signed revision, so the signature covers the entire file. Raises
    SigningFailed, saying why, when the authority or the revocation data cannot be reached.
    """
    signer = get_signer()
    timestamper = timestamp_authority()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    options = {}
    if long_term:
        options = {
            "embed_validation_info": True,
            "validation_context": _signing_validation_context(signer),
            "dss_settings": DSSContentSettings(
                placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False
            ),
        }
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=settings.SIGNER_NAME,
        **options,
    )
    try:
        output = signers.sign_pdf(writer, metadata, signer=signer, timestamper=timestamper).getvalue()
    except TimestampRequestError as error:  # no answer, an error status, or a malformed response
        raise SigningFailed(_timestamp_failure(error)) from error
    except SigningError as error:
        if _caused_by(error, TimestampRequestError):
            raise SigningFailed(_timestamp_failure(error)) from error
        raise SigningFailed(
            _(
                "The validation data for a long-term signature could not be gathered (%(detail)s). "
                "Nothing was signed or stored."
            )
            % {"detail": _detail(error)}
        ) from error
    if timestamper and not _has_timestamp(output):  # never an untimestamped signature by mistake
        raise SigningFailed(_timestamp_failure(ValueError("no timestamp in the signature")))
    return output


def _caused_by(error, kind):
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _detail(error):
    cause = error.__cause__ or error.__context__
    text = str(error) or type(error).__name__
    if cause is not None and str(cause) and str(cause) not in text:
        text = f"{text}: {cause}"
    return text[:300]


def _timestamp_failure(error):
    return _(
        "The timestamp authority (%(url)s) gave no timestamp (%(detail)s). Nothing was signed or stored: "
        "try again later, or ask the administrator to check SIGNING_TSA_URL."
    ) % {"url": _without_credentials(settings.SIGNING_TSA_URL), "detail": _detail(error)}


def _without_credentials(url):
    """The address without a user name and password (SIGNING_TSA_URL may carry them: https://user:pass@...)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _has_timestamp(pdf_bytes):
    signature = PdfFileReader(io.BytesIO(pdf_bytes), strict=False).embedded_signatures[-1]
    try:
        find_unique_cms_attribute(signature.signer_info["unsigned_attrs"], "signature_time_stamp_token")
    except Exception:
        return False
    return True


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool  # the file carries at least one signature
    by_us: bool  # ... made with this organization's certificate
    intact: bool  # ... and the signed bytes are unchanged
    whole_file: bool  # ... and nothing was added after signing
    signer: str = ""
    signed_at: datetime.datetime | None = None
    # the time of the signature's RFC 3161 timestamp, when it is intact and its authority trusted
    timestamped_at: datetime.datetime | None = None

    @property
    def valid(self):
        return self.signed and self.by_us and self.intact and self.whole_file

    @property
    def modified(self):
        return self.signed and not (self.intact and self.whole_file)


class CannotCheck(ValueError):
    """The file cannot be checked; `reason` says why (one of the REASONS)."""

    UNREADABLE = "unreadable"  # not a PDF pyHanko can read
    REVISIONS = "revisions"  # more incremental updates than VERIFY_MAX_REVISIONS
    MALFORMED = "malformed"  # a signature dictionary that breaks the rules (/ByteRange, /Contents, /Filter)
    TOO_SLOW = "too_slow"  # the check used up VERIFY_CPU_SECONDS
    REASONS = (UNREADABLE, REVISIONS, MALFORMED, TOO_SLOW)

    def __init__(self, reason, detail=""):
        super().__init__(reason, detail)  # the arguments, so that it crosses from the child process whole
        self.reason, self.detail = reason, detail

    def __str__(self):
        return f"{self.reason}: {self.detail}" if self.detail else self.reason


class _OutOfTime(BaseException):  # not an Exception: no library's `except Exception` may swallow it
    pass


def count_revisions(pdf_bytes):
    """Revisions a reader would find, counted from the bytes without parsing (each one ends in a
    `startxref`, and an update usually ends in `%%EOF`): cheap enough to run before anything else."""
    return max(pdf_bytes.count(b"startxref"), pdf_bytes.count(b"%%EOF"))


def check_signature(pdf_bytes):
    """Check the last signature of a PDF against this organization's certificate.

    The work is bounded: a file with more than VERIFY_MAX_REVISIONS revisions is refused before it is
    parsed, and the check runs in a forked child process (where fork exists) limited to
    VERIFY_CPU_SECONDS of processor time (a timer in the child, the kernel's RLIMIT_CPU behind it, and
    the parent's wait). Raises CannotCheck (a ValueError) saying why a file cannot be checked, and
    SigningNotConfigured when there is no certificate to check against.
    """
    limit = settings.VERIFY_MAX_REVISIONS
    revisions = count_revisions(pdf_bytes)
    if revisions > limit:
        raise CannotCheck(CannotCheck.REVISIONS, f"{revisions} revisions; the limit is {limit}")
    ours = (signing_certificate(), _authorities())  # read here: the child inherits what was loaded
    seconds = settings.VERIFY_CPU_SECONDS
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover (Windows)
        outcome = _bounded_check(pdf_bytes, ours, limit, seconds)
    else:
        outcome = _check_in_child(pdf_bytes, ours, limit, seconds)
    if isinstance(outcome, CannotCheck):
        raise outcome
    return outcome


def _authorities():
    """Validation-context arguments for timestamp authorities' certificates (read in this process, before
    a check forks)."""
    return {"trust_roots": list(_authority_roots())}


@lru_cache(maxsize=1)
def _system_roots():
    from oscrypto import trust_list

    try:
        return tuple(entry[0] for entry in trust_list.get_list())
    except Exception:  # a machine without a CA bundle: only SIGNING_TSA_ROOTS can make a timestamp trusted
        logger.warning("The machine's trusted CA certificates cannot be read: set SIGNING_TSA_ROOTS.")
        return ()


def _check_in_child(pdf_bytes, ours, limit, seconds):
    context = multiprocessing.get_context("fork")  # the child shares the bytes; nothing is pickled in
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sending, pdf_bytes, ours, limit, seconds))
    try:
        child.start()
    except OSError:  # no process to spare (EAGAIN, ENOMEM): check here, under the same timer
        receiving.close()
        sending.close()
        return _bounded_check(pdf_bytes, ours, limit, seconds)
    sending.close()
    try:
        # The child stops itself after `seconds` of CPU; the wait also bounds the wall-clock time.
        if receiving.poll(2 * seconds + 5):
            return receiving.recv()
        return CannotCheck(CannotCheck.TOO_SLOW, "no answer in time")
    except EOFError:  # the child was killed (RLIMIT_CPU) before it could answer
        return CannotCheck(CannotCheck.TOO_SLOW, "stopped by the CPU limit")
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join()


def _child(sending, pdf_bytes, ours, limit, seconds):
    resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(seconds) + 1, math.ceil(seconds) + 2))
    outcome = _bounded_check(pdf_bytes, ours, limit, seconds)
    try:
        sending.send(outcome)
    except Exception as error:  # an answer that cannot be sent back is no answer
        sending.send(CannotCheck(CannotCheck.MALFORMED, f"unexpected answer ({type(error).__name__})"))
    sending.close()


def _bounded_check(pdf_bytes, ours, limit, seconds):
    """The check under a CPU timer (in the main thread only: signals reach no other); the outcome is a
    SignatureCheck or a CannotCheck, returned, not raised.

    Once the time is up the timer keeps firing every 10 ms (an exception raised where Python ignores
    it, in a finalizer, must not let the check run on), and a check that ends after it fired counts as
    stopped."""
    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    expired = []

    def expire(signum, frame):
        expired.append(signum)
        raise _OutOfTime

    try:
        if timed:
            previous = signal.signal(signal.SIGPROF, expire)
            signal.setitimer(signal.ITIMER_PROF, seconds, 0.01)
        try:
            outcome = _check(pdf_bytes, ours, limit)
        finally:
            if timed:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.signal(signal.SIGPROF, previous)
    except _OutOfTime:
        expired.append(True)
    except CannotCheck as error:
        outcome = error
    if expired:
        return CannotCheck(CannotCheck.TOO_SLOW, f"more than {seconds} s of CPU")
    return outcome


def _check(pdf_bytes, ours, limit):
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        revisions = reader.total_revisions
    except Exception as error:  # whatever a damaged file makes the parser raise (RecursionError too)
        raise CannotCheck(CannotCheck.UNREADABLE, type(error).__name__) from None
    if revisions > limit:  # revisions chained by /Prev without their own `startxref`
        raise CannotCheck(CannotCheck.REVISIONS, f"{revisions} revisions; the limit is {limit}")
    try:
        embedded = reader.embedded_signatures
        if not embedded:
            return SignatureCheck(signed=False, by_us=False, intact=False, whole_file=False)
        signature = embedded[-1]
        _check_signature_dictionary(signature.sig_object, len(pdf_bytes))
        ours, authorities = ours
        context = ValidationContext(trust_roots=[ours], allow_fetching=False)
        # A timestamp's authority is trusted if it chains to SIGNING_TSA_ROOTS (or the machine's CAs),
        # with what the file carries and nothing fetched.
        ts_context = ValidationContext(**authorities, allow_fetching=False)
        # No difference analysis: "valid" needs the signature to cover the entire file, so any later
        # revision already means "modified", and the analysis grows with the square of the revisions.
        status = validate_pdf_signature(signature, context, ts_validation_context=ts_context, skip_diff=True)
        timestamp = status.timestamp_validity
        trusted_timestamp = bool(timestamp and timestamp.intact and timestamp.valid and timestamp.trusted)
        signer_cert = status.signing_cert
        by_us = isinstance(signer_cert, asn1_x509.Certificate) and signer_cert.dump() == ours.dump()
        return SignatureCheck(
            signed=True,
            by_us=by_us,
            intact=bool(status.intact and status.valid),
            whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            signer=signer_cert.subject.human_friendly if signer_cert else "",
            signed_at=status.signer_reported_dt,
            timestamped_at=timestamp.timestamp if trusted_timestamp else None,
        )
    except CannotCheck:
        raise
    except Exception as error:  # a signature dictionary or its contents that pyHanko cannot follow
        raise CannotCheck(CannotCheck.MALFORMED, type(error).__name__) from None


def _check_signature_dictionary(sig_object, size):
    """The rules of ISO 32000 § 12.8.1 that a reader relies on, checked before anything is read."""
    byte_range = sig_object.get("/ByteRange")
    if (
        not isinstance(byte_range, list)
        or len(byte_range) != 4
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in byte_range)
    ):
        raise CannotCheck(CannotCheck.MALFORMED, "/ByteRange is not four integers")
    start, first_length, second_start, second_length = byte_range
    if not (
        start == 0
        and 0 < first_length < second_start
        and second_length >= 0
        and second_start + second_length <= size
    ):
        raise CannotCheck(CannotCheck.MALFORMED, "/ByteRange points outside the file")
    if not isinstance(sig_object.get("/Contents"), (bytes, str)):
        raise CannotCheck(CannotCheck.MALFORMED, "/Contents is not a string")
    if sig_object.get("/Filter") is None:
        raise CannotCheck(CannotCheck.MALFORMED, "no /Filter")
