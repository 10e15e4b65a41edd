"""`innopart worker`: the background task worker, with a heartbeat for readiness and metrics.

It runs django-tasks-db's worker (rows claimed with SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL) with three
additions for operators: a heartbeat (innopart.ops.heartbeat), no code reloading unless asked, and patience when
the database goes away: the worker logs it, waits and carries on instead of exiting. SIGTERM or Ctrl+C lets the
running task finish, then stops; a second signal stops at once.
"""

import time

import structlog
from django.conf import settings
from django.db import OperationalError, close_old_connections
from django_tasks_db.management.commands import db_worker

from innopart.ops.heartbeat import Heartbeat

logger = structlog.get_logger("innopart.ops.worker")


class Command(db_worker.Command):
    help = "Run the background task worker. SIGTERM lets the running task finish, then stops."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args, **options):
        if options["reload"]:
            return super().handle(*args, **options)
        self.configure_logging(options["verbosity"])
        queues = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = db_worker.Worker(
            queue_names=queues,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        heartbeat = Heartbeat(options["worker_id"], settings.WORKER_HEARTBEAT_SECONDS)
        heartbeat.start()
        logger.info("worker_started", worker_id=options["worker_id"], queues=queues)
        try:
            while worker.running:
                try:
                    worker.run()
                    break  # batch done, max tasks reached, or told to stop
                except OperationalError as exc:
                    logger.warning("worker_database_unavailable", worker_id=options["worker_id"], error=str(exc))
                    close_old_connections()
                    time.sleep(max(options["interval"], 1))
        finally:
            heartbeat.stop()
            logger.info("worker_stopped", worker_id=options["worker_id"])
