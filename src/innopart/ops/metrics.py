"""Prometheus metrics at /metrics, for a configured network or a bearer token only.

django-prometheus counts requests by view and status, their latency histograms and the database queries (its
database engines are configured in settings); gunicorn's workers share them through PROMETHEUS_MULTIPROC_DIR
(set by innopart.ops.gunicorn_conf). This module adds what only the database knows at scrape time: the task queue's
depth and age, tasks by state, and the workers seen lately.
"""

import datetime
import hmac
import ipaddress
import os

import prometheus_client
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Min
from django.http import HttpResponse
from django.utils import timezone
from prometheus_client import CollectorRegistry, multiprocess
from prometheus_client.core import GaugeMetricFamily


class QueueCollector:
    def collect(self):
        # The request metrics stay readable while the database is away; this says that it is.
        try:
            found = list(self._from_database())
        except DatabaseError:
            found = []
        yield GaugeMetricFamily(
            "innopart_database_up", "Whether the database answered this scrape", value=int(bool(found))
        )
        yield from found

    def _from_database(self):
        from django_tasks_db.models import DBTaskResult

        from .models import WorkerHeartbeat

        now = timezone.now()
        ready = DBTaskResult.objects.ready()
        depth = GaugeMetricFamily("innopart_task_queue_depth", "Tasks ready to run, by queue", labels=["queue"])
        age = GaugeMetricFamily(
            "innopart_task_queue_oldest_age_seconds", "Age of the oldest ready task, by queue", labels=["queue"]
        )
        for row in ready.values("queue_name").annotate(n=Count("id"), oldest=Min("enqueued_at")).order_by():
            depth.add_metric([row["queue_name"]], row["n"])
            age.add_metric([row["queue_name"]], (now - row["oldest"]).total_seconds())
        yield depth
        yield age
        states = GaugeMetricFamily("innopart_tasks", "Task results by state", labels=["state"])
        for row in DBTaskResult.objects.values("status").annotate(n=Count("id")).order_by():
            states.add_metric([row["status"].lower()], row["n"])
        yield states
        since = now - datetime.timedelta(seconds=max(settings.READYZ_WORKER_MAX_AGE, 60))
        yield GaugeMetricFamily(
            "innopart_task_workers_seen",
            "Task workers whose heartbeat is recent",
            value=WorkerHeartbeat.objects.filter(last_seen__gte=since).count(),
        )


def allowed(request) -> bool:
    """A matching bearer token, or a direct call from an allowed network. A call relayed by a proxy
    (X-Forwarded-For present) never qualifies by address, so a proxy on the same host cannot open it to the world."""
    token = settings.METRICS_TOKEN
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if token and hmac.compare_digest(header.encode(), f"Bearer {token}".encode()):
        return True
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_NETWORKS)


def export() -> HttpResponse:
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = prometheus_client.REGISTRY
    queue = CollectorRegistry(auto_describe=False)
    queue.register(QueueCollector())
    body = prometheus_client.generate_latest(registry) + prometheus_client.generate_latest(queue)
    return HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)
