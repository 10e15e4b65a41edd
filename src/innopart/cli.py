"""The `innopart` console command: Django's management commands under one operator-facing name.

`innopart demo`, `innopart migrate`, `innopart import ...` all go through here, so operators never need to
know about manage.py or DJANGO_SETTINGS_MODULE.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innopart.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)


if __name__ == "__main__":
    main()
