"""An organization's admin, on a phone, runs the organization from the site: sets its mailing address,
invites a member, who
follows the emailed link, sets a password and signs in; then changes their role and lifts their lock.

The live server runs in a thread of the test process, so Django's test outbox (`mail.outbox`) holds
the email it sends, and the test reads the rows through the ORM as the other browser tests do."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from power_campaign.accounts.models import Membership, User
from tests.browser.conftest import login, sign_out
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a long and fresh passphrase"


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def member_row(page, username):
    return page.locator("tr", has=page.get_by_text(username, exact=True))


def test_admin_invites_a_member_who_signs_in_then_changes_their_role_and_lifts_their_lock(
    live_server, phone, page, admin, organization, shots
):
    # The admin gives the organization its mailing address, for the letters the desk prepares.
    login(phone, live_server, "admin", PASSWORD)
    phone.get_by_role("link", name="Local 12").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Local 12")
    phone.get_by_role("link", name="Add the mailing address").click()
    phone.get_by_label("Mailing address").fill("1200 W. Harrison St\nChicago, IL 60607")
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_role("status")).to_have_text("Mailing address saved.")
    assert phone.locator(".address").inner_text() == "1200 W. Harrison St\nChicago, IL 60607"  # two lines

    # Then invites Rosa from the organization page.
    phone.get_by_role("link", name="Invite a member").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Invite a member")
    phone.get_by_label("Email address").fill("rosa@example.org")
    phone.get_by_label("Role").select_option(label="Organizer")
    phone.get_by_label("Language of the email").select_option(label="English")
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Send the invitation").click()
    expect(phone.get_by_role("status")).to_have_text("Invitation sent to rosa@example.org.")
    # The pending invitation is listed, with a button to withdraw it.
    expect(phone.get_by_role("row").filter(has_text="rosa@example.org")).to_be_visible()
    expect(phone.get_by_role("button", name="Withdraw the invitation to rosa@example.org")).to_be_visible()
    no_sideways_scroll(phone)

    # Rosa follows the link in the email, picks a user name and a password, and signs in.
    assert [message.to for message in mail.outbox] == [["rosa@example.org"]]
    link = re.search(r"http://\S+/invitations/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    page.get_by_label("User name").fill("rosa")
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Méndez")
    page.get_by_label(re.compile(r"^Password:?$")).fill(NEW_PASSWORD)
    page.get_by_label("Password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("status")).to_have_text(
        "Your account is ready. Sign in with your user name and password."
    )
    login(page, live_server, "rosa", NEW_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/")
    rosa = User.objects.get(username="rosa")
    assert Membership.objects.get(user=rosa, organization=organization).role == "organizer"
    page.goto(f"{live_server.url}/invitations/{link.rstrip('/').rsplit('/', 1)[1]}/")
    expect(page.get_by_role("alert")).to_contain_text("This invitation link cannot be used")
    sign_out(page)

    # The admin makes Rosa legal staff.
    phone.goto(f"{live_server.url}{organization.get_absolute_url()}")
    row = member_row(phone, "rosa")
    row.get_by_label("Role of rosa").select_option(label="Legal staff")
    row.get_by_role("button", name="Change role").click()
    expect(phone.get_by_role("status")).to_have_text("Rosa Méndez is now: Legal staff.")
    assert Membership.objects.get(user=rosa, organization=organization).role == "legal"

    # Rosa mistypes her password until the sign-in is locked; the admin lifts the lock.
    for _ in range(5):
        response = login(page, live_server, "rosa", "not her password")
    assert response.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in locked")
    phone.reload()
    row = member_row(phone, "rosa")
    expect(row.get_by_text("Locked", exact=True)).to_be_visible()
    no_sideways_scroll(phone)
    phone.screenshot(timeout=60_000, path=shots / "organization-admin-phone.png", full_page=True)
    row.get_by_role("button", name="Lift the lock for rosa").click()
    expect(phone.get_by_role("status")).to_have_text("Rosa Méndez can sign in again.")
    expect(member_row(phone, "rosa").get_by_text("Locked", exact=True)).to_have_count(0)

    login(page, live_server, "rosa", NEW_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/")
