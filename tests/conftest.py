import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from power_campaign.documents.signing import self_signed_pkcs12
from tests.factories import OrganizationFactory, member

SIGNING_PASSPHRASE = "test signing passphrase"


def make_pkcs12(path, common_name, passphrase=SIGNING_PASSPHRASE):
    """A self-signed signing certificate valid from 2026-01-01 for ten years, as the development one."""
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    path.write_bytes(self_signed_pkcs12(common_name, passphrase=passphrase, not_before=start))
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


@pytest.fixture
def migrated_back():
    """A MigrationExecutor for a test that takes the database back to an earlier migration; after it, the
    database is brought forward to the latest migrations again, for the tests that follow."""
    yield MigrationExecutor(connection)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
