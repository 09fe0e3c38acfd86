"""The daily expiry of agreements, run by the task worker (`manage.py db_worker`).

Like the audit checkpoint (power_campaign/audit/tasks.py): the task queues its own next run a day later
before it works, so one failure does not end the series; `manage.py expire_agreements --schedule` queues the
first one and is harmless when one is already queued.
"""

import datetime

from django.utils import timezone
from django_tasks import task

from . import services


@task()
def daily_expiry_task():
    schedule_daily_expiry(after=timezone.now() + datetime.timedelta(days=1))
    return {"expired": [str(agreement.uuid) for agreement in services.expire_agreements()]}


def schedule_daily_expiry(*, after=None):
    """Queue the next daily expiry run (at `after`, default now) unless one is queued; False if it was, or if
    the task backend cannot run tasks later (then run `expire_agreements` daily from cron)."""
    backend = daily_expiry_task.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if isinstance(backend, DatabaseBackend):
        queued = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=daily_expiry_task.module_path
        )
        if queued.exists():
            return False
    daily_expiry_task.using(run_after=after or timezone.now()).enqueue()
    return True
