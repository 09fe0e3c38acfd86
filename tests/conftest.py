import pytest
from django.core.cache import cache

from tests.factories import OrganizationFactory, member


@pytest.fixture(autouse=True)
def _isolation(settings, tmp_path):
    """Each test gets its own media folder and an empty cache (axes counts failures there)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


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
