"""Tasks left behind by a worker that died: found from the heartbeats, sent back to the queue or marked failed.

django-tasks-db claims a task by setting it RUNNING and appending the worker's id; a worker killed in the middle
(power cut, out of memory, SIGKILL) never finishes it, and nothing in the library notices. Every worker's heartbeat
thread therefore also looks for RUNNING tasks whose worker has not beaten for `stale_after` seconds: such a task
goes back to the queue (every task of Innopart is written to be run again: see docs/deployment.md) until it has
been started `max_attempts` times, then it is marked failed with the reason, so it is never silently lost.
"""

from datetime import timedelta

import structlog
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = structlog.get_logger("innopart.ops.worker")


class WorkerLost(Exception):
    """The worker running the task stopped beating before it finished."""


def recover_abandoned(*, stale_after: float, max_attempts: int, now=None) -> dict[str, int]:
    """Requeue or fail the RUNNING tasks of workers silent for `stale_after` seconds; returns the counts."""
    now = now or timezone.now()
    since = now - timedelta(seconds=stale_after)
    alive = set(WorkerHeartbeat.objects.filter(last_seen__gte=since).values_list("worker_id", flat=True))
    counts = {"requeued": 0, "failed": 0}
    with transaction.atomic():
        # Locked and skipped as the workers claim tasks, so two recovering workers never handle the same task.
        running = DBTaskResult.objects.running().filter(started_at__lt=since).select_for_update(skip_locked=True)
        for result in running:
            owner = result.worker_ids[-1] if result.worker_ids else ""
            if owner in alive:
                continue
            if len(result.worker_ids) < max_attempts:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                counts["requeued"] += 1
                outcome = "requeued"
            else:
                error = WorkerLost(
                    f"worker {owner} stopped responding while running this task "
                    f"(attempt {len(result.worker_ids)} of {max_attempts})"
                )
                result.set_failed(error)
                counts["failed"] += 1
                outcome = "failed"
            logger.warning(
                "task_worker_lost",
                task_id=str(result.id),
                task_name=result.task_path,
                worker_id=owner,
                attempts=len(result.worker_ids),
                outcome=outcome,
            )
    return counts
