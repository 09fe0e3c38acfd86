import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from power_campaign.audit.models import AuditEvent
from tests.factories import PASSWORD, totp_code, totp_device

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **extra})


def test_login_with_right_password_reaches_dashboard_and_is_audited(client, organizer):
    response = login(client, "organizer")
    assert response.status_code == 302
    assert response["Location"] == "/"
    event = AuditEvent.objects.get(action="login")
    assert (event.actor, event.object_type, event.summary) == (
        organizer,
        "accounts.user",
        "password accepted",
    )
    assert event.ip_address == "127.0.0.1"


def test_login_with_wrong_password_shows_error_and_is_audited(client, organizer):
    response = login(client, "organizer", "wrong password")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    event = AuditEvent.objects.get(action="failed_login")
    assert (event.summary, event.object_type, event.object_id) == (
        "wrong password",
        "accounts.user",
        str(organizer.pk),
    )
    assert event.actor is None


def test_failed_login_never_records_what_was_typed(client, organizer):
    login(client, "my secret passphrase", "x")
    event = AuditEvent.objects.get(action="failed_login")
    assert (event.summary, event.object_type, event.object_id) == ("unknown user name", "", "")
    assert "passphrase" not in event.canonical_content()


def test_repeated_failures_lock_the_account_with_a_clear_message(client, settings, organizer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "organizer", "wrong password")
    response = login(client, "organizer")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed sign-in attempts" in text
    assert "locked on this device for 30 minutes" in text
    assert AccessAttempt.objects.get(username="organizer").failures_since_start == 6  # the refused 6th counts


def test_lockout_does_not_touch_another_username(client, settings, organizer, legal):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "organizer", "wrong password")
    assert login(client, "legal")["Location"] == "/"


def test_logout_needs_post_and_is_audited(client, organizer):
    client.force_login(organizer)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == "/login/"
    assert AuditEvent.objects.filter(action="logout", actor=organizer).count() == 1
    assert client.get("/")["Location"] == "/login/?next=/"


def test_user_with_authenticator_must_enter_code_before_anything_else(client, legal):
    totp_device(legal)
    response = login(client, "legal", next="/account/")
    assert response["Location"] == "/account/"
    response = client.get("/account/")
    assert response["Location"] == "/two-factor/?next=%2Faccount%2F"


def test_right_code_completes_login_and_goes_to_next(client, legal):
    device = totp_device(legal)
    login(client, "legal")
    response = client.post("/two-factor/?next=/account/", {"code": totp_code(device)})
    assert response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200
    assert (
        AuditEvent.objects.filter(action="login").first().summary == "second factor verified (authenticator)"
    )


def test_wrong_code_is_refused_with_message_and_audited(client, legal):
    totp_device(legal)
    login(client, "legal")
    response = client.post("/two-factor/", {"code": "000000"})
    assert response.status_code == 200
    assert "That code is not valid." in response.content.decode()
    assert (
        AuditEvent.objects.filter(action="failed_login", actor=legal).get().summary == "wrong two-factor code"
    )
    assert client.get("/")["Location"] == "/two-factor/?next=%2F"


def test_backup_code_works_once(client, legal):
    device = totp_device(legal)
    client.force_login(legal)
    client.post("/two-factor/", {"code": totp_code(device)})
    codes_page = client.post(reverse("accounts:backup_codes"))
    code = codes_page.context["codes"][0]
    client.post(reverse("accounts:logout"))
    login(client, "legal")
    assert client.post("/two-factor/", {"code": code})["Location"] == "/"
    client.post(reverse("accounts:logout"))
    login(client, "legal")
    assert client.post("/two-factor/", {"code": code}).status_code == 200
    assert StaticToken.objects.filter(device__user=legal).count() == 9


def test_redirect_after_code_never_leaves_the_site(client, legal):
    device = totp_device(legal)
    login(client, "legal")
    response = client.post("/two-factor/?next=https://evil.example/", {"code": totp_code(device)})
    assert response["Location"] == "/"


def test_required_role_without_device_is_sent_to_setup(client, settings, legal):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["legal", "admin"]
    login(client, "legal")
    assert client.get("/")["Location"] == "/two-factor/setup/"
    assert client.get("/audit/")["Location"] == "/two-factor/setup/"


def test_organizer_is_not_forced_to_enrol(client, settings, organizer):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["legal", "admin"]
    login(client, "organizer")
    assert client.get("/").status_code == 200


def test_setup_shows_qr_code_and_key(client, legal):
    client.force_login(legal)
    response = client.get("/two-factor/setup/")
    device = TOTPDevice.objects.get(user=legal, confirmed=False)
    text = response.content.decode()
    assert re.search(r'<svg viewBox="0 0 (\d+) \1" class="qr-code"><title>QR code to scan</title>', text)
    assert response.context["secret"] in text
    assert len(response.context["secret"]) == 32
    assert device.name == "Authenticator app"


def test_setup_with_right_code_turns_on_two_factor_and_shows_ten_backup_codes(client, legal):
    client.force_login(legal)
    client.get("/two-factor/setup/")
    device = TOTPDevice.objects.get(user=legal)
    response = client.post("/two-factor/setup/", {"code": totp_code(device)})
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert TOTPDevice.objects.get(user=legal).confirmed is True
    assert StaticToken.objects.filter(device__user=legal).count() == 10
    updates = AuditEvent.objects.filter(actor=legal, action="update").order_by("sequence")
    summaries = list(updates.values_list("summary", flat=True))
    assert summaries == ["two-factor login enabled", "two-factor backup codes issued"]
    assert client.get("/").status_code == 200


def test_setup_with_wrong_code_changes_nothing(client, legal):
    client.force_login(legal)
    client.get("/two-factor/setup/")
    response = client.post("/two-factor/setup/", {"code": "12345"})
    assert "That code does not match." in response.content.decode()
    assert TOTPDevice.objects.get(user=legal).confirmed is False
    assert StaticToken.objects.count() == 0


def test_setup_when_already_on_goes_back_to_account(client, legal):
    device = totp_device(legal)
    client.force_login(legal)
    client.post("/two-factor/", {"code": totp_code(device)})
    assert client.get("/two-factor/setup/")["Location"] == "/account/"


def test_new_backup_codes_replace_the_old_ones(client, legal):
    device = totp_device(legal)
    client.force_login(legal)
    client.post("/two-factor/", {"code": totp_code(device)})
    first = client.post(reverse("accounts:backup_codes")).context["codes"]
    second = client.post(reverse("accounts:backup_codes")).context["codes"]
    stored = set(StaticToken.objects.filter(device__user=legal).values_list("token", flat=True))
    assert stored == set(second)
    assert not stored & set(first)


def test_password_reset_sends_a_link_that_sets_a_new_password(client, organizer):
    response = client.post(reverse("accounts:password_reset"), {"email": "organizer@example.org"})
    assert response["Location"] == "/password/reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your POWER case desk password"
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.replace("http://testserver", "")
    form_page = client.get(path, follow=True)
    new_password = "a much longer new passphrase"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert response["Location"] == "/password/reset/done/"
    organizer.refresh_from_db()
    assert organizer.check_password(new_password)


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client, organizer):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == "/password/reset/sent/"
    assert mail.outbox == []


def test_password_change_is_audited_and_keeps_session(client, organizer):
    client.force_login(organizer)
    new_password = "another long passphrase"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response["Location"] == "/account/"
    assert AuditEvent.objects.get(action="update").summary == "password changed"
    assert client.get("/").status_code == 200


def test_password_change_with_short_password_is_refused(client, organizer):
    client.force_login(organizer)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert "This password is too short. It must contain at least 12 characters." in response.content.decode()
    organizer.refresh_from_db()
    assert organizer.check_password(PASSWORD)


def test_behind_a_proxy_the_forwarded_address_is_recorded(client, settings, organizer):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = 1
    client.post(
        reverse("accounts:login"),
        {"username": "organizer", "password": PASSWORD},
        headers={"x-forwarded-for": "203.0.113.7, 10.0.0.2"},
    )
    assert AuditEvent.objects.get(action="login").ip_address == "203.0.113.7"


def test_a_backup_code_does_not_slow_down_the_authenticator(client, legal):
    device = totp_device(legal)
    client.force_login(legal)
    client.post("/two-factor/", {"code": totp_code(device)})
    code = client.post(reverse("accounts:backup_codes")).context["codes"][0]
    client.post(reverse("accounts:logout"))
    login(client, "legal")
    client.post("/two-factor/", {"code": code})
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_repeated_wrong_codes_ask_the_user_to_wait(client, legal):
    totp_device(legal)
    login(client, "legal")
    client.post("/two-factor/", {"code": "000000"})
    response = client.post("/two-factor/", {"code": "000001"})
    assert response.context["form"].errors == {"code": ["Too many wrong codes. Wait 1 second and try again."]}


def test_completing_two_factor_login_gives_a_new_session_key(client, legal):
    device = totp_device(legal)
    login(client, "legal")
    before = client.session.session_key
    client.post("/two-factor/", {"code": totp_code(device)})
    after = client.session.session_key
    assert after != before
    assert client.get("/account/").status_code == 200


def test_a_wrong_code_keeps_the_session_key(client, legal):
    totp_device(legal)
    login(client, "legal")
    before = client.session.session_key
    client.post("/two-factor/", {"code": "000000"})
    assert client.session.session_key == before


def test_signed_in_pages_are_never_stored(client, organizer):
    client.force_login(organizer)
    for url in ("/", "/account/", reverse("cases:worksite_list")):
        assert client.get(url)["Cache-Control"] == "private, no-store", url


def test_downloads_keep_their_own_cache_header_when_signed_in(client, organizer):
    client.force_login(organizer)
    response = client.get(reverse("cases:export_csv"))
    assert response["Cache-Control"] == "private, no-store"
