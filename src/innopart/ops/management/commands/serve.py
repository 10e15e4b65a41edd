"""`innopart serve`: the production web server (gunicorn with innopart.ops.gunicorn_conf).

Arguments go to gunicorn unchanged, e.g. `innopart serve --workers 4 --bind 0.0.0.0:8000`; the settings come from
the environment (docs/deployment.md). Django has been set up once here, so an unwritable directory or a bad
setting stops the start with its message before gunicorn forks.
"""

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Innopart with gunicorn (production). Extra arguments are passed to gunicorn."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("gunicorn_args", nargs="*", help="passed to gunicorn (see gunicorn --help)")

    def run_from_argv(self, argv):
        # Everything after `serve` belongs to gunicorn, options included; only a lone --help is ours.
        if argv[2:] in (["-h"], ["--help"]):
            return super().run_from_argv(argv)
        return self.handle(gunicorn_args=argv[2:])

    def handle(self, *args, **options):
        argv = [sys.executable, "-m", "gunicorn", "--config", "python:innopart.ops.gunicorn_conf"]
        argv += options["gunicorn_args"]
        sys.stdout.flush()
        # gunicorn replaces this process, so SIGTERM from a supervisor reaches its arbiter directly.
        os.execv(sys.executable, argv)  # noqa: S606
