"""The home page keeps its panels' HTML in the cache, per user, language and day, encrypted, and makes them
again as soon as anything changes in one of the user's organizations (power_campaign/dashboard.py)."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from cases import services
from cases.models import Incident, IncidentType
from power_campaign import dashboard
from tests.cases.factories import WorksiteFactory
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

WHEN = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)


def home(client):
    """(whether the panels were made for this request, the panels' HTML)."""
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    made = "dashboard_panels.html" in [template.name for template in response.templates]
    page = response.content.decode()
    return made, page[page.index("<section") : page.rindex('<div class="columns">')]


def log_incident(worksite, user):
    return services.create_child(
        model=Incident, worksite=worksite, user=user, type=IncidentType.ICE_VISIT, occurred_at=WHEN
    )


def test_the_panels_come_from_the_cache_until_the_users_organizations_change(
    client, organizer, organization, other_organization, other_admin
):
    ours = WorksiteFactory(organization=organization, employer_name="Acme Poultry", created_by=organizer)
    theirs = WorksiteFactory(organization=other_organization, employer_name="Bayview Packing")
    client.force_login(organizer)

    made, first = home(client)
    assert made is True
    assert "No incidents logged yet." in first
    assert home(client) == (False, first)

    # Another organization's change leaves this user's panels where they were.
    log_incident(theirs, other_admin)
    assert home(client) == (False, first)

    # A change in the user's organization (every service records an audit event) makes them again.
    log_incident(ours, organizer)
    made, second = home(client)
    assert made is True
    assert "Acme Poultry" in second
    assert "No incidents logged yet." not in second
    assert home(client) == (False, second)


def test_each_language_and_each_change_of_memberships_has_its_own_panels(
    client, organizer, organization, other_organization
):
    client.force_login(organizer)
    made, english = home(client)
    assert made is True and "Latest incidents" in english

    organizer.language = "es"
    organizer.save(update_fields=["language"])
    made, spanish = home(client)
    assert made is True
    assert "Últimos incidentes" in spanish
    assert home(client) == (False, spanish)

    MembershipFactory(user=organizer, organization=other_organization, role="legal")
    assert home(client)[0] is True
    assert home(client)[0] is False


def test_the_cached_panels_are_encrypted(client, organizer, organization):
    worksite = WorksiteFactory(organization=organization, employer_name="Acme Poultry", created_by=organizer)
    log_incident(worksite, organizer)
    client.force_login(organizer)
    made, page = home(client)
    assert made is True and "Acme Poultry" in page

    with translation.override("en"):
        stored = cache.get(dashboard.panels_cache_key(organizer))
    assert isinstance(stored, bytes)
    assert b"Acme Poultry" not in stored
    assert "Acme Poultry" in dashboard.multifernet().decrypt(stored).decode()
