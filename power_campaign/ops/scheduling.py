"""Tasks that run at a time of day, again and again, on the task worker (`manage.py db_worker`).

Such a task queues its own next run before it works, so one failure does not end the series; a management
command's `--schedule` (run by `make run` and before the worker starts in production) queues the first run
and is harmless when one is already queued. The audit checkpoint, the agreements' expiry and the
dashboards' night warm-up work this way.
"""

from django.utils import timezone


def schedule_once(task, *, after=None):
    """Queue `task` to run at `after` (default now) unless a run of it is queued already; False if one was,
    or if the task backend cannot run tasks later (then run the task's command from cron)."""
    backend = task.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=task.module_path)
    if isinstance(backend, DatabaseBackend) and queued.exists():
        return False
    task.using(run_after=after or timezone.now()).enqueue()
    return True
