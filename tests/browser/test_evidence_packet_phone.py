"""An organizer on a phone, in Spanish: builds a worksite's labor-dispute evidence packet from the worksite
page and lands on the packet page; every page fits a 390 px screen."""

import pytest
from playwright.sync_api import expect

from cases.evidence import add_evidence
from power_campaign.documents.api import Packet
from tests.browser.conftest import login
from tests.cases.factories import AgencyFilingFactory, IncidentFactory, WorksiteFactory
from tests.factories import PASSWORD, member, simple_pdf, upload

pytestmark = pytest.mark.browser


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways on a 390px phone ({width}px wide)"


def test_organizer_builds_a_labor_dispute_packet_in_spanish_on_a_phone(
    live_server, phone, organization, shots
):
    organizer = member("organizer", organization, username="maria", language="es", first_name="María")
    site = WorksiteFactory(
        organization=organization, employer_name="Empacadora Sol Naciente", created_by=organizer
    )
    incident = IncidentFactory(worksite=site, description="Amenaza de llamar a inmigración")
    add_evidence(incident=incident, upload=upload("talon.pdf", simple_pdf()), description="", user=organizer)
    AgencyFilingFactory(worksite=site, case_number="WHD-2026-9")
    login(phone, live_server, "maria", PASSWORD)

    phone.goto(f"{live_server.url}{site.get_absolute_url()}")
    phone.get_by_role("link", name="Paquete de pruebas del conflicto laboral").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Paquete de pruebas del conflicto laboral")
    no_sideways_scroll(phone)
    expect(phone.locator("#id_breaches_group .help")).to_have_text(
        "No hay ninguno registrado en este lugar de trabajo."
    )
    phone.get_by_label("Una solicitud a una agencia laboral").check()
    phone.get_by_label("Amenaza de llamar a inmigración", exact=False).check()
    phone.get_by_label("WHD-2026-9", exact=False).check()
    phone.get_by_label("talon.pdf", exact=False).check()
    phone.screenshot(timeout=60_000, path=shots / "labor-dispute-packet-phone-es.png", full_page=True)
    phone.get_by_role("button", name="Armar el paquete").click()

    packet = Packet.objects.get()
    expect(phone.get_by_role("heading", level=1)).to_have_text(packet.title)
    assert packet.title == "Pruebas del conflicto laboral para una agencia laboral: Empacadora Sol Naciente"
    assert packet.exhibits.count() == 2
    no_sideways_scroll(phone)
