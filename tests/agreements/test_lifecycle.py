"""The end of an agreement's term: termination by an administrator, and expiry by the daily job."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from agreements import services
from agreements.models import Agreement
from agreements.tasks import daily_expiry_task, schedule_daily_expiry
from power_campaign.audit.models import AuditEvent
from power_campaign.transitions import TransitionNotAllowed
from tests.agreements.conftest import make_active
from tests.cases.factories import WorksiteFactory


def summaries(obj):
    return list(AuditEvent.objects.for_object(obj).order_by("sequence").values_list("summary", flat=True))


# Termination


def test_terminate_ends_an_active_agreement_with_the_reason(active_agreement, admin, clock):
    services.terminate_agreement(agreement=active_agreement, reason=" The plant closed. ", user=admin)

    active_agreement.refresh_from_db()
    assert (active_agreement.status, active_agreement.terminated_at, active_agreement.termination_reason) == (
        "terminated",
        clock,
        "The plant closed.",
    )
    assert summaries(active_agreement)[-2:] == ["status: active → terminated", "agreement terminated"]


def test_terminate_refused_without_a_reason(active_agreement, admin):
    with pytest.raises(services.AgreementError) as error:
        services.terminate_agreement(agreement=active_agreement, reason="  ", user=admin)

    assert error.value.messages == ["Give the reason for ending the agreement."]
    active_agreement.refresh_from_db()
    assert (active_agreement.status, active_agreement.terminated_at) == ("active", None)


def test_terminate_refused_for_a_draft(agreement, admin):
    with pytest.raises(TransitionNotAllowed):
        services.terminate_agreement(agreement=agreement, reason="No longer needed.", user=admin)

    agreement.refresh_from_db()
    assert (agreement.status, agreement.termination_reason) == ("draft", "")


@pytest.mark.parametrize("who", ["organizer", "legal", "other_admin"])
def test_terminate_only_by_an_admin_of_the_organization(active_agreement, who, request):
    with pytest.raises(PermissionDenied):
        services.terminate_agreement(
            agreement=active_agreement, reason="x", user=request.getfixturevalue(who)
        )

    active_agreement.refresh_from_db()
    assert active_agreement.status == "active"


def test_terminate_page_terminates(client, admin, active_agreement):
    client.force_login(admin)

    response = client.post(
        reverse("agreements:agreement_terminate", args=[active_agreement.uuid]), {"reason": "Sold the plant."}
    )

    assert response.status_code == 302
    assert response["Location"] == active_agreement.get_absolute_url()
    active_agreement.refresh_from_db()
    assert (active_agreement.status, active_agreement.termination_reason) == ("terminated", "Sold the plant.")
    html = client.get(active_agreement.get_absolute_url()).content.decode()
    assert "<dt>Reason for termination</dt><dd>Sold the plant.</dd>" in html
    assert "Report a breach" not in html


def test_terminate_page_without_a_reason_shows_the_error(client, admin, active_agreement):
    client.force_login(admin)

    response = client.post(
        reverse("agreements:agreement_terminate", args=[active_agreement.uuid]), {"reason": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    active_agreement.refresh_from_db()
    assert active_agreement.status == "active"


def test_terminate_page_refused_to_an_organizer(client, organizer, active_agreement):
    client.force_login(organizer)

    response = client.post(
        reverse("agreements:agreement_terminate", args=[active_agreement.uuid]), {"reason": "Sold the plant."}
    )

    assert response.status_code == 403
    active_agreement.refresh_from_db()
    assert active_agreement.status == "active"


def test_terminate_page_for_a_draft_goes_back_with_a_message(client, admin, agreement):
    client.force_login(admin)

    response = client.get(reverse("agreements:agreement_terminate", args=[agreement.uuid]), follow=True)

    assert response.redirect_chain == [(agreement.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Only an active agreement can be terminated."]


def test_agreement_page_offers_termination_to_admins_only(client, admin, organizer, active_agreement):
    url = reverse("agreements:agreement_terminate", args=[active_agreement.uuid])
    client.force_login(admin)
    assert f'href="{url}">Terminate</a>' in client.get(active_agreement.get_absolute_url()).content.decode()
    client.force_login(organizer)
    assert url not in client.get(active_agreement.get_absolute_url()).content.decode()


# Expiry


@pytest.fixture
def agreements_by_term(organization, organizer, template):
    def active(expires_on):
        return make_active(
            WorksiteFactory(organization=organization), template, organizer, expires_on=expires_on
        )

    return {
        "ended": active(datetime.date(2026, 6, 4)),
        "last_day": active(datetime.date(2026, 6, 5)),
        "open_ended": active(None),
    }


def test_expire_agreements_moves_those_whose_term_ended(agreements_by_term):
    expired = services.expire_agreements(today=datetime.date(2026, 6, 5))

    assert expired == [agreements_by_term["ended"]]
    statuses = {key: Agreement.objects.get(pk=a.pk).status for key, a in agreements_by_term.items()}
    assert statuses == {"ended": "expired", "last_day": "active", "open_ended": "active"}
    assert summaries(agreements_by_term["ended"])[-2:] == [
        "status: active → expired",
        "agreement expired: its term ended on 2026-06-04",
    ]


def test_expire_agreements_is_idempotent(agreements_by_term):
    services.expire_agreements(today=datetime.date(2026, 6, 5))
    events = AuditEvent.objects.count()

    assert services.expire_agreements(today=datetime.date(2026, 6, 5)) == []
    assert AuditEvent.objects.count() == events


def test_expire_agreements_leaves_terminated_ones(agreements_by_term, admin):
    services.terminate_agreement(agreement=agreements_by_term["ended"], reason="Closed.", user=admin)

    assert services.expire_agreements(today=datetime.date(2026, 6, 5)) == []
    assert Agreement.objects.get(pk=agreements_by_term["ended"].pk).status == "terminated"


def test_expire_agreements_command_uses_today(agreements_by_term, clock, capsys):
    call_command("expire_agreements")
    call_command("expire_agreements")

    assert capsys.readouterr().out == "1 agreement(s) expired.\n0 agreement(s) expired.\n"
    assert Agreement.objects.get(pk=agreements_by_term["ended"].pk).status == "expired"


def test_an_agreement_expires_once_its_last_day_is_over_at_its_worksite(
    monkeypatch, organization, organizer, template
):
    """12:30 a.m. June 5 in Chicago is still 7:30 p.m. June 4 in Honolulu: an agreement there whose last day
    is June 4 is still in force; the one in Chicago has ended."""

    def ending_june_4(state, zone):
        site = WorksiteFactory(organization=organization, state=state, time_zone=zone)
        return make_active(site, template, organizer, expires_on=datetime.date(2026, 6, 4))

    chicago, honolulu = ending_june_4("IL", "America/Chicago"), ending_june_4("HI", "Pacific/Honolulu")
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 6, 5, 5, 30, tzinfo=datetime.UTC))
    assert services.expire_agreements() == [chicago]
    assert Agreement.objects.get(pk=honolulu.pk).status == "active"

    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 6, 5, 10, 0, tzinfo=datetime.UTC))
    assert services.expire_agreements() == [honolulu]  # midnight in Honolulu
    assert Agreement.objects.get(pk=honolulu.pk).status == "expired"


def test_expire_agreements_schedule_queues_once(settings, capsys, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    call_command("expire_agreements", "--schedule")
    call_command("expire_agreements", "--schedule")

    assert capsys.readouterr().out == (
        "Daily agreement expiry queued for the task worker.\n"
        "Not queued: it already is, or the task backend cannot run tasks later "
        "(then run `manage.py expire_agreements` daily from cron).\n"
    )
    assert DBTaskResult.objects.filter(task_path=daily_expiry_task.module_path).count() == 1


def test_daily_expiry_task_expires_and_queues_the_next_day(settings, agreements_by_term, clock):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert schedule_daily_expiry() is True
    first = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=first.pk).update(status=TaskResultStatus.RUNNING)

    result = daily_expiry_task.call()

    assert result == {"expired": [str(agreements_by_term["ended"].uuid)]}
    queued = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert queued.run_after - first.run_after == datetime.timedelta(days=1)
