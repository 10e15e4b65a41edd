"""Writing the shipped regional data: the 133,031 Eurostat values that `innopart demo` loads and that an analyst's
large upload resembles. The importer's own path (`observatory.importers._insert_observations`: COPY on PostgreSQL,
many-row INSERTs elsewhere) against the reference it replaced, Django's bulk_create of the same rows (batches of
5,000), in the same run on the same database, each into an emptied table, three times; then the whole
`load_shipped()` (read, check, write) once, for scale.

    python bench/import_shipped.py                                   # SQLite, in a temporary file
    python bench/import_shipped.py postgres://postgres@127.0.0.1:5432  # a scratch database there, dropped after
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

SCRATCH = "innopart_bench_import"


def _database(server: str | None) -> tuple[str, object]:
    """The database URL to use, and how to drop it afterwards."""
    if not server:
        folder = tempfile.TemporaryDirectory()
        return f"sqlite:///{folder.name}/bench.sqlite3", folder.cleanup
    import psycopg

    def admin(sql: str) -> None:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    admin(f"DROP DATABASE IF EXISTS {SCRATCH}")
    admin(f"CREATE DATABASE {SCRATCH}")
    return f"{server}/{SCRATCH}", lambda: admin(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")


def main() -> int:
    url, drop = _database(sys.argv[1] if len(sys.argv) > 1 else None)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innopart.settings")
    try:
        import django

        django.setup()
        return _run()
    finally:
        from django.db import connections

        connections.close_all()
        drop()


def _run() -> int:
    from django.core.management import call_command
    from django.db import connection, transaction

    from innopart.observatory.importers import _insert_observations, load_shipped
    from innopart.observatory.models import Observation

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    report = load_shipped()
    whole = time.perf_counter() - start
    rows = list(Observation.objects.values_list("region_id", "indicator_id", "year", "value", "flag"))

    def ours() -> None:
        _insert_observations(rows)

    def reference() -> None:
        Observation.objects.bulk_create(
            [Observation(region_id=r, indicator_id=i, year=y, value=v, flag=f) for r, i, y, v, f in rows],
            batch_size=5000,
        )

    times: dict[str, list[float]] = {"ours": [], "reference": []}
    for _ in range(3):
        for name, write in (("ours", ours), ("reference", reference)):
            Observation.objects.all().delete()
            with transaction.atomic():
                start = time.perf_counter()
                write()
                times[name].append(time.perf_counter() - start)
            assert Observation.objects.count() == len(rows), name
    ours_s, reference_s = (statistics.median(times[k]) for k in ("ours", "reference"))
    print(
        f"shipped data on {connection.vendor}: {len(rows):,} values; load_shipped() whole {whole:.1f} s "
        f"({report.created:,} written). Writing them: importer {ours_s:.2f} s, bulk_create (reference) "
        f"{reference_s:.2f} s, ratio {ours_s / reference_s:.2f} (medians of 3)"
    )
    return 0 if ours_s < reference_s else 1


if __name__ == "__main__":
    raise SystemExit(main())
