"""Lockout: per user name and address (AXES_FAILURE_LIMIT), and per user name across every address
(AXES_USERNAME_FAILURE_LIMIT: password spraying)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from power_campaign.accounts import lockout
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SPREAD_MESSAGE = (
    "Too many failed sign-in attempts for this user name from several places. For your protection it is "
    "locked everywhere for 30 minutes, or until an administrator of your organization lifts the lock."
)


def login(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_lockout_limits_come_from_settings(settings):
    assert (settings.AXES_FAILURE_LIMIT, settings.AXES_USERNAME_FAILURE_LIMIT) == (5, 20)


def test_lockout_five_failures_from_one_address_lock_that_address_only(client, organizer):
    for _ in range(4):
        assert login(client, "organizer", "wrong").status_code == 200
    assert login(client, "organizer", "wrong").status_code == 429

    assert login(client, "organizer").status_code == 429
    assert login(client, "organizer", address="10.0.0.2")["Location"] == "/"


def test_lockout_failures_spread_over_twenty_addresses_lock_the_user_name_everywhere(client, organizer):
    for n in range(1, 20):
        assert login(client, "organizer", "wrong", address=f"10.1.0.{n}").status_code == 200
    response = login(client, "organizer", "wrong", address="10.1.0.20")

    assert response.status_code == 429
    assert SPREAD_MESSAGE in response.content.decode()
    assert lockout.username_failures("organizer") == 20
    refused = login(client, "organizer", address="192.0.2.99")
    assert refused.status_code == 429
    assert SPREAD_MESSAGE in refused.content.decode()


def test_lockout_nineteen_spread_failures_still_let_the_right_password_in(client, organizer):
    for n in range(1, 20):
        login(client, "organizer", "wrong", address=f"10.1.0.{n}")
    assert login(client, "organizer", address="10.1.0.50")["Location"] == "/"


def test_lockout_spread_failures_do_not_touch_another_user_name(client, organizer, legal):
    for n in range(1, 21):
        login(client, "organizer", "wrong", address=f"10.1.0.{n}")
    assert login(client, "legal", address="10.1.0.1")["Location"] == "/"
    assert lockout.username_failures("legal") == 0


def test_lockout_success_resets_that_address_but_not_the_failures_from_elsewhere(client, organizer):
    for _ in range(4):
        login(client, "organizer", "wrong", address="10.0.0.1")
    for n in range(1, 11):
        login(client, "organizer", "wrong", address=f"10.2.0.{n}")

    assert login(client, "organizer", address="10.0.0.1")["Location"] == "/"

    assert AccessAttempt.objects.filter(username="organizer", ip_address="10.0.0.1").count() == 0
    assert lockout.username_failures("organizer") == 10


def test_lockout_old_failures_no_longer_count(client, organizer):
    for n in range(1, 20):
        login(client, "organizer", "wrong", address=f"10.1.0.{n}")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))

    assert lockout.username_failures("organizer") == 0
    assert login(client, "organizer", "wrong", address="10.1.0.20").status_code == 200


@override_settings(AXES_USERNAME_FAILURE_LIMIT=8)
def test_lockout_user_name_limit_is_read_from_settings(client, organizer):
    for n in range(1, 8):
        assert login(client, "organizer", "wrong", address=f"10.3.0.{n}").status_code == 200
    assert login(client, "organizer", "wrong", address="10.3.0.8").status_code == 429


def test_lockout_reset_username_clears_both_counts(client, organizer):
    for _ in range(5):
        login(client, "organizer", "wrong", address="10.0.0.1")
    for n in range(1, 16):
        login(client, "organizer", "wrong", address=f"10.1.0.{n}")

    assert lockout.locked_usernames(["organizer", "legal"]) == {"organizer"}
    assert lockout.reset_username("organizer") == 16

    assert lockout.locked_usernames(["organizer"]) == set()
    assert login(client, "organizer", address="10.0.0.1")["Location"] == "/"


def test_lockout_locked_usernames_sees_the_user_name_limit(client, organizer):
    for n in range(1, 21):
        login(client, "organizer", "wrong", address=f"10.1.0.{n}")
    assert lockout.locked_usernames(["organizer"]) == {"organizer"}


def test_lockout_spread_message_is_in_spanish(client, organizer):
    client.cookies["django_language"] = "es"
    for n in range(1, 21):
        response = login(client, "organizer", "wrong", address=f"10.1.0.{n}")
    assert response.status_code == 429
    assert "bloqueado en todas partes" in response.content.decode()


def test_lockout_user_name_limit_below_the_address_limit_stops_the_start(tmp_path):
    from tests.test_settings import run_manage

    result = run_manage(tmp_path, "check", AXES_FAILURE_LIMIT="5", AXES_USERNAME_FAILURE_LIMIT="3")
    assert result.returncode == 1
    assert (
        "AXES_FAILURE_LIMIT must be 1 or more, and AXES_USERNAME_FAILURE_LIMIT at least as large "
        "(they are 5 and 3)." in result.stderr
    )


def test_invitation_max_age_out_of_range_stops_the_start(tmp_path):
    from tests.test_settings import run_manage

    result = run_manage(tmp_path, "check", INVITATION_MAX_AGE_HOURS="0")
    assert result.returncode == 1
    assert "INVITATION_MAX_AGE_HOURS must be a number of hours from 1 to 720." in result.stderr
