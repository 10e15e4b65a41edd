"""Upgrades run while the old version serves: no migration may rewrite or long-lock a table without saying so.

On PostgreSQL, changing a column's type rewrites the table and SET NOT NULL scans it under an exclusive lock; a
migration that does either must say so in its docstring (the word "rewrite" or "lock"), which the release notes and
docs/deployment.md's upgrade steps then carry. SQLite rebuilds tables for most changes, which is fine for the single
machine it serves, so this is checked on PostgreSQL (CI's second run).
"""

import re
import sys

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

RISKY = [
    (re.compile(r"ALTER COLUMN \S+ TYPE", re.I), "changes a column's type (table rewrite)"),
    (re.compile(r"SET NOT NULL", re.I), "sets NOT NULL on an existing column (full scan under lock)"),
    (re.compile(r"ADD COLUMN .* DEFAULT \(?(now|clock_timestamp|random|gen_random_uuid)\(", re.I), "volatile default"),
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="checked against PostgreSQL's SQL")
@pytest.mark.django_db
def test_no_migration_rewrites_or_locks_a_table_without_a_note():
    loader = MigrationExecutor(connection).loader
    unnoted = []
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        if not migration.__module__.startswith("innopart."):
            continue
        created = {f"{app}_{op.name.lower()}" for op in migration.operations if type(op).__name__ == "CreateModel"}
        state = loader.project_state((app, name), at_end=False)
        with connection.schema_editor(collect_sql=True, atomic=migration.atomic) as editor:
            migration.apply(state, editor, collect_sql=True)
        noted = re.search(r"rewrite|lock", sys.modules[migration.__module__].__doc__ or "", re.I)
        for statement in editor.collected_sql:
            table = re.search(r'ALTER TABLE "(\w+)"', statement)
            if noted or (table and table.group(1) in created):
                continue
            unnoted += [f"{app}.{name} {why}: {statement[:120]}" for pattern, why in RISKY if pattern.search(statement)]
    assert not unnoted, "\n".join(unnoted)
