"""Settings for the test suite: background tasks run at once, in the request that queues them."""

from .settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # In memory, named so: pytest-django would otherwise take the metrics-counting engine for a file database
    # and give each parallel worker a file name under the database's path.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = ":memory:"  # noqa: F405
