"""Liveness and readiness, in the form load balancers and Kubernetes probes expect.

`/healthz` answers 200 while the process can answer at all. `/readyz` runs django-health-check's checks plus ours
(migrations applied, a task worker seen lately, free disk for uploads) and answers 200 or 503 with a JSON body that
names each check and says "ok" or "unavailable": no error text, host name or version, which go to the log instead.
Checks touching the database run in the request's own thread, so a broken connection is closed by Django's
request cycle and the next probe reconnects once the database returns.
"""

import dataclasses
import datetime
import shutil
from pathlib import Path

import structlog
from asgiref.sync import async_to_sync, sync_to_async
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from health_check import checks as library
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from .models import WorkerHeartbeat

logger = structlog.get_logger("innopart.ops.health")


@dataclasses.dataclass
class Database(library.Database):
    async def run(self):
        await sync_to_async(super().run, thread_sensitive=True)()


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration this code knows is applied (cached per process once true: nothing un-applies them)."""

    _all_applied = False

    async def run(self):
        if not Migrations._all_applied:
            await sync_to_async(self._check, thread_sensitive=True)()

    def _check(self):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise ServiceUnavailable("unapplied migrations")
        Migrations._all_applied = True


@dataclasses.dataclass
class TaskWorker(HealthCheck):
    """A task worker has beaten within READYZ_WORKER_MAX_AGE seconds."""

    async def run(self):
        await sync_to_async(self._check, thread_sensitive=True)()

    def _check(self):
        since = timezone.now() - datetime.timedelta(seconds=settings.READYZ_WORKER_MAX_AGE)
        if not WorkerHeartbeat.objects.filter(last_seen__gte=since).exists():
            raise ServiceUnavailable("no task worker seen lately")


@dataclasses.dataclass
class DiskSpace(HealthCheck):
    """The upload directory has READYZ_MIN_FREE_DISK_MB free."""

    def run(self):
        free_mb = shutil.disk_usage(Path(settings.MEDIA_ROOT)).free // (1024 * 1024)
        if free_mb < settings.READYZ_MIN_FREE_DISK_MB:
            raise ServiceUnavailable("little free disk space for uploads")


@dataclasses.dataclass
class Storage(library.Storage):
    """Uploads can be written and deleted, where the platform keeps them (a directory or a bucket; the library's
    check, in the request's thread)."""

    alias: str = "private"

    async def run(self):
        await sync_to_async(super().run, thread_sensitive=True)()


def readiness_checks() -> list:
    from innopart.core.storage import is_local

    found: list = [Database(), Migrations(), Storage()] + ([DiskSpace()] if is_local() else [])
    if getattr(settings, "CACHE_URL", ""):
        found.append(library.Cache())
    if settings.READYZ_WORKER_MAX_AGE > 0:
        found.append(TaskWorker())
    return found


def readiness() -> JsonResponse:
    async def run_all():
        return [await check.get_result() for check in readiness_checks()]

    results = async_to_sync(run_all)()
    failed = [result for result in results if result.error]
    if failed:
        logger.warning("not_ready", failed={type(r.check).__name__.lower(): str(r.error) for r in failed})
    body = {
        "status": "unavailable" if failed else "ok",
        "checks": {type(r.check).__name__.lower(): "unavailable" if r.error else "ok" for r in results},
    }
    response = JsonResponse(body, status=503 if failed else 200)
    add_never_cache_headers(response)
    # Logged above, once, with the reasons: Django's "Service Unavailable" line per probe would only add noise.
    response._has_been_logged = True
    return response


def liveness() -> JsonResponse:
    response = JsonResponse({"status": "ok"})
    add_never_cache_headers(response)
    return response
