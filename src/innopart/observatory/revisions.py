"""The version of the observatory's data, for cache keys: the newest data revision and the newest finished
industrial-change computation. Two indexed look-ups; a change on any host changes the key on every host."""

from django.core.cache import cache
from django.utils import translation

from .models import DataRevision, IndexRun


def bump(reason: str) -> None:
    """Record a change of the data; call inside the transaction that makes it."""
    DataRevision.objects.create(reason=reason[:200])


def current() -> str:
    data = DataRevision.objects.order_by("-pk").values_list("pk", "changed_at").first()
    run = IndexRun.objects.filter(state=IndexRun.State.DONE).order_by("-pk").values_list("pk", "finished_at").first()
    # The times too: a number alone can come back (SQLite reuses the number of a row rolled back).
    parts = [f"{p}-{t.timestamp() if t else ''}" for p, t in (data or (0, None), run or (0, None))]
    return ".".join(parts)


def cached(name: str, compute, *parts, timeout: int = 3600, version: str | None = None):
    """``compute()`` cached under the data's version (read here unless given), the language and ``parts``."""
    version = version or current()
    key = ":".join(["observatory", name, version, translation.get_language() or "", *map(str, parts)])
    return cache.get_or_set(key, compute, timeout=timeout)
