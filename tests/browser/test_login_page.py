"""The sign-in page itself: layout on a desktop screen, keyboard access."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_login_page_shows_the_sign_in_form_on_a_desktop(live_server, page, shots):
    page.goto(f"{live_server.url}/login/")

    expect(page).to_have_title("Sign in · POWER case desk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_label(re.compile(r"^Username:?$"))).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Password:?$"))).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_role("link", name="Forgot your password?")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.screenshot(timeout=60_000, path=shots / "login.png", full_page=True)


def test_login_page_first_tab_focuses_skip_link(live_server, page):
    page.goto(f"{live_server.url}/login/")
    skip_link = page.get_by_role("link", name="Skip to main content")

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
