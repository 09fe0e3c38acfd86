"""Life after signing on a phone: an organizer reports a breach from the worksite page, and another from an
incident's page; an administrator, in
Spanish, reviews a possible breach flagged from an ICE visit, confirms it and raises it with the employer.
Every page fits a 390 px screen."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from agreements.models import AgreementTemplate, BreachReport
from cases import services as cases_services
from cases.models import IncidentType
from tests.agreements.conftest import make_active
from tests.browser.conftest import login, menu
from tests.cases.factories import IncidentFactory, WorksiteFactory
from tests.factories import PASSWORD, member

pytestmark = pytest.mark.browser


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways on a 390px phone ({width}px wide)"


@pytest.fixture
def template(transactional_db):
    """The seeded model agreement."""
    return AgreementTemplate.objects.get(name="ICE neutrality agreement", version=1)


@pytest.fixture
def covered_site(organization, template):
    organizer = member("organizer", organization, username="ana")
    site = WorksiteFactory(organization=organization, employer_name="Sunrise Packing", created_by=organizer)
    return site, make_active(site, template, organizer), organizer


def test_organizer_reports_a_breach_from_the_worksite_page_on_a_phone(
    live_server, phone, covered_site, shots
):
    site, agreement, organizer = covered_site
    IncidentFactory(worksite=site, created_by=organizer, type=IncidentType.RETALIATION)
    login(phone, live_server, "ana", PASSWORD)

    phone.goto(f"{live_server.url}{site.get_absolute_url()}")
    phone.get_by_role("link", name="Report a breach of the agreement").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Report a breach")
    phone.get_by_label("Incident").select_option(label="Retaliatory firing or discipline, March 10, 2026")
    phone.get_by_label("Section breached").select_option("status_protections")
    phone.get_by_label("What the employer did").fill("Fired two committee members after the rally.")
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Report the breach").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Breach report")
    expect(phone.locator(".title-row .badge")).to_have_text("Reported")
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=shots / "breach-reported-phone.png", full_page=True)
    breach = BreachReport.objects.get()
    assert (breach.agreement, breach.component, breach.reported_by) == (
        agreement,
        "status_protections",
        organizer,
    )


def test_organizer_reports_an_incident_as_a_breach_from_its_page_on_a_phone(
    live_server, phone, covered_site, shots
):
    site, agreement, organizer = covered_site
    incident = IncidentFactory(worksite=site, created_by=organizer, type=IncidentType.SURVEILLANCE)
    login(phone, live_server, "ana", PASSWORD)

    phone.goto(f"{live_server.url}{incident.get_absolute_url()}")
    phone.get_by_role("link", name="Report as a breach of the agreement").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Report a breach")
    # The incident whose page it came from is chosen already.
    expect(phone.get_by_label("Incident")).to_have_value(str(incident.uuid))
    phone.get_by_label("Section breached").select_option("status_protections")
    phone.get_by_label("What the employer did").fill("A manager photographed the committee's meeting.")
    phone.get_by_role("button", name="Report the breach").click()
    expect(phone.locator(".title-row .badge")).to_have_text("Reported")

    phone.goto(f"{live_server.url}{incident.get_absolute_url()}")
    breach = BreachReport.objects.get()
    expect(phone.get_by_role("link", name="Breach of the agreement: Reported")).to_have_attribute(
        "href", breach.get_absolute_url()
    )
    expect(phone.get_by_role("link", name="Report as a breach of the agreement")).to_have_count(0)
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=shots / "incident-breach-phone.png", full_page=True)
    assert (breach.agreement, breach.incident, breach.reported_by) == (agreement, incident, organizer)


def test_admin_reviews_a_possible_breach_in_spanish_on_a_phone(
    live_server, phone, covered_site, organization, shots
):
    site, _agreement, organizer = covered_site
    member("admin", organization, username="rosa", language="es", first_name="Rosa")
    cases_services.create_incident(
        worksite=site,
        user=organizer,
        type=IncidentType.ICE_VISIT,
        occurred_at=datetime.datetime(2026, 3, 10, 14, 30, tzinfo=datetime.UTC),
    )
    login(phone, live_server, "rosa", PASSWORD)

    # The menu folds behind its button on a phone: the button says that something waits.
    expect(phone.locator("button.menu-toggle .menu-count")).to_have_text("1")
    expect(phone.get_by_role("button", name="Menú (1 pendiente para usted)")).to_be_visible()
    phone.screenshot(timeout=60_000, path=shots / "menu-count-phone-es.png")
    expect(menu(phone).get_by_role("link", name="Acuerdos (1 posible incumplimiento)")).to_be_visible()
    panel = phone.locator(
        "section", has=phone.get_by_role("heading", name="Posibles incumplimientos por revisar")
    )
    no_sideways_scroll(phone)
    panel.get_by_role("link", name="Sunrise Packing").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Reporte de incumplimiento")
    phone.get_by_label("Sección incumplida").select_option("judicial_warrant_access")
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Confirmar el incumplimiento").click()
    expect(phone.locator(".title-row .badge")).to_have_text("Reportado")

    phone.get_by_label("Nuevo estado").select_option("raised")
    phone.get_by_label("Fin del plazo de subsanación").fill("2026-07-01")
    phone.get_by_role("button", name="Cambiar el estado").click()
    expect(phone.locator(".title-row .badge")).to_have_text("Planteado al empleador")
    expect(phone.get_by_text(re.compile("Termina el plazo del empleador para subsanar"))).to_be_visible()
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=shots / "breach-raised-phone-es.png", full_page=True)
    breach = BreachReport.objects.get()
    assert (breach.status, breach.component, breach.cure_by) == (
        "raised",
        "judicial_warrant_access",
        datetime.date(2026, 7, 1),
    )
