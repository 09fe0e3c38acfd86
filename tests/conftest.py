import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.cache import cache
from django.utils import translation

from tests.factories import OrganizationFactory, member

SIGNING_PASSPHRASE = "test signing passphrase"


def make_pkcs12(path, common_name, passphrase=SIGNING_PASSPHRASE):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1000)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(  # as the development certificate's (signing.py): long-term signing checks it
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
            b"signing", key, certificate, None, serialization.BestAvailableEncryption(passphrase.encode())
        )
    )
    return path


@pytest.fixture(scope="session")
def signing_pkcs12(tmp_path_factory):
    return make_pkcs12(tmp_path_factory.mktemp("signing") / "organization.p12", "POWER Campaign test signer")


@pytest.fixture(autouse=True)
def _isolation(settings, tmp_path, signing_pkcs12):
    """Each test: its own media folder, a fast password hasher, an empty cache (axes counts failures
    there), background tasks run at once, the organization's signing certificate configured, and the
    default language again afterwards (a request in Spanish leaves Spanish active in the thread)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, not security
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SIGNING_PKCS12_PATH = str(signing_pkcs12)
    settings.SIGNING_PKCS12_PASSPHRASE = SIGNING_PASSPHRASE
    cache.clear()
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Local 12")


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="Centro Unido")


@pytest.fixture
def organizer(organization):
    return member("organizer", organization, username="organizer")


@pytest.fixture
def legal(organization):
    return member("legal", organization, username="legal")


@pytest.fixture
def admin(organization):
    return member("admin", organization, username="admin")


@pytest.fixture
def other_admin(other_organization):
    return member("admin", other_organization, username="admin2")


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    """A local test PKI (root CA, a one-day signing certificate, a timestamp authority, OCSP, CRL) served
    over HTTP on 127.0.0.1 by certomancer, for the tests of trusted timestamps and long-term signatures."""
    from tests.documents import timestamp_authority

    pki, stop = timestamp_authority.start(tmp_path_factory.mktemp("pki"), datetime.datetime.now(datetime.UTC))
    yield pki
    stop()


@pytest.fixture
def timestamping(settings, pki):
    """Signing with the test PKI's key, timestamped by its authority."""
    settings.SIGNING_PKCS12_PATH = str(pki.pkcs12)
    settings.SIGNING_PKCS12_PASSPHRASE = pki.passphrase
    settings.SIGNING_TSA_URL = pki.tsa_url
    settings.SIGNING_TSA_ROOTS = str(pki.roots_pem)
    return pki
