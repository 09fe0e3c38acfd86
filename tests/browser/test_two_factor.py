"""Two-factor login: enrolment with an authenticator app, codes at sign-in, backup codes."""

import base64
import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import login, sign_out
from tests.factories import PASSWORD, totp_code, totp_device

pytestmark = pytest.mark.browser

INVALID_CODE_MESSAGE = (
    "That code is not valid. Check that your phone's clock is right, or use one of your backup codes."
)
# django-otp throttles a device for OTP_*_THROTTLE_FACTOR (1) second after one failed code.
THROTTLE_AFTER_ONE_FAILURE_MS = 1100


def _authenticator_code(secret):
    """What an authenticator app shows now for the base32 key a person typed in."""
    return f"{TOTP(base64.b32decode(secret), step=30, digits=6).token():06d}"


def _wrong_code(device):
    """A 6-digit code the device does not accept at any step in its tolerance window."""
    valid = {totp_code(device, offset) for offset in (-1, 0, 1, 2)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444") if code not in valid)


def _enter_code(page, code):
    page.get_by_label(re.compile(r"^Code:?$")).fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^(Verify|Turn on two-factor login)$")).click()


def test_two_factor_enrolment_then_sign_in_with_authenticator_code(live_server, page, legal, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["legal", "admin"]

    login(page, live_server, "legal", PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/two-factor/setup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor login")
    secret = page.locator("#totp-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    _enter_code(page, _authenticator_code(secret))

    expect(page.get_by_role("heading", level=1)).to_have_text("Your backup codes")
    expect(page.get_by_role("status")).to_have_text("Two-factor login is on.")
    backup_codes = page.get_by_role("list", name="Backup codes").get_by_role("listitem")
    expect(backup_codes).to_have_count(10)
    device = TOTPDevice.objects.get(user=legal)
    assert device.confirmed is True
    assert StaticToken.objects.filter(device__user=legal).count() == 10
    page.get_by_role("link", name="I have saved my codes: continue").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Ana")

    sign_out(page)
    login(page, live_server, "legal", PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/two-factor/?next=%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your two-factor code")
    _enter_code(page, _wrong_code(device))
    expect(page.locator("#id_code_error")).to_have_text(INVALID_CODE_MESSAGE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your two-factor code")

    page.wait_for_timeout(THROTTLE_AFTER_ONE_FAILURE_MS)
    device.refresh_from_db()
    # The step of the enrolment code may be the current one: django-otp refuses a replayed step,
    # so type the next step's code (accepted within the one-step tolerance).
    _enter_code(page, totp_code(device, offset=1))

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Ana")


def test_two_factor_backup_code_works_once(live_server, page, legal, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["legal", "admin"]
    totp_device(legal)
    backup_device = StaticDevice.objects.create(user=legal, name="Backup codes", confirmed=True)
    backup_device.token_set.create(token="k7q2m4xa")
    backup_device.token_set.create(token="p3n6w8zc")

    login(page, live_server, "legal", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your two-factor code")
    _enter_code(page, "k7q2m4xa")

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Ana")
    assert list(StaticToken.objects.filter(device=backup_device).values_list("token", flat=True)) == [
        "p3n6w8zc"
    ]

    sign_out(page)
    login(page, live_server, "legal", PASSWORD)
    _enter_code(page, "k7q2m4xa")

    expect(page.locator("#id_code_error")).to_have_text(INVALID_CODE_MESSAGE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your two-factor code")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/two-factor/?next=%2F")
