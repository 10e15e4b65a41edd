"""Tasks of a worker that died are taken back: requeued while attempts remain, then failed with the reason."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from innopart.ops.models import WorkerHeartbeat
from innopart.ops.recovery import recover_abandoned

pytestmark = pytest.mark.django_db


def _running(worker_ids, started_seconds_ago):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [1, 2], "kwargs": {}},
        task_path="innopart.evaluation.tasks.write_letter",
        worker_ids=worker_ids,
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now() - timedelta(seconds=started_seconds_ago),
        exception_class_path="",
        traceback="",
    )


def test_a_dead_workers_task_is_requeued_then_failed_and_a_live_ones_is_left_alone():
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", hostname="a", pid=1, last_seen=now)
    WorkerHeartbeat.objects.create(worker_id="dead", hostname="b", pid=2, last_seen=now - timedelta(minutes=5))
    live = _running(["alive"], started_seconds_ago=600)
    first_death = _running(["dead"], started_seconds_ago=600)
    third_death = _running(["w1", "w2", "dead"], started_seconds_ago=600)
    vanished = _running(["never-beat"], started_seconds_ago=600)  # its heartbeat row is gone altogether
    just_claimed = _running(["dead"], started_seconds_ago=1)  # younger than the silence that counts

    assert recover_abandoned(stale_after=60, max_attempts=3) == {"requeued": 2, "failed": 1}

    for result in (live, first_death, third_death, vanished, just_claimed):
        result.refresh_from_db()
    assert live.status == just_claimed.status == TaskResultStatus.RUNNING
    assert first_death.status == vanished.status == TaskResultStatus.READY
    assert first_death.started_at is None and first_death.worker_ids == ["dead"]  # the history stays
    assert third_death.status == TaskResultStatus.FAILED
    assert third_death.exception_class_path == "innopart.ops.recovery.WorkerLost"
    assert "worker dead stopped responding" in third_death.traceback and "attempt 3 of 3" in third_death.traceback
    # What was requeued is claimable again, and a second pass changes nothing more.
    assert DBTaskResult.objects.ready().filter(pk=first_death.pk).exists()
    assert recover_abandoned(stale_after=60, max_attempts=3) == {"requeued": 0, "failed": 0}
