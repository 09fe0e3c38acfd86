"""The home page keeps its panels' HTML in the cache, per user, language and day, encrypted, and makes an
app's panels again as soon as the records they show change in one of the user's organizations
(power_campaign/dashboard.py)."""

import datetime
import pickle

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import cases.dashboard
import cases.deadlines
from cases import services
from cases.models import Incident, IncidentType
from power_campaign import dashboard
from power_campaign.audit.models import AuditEvent
from tests.cases.factories import WorksiteFactory
from tests.factories import MembershipFactory
from tests.uvisa.factories import ClientCaseFactory
from uvisa import services as uvisa_services

# The tables each deadline provider reads for the dashboard.
TABLES = [
    "cases_incident",
    "agreements_agreement",
    "agreements_breachreport",
    "uvisa_certificationrequest",
    "uvisa_followup",
]

pytestmark = pytest.mark.django_db

WHEN = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)


def home(client):
    """(whether any panel was made for this request, the panels' HTML)."""
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    made = "dashboard_panels.html" in [template.name for template in response.templates]
    page = response.content.decode()
    return made, page[page.index("<section") : page.rindex('<div class="columns">')]


PANELS = {
    "deadlines/panel.html": "deadlines",
    "cases/dashboard/legal_panel.html": "referrals",
    "cases/dashboard/panel.html": "cases",
    "uvisa/dashboard_panel.html": "uvisa",
    "agreements/dashboard/panel.html": "agreements",
}


def decrypted(stored):
    return pickle.loads(dashboard.multifernet().decrypt(stored))  # noqa: S301 - what the test stored


def made_panels(client):
    """Which panels were made for this request (the others came from the cache)."""
    response = client.get(reverse("dashboard"))
    return {PANELS[template.name] for template in response.templates if template.name in PANELS}


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
    worksite = WorksiteFactory(
        organization=organization, employer_name="Acme Poultry", state="IL", created_by=organizer
    )
    log_incident(worksite, organizer)
    services.create_child(  # an I-9 notice served an hour ago: the forms are due in 3 business days
        model=Incident,
        worksite=worksite,
        user=organizer,
        type=IncidentType.I9_NOTICE,
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
    )
    client.force_login(organizer)
    made, page = home(client)
    assert made is True and "Acme Poultry" in page

    request = RequestFactory().get("/")
    request.user = organizer
    with translation.override("en"):
        panels = dashboard.Panels(request)
        stored_panels = cache.get(panels.key("cases.dashboard", dashboard.reads(cases.dashboard)))
        stored_deadlines = cache.get(panels.key("cases.deadlines", dashboard.reads(cases.deadlines)))
    for stored in (stored_panels, stored_deadlines):
        assert isinstance(stored, bytes)
        assert b"Acme Poultry" not in stored
    assert "Acme Poultry" in decrypted(stored_panels)
    assert [deadline.about for deadline in decrypted(stored_deadlines)] == ["Acme Poultry"]


def test_a_change_makes_again_only_the_panels_that_show_the_changed_apps_records(
    client, legal, organization, organizer
):
    worksite = WorksiteFactory(organization=organization, employer_name="Acme Poultry", created_by=organizer)
    case = ClientCaseFactory(organization=organization, worksite=worksite, created_by=legal)
    client.force_login(legal)
    assert made_panels(client) == {"deadlines", "referrals", "cases", "uvisa"}
    assert made_panels(client) == set()

    # A U-visa change: the U-visa panel and the deadlines (U-visa deadlines among them).
    uvisa_services.save_intake(case=case, step="client", user=legal)
    assert made_panels(client) == {"deadlines", "uvisa"}
    assert made_panels(client) == set()

    # An incident: the cases panels and the deadlines, not the U-visa panel.
    log_incident(worksite, organizer)
    assert made_panels(client) == {"deadlines", "referrals", "cases"}

    # An organization renamed: every panel names organizations.
    organization.name = "Local 7"
    organization.save()
    AuditEvent.objects.record(action=AuditEvent.Action.UPDATE, actor=legal, obj=organization)
    assert made_panels(client) == {"deadlines", "referrals", "cases", "uvisa"}


def test_a_new_incident_leaves_the_panels_that_only_name_worksites_and_incidents_cached(
    client, admin, organization, organizer
):
    worksite = WorksiteFactory(organization=organization, employer_name="Acme Poultry", created_by=organizer)
    client.force_login(admin)
    assert made_panels(client) == {"deadlines", "cases", "uvisa", "agreements"}

    # A new incident: the cases panel and the deadlines; the agreements' panel and deadlines are kept.
    with CaptureQueriesContext(connection) as queries:
        log_incident(worksite, organizer)
        before = len(queries)
        assert made_panels(client) == {"deadlines", "cases"}
    read = [query["sql"] for query in queries.captured_queries[before:]]
    # Neither agreements' terms (their panel, their deadlines) nor their breaches' cure periods were read.
    assert not [sql for sql in read if '"expires_on"' in sql or '"cure_by"' in sql]

    # The worksite renamed: the agreements' panel names worksites, so it is made again.
    services.update_worksite(worksite=worksite, user=organizer, employer_name="Acme Foods")
    assert made_panels(client) == {"deadlines", "cases", "agreements"}


def test_deadlines_are_counted_again_only_for_the_providers_whose_apps_changed(
    client, legal, organization, organizer
):
    worksite = WorksiteFactory(organization=organization, employer_name="Acme Poultry", created_by=organizer)
    case = ClientCaseFactory(organization=organization, worksite=worksite, created_by=legal)
    client.force_login(legal)
    client.get(reverse("dashboard"))

    with CaptureQueriesContext(connection) as queries:
        uvisa_services.save_intake(case=case, step="client", user=legal)
        before = len(queries)
        client.get(reverse("dashboard"))
    read = [query["sql"] for query in queries.captured_queries[before:]]
    tables = {table for sql in read for table in TABLES if table in sql}
    assert tables == {"uvisa_certificationrequest", "uvisa_followup"}


def test_a_part_showing_deadlines_is_kept_until_the_first_of_them_passes(
    organizer, organization, monkeypatch
):
    """An I-9 notice at a California worksite: workers must be told within 72 hours (AB 450), which end in
    100 seconds here. The deadlines are kept that long; the other parts an hour (PANEL_CACHE_SECONDS)."""
    worksite = WorksiteFactory(organization=organization, created_by=organizer, state="CA")
    when = timezone.now() - datetime.timedelta(hours=72) + datetime.timedelta(seconds=100)
    services.create_child(
        model=Incident, worksite=worksite, user=organizer, type=IncidentType.I9_NOTICE, occurred_at=when
    )
    request = RequestFactory().get("/")
    request.user = organizer
    panels, kept = dashboard.Panels(request), []
    monkeypatch.setattr(dashboard, "cache", type("Cache", (), {"get_many": lambda self, keys: {}})())
    dashboard.cache.set = lambda key, value, timeout: kept.append((key.split(":")[1], timeout))

    with translation.override("en"):
        panels.html()

    lifetimes = dict(kept)  # {part: seconds kept}
    assert 90 <= lifetimes["cases.deadlines"] <= 101
    assert lifetimes["deadlines"] == lifetimes["cases.deadlines"]
    others = {seconds for name, seconds in lifetimes.items() if name not in ("cases.deadlines", "deadlines")}
    assert (len(lifetimes), others) == (8, {3600})  # 3 providers, the deadlines panel, 4 apps' panels
