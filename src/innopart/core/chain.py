"""The audit log's hash chain: entry n's digest = SHA-256(entry n-1's digest + entry n's content).

Entries are chained in the order of their ids. Writers take one lock for the chain's head (an advisory lock held
to the end of the transaction on PostgreSQL; SQLite has a single writer anyway), so two transactions never chain
onto the same predecessor.
"""

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC
from typing import Any

from django.db import connection

GENESIS = "0" * 64
_LOCK_KEY = 0x1AD17  # pg_advisory_xact_lock key of the chain's head


def _normal(value: Any) -> Any:
    # PostgreSQL's jsonb returns an integral float as an integer: hash what any database gives back.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    return value


def content(entry: Any) -> str:
    return json.dumps(
        [
            entry.at.astimezone(UTC).isoformat(),
            entry.actor_id,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.object_repr,
            entry.from_state,
            entry.to_state,
            entry.reason,
            _normal(entry.changes),
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )


def digest(previous: str, entry: Any) -> str:
    return hashlib.sha256((previous + content(entry)).encode()).hexdigest()


def lock_head() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def first_break(entries: Iterable[Any]) -> Any | None:
    """The first entry (in id order) whose digest does not follow from its predecessor, or None if unbroken."""
    previous = GENESIS
    for entry in entries:
        if entry.digest != digest(previous, entry):
            return entry
        previous = entry.digest
    return None
