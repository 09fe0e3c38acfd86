"""Repeated wrong passwords lock the username on this address (django-axes)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

LOCKED_MESSAGE = (
    "Too many failed sign-in attempts. For your protection this account is locked on this device "
    "for 30 minutes."
)
WRONG_PASSWORD_MESSAGE = (
    "Please enter a correct username and password. Note that both fields may be case-sensitive."
)


def _expect_locked_page(page, response):
    assert response.status == 429
    expect(page).to_have_title("Sign-in locked · POWER case desk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in locked")
    expect(page.get_by_role("alert")).to_have_text(LOCKED_MESSAGE)


def test_lockout_after_five_wrong_passwords_refuses_even_the_right_one(
    live_server, page, organizer, settings
):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60

    for _ in range(4):
        response = login(page, live_server, "organizer", "wrong password")
        assert response.status == 200
        expect(page.get_by_role("alert")).to_have_text(WRONG_PASSWORD_MESSAGE)
    response = login(page, live_server, "organizer", "wrong password")

    _expect_locked_page(page, response)
    response = login(page, live_server, "organizer", PASSWORD)
    _expect_locked_page(page, response)
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/")
