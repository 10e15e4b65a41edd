"""The task workers' heartbeats: readiness and /metrics read them to tell whether anyone runs the queue.

A worker (`innopart worker`) writes its row every WORKER_HEARTBEAT_SECONDS from a thread of its own, also while a
long task runs, and deletes it when it stops cleanly; a killed worker's row simply grows old.
"""

from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.hostname} (pid {self.pid})"
