"""Live Eurostat updates: a dataset fetched through Eurostat's dissemination API (JSON-stat 2.0), kept in a cache,
checked as a whole, and applied all-or-nothing to one indicator, with its provenance recorded.

Why these tools: the HTTP side is `requests` with urllib3's retries (a well-kept client; Eurostat answers 429 and
503 under load), conditional requests from the cache (ETag, Last-Modified), and a timeout. JSON-stat is decoded
here: the format is small (dimension ids, sizes and category indexes over a flat value array), and the libraries
that read it (pyjstat, sdmx1) would add pandas frames or SDMX-ML structure round trips for what is one array walk;
the decoding refuses anything partial or inconsistent rather than guessing.

    refresh = eurostat.request(dataset="nama_10r_2gdp", indicator=gdp, filters={"unit": ["MIO_EUR"]})
    eurostat.run(refresh)      # the task worker does this for an analyst's refresh; the command does it itself
"""

import hashlib
import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from innopart.core import audit

from .importers import ImportRejected, import_tidy
from .models import DatasetRefresh, Indicator, Region

DATASET = re.compile(r"^[a-z][a-z0-9_]{1,59}$")
CODE = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")
SINCE = "sinceTimePeriod"
MAX_VALUES = 2_000_000  # a dataset larger than this is filtered first: the import holds it in memory


class EurostatError(ValueError):
    """Why nothing was imported, in words an analyst can act on."""


@dataclass
class Table:
    rows: list[dict]  # region, year, value, flag
    label: str
    updated: str
    fixed: dict[str, tuple[str, str]]  # the other dimensions: id -> (code, label), e.g. unit -> (MIO_EUR, ...)
    areas: list[str]  # every geo code of the answer, with a value or not


@dataclass
class Download:
    content: bytes
    url: str
    from_cache: bool
    validators: dict[str, str]


def parse_filters(words: list[str]) -> dict[str, list[str]]:
    """``["unit=MIO_EUR", "geo=LT01,LT02", "since=2015"]`` -> ``{"unit": ["MIO_EUR"], ..., "since": ["2015"]}``.
    A word without "=" continues the filter before it (``geo=LT01, LT02`` typed with a space)."""
    joined: list[str] = []
    for word in (w.strip().strip(",") for w in words):
        if word and "=" not in word and joined:
            joined[-1] += "," + word
        elif word:
            joined.append(word)
    found: dict[str, list[str]] = {}
    for word in joined:
        name, equals, values = word.partition("=")
        codes = [v.strip() for v in values.split(",") if v.strip()]
        if not equals or not CODE.match(name.strip()) or not codes or not all(CODE.match(c) for c in codes):
            raise EurostatError(
                _("“%(word)s” is not a filter: write dimension=CODE[,CODE...], e.g. unit=MIO_EUR or since=2015.")
                % {"word": word[:80]}
            )
        found.setdefault(name.strip(), []).extend(codes)
    return found


def filters_from_text(text: str) -> dict[str, list[str]]:
    """The filters as an analyst types them in one box: ``unit=MIO_EUR; geo=LT01,LT02 since=2014``."""
    return parse_filters(re.split(r"[;\s]+", text or ""))


def url_for(dataset: str, filters: dict[str, list[str]]) -> str:
    if not DATASET.match(dataset):
        raise EurostatError(_("“%(code)s” is not a Eurostat dataset code (e.g. nama_10r_2gdp).") % {"code": dataset})
    query = [("format", "JSON"), ("lang", "EN")]
    for name, codes in sorted(filters.items()):
        query += [(SINCE if name == "since" else name, code) for code in codes]
    return f"{settings.EUROSTAT_API_URL}/{dataset}?{urlencode(query)}"


# -- fetching --------------------------------------------------------------------------------------------------------


def _session() -> requests.Session:
    session = requests.Session()
    retry = Retry(total=3, backoff_factor=1.0, status_forcelist=(429, 502, 503, 504), allowed_methods=("GET",))
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.headers["User-Agent"] = "Innopart (open-source cluster policy platform)"
    return session


def _cached(url: str):
    name = hashlib.sha256(url.encode()).hexdigest()[:40]
    return settings.EUROSTAT_CACHE_DIR / f"{name}.json", settings.EUROSTAT_CACHE_DIR / f"{name}.meta.json"


def download(url: str, *, fresh: bool = False) -> Download:
    """The answer for ``url``: from Eurostat, or from the cache when Eurostat says it has not changed (304). With
    ``fresh``, the cache is not offered."""
    body, meta = _cached(url)
    validators = json.loads(meta.read_text()) if meta.exists() and body.exists() and not fresh else {}
    headers = {}
    if validators.get("etag"):
        headers["If-None-Match"] = validators["etag"]
    if validators.get("last_modified"):
        headers["If-Modified-Since"] = validators["last_modified"]
    try:
        answer = _session().get(url, headers=headers, timeout=settings.EUROSTAT_TIMEOUT_SECONDS)
    except requests.RequestException as error:
        raise EurostatError(
            _("Eurostat could not be reached (%(reason)s).") % {"reason": type(error).__name__}
        ) from None
    if answer.status_code == 304 and validators:
        return Download(body.read_bytes(), url, True, validators)
    if answer.status_code != 200:
        raise EurostatError(
            _("Eurostat answered %(status)d: %(reason)s")
            % {"status": answer.status_code, "reason": _error_text(answer.content) or answer.reason}
        )
    kept = {"etag": answer.headers.get("ETag", ""), "last_modified": answer.headers.get("Last-Modified", "")}
    return Download(answer.content, url, False, kept)


def keep(fetched: Download) -> None:
    """Cache a download once it has been read without fault (a broken answer is fetched again next time)."""
    if fetched.from_cache:
        return
    body, meta = _cached(fetched.url)
    body.parent.mkdir(parents=True, exist_ok=True)
    for path, content in ((body, fetched.content), (meta, json.dumps(fetched.validators).encode())):
        part = path.with_suffix(".part")
        part.write_bytes(content)
        os.replace(part, path)  # whole or not at all, whatever another process reads meanwhile


def _error_text(content: bytes) -> str:
    try:
        errors = json.loads(content).get("error")
    except (ValueError, AttributeError):
        return ""
    errors = errors if isinstance(errors, list) else [errors]
    return "; ".join(str(e.get("label", "")) for e in errors if isinstance(e, dict))[:300]


# -- reading JSON-stat -----------------------------------------------------------------------------------------------


def decode(content: bytes) -> Table:
    """A JSON-stat 2.0 dataset with a ``geo`` and a ``time`` dimension and one category in every other (a unit, a
    sector: the filters choose it). Refused whole, with the reason, when anything is missing, partial or of another
    shape."""
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        raise EurostatError(
            _("Eurostat's answer is not complete JSON (%(reason)s).") % {"reason": str(error)[:120]}
        ) from None
    if not isinstance(data, dict) or data.get("class") != "dataset":
        message = _error_text(content) if isinstance(data, dict) else ""
        raise EurostatError(message or _("Eurostat's answer is not a JSON-stat dataset."))
    ids, sizes, dims = data.get("id"), data.get("size"), data.get("dimension")
    if not (isinstance(ids, list) and isinstance(sizes, list) and isinstance(dims, dict) and len(ids) == len(sizes)):
        raise EurostatError(_("Eurostat's answer lacks its dimensions (id, size, dimension)."))
    if not all(isinstance(n, int) and n >= 0 for n in sizes) or math.prod(sizes) > MAX_VALUES:
        raise EurostatError(
            _("Eurostat's answer has impossible dimension sizes, or more values than one import takes.")
        )
    categories = [_categories(dims.get(name), name, size) for name, size in zip(ids, sizes, strict=True)]
    for needed in ("geo", "time"):
        if needed not in ids:
            raise EurostatError(_("Eurostat's answer has no “%(dim)s” dimension.") % {"dim": needed})
    fixed = {}
    for name, (codes, labels) in zip(ids, categories, strict=True):
        if name in ("geo", "time"):
            continue
        if len(codes) != 1:
            raise EurostatError(
                _("The answer holds %(n)d values of “%(dim)s” (%(codes)s): add the filter %(dim)s=CODE to choose one.")
                % {"n": len(codes), "dim": name, "codes": ", ".join(codes[:8])}
            )
        fixed[name] = (codes[0], labels[0])
    geo_codes, time_codes = categories[ids.index("geo")][0], categories[ids.index("time")][0]
    if not all(re.fullmatch(r"\d{4}", t) for t in time_codes):
        raise EurostatError(
            _("Innopart keeps yearly values; this answer has periods such as %(t)s.") % {"t": time_codes[0]}
        )
    values, status = _indexed(data.get("value"), "value", sizes), _indexed(data.get("status", {}), "status", sizes)
    strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
    geo_at, time_at = ids.index("geo"), ids.index("time")
    rows = []
    for position, value in sorted(values.items()):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise EurostatError(_("Value number %(n)d of Eurostat's answer is not a number.") % {"n": position})
        rows.append(
            {
                "region": geo_codes[position // strides[geo_at] % sizes[geo_at]],
                "year": time_codes[position // strides[time_at] % sizes[time_at]],
                "value": repr(float(value)),
                "flag": str(status.get(position) or "").strip()[:40],
            }
        )
    return Table(rows, str(data.get("label", ""))[:300], str(data.get("updated", ""))[:40], fixed, geo_codes)


def _categories(dim, name: str, size: int) -> tuple[list[str], list[str]]:
    category = dim.get("category") if isinstance(dim, dict) else None
    index = category.get("index") if isinstance(category, dict) else None
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict) and sorted(index.values()) == list(range(len(index))):
        codes = [str(c) for c, _i in sorted(index.items(), key=lambda item: item[1])]
    elif index is None and isinstance(category, dict) and isinstance(category.get("label"), dict):
        codes = [str(c) for c in category["label"]]  # JSON-stat allows a lone category without an index
    else:
        raise EurostatError(_("The dimension “%(dim)s” of Eurostat's answer has no usable categories.") % {"dim": name})
    if len(codes) != size:
        raise EurostatError(
            _("The dimension “%(dim)s” lists %(n)d categories but its size says %(size)d: the answer is incomplete.")
            % {"dim": name, "n": len(codes), "size": size}
        )
    labels = category.get("label") if isinstance(category.get("label"), dict) else {}
    return codes, [str(labels.get(c, c)) for c in codes]


def _indexed(found, name: str, sizes: list[int]) -> dict[int, object]:
    """JSON-stat's values and statuses come as an array, or as an object keyed by position (sparse)."""
    total = math.prod(sizes)
    if isinstance(found, list):
        if name == "value" and len(found) != total:
            raise EurostatError(
                _("Eurostat's answer holds %(n)d values for %(total)d cells: it is incomplete.")
                % {"n": len(found), "total": total}
            )
        return dict(enumerate(found))
    if isinstance(found, dict):
        try:
            indexed = {int(k): v for k, v in found.items()}
        except ValueError:
            raise EurostatError(
                _("Eurostat's answer has a “%(name)s” entry that is not a position.") % {"name": name}
            ) from None
        if any(not 0 <= k < total for k in indexed):
            raise EurostatError(_("Eurostat's answer has “%(name)s” entries outside its cells.") % {"name": name})
        return indexed
    if name == "status" and isinstance(found, str):
        return dict.fromkeys(range(total), found)
    raise EurostatError(_("Eurostat's answer has no values."))


# -- applying --------------------------------------------------------------------------------------------------------


def request(*, dataset: str, indicator: Indicator, filters: dict[str, list[str]], actor=None) -> DatasetRefresh:
    """A refresh to run: checked now (dataset code, filters), run by `run` (the command) or by the task worker."""
    url = url_for(dataset, filters)
    with transaction.atomic():
        refresh = DatasetRefresh.objects.create(
            dataset=dataset, indicator=indicator, filters=filters, url=url, requested_by=actor
        )
        if actor is not None:
            audit.record(actor=actor, obj=indicator, action="observatory.refresh_requested", changes={"url": url})
    return refresh


def run(refresh: DatasetRefresh, *, fresh: bool = False) -> DatasetRefresh:
    """Fetch, check and apply one refresh; on any fault nothing changes and the refresh says why."""
    DatasetRefresh.objects.filter(pk=refresh.pk).update(state=DatasetRefresh.State.RUNNING)
    try:
        fetched = download(refresh.url, fresh=fresh)
        table = decode(fetched.content)
        known = set(Region.objects.values_list("code", flat=True))
        rows = [
            {**row, "indicator": refresh.indicator.code, "_row": number}
            for number, row in enumerate(table.rows, start=1)
            if row["region"] in known
        ]
        if not rows:
            raise EurostatError(_("The answer holds no values for the regions Innopart knows."))
        with transaction.atomic():
            report = import_tidy(rows, actor=refresh.requested_by, label=f"Eurostat {refresh.dataset}")
            Indicator.objects.filter(pk=refresh.indicator_id, dataset="").update(dataset=refresh.dataset)
            refresh.state = DatasetRefresh.State.DONE
            refresh.fetched_at, refresh.from_cache = timezone.now(), fetched.from_cache
            refresh.label, refresh.eurostat_updated = table.label, table.updated
            refresh.added, refresh.changed, refresh.unchanged = report.created, report.updated, report.unchanged
            refresh.flags = dict(Counter(r["flag"] for r in rows if r["flag"]))
            refresh.left_out = sorted(set(table.areas) - known)
            refresh.error = ""
            refresh.save()
            audit.record(
                actor=refresh.requested_by,
                obj=refresh.indicator,
                action="observatory.dataset_refreshed",
                changes={"dataset": refresh.dataset, "added": report.created, "changed": report.updated},
            )
        keep(fetched)
    except (EurostatError, ImportRejected) as error:
        reason = str(error) if isinstance(error, EurostatError) else "\n".join(error.errors[:20])
        DatasetRefresh.objects.filter(pk=refresh.pk).update(state=DatasetRefresh.State.FAILED, error=reason)
        refresh.refresh_from_db()
    return refresh


def summary(refresh: DatasetRefresh) -> str:
    """What a refresh did, in one paragraph (the command prints it; the page shows it)."""
    if refresh.state == DatasetRefresh.State.FAILED:
        return _("Nothing was imported. %(reason)s") % {"reason": refresh.error}
    said = _(
        "%(dataset)s (updated by Eurostat %(updated)s): %(added)d values added, %(changed)d changed, "
        "%(unchanged)d unchanged."
    ) % {
        "dataset": refresh.dataset,
        "updated": refresh.eurostat_updated or "-",
        "added": refresh.added,
        "changed": refresh.changed,
        "unchanged": refresh.unchanged,
    }
    if refresh.flags:
        said += " " + _("Flags: %(flags)s.") % {
            "flags": ", ".join(f"{k} {v}" for k, v in sorted(refresh.flags.items()))
        }
    if refresh.left_out:
        said += " " + _("Left out, not regions Innopart lists: %(codes)s.") % {
            "codes": ", ".join(refresh.left_out[:10]) + (" …" if len(refresh.left_out) > 10 else "")
        }
    if refresh.from_cache:
        said += " " + _("Eurostat reported no change since the last download; the cached copy was used.")
    return said


def repeat_all() -> list[DatasetRefresh]:
    """Run again the newest successful refresh of every indicator (the scheduled job): Eurostat answers 304 for a
    dataset it has not changed, so an unchanged dataset costs one request."""
    newest: dict[tuple[int, str], DatasetRefresh] = {}
    for done in DatasetRefresh.objects.filter(state=DatasetRefresh.State.DONE).select_related("indicator"):
        newest.setdefault((done.indicator_id, done.dataset), done)
    return [
        run(request(dataset=old.dataset, indicator=old.indicator, filters=old.filters))
        for old in sorted(newest.values(), key=lambda r: (r.dataset, r.indicator.code))
    ]


@task()
def refresh_dataset(refresh_id: int) -> str:
    """The task worker's entry for an analyst's refresh (`request` queues nothing itself: the view does)."""
    refresh = DatasetRefresh.objects.select_related("indicator", "requested_by").get(pk=refresh_id)
    if refresh.state in (DatasetRefresh.State.DONE, DatasetRefresh.State.FAILED):
        return refresh.state  # run again after a worker was lost: already settled
    return run(refresh).state
