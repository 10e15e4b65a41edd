"""gunicorn's configuration for `innopart serve` (docs/deployment.md lists the variables).

Why gunicorn: the WSGI server Django's own deployment guide starts with, and the one pretix and pretalx document;
pre-forked workers that one bad request cannot take down together, graceful reloads (SIGHUP) and shutdowns
(SIGTERM lets requests in flight finish within GRACEFUL_TIMEOUT), and nothing to compile. Threads per worker
(gthread) keep memory low while a request waits for PostgreSQL.
"""

import os
import shutil
import tempfile
from pathlib import Path

bind = os.environ.get("INNOPART_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY", str(min(2 * (os.cpu_count() or 1) + 1, 9))))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# A worker is replaced after this many requests (with jitter, so they are not replaced together): slow leaks stay
# bounded.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# The reverse proxy's address: X-Forwarded-Proto and -For are believed from it only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Our request lines come from the application's structured log (with request id, user and duration).
accesslog = os.environ.get("WEB_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
proc_name = "innopart-web"
wsgi_app = "innopart.wsgi:application"

# Metrics from every worker process in one scrape: prometheus_client's multiprocess mode.
_metrics_dir = Path(
    os.environ.setdefault(
        "PROMETHEUS_MULTIPROC_DIR", os.path.join(tempfile.gettempdir(), f"innopart-metrics-{os.getpid()}")
    )
)


def on_starting(server):
    shutil.rmtree(_metrics_dir, ignore_errors=True)
    _metrics_dir.mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    shutil.rmtree(_metrics_dir, ignore_errors=True)
