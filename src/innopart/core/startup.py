"""What every process checks before it serves or works: the directories it writes to exist and are writable.

A fresh clone has no `var/`; a container may mount its volumes read-only by mistake. Both should end in one
sentence naming the path, not in "unable to open database file" from deep inside SQLite.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def writable_directories() -> list[Path]:
    """The directories this process writes to: the SQLite database's folder, uploads, and the operator's extras."""
    paths = [Path(settings.MEDIA_ROOT)]
    for database in settings.DATABASES.values():
        if database["ENGINE"].endswith("backends.sqlite3") and str(database["NAME"]) != ":memory:":
            paths.append(Path(database["NAME"]).parent)
    paths.extend(Path(p) for p in getattr(settings, "INNOPART_WRITABLE_DIRS", []))
    return paths


def ensure_directories() -> None:
    for path in writable_directories():
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ImproperlyConfigured(
                f"Innopart cannot create the directory {path}: {exc.strerror}. Create it and make it writable "
                "for the user that runs Innopart, or point INNOPART_VAR_DIR (or MEDIA_ROOT, DATABASE_URL) elsewhere."
            ) from exc
        if not os.access(path, os.W_OK | os.X_OK):
            raise ImproperlyConfigured(
                f"Innopart cannot write to the directory {path}. Make it writable for the user that runs Innopart, "
                "or point INNOPART_VAR_DIR (or MEDIA_ROOT, DATABASE_URL) elsewhere."
            )
