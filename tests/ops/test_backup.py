"""Backup and restore as an operator runs them, on the suite's database engine (CI runs the suite on SQLite and on
PostgreSQL): the demo data -> `innopart backup` -> an empty database -> `innopart restore` -> the same rows per
table, the same files byte for byte, a demo user logs in, the audit chain is unbroken. Then what must be refused
unchanged, and the upgrade path: the demo database rolled back to every app's first migration and forward again."""

import json
import os
import shutil
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from .processes import development_env, innopart

COUNTS = "import json; from innopart.ops.backup import row_counts; print(json.dumps(row_counts()))"
TABLES = "from django.db import connection; print(len(connection.introspection.table_names()))"
LOGIN = """
from django.test import Client
client = Client()
response = client.post('/accounts/login/', {'username': 'manager@eimin.example', 'password': 'innopart-demo'})
print(response.status_code, client.session.get('_auth_user_id') is not None)
"""


def _postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


class Databases:
    """Empty databases of the suite's engine: files on SQLite, databases on the suite's PostgreSQL server."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.created: list[str] = []
        self.db = settings.DATABASES["default"]

    def _admin(self):
        import psycopg

        return psycopg.connect(
            host=self.db.get("HOST") or None,
            port=self.db.get("PORT") or None,
            user=self.db.get("USER") or None,
            password=self.db.get("PASSWORD") or None,
            dbname="postgres",
            autocommit=True,
        )

    def new(self, name: str) -> str:
        if not _postgres():
            return f"sqlite:///{self.folder / (name + '.sqlite3')}"
        full = f"innopart_ops_{name}_{os.getpid()}"
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{full}"')
            conn.execute(f'CREATE DATABASE "{full}"')
        self.created.append(full)
        user = self.db.get("USER") or "postgres"
        password = f":{self.db['PASSWORD']}" if self.db.get("PASSWORD") else ""
        return f"postgres://{user}{password}@{self.db.get('HOST') or '127.0.0.1'}:{self.db.get('PORT') or 5432}/{full}"

    def drop_all(self) -> None:
        if self.created:
            with self._admin() as conn:
                for name in self.created:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    found = Databases(tmp_path_factory.mktemp("databases"))
    yield found
    found.drop_all()


def _env(databases: Databases, name: str, folder: Path) -> dict[str, str]:
    return development_env(folder / "var", DATABASE_URL=databases.new(name), MEDIA_ROOT=str(folder / "uploads"))


@pytest.fixture(scope="module")
def source(databases, tmp_path_factory):
    """A database holding the demo data, and its backup archive."""
    folder = tmp_path_factory.mktemp("source")
    env = _env(databases, "source", folder)
    innopart("migrate", "--noinput", env=env)
    innopart("demo", env=env, timeout=900)
    archive = folder / "backup.tar.gz"
    done = innopart("backup", "--out", str(archive), env=env)
    assert str(archive) in done.stdout
    return {"env": env, "archive": archive, "uploads": folder / "uploads"}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _counts(env) -> dict[str, int]:
    return json.loads(innopart("shell", "-c", COUNTS, env=env).stdout.strip().splitlines()[-1])


def test_restore_onto_an_empty_database_gives_back_everything(source, databases, tmp_path):
    archive = source["archive"]
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["engine"] == ("postgresql" if _postgres() else "sqlite")
    assert "core.0003_auditentry_digest" in manifest["schema"]["migrations"]
    assert manifest["rows"]["observatory_observation"] > 100_000

    target = _env(databases, "restored", tmp_path)
    done = innopart("restore", str(archive), env=target, timeout=900)
    assert "Restored" in done.stdout

    before = _counts(source["env"])
    assert _counts(target) == before
    assert before["core_auditentry"] > 100 and before["accounts_user"] > 10
    uploads = _files(source["uploads"])
    assert len(uploads) > 10
    assert _files(tmp_path / "uploads") == uploads
    status, logged_in = innopart("shell", "-c", LOGIN, env=target).stdout.split()[-2:]
    assert (status, logged_in) == ("302", "True")
    assert "The audit chain is unbroken" in innopart("verify_audit", env=target).stdout


def test_restore_refuses_a_database_that_is_not_empty(source, tmp_path):
    done = innopart("restore", str(source["archive"]), env=source["env"], check=False)
    assert done.returncode != 0
    assert "already holds" in done.stderr and "empty database" in done.stderr


def _untouched(env) -> bool:
    return innopart("shell", "-c", TABLES, env=env).stdout.strip().splitlines()[-1] == "0"


def test_a_corrupt_archive_is_refused_and_nothing_changes(source, databases, tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    data = bytearray(source["archive"].read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    damaged.write_bytes(bytes(data))
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(source["archive"].read_bytes()[: len(data) // 3])
    target = _env(databases, "untouched", tmp_path)
    for archive in (damaged, truncated, tmp_path / "missing.tar.gz"):
        done = innopart("restore", str(archive), env=target, check=False)
        assert done.returncode != 0
        assert str(archive) in done.stderr
        assert "Traceback" not in done.stderr
    assert _untouched(target)
    assert not any((tmp_path / "uploads").rglob("*.pdf"))


def test_an_archive_of_another_schema_version_is_refused_and_nothing_changes(source, databases, tmp_path):
    unpacked = tmp_path / "unpacked"
    with tarfile.open(source["archive"]) as tar:
        tar.extractall(unpacked, filter="data")
    manifest = json.loads((unpacked / "manifest.json").read_text())
    manifest["schema"]["migrations"].append("core.0099_from_a_later_version")
    manifest["innopart_version"] = "9.9.9"
    (unpacked / "manifest.json").write_text(json.dumps(manifest))
    other = tmp_path / "later.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        for path in sorted(unpacked.iterdir()):
            tar.add(path, arcname=path.name)
    target = _env(databases, "otherversion", tmp_path)
    done = innopart("restore", str(other), env=target, check=False)
    assert done.returncode != 0
    assert "Schema version mismatch" in done.stderr and "9.9.9" in done.stderr
    assert "core.0099_from_a_later_version" in done.stderr
    assert _untouched(target)


def test_the_demo_database_migrates_from_every_first_migration_to_the_newest(source):
    """Upgrades: with the demo data in place, every app back to its first migration (which drops what later
    migrations made), then forward to the newest: every row that the oldest schema held is still there."""
    env = source["env"]
    for app in (
        "partnerships",
        "matchmaking",
        "evaluation",
        "diagnosis",
        "applications",
        "observatory",
        "calls",
        "organisations",
        "accounts",
        "core",
        "ops",
    ):
        innopart("migrate", app, "0001", "--noinput", env=env, timeout=600)
    plan = innopart("showmigrations", "--plan", env=env).stdout
    assert "[ ]  core.0003_auditentry_digest" in plan and "[ ]  partnerships.0004" in plan
    oldest = _counts(env)
    assert oldest["observatory_observation"] > 100_000 and oldest["core_auditentry"] > 100
    assert oldest["applications_application"] > 0 and oldest["accounts_user"] > 10
    innopart("migrate", "--noinput", env=env, timeout=600)
    assert "[ ]" not in innopart("showmigrations", "--plan", env=env).stdout
    newest = _counts(env)
    oldest.pop("django_migrations")
    assert {table: newest[table] for table in oldest} == oldest
    assert "The audit chain is unbroken" in innopart("verify_audit", env=env).stdout


def test_backup_keeps_the_newest_archives_it_is_asked_to(source, tmp_path):
    env = {**source["env"], "BACKUP_DIR": str(tmp_path)}
    for name in ("innopart-20260101-000000.tar.gz", "innopart-20260102-000000.tar.gz"):
        (tmp_path / name).write_bytes(b"old")
    innopart("backup", "--keep", "2", env=env)
    kept = sorted(p.name for p in tmp_path.glob("innopart-*.tar.gz"))
    assert len(kept) == 2 and "innopart-20260101-000000.tar.gz" not in kept
    assert urlsplit(env["DATABASE_URL"]).scheme in {"sqlite", "postgres"}


def test_damage_anywhere_in_an_archive_is_named_never_a_crash(source, tmp_path):
    """The test above damages one place; where the damage falls decides which error the reader raises (a damaged
    header, a damaged compressed stream, a short file). Read in-process, 60 places across the archive, each wiped and
    each flipped: each is refused with the archive's name or, where the damage changed nothing, accepted."""
    from innopart.ops.backup import BackupError, read_archive

    data = source["archive"].read_bytes()
    step = max(1, len(data) // 60)
    refused = 0
    places = [(offset, zeros) for offset in range(0, len(data) - 64, step) for zeros in (True, False)]
    for n, (offset, zeros) in enumerate(places):
        damaged = bytearray(data)
        part = damaged[offset : offset + 64]
        damaged[offset : offset + 64] = bytes(64) if zeros else bytes(b ^ 0xFF for b in part)  # wiped or flipped
        archive = tmp_path / f"damaged-{n}.tar.gz"
        archive.write_bytes(bytes(damaged))
        work = tmp_path / f"work-{n}"
        work.mkdir()
        try:
            read_archive(archive, work)
        except BackupError as refusal:
            assert str(archive) in str(refusal)
            refused += 1
        shutil.rmtree(work)
        archive.unlink()
    assert (
        refused >= 110
    )  # wiped or flipped bits are caught by gzip's check, the manifest's checksums or the tar headers
