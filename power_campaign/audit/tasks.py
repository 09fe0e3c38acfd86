"""The daily checkpoint, taken by the task worker (`manage.py db_worker`): a series of
power_campaign/ops/scheduling.py, whose first run `manage.py audit_checkpoint --schedule` queues."""

import datetime

from django.utils import timezone
from django_tasks import task

from power_campaign.ops.scheduling import schedule_once

from .checkpoints import write_checkpoint


@task()
def daily_checkpoint_task():
    schedule_daily_checkpoint(after=timezone.now() + datetime.timedelta(days=1))
    path, statement = write_checkpoint()
    return {"file": str(path), "sequence": statement["sequence"]}


def schedule_daily_checkpoint(*, after=None):
    """Queue the next daily checkpoint (at `after`, default now) unless one is queued; False if it was,
    or if the task backend cannot run tasks later (then schedule `audit_checkpoint` from cron)."""
    return schedule_once(daily_checkpoint_task, after=after)
