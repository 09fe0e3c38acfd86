"""An organizer on a phone, in Spanish: drafts an agreement for a worksite, edits it and sends it for review;
every page fits a 390 px screen."""

import re

import pytest
from playwright.sync_api import expect

from agreements.models import Agreement
from tests.agreements.conftest import VALUES
from tests.browser.conftest import login, menu
from tests.cases.factories import WorksiteFactory
from tests.factories import PASSWORD, member

pytestmark = pytest.mark.browser


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways on a 390px phone ({width}px wide)"


def test_organizer_drafts_edits_and_submits_an_agreement_in_spanish_on_a_phone(
    live_server, phone, organization, shots
):
    organizer = member("organizer", organization, username="maria", language="es", first_name="María")
    WorksiteFactory(organization=organization, employer_name="Empacadora Sol Naciente", created_by=organizer)
    login(phone, live_server, "maria", PASSWORD)

    menu(phone).get_by_role("link", name="Acuerdos", exact=True).click()
    no_sideways_scroll(phone)
    phone.get_by_role("link", name=re.compile(r"^Nuevo acuerdo para Empacadora Sol Naciente")).click()
    for name in ("union", "sites", "term_months", "effective_date"):
        phone.locator(f"#id_{name}").fill(VALUES[name])
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Guardar").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Acuerdo de neutralidad")

    phone.get_by_role("link", name="Editar").first.click()
    phone.locator("#id_s0_body_es").fill("Texto <nuevo> & distinto.")
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Guardar como nueva versión").click()
    expect(phone.locator(".redline-text ins").first).to_contain_text("Texto <nuevo> & distinto.")
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=shots / "agreement-detail-phone-es.png", full_page=True)

    phone.get_by_role("button", name="Enviar a revisión").click()
    expect(phone.locator(".badge").first).to_have_text("En revisión")
    assert Agreement.objects.get().status == Agreement.Status.IN_REVIEW
