"""Several task workers on one queue (PostgreSQL): django-tasks-db claims each task with
SELECT ... FOR UPDATE SKIP LOCKED, so that two workers never run the same task."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests.ops.tasks import record_run

ROOT = Path(__file__).resolve().parent.parent.parent
TASKS = 12

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="workers claim tasks with SELECT ... FOR UPDATE SKIP LOCKED, which SQLite does not have; "
    "on SQLite the task worker runs as one process (set DATABASE_URL to PostgreSQL to run this test)",
)


def database_url(settings_dict):
    user = quote(settings_dict["USER"] or "", safe="")
    password = f":{quote(settings_dict['PASSWORD'], safe='')}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def start_worker(worker_id):
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict), "LOG_FORMAT": "plain"}
    env.pop("TASKS_BACKEND", None)  # the database queue
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.1",
            "--worker-id",
            worker_id,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in worker.stderr:  # wait until it polls the queue
        if "Starting worker" in line:
            return worker
    raise AssertionError(f"worker {worker_id} did not start (exit code {worker.wait()})")


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_one_queue_run_each_task_exactly_once(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    workers = [start_worker("worker-a"), start_worker("worker-b")]
    try:
        for number in range(TASKS):
            record_run.enqueue(str(tmp_path), number)
        deadline = time.monotonic() + 30
        while DBTaskResult.objects.successful().count() < TASKS and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        for worker in workers:
            worker.terminate()  # SIGTERM: finish the running task, then exit
        for worker in workers:
            worker.wait(timeout=30)
            worker.stderr.close()

    results = list(DBTaskResult.objects.values_list("status", "worker_ids"))
    assert len(results) == TASKS
    assert [status for status, _ in results] == ["SUCCESSFUL"] * TASKS
    assert all(len(worker_ids) == 1 for _, worker_ids in results)  # claimed once, by one worker
    assert {worker_ids[0] for _, worker_ids in results} == {"worker-a", "worker-b"}  # both took part
    runs = sorted(path.name for path in tmp_path.iterdir())
    assert runs == [f"{number:03d}" for number in range(TASKS)]
    assert [len((tmp_path / name).read_text().splitlines()) for name in runs] == [1] * TASKS
