"""The Spanish interface: the language switch, and the choice kept on the user's profile."""

import re

import pytest
from playwright.sync_api import expect

from power_campaign.accounts.models import User
from tests.browser.conftest import login, sign_out
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _choose_spanish(page):
    page.get_by_label(re.compile(r"^Language:?$")).select_option(label="Español")
    with page.expect_navigation():
        page.get_by_role("button", name="Change").click()


def test_language_switch_shows_spanish_sign_in_page(live_server, page):
    page.goto(f"{live_server.url}/login/")

    _choose_spanish(page)

    expect(page).to_have_url(f"{live_server.url}/login/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#language-select")).to_have_value("es")
    # Needs the project's Spanish catalogue (locale/es/LC_MESSAGES/django.po, compiled).
    expect(page.get_by_role("heading", level=1)).to_have_text("Iniciar sesión")


def test_language_chosen_before_sign_in_is_remembered_on_profile(live_server, page, organizer):
    page.goto(f"{live_server.url}/login/")
    _choose_spanish(page)

    # Django's own Spanish catalogue names these fields; press Enter as a person would.
    page.get_by_label(re.compile(r"^Nombre de usuario:?$")).fill("organizer")
    page.get_by_label(re.compile(r"^Contraseña:?$")).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_label(re.compile(r"^Contraseña:?$")).press("Enter")

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert User.objects.get(pk=organizer.pk).language == "es"


def test_language_switched_after_sign_in_is_remembered_on_profile(live_server, page, organizer):
    login(page, live_server, "organizer", PASSWORD)

    _choose_spanish(page)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert User.objects.get(pk=organizer.pk).language == "es"

    # On another visit without the language cookie, the profile still chooses Spanish after sign-in.
    sign_out(page)
    page.context.clear_cookies()
    login(page, live_server, "organizer", PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
