"""One archive holds an Innopart installation's state: the database, the uploaded files and a manifest.

    innopart-YYYYmmdd-HHMMSS.tar.gz
      manifest.json     format, Innopart version, engine, schema (the applied migrations and their fingerprint),
                        rows per table, and the SHA-256 and size of every other member
      database.dump     pg_dump's custom format (PostgreSQL), or
      database.sqlite3  a consistent copy made by SQLite's online-backup API (SQLite)
      uploads/...       MEDIA_ROOT as it was

`restore` checks everything before it changes anything: the archive reads, every checksum matches, the engine and
the schema are this installation's, the database holds no table and the upload directory no file. Only then does it
load (pg_restore in one transaction; SQLite's backup API into the database file) and move the files into place,
and it finishes by comparing the rows per table with the manifest.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from innopart.core import storage

FORMAT = 1
Progress = Callable[[str], None]


class BackupError(Exception):
    """Why a backup or restore was refused or failed, in a sentence for the operator."""


def innopart_version() -> str:
    try:
        return version("innopart")
    except PackageNotFoundError:
        return "unknown"


def engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else connection.vendor


def code_schema() -> list[str]:
    """Every migration this code ships, as 'app.name', sorted: the schema version a database must match."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.disk_migrations)


def applied_schema() -> list[str]:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.applied_migrations)


def fingerprint(migrations: list[str]) -> str:
    return hashlib.sha256("\n".join(migrations).encode()).hexdigest()[:16]


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (a table name)
            counts[table] = cursor.fetchone()[0]
    return counts


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(argv: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"{argv[0]} is not installed; {what} needs PostgreSQL's client programs.") from exc
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip() or done.stdout.strip()}")


def _dump_database(target_dir: Path) -> Path:
    if engine() == "postgresql":
        path = target_dir / "database.dump"
        args, env = _pg_args()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(path), *args], env, "pg_dump"
        )
        return path
    if engine() == "sqlite":
        path = target_dir / "database.sqlite3"
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(path)
        try:
            source.backup(copy)  # consistent even while the site writes
        finally:
            copy.close()
            source.close()
        return path
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine()}.")


def default_archive_path(now: datetime | None = None) -> Path:
    now = now or datetime.now(UTC)
    return Path(settings.BACKUP_DIR) / f"innopart-{now:%Y%m%d-%H%M%S}.tar.gz"


def create_backup(out: Path | None = None, progress: Progress = lambda _: None) -> Path:
    """Write one archive and return its path. The archive appears only when complete (written aside, then renamed)."""
    out = Path(out) if out else default_archive_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    migrations = applied_schema()
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".innopart-backup-") as work:
        work_dir = Path(work)
        progress("database")
        dump = _dump_database(work_dir)
        files = {dump.name: dump}
        progress("uploads")
        files.update(_uploads(work_dir))
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "innopart_version": innopart_version(),
            "engine": engine(),
            "schema": {"fingerprint": fingerprint(migrations), "migrations": migrations},
            "rows": row_counts(),
            "files": {name: {"sha256": sha256(path), "size": path.stat().st_size} for name, path in files.items()},
        }
        manifest_path = work_dir / "manifest.json"
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
        progress("archive")
        partial = work_dir / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, arcname="manifest.json")
            for name, path in files.items():
                archive.add(path, arcname=name)
        os.replace(partial, out)
    out.chmod(0o600)  # it holds password hashes and personal data
    return out


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives that `create_backup` named in `directory`."""
    archives = sorted(directory.glob("innopart-*.tar.gz"))
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


@dataclass
class Restored:
    manifest: dict
    rows: dict[str, int]


def read_archive(archive: Path, work_dir: Path) -> dict:
    """Unpack into work_dir and check it; return the manifest. Raises BackupError naming what is wrong."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = {m.name: m for m in tar.getmembers()}
            if "manifest.json" not in members:
                raise BackupError(f"{archive} is not an Innopart backup: it has no manifest.json.")
            manifest = json.loads(tar.extractfile(members["manifest.json"]).read())
            if manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
                raise BackupError(f"{archive} has a manifest of an unknown format ({manifest.get('format')!r}).")
            for name in manifest["files"]:
                path = PurePosixPath(name)
                if path.is_absolute() or ".." in path.parts or name not in members or not members[name].isfile():
                    raise BackupError(f"{archive} is damaged: its member {name!r} is missing or not a plain file.")
                target = work_dir.joinpath(*path.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(members[name]) as source, target.open("wb") as sink:
                    shutil.copyfileobj(source, sink)
    # zlib.error: bytes damaged inside the compressed stream (a damaged header is an OSError, a short file EOFError).
    except (tarfile.TarError, EOFError, OSError, zlib.error, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackupError(f"{archive} cannot be read as an Innopart backup ({exc}).") from exc
    for name, expected in manifest["files"].items():
        if sha256(work_dir.joinpath(*PurePosixPath(name).parts)) != expected["sha256"]:
            raise BackupError(f"{archive} is damaged: the checksum of {name} does not match its manifest.")
    return manifest


def check_compatible(manifest: dict) -> None:
    if manifest["engine"] != engine():
        raise BackupError(
            f"This archive holds a {manifest['engine']} database; this installation uses {engine()}. "
            "Restore it onto the same kind of database."
        )
    mine = code_schema()
    theirs = manifest["schema"]["migrations"]
    if theirs != mine:
        missing, extra = sorted(set(mine) - set(theirs)), sorted(set(theirs) - set(mine))
        raise BackupError(
            f"Schema version mismatch: the archive was made by Innopart {manifest['innopart_version']} with schema "
            f"{manifest['schema']['fingerprint']}; this installation (Innopart {innopart_version()}) has schema "
            f"{fingerprint(mine)}. Restore with the version that made the archive, then upgrade. "
            f"Only here: {', '.join(missing[:5]) or 'none'}; only in the archive: {', '.join(extra[:5]) or 'none'}."
        )


def check_empty_target() -> None:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(
            f"The database {settings.DATABASES['default']['NAME']} already holds {len(tables)} tables. Restore only "
            "onto an empty database: create a new one (or drop this one) and point DATABASE_URL at it."
        )
    _check_empty_storage()


def _check_empty_storage() -> None:
    if storage.is_local():
        media = Path(settings.MEDIA_ROOT)
        if media.exists() and any(p.is_file() for p in media.rglob("*")):
            raise BackupError(f"The upload directory {media} is not empty. Restore only onto an empty one.")
    elif storage.walk():
        raise BackupError(
            f"The bucket {settings.S3_BUCKET} already holds files under its prefix. Restore only onto an empty one."
        )


def _uploads(work_dir: Path) -> dict[str, Path]:
    """The uploaded files as archive names -> local paths: the directory's own files, or a bucket's objects
    downloaded beside the dump."""
    found: dict[str, Path] = {}
    if storage.is_local():
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                found[str(PurePosixPath("uploads", *path.relative_to(media).parts))] = path
        return found
    for name in storage.walk():
        local = work_dir / "uploads" / name
        local.parent.mkdir(parents=True, exist_ok=True)
        with storage.private.open(name, "rb") as source, local.open("wb") as target:
            shutil.copyfileobj(source, target)
        found[str(PurePosixPath("uploads", name))] = local
    return found


def _put_uploads(uploads: Path, media: Path) -> None:
    """The archive's files back where the platform keeps them, under the same names."""
    if storage.is_local():
        for path in uploads.iterdir():
            shutil.move(str(path), media / path.name)
        return
    for path in sorted(p for p in uploads.rglob("*") if p.is_file()):
        name = str(PurePosixPath(*path.relative_to(uploads).parts))
        with path.open("rb") as handle:
            saved = storage.private.save(name, handle)
        if saved != name:
            raise BackupError(f"The storage renamed {name} to {saved}; restore onto an empty bucket.")


def _load_database(manifest: dict, work_dir: Path) -> None:
    if manifest["engine"] == "postgresql":
        args, env = _pg_args()
        dump = work_dir / "database.dump"
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(dump),
            ],
            env,
            "pg_restore",
        )
        return
    connection.close()
    source = sqlite3.connect(work_dir / "database.sqlite3")
    target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def restore_backup(archive: Path, progress: Progress = lambda _: None) -> Restored:
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist.")
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media.parent, prefix=".innopart-restore-") as work:
        work_dir = Path(work)
        progress("checking the archive")
        manifest = read_archive(archive, work_dir)
        check_compatible(manifest)
        check_empty_target()
        progress("database")
        _load_database(manifest, work_dir)
        progress("uploads")
        uploads = work_dir / "uploads"
        if uploads.exists():
            _put_uploads(uploads, media)
    progress("verifying")
    rows = row_counts()
    differing = {t: (n, rows.get(t)) for t, n in manifest["rows"].items() if rows.get(t) != n}
    if differing:
        raise BackupError(f"Restored, but rows differ from the manifest (table: archive, database): {differing}")
    return Restored(manifest=manifest, rows=rows)
