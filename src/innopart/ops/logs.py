"""Structured logs: structlog renders every record, readable or as one JSON object a line (LOG_FORMAT=json).

django-structlog writes the request line (request id, user id, address, status); this module adds its duration,
one line per background task (id, name, outcome, duration) and the security events at WARNING.
Imported by the LOGGING setting, so it must not import models at module level.
"""

import time

import structlog

FOREIGN_PRE_CHAIN = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.stdlib.ExtraAdder(),
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]

structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.filter_by_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
        structlog.processors.UnicodeDecoder(),
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=True,
)

_remove_meta = structlog.stdlib.ProcessorFormatter.remove_processors_meta
json_renderer = [_remove_meta, structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
text_renderer = [_remove_meta, structlog.dev.ConsoleRenderer(colors=False)]

logger = structlog.get_logger("innopart.ops")
security = structlog.get_logger("innopart.security")

_task_started: dict[str, float] = {}


def _request_started(sender, request, logger, **kwargs) -> None:
    request._innopart_started = time.perf_counter()
    # The client's address as the login throttling sees it (behind TRUSTED_PROXIES), not the proxy's.
    structlog.contextvars.bind_contextvars(ip=_address(request))


def _request_finished(sender, request, logger, response, log_kwargs, **kwargs) -> None:
    started = getattr(request, "_innopart_started", None)
    if started is not None:
        log_kwargs["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)


def _task_started_receiver(sender, task_result, **kwargs) -> None:
    _task_started[str(task_result.id)] = time.perf_counter()


def _task_finished_receiver(sender, task_result, **kwargs) -> None:
    started = _task_started.pop(str(task_result.id), None)
    outcome = str(task_result.status).lower()
    log = logger.info if outcome == "successful" else logger.error
    log(
        "task_finished",
        task_id=str(task_result.id),
        task_name=task_result.task.module_path,
        outcome=outcome,
        duration_ms=None if started is None else round((time.perf_counter() - started) * 1000, 1),
    )


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    security.warning("login_failed", username=str(credentials.get("username", ""))[:254], ip=_address(request))


def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    security.warning("login_locked_out", username=username or "", ip=ip_address or _address(request))


def _address(request) -> str:
    if request is None:
        return ""
    from axes.helpers import get_client_ip_address  # the same address the lock-outs are keyed on

    return get_client_ip_address(request) or ""


def log_denied_access(request, detail: str) -> None:
    """Called by the access helpers when an object exists but the person may not see it."""
    user = getattr(request, "user", None) if request is not None else None
    security.warning(
        "access_denied",
        user_id=getattr(user, "pk", None),
        path=getattr(request, "path", ""),
        detail=detail,
    )


def log_security_event(event: str, **fields) -> None:
    security.warning(event, **fields)


def connect_receivers() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_login_failed
    from django_structlog import signals as request_signals
    from django_tasks.signals import task_finished, task_started

    request_signals.bind_extra_request_metadata.connect(_request_started, dispatch_uid="innopart-request-start")
    request_signals.bind_extra_request_finished_metadata.connect(_request_finished, dispatch_uid="innopart-req-end")
    task_started.connect(_task_started_receiver, dispatch_uid="innopart-task-started")
    task_finished.connect(_task_finished_receiver, dispatch_uid="innopart-task-finished")
    user_login_failed.connect(_login_failed, dispatch_uid="innopart-login-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="innopart-locked-out")
