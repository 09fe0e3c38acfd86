"""The daily expiry of agreements, run by the task worker (`manage.py db_worker`): a series of
power_campaign/ops/scheduling.py, whose first run `manage.py expire_agreements --schedule` queues."""

import datetime

from django.utils import timezone
from django_tasks import task

from power_campaign.ops.scheduling import schedule_once

from . import services


@task()
def daily_expiry_task():
    schedule_daily_expiry(after=timezone.now() + datetime.timedelta(days=1))
    return {"expired": [str(agreement.uuid) for agreement in services.expire_agreements()]}


def schedule_daily_expiry(*, after=None):
    """Queue the next daily expiry run (at `after`, default now) unless one is queued; False if it was, or if
    the task backend cannot run tasks later (then run `expire_agreements` daily from cron)."""
    return schedule_once(daily_expiry_task, after=after)
