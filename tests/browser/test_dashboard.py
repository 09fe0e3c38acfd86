"""Each role signs in and lands on its dashboard; organizers on a phone too."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("role", "role_label", "is_admin"),
    [("organizer", "Organizer", False), ("legal", "Legal staff", False), ("admin", "Administrator", True)],
)
def test_dashboard_shows_each_role_its_organization_and_admin_only_audit(
    request, live_server, page, role, role_label, is_admin
):
    request.getfixturevalue(role)  # a member of "Local 12" whose username is the role

    login(page, live_server, role, PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Ana")
    organizations = page.get_by_role("region", name="Your organizations").get_by_role("listitem")
    expect(organizations).to_have_text([f"Local 12 · {role_label}"])
    nav = page.get_by_role("navigation", name="Main menu")
    expect(page.get_by_role("button", name="Menu", exact=True)).to_be_hidden()  # a wide screen: never folded
    expect(nav.get_by_role("link", name="Dashboard", exact=True)).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Audit log", exact=True)).to_have_count(1 if is_admin else 0)
    expect(page.get_by_role("heading", level=2, name="Latest activity in your organizations")).to_have_count(
        1 if is_admin else 0
    )
    expect(page.get_by_role("region", name="Latest activity in your organizations")).to_have_count(
        1 if is_admin else 0
    )
    expect(page.get_by_role("heading", level=2, name="Your recent activity")).to_have_count(1)


def test_audit_log_shows_admin_their_own_login(live_server, page, admin):
    login(page, live_server, "admin", PASSWORD)

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Audit log").click()

    expect(page).to_have_url(f"{live_server.url}/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    expect(page.get_by_text(re.compile(r"^\d+ events?$"))).to_have_text("1 event")
    rows = page.locator("table.events tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_role("cell")).to_have_text(
        [
            re.compile(r"\S"),  # when: the local date and time
            "admin",
            "Login",
            f"User {admin.display_name}",  # named: the reader may see themselves
            "Password accepted (127.0.0.1)",
        ]
    )


def test_dashboard_fits_a_phone_for_organizers(live_server, phone, organizer, shots):
    login(phone, live_server, "organizer", PASSWORD)

    expect(phone.get_by_role("heading", level=1)).to_have_text("Welcome, Ana")
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390, f"the dashboard scrolls sideways on a 390px phone ({scroll_width}px wide)"
    # The menu folds behind its button, which says whether it is open.
    menu_button = phone.get_by_role("button", name="Menu", exact=True)
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(phone.get_by_role("button", name="Sign out")).to_be_hidden()
    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(phone.get_by_role("button", name="Sign out")).to_be_visible()
    expect(phone.get_by_role("button", name="Sign out")).to_be_in_viewport()
    phone.screenshot(timeout=60_000, path=shots / "dashboard-phone-menu.png")
    # Escape folds it again and leaves the keyboard on its button.
    phone.keyboard.press("Escape")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(menu_button).to_be_focused()
    expect(phone.get_by_role("button", name="Sign out")).to_be_hidden()
    phone.screenshot(timeout=60_000, path=shots / "dashboard-phone.png", full_page=True)
