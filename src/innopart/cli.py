"""The `innopart` console command: Django's management commands under one operator-facing name.

`innopart demo`, `innopart migrate`, `innopart import ...` all go through here, so operators never need to
know about manage.py or DJANGO_SETTINGS_MODULE.
"""

import os
import sys

# Commands that compute from files alone (no database, no models): started by people and scripts many times a
# day, they skip loading Django's applications, which costs more than their work (about a second: the API
# framework, the log renderers, every app's models). Same options and messages as the management commands;
# `assign` does without Django altogether (its module has a main).
FILE_COMMANDS = {
    ("assign",): "innopart.evaluation.assign_csv",
    ("index", "build"): "innopart.observatory.management.commands.index",
    ("index", "uncertainty"): "innopart.observatory.management.commands.index",
}


def _file_command(argv: list[str]) -> str | None:
    if os.environ.get("INNOPART_CLI_FULL_START"):  # the comparison in bench/cli_startup.py
        return None
    words = tuple(argv[1:3])
    return FILE_COMMANDS.get(words[:1]) or FILE_COMMANDS.get(words)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innopart.settings")
    from django.core.exceptions import ImproperlyConfigured

    argv = list(argv if argv is not None else sys.argv)
    try:
        module = _file_command(argv)
        if module is not None:
            from importlib import import_module

            loaded = import_module(module)
            if hasattr(loaded, "main"):  # no Django at all
                sys.exit(loaded.main(argv))
            loaded.Command().run_from_argv(argv)
            return
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        # A set-up fault (an unwritable directory, a missing setting) is a sentence for the operator, not a traceback.
        sys.exit(f"innopart: {exc}")


if __name__ == "__main__":
    main()
