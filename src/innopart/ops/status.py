"""What an administrator reads on the operations page and the start page: whether a task worker runs the queue,
and which background work waits, runs or failed lately. The same figures /metrics gives a monitoring system, for a
person, in words."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

FAILURES_SHOWN_FOR = datetime.timedelta(days=7)

# The background tasks by the name of their function (the end of the task's path), in the words of the person who
# started them. Ops imports no domain app; a task added elsewhere without a name here reads as "Other task".
TASK_NAMES = {
    "compute_index": _("Composite index of industrial change"),
    "refresh_dataset": _("Refresh of a Eurostat dataset"),
    "form_panels": _("Forming the jury's panels"),
    "compute_uncertainty": _("Uncertainty of the ranking"),
    "write_letter": _("Decision letter"),
}


@dataclass(frozen=True)
class Worker:
    hostname: str
    pid: int
    started_at: datetime.datetime
    last_seen: datetime.datetime
    alive: bool


@dataclass(frozen=True)
class TaskLine:
    name: str
    waiting: int
    running: int
    failed: int  # within FAILURES_SHOWN_FOR
    oldest_waiting: datetime.datetime | None
    last_failure: datetime.datetime | None


def _lost_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=max(settings.READYZ_WORKER_MAX_AGE, settings.WORKER_LOST_AFTER_SECONDS))


def workers(now: datetime.datetime) -> list[Worker]:
    """Every worker that has reported, the live ones first; a worker that stopped cleanly removed its own row."""
    found = [
        Worker(row.hostname, row.pid, row.started_at, row.last_seen, row.last_seen >= now - _lost_after())
        for row in WorkerHeartbeat.objects.order_by("-last_seen")
    ]
    return sorted(found, key=lambda w: not w.alive)


def task_name(path: str) -> str:
    return str(TASK_NAMES.get(path.rsplit(".", 1)[-1], _("Other task")))


def tasks(now: datetime.datetime) -> list[TaskLine]:
    since = now - FAILURES_SHOWN_FOR
    rows = (
        DBTaskResult.objects.values("task_path")
        .annotate(
            waiting=Count("id", filter=Q(status=TaskResultStatus.READY)),
            running=Count("id", filter=Q(status=TaskResultStatus.RUNNING)),
            failed=Count("id", filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=since)),
            oldest_waiting=Min("enqueued_at", filter=Q(status=TaskResultStatus.READY)),
            last_failure=Max("finished_at", filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=since)),
        )
        .order_by()
    )
    lines = [
        TaskLine(
            task_name(r["task_path"]), r["waiting"], r["running"], r["failed"], r["oldest_waiting"], r["last_failure"]
        )
        for r in rows
        if r["waiting"] or r["running"] or r["failed"]
    ]
    return sorted(lines, key=lambda line: (-line.failed, -line.waiting, line.name))


@dataclass(frozen=True)
class Summary:
    live_workers: int
    last_seen: datetime.datetime | None  # the most recent heartbeat of any worker, live or not
    waiting: int
    failed: int


def summary(now: datetime.datetime) -> Summary:
    """Four figures for the start page, in two queries."""
    beats = WorkerHeartbeat.objects.aggregate(
        live=Count("id", filter=Q(last_seen__gte=now - _lost_after())), last=Max("last_seen")
    )
    counts = DBTaskResult.objects.aggregate(
        waiting=Count("id", filter=Q(status=TaskResultStatus.READY)),
        failed=Count("id", filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=now - FAILURES_SHOWN_FOR)),
    )
    return Summary(beats["live"], beats["last"], counts["waiting"], counts["failed"])
