"""Settings for the test suite: background tasks run at once, in the request that queues them."""

from .settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
