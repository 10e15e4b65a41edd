"""The operations page and the administrator's start page: a queue nobody runs, and background work that failed,
said in words, to administrators only."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from innopart.ops.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def _task(status, path="innopart.evaluation.tasks.write_letter", finished_ago=None):
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [1, 2], "kwargs": {}},
        task_path=path,
        queue_name="default",
        backend_name="default",
        run_after=now,
        finished_at=None if finished_ago is None else now - finished_ago,
        exception_class_path="",
        traceback="",
    )


def test_the_administrator_is_told_to_start_a_worker_and_to_look_into_failures(client, administrator):
    WorkerHeartbeat.objects.create(
        worker_id="w", hostname="app-1", pid=7, last_seen=timezone.now() - timedelta(hours=2)
    )
    for _ in range(3):
        _task(TaskResultStatus.READY)
    _task(
        TaskResultStatus.FAILED, path="innopart.observatory.eurostat.refresh_dataset", finished_ago=timedelta(hours=1)
    )
    _task(TaskResultStatus.FAILED, finished_ago=timedelta(days=30))  # long ago: not news any more
    client.force_login(administrator)
    start = client.get("/start/").text
    assert "Start a task worker: none is running" in start and "3 background tasks wait" in start
    assert "Look into 1 background task that failed in the last 7 days" in start
    page = client.get("/operations/").text
    assert "No task worker is running" in page
    assert "app-1" in page and "Lost" in page
    assert "Decision letter" in page and "Refresh of a Eurostat dataset" in page
    assert "innopart.observatory" not in page  # the task's path is code, not a name


def test_with_a_live_worker_and_no_failures_nothing_waits_for_the_administrator(client, administrator):
    WorkerHeartbeat.objects.create(worker_id="w", hostname="app-1", pid=7, last_seen=timezone.now())
    _task(TaskResultStatus.SUCCESSFUL, finished_ago=timedelta(minutes=1))
    client.force_login(administrator)
    start = client.get("/start/").text
    assert "Start a task worker" not in start and "Look into" not in start
    page = client.get("/operations/").text
    assert "No task worker is running" not in page and "Running" in page
    assert "No background work waits or runs" in page


def test_only_administrators_see_the_queue(client, ministry_officer, analyst):
    WorkerHeartbeat.objects.create(worker_id="w", hostname="secret-host", pid=7, last_seen=timezone.now())
    _task(TaskResultStatus.FAILED, finished_ago=timedelta(hours=1))
    for user in (ministry_officer, analyst):
        client.force_login(user)
        assert client.get("/operations/").status_code in (403, 404)
        assert "background task" not in client.get("/start/").text
    client.logout()
    assert client.get("/operations/").status_code == 302  # to the login page
