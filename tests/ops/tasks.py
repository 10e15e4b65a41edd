"""A task for the worker tests: marks its start, takes a few seconds, marks its end."""

import time
from pathlib import Path

from django_tasks import task


@task(queue_name="ops-test")
def slow_marker(folder: str, seconds: float) -> str:
    Path(folder, "started").write_text("started")
    time.sleep(seconds)
    Path(folder, "finished").write_text("finished")
    return "done"
