"""The daily checkpoint, taken by the task worker (`manage.py db_worker`).

The task queues its own next run a day later before it signs, so one failure does not end the series;
`manage.py audit_checkpoint --schedule` (run by `make run` and before the worker starts in production)
queues the first one and is harmless when one is already queued.
"""

import datetime

from django.utils import timezone
from django_tasks import task

from .checkpoints import write_checkpoint


@task()
def daily_checkpoint_task():
    schedule_daily_checkpoint(after=timezone.now() + datetime.timedelta(days=1))
    path, statement = write_checkpoint()
    return {"file": str(path), "sequence": statement["sequence"]}


def schedule_daily_checkpoint(*, after=None):
    """Queue the next daily checkpoint (at `after`, default now) unless one is queued; False if it was,
    or if the task backend cannot run tasks later (then schedule `audit_checkpoint` from cron)."""
    backend = daily_checkpoint_task.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if isinstance(backend, DatabaseBackend):
        queued = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=daily_checkpoint_task.module_path
        )
        if queued.exists():
            return False
    daily_checkpoint_task.using(run_after=after or timezone.now()).enqueue()
    return True
