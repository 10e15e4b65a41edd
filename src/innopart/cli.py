"""The `innopart` console command: Django's management commands under one operator-facing name.

`innopart demo`, `innopart migrate`, `innopart import ...` all go through here, so operators never need to
know about manage.py or DJANGO_SETTINGS_MODULE.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innopart.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv if argv is not None else sys.argv)
    except ImproperlyConfigured as exc:
        # A set-up fault (an unwritable directory, a missing setting) is a sentence for the operator, not a traceback.
        sys.exit(f"innopart: {exc}")


if __name__ == "__main__":
    main()
