"""The worker's heartbeat thread (see models.WorkerHeartbeat)."""

import contextlib
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from .models import WorkerHeartbeat
from .recovery import recover_abandoned

logger = logging.getLogger("innopart.ops.worker")


class Heartbeat:
    def __init__(self, worker_id: str, every_seconds: float) -> None:
        self.worker_id = worker_id
        self.every = every_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="innopart-heartbeat", daemon=True)

    def start(self) -> None:
        self.beat()
        self._thread.start()

    def beat(self) -> None:
        try:
            WorkerHeartbeat.objects.update_or_create(
                worker_id=self.worker_id,
                defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(), "last_seen": timezone.now()},
            )
        except DatabaseError:
            # The database is away: readiness will say so; the beat resumes when it returns.
            logger.warning("worker_heartbeat_failed", extra={"worker_id": self.worker_id})
        finally:
            # The thread's own connection: closed after each beat so a database restart never leaves it broken.
            connection.close()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.beat()
            self.recover()

    def recover(self) -> None:
        """Take back the tasks of workers that died (innopart.ops.recovery); any live worker may do it."""
        try:
            recover_abandoned(stale_after=settings.WORKER_LOST_AFTER_SECONDS, max_attempts=settings.TASK_MAX_ATTEMPTS)
        except DatabaseError:
            logger.warning("worker_recovery_failed", extra={"worker_id": self.worker_id})
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop.set()
        # If the database is away the row ages out instead; readiness then stops counting this worker.
        with contextlib.suppress(DatabaseError):
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
