"""A task for the worker tests: each run appends a line to a file named for its number."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def record_run(folder, number):
    time.sleep(0.3)  # long enough for the other worker to claim the next task meanwhile
    with open(Path(folder) / f"{number:03d}", "a") as runs:
        runs.write(f"{os.getpid()}\n")
