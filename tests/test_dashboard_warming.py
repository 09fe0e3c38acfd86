"""The task worker makes the dashboards ahead of their readers: after each change, those of the changed
organization's users who read theirs lately, in their language; just after midnight, every such reader's
(power_campaign/dashboard.py)."""

import datetime
import logging
import zoneinfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from power_campaign import dashboard
from tests.cases.factories import WorksiteFactory
from tests.factories import member
from tests.test_dashboard_cache import home, log_incident

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
NOW = datetime.datetime(2026, 12, 6, 15, 30, tzinfo=datetime.UTC)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def warmed(monkeypatch):
    """[(username, language)] of each dashboard the worker made, in order."""
    made = []
    real = dashboard.warm

    def spy(user, language):
        made.append((user.username, language))
        real(user, language)

    monkeypatch.setattr(dashboard, "warm", spy)
    return made


def test_after_a_change_the_worker_makes_the_dashboards_of_the_organizations_readers_in_their_language(
    organizer, legal, organization, other_admin, warmed, django_capture_on_commit_callbacks
):
    acme = WorksiteFactory(organization=organization, employer_name="Acme Poultry", created_by=organizer)
    organizer.language = "es"
    organizer.save(update_fields=["language"])
    reader, other_reader = signed_in(organizer), signed_in(other_admin)
    assert home(reader)[0] is True  # read in Spanish: noted
    assert home(other_reader)[0] is True  # another organization's reader
    # `legal` is of the organization but has not read their dashboard: not made for them.

    with django_capture_on_commit_callbacks(execute=True):
        log_incident(acme, organizer)

    assert warmed == [("organizer", "es")]
    made, page = home(reader)
    assert made is False  # ready when the reader comes
    assert "Acme Poultry" in page and "Últimos incidentes" in page
    assert home(signed_in(legal))[0] is True
    assert home(other_reader)[0] is False  # still the panels from before: nothing of theirs changed


def test_coalition_staff_read_every_organization_and_are_warmed_after_any_change(
    organizer, organization, warmed, django_capture_on_commit_callbacks
):
    staff = member("admin", username="coalition", coalition_role="admin")
    acme = WorksiteFactory(organization=organization, created_by=organizer)
    home(signed_in(staff))

    with django_capture_on_commit_callbacks(execute=True):
        log_incident(acme, organizer)

    assert warmed == [("coalition", "en")]


def test_changes_queue_one_warm_up_per_organization_until_a_worker_starts_it(
    settings,
    organizer,
    organization,
    other_organization,
    other_admin,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    ours = WorksiteFactory(organization=organization, created_by=organizer)
    theirs = WorksiteFactory(organization=other_organization, created_by=other_admin)

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            log_incident(ours, organizer)
            log_incident(ours, organizer)
        log_incident(ours, organizer)
        log_incident(theirs, other_admin)

    def queued():
        tasks = DBTaskResult.objects.filter(task_path=dashboard.warm_dashboards_task.module_path)
        return sorted(task.args_kwargs["args"] for task in tasks)

    assert queued() == [[organization.pk], [other_organization.pk]]
    first = DBTaskResult.objects.filter(task_path=dashboard.warm_dashboards_task.module_path).first()
    assert first.run_after == NOW + datetime.timedelta(seconds=5)  # a burst costs one warm-up
    assert first.priority == -10  # after packets

    dashboard.warm_dashboards_task.call(organization.pk)  # the worker starts it: the next change queues again
    with django_capture_on_commit_callbacks(execute=True):
        log_incident(ours, organizer)
        log_incident(theirs, other_admin)
    assert queued() == [[organization.pk], [organization.pk], [other_organization.pk]]


def test_a_reader_whose_dashboard_fails_is_logged_and_the_others_are_still_made(
    organizer, legal, organization, monkeypatch, caplog
):
    home(signed_in(organizer))
    legal_reader = signed_in(legal)
    home(legal_reader)
    dashboard.freshness.everything_changed()
    real = dashboard.warm

    def failing_for_the_organizer(user, language):
        if user == organizer:
            raise RuntimeError("boom")
        real(user, language)

    monkeypatch.setattr(dashboard, "warm", failing_for_the_organizer)

    with caplog.at_level(logging.ERROR, logger="power_campaign.dashboard"):
        assert dashboard.warm_dashboards_task.call(organization.pk) == {"warmed": 1}

    logged = [record.getMessage() for record in caplog.records if record.name == "power_campaign.dashboard"]
    assert logged == [f"The dashboard of user {organizer.pk} could not be made ahead."]
    assert home(legal_reader)[0] is False


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2026, 12, 6, 23, 59, tzinfo=CHICAGO), datetime.datetime(2026, 12, 7, 0, 1)),
        (datetime.datetime(2026, 12, 6, 0, 0, tzinfo=CHICAGO), datetime.datetime(2026, 12, 7, 0, 1)),
        # The night the clocks go back: midnight comes once, in daylight time.
        (datetime.datetime(2026, 10, 31, 12, tzinfo=CHICAGO), datetime.datetime(2026, 11, 1, 0, 1)),
    ],
)
def test_the_night_warm_up_runs_just_after_midnight_in_the_desks_zone(now, expected):
    assert dashboard.next_midnight(now) == expected.replace(tzinfo=CHICAGO)


def test_the_night_warm_up_makes_every_readers_dashboard_and_queues_the_next_night(
    settings, organizer, other_admin, warmed, capsys
):
    settings.TASKS = DATABASE_TASKS
    home(signed_in(organizer))
    home(signed_in(other_admin))

    call_command("warm_dashboards", "--schedule")
    call_command("warm_dashboards", "--schedule")
    first = DBTaskResult.objects.get()
    assert first.run_after == dashboard.next_midnight()
    DBTaskResult.objects.filter(pk=first.pk).update(status=TaskResultStatus.RUNNING)

    assert dashboard.daily_warm_task.call() == {"warmed": 2}

    assert sorted(warmed) == [("admin2", "en"), ("organizer", "en")]
    assert DBTaskResult.objects.get(status=TaskResultStatus.READY).run_after == dashboard.next_midnight()
    assert capsys.readouterr().out == (
        "Nightly dashboard warm-up queued for the task worker.\n"
        "Not queued: it already is, or the task backend cannot run tasks later "
        "(then run `manage.py warm_dashboards` just after midnight from cron).\n"
    )


def test_the_command_makes_every_readers_dashboard_at_once(organizer, admin, capsys):
    reader = signed_in(organizer)
    home(reader)
    home(signed_in(admin))
    dashboard.freshness.everything_changed()  # as a restore does

    call_command("warm_dashboards")

    assert capsys.readouterr().out == "2 dashboard(s) made.\n"
    assert home(reader)[0] is False


def test_the_reader_is_noted_only_by_reading_the_dashboard(client, organizer):
    client.force_login(organizer)
    client.get(reverse("cases:worksite_list"))
    assert dashboard.readers() == []

    client.get(reverse("dashboard"), headers={"accept-language": "es"})

    assert dashboard.readers() == [(organizer, "es")]
