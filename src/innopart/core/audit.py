"""Writing audit entries: the one function services call for every state change."""

from typing import Any

from django.db import connection, models

from . import chain
from .models import AuditEntry


def record(
    *,
    actor: Any,
    obj: models.Model,
    action: str,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    changes: dict[str, Any] | None = None,
    at: Any = None,
) -> AuditEntry:
    """Append an audit row for `obj`. Must run inside the transaction that makes the change. `at` is the time of the
    change when a service is told it (the demo's history, back-dated imports); by default, now."""
    if not connection.in_atomic_block:
        raise RuntimeError("Audit entries are written inside the transaction of the change they record.")
    entry = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        changes=changes or {},
        **({"at": at} if at is not None else {}),
    )
    chain.lock_head()
    head = AuditEntry.objects.order_by("-id").values_list("digest", flat=True).first()
    entry.digest = chain.digest(head or chain.GENESIS, entry)
    entry.save(force_insert=True)
    return entry


def history(obj: models.Model):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")
