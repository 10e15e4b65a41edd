"""Importing indicator data: all-or-nothing, every bad row reported, and re-importing a file changes nothing.

Tidy CSV: columns ``region`` (or ``geo``), ``indicator``, ``year``, ``value``, optional ``flag``. Values such as
``12.3 p`` carry a Eurostat flag after the number; ``:`` means not available and is skipped.
"""

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext as _

from innopart.core import audit

from . import catalogue, revisions, sbs
from .models import Indicator, NutsChange, Observation, Region
from .peers import load_pilot_regions
from .readers import read_tidy_csv

DATA = Path(__file__).resolve().parent / "data"
VALUE = re.compile(r"^\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*([a-z ]*)\s*$")
# Years a regional statistic can have; the column holds 0-32767, and anything outside this is a typing error.
FIRST_YEAR, LAST_YEAR = 1900, 2100
FLAG_LENGTH = 40
NEW_CODE = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")  # the indicator code column (a slug of at most 80)


class ImportRejected(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors[:5]))
        self.errors = errors


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


class OutOfRange(ValueError):
    """A number that parses but that no database column (or reader) could keep as written."""


def parse_value(text: str) -> tuple[float | None, str]:
    """``"12.3 p"`` -> (12.3, "p"); ``":"`` or empty -> (None, ""); not a number raises ValueError, a number too
    large (``1e400`` would be infinity) or too small to keep (``1e-400`` would be 0) raises OutOfRange."""
    text = (text or "").strip()
    if text in ("", ":") or text.startswith(": "):
        return None, text[1:].strip() if text.startswith(":") else ""
    match = VALUE.match(text)
    if not match:
        raise ValueError(text)
    number = float(match.group(1))
    mantissa = match.group(1).split("e")[0].split("E")[0]
    if not math.isfinite(number) or (number == 0 and mantissa.strip("-0.")):
        raise OutOfRange(text)
    return number, match.group(2).strip()


def import_tidy(
    rows: list[dict],
    *,
    actor=None,
    create_indicators: bool = False,
    label: str = "upload",
    description: dict | None = None,
) -> ImportReport:
    """Validate every row first; write nothing unless all rows are good. A new indicator takes ``description``
    (names, units in words, definitions, decimals, direction, theme: the upload form's, for a file that introduces
    one) or the name_en, name_lt, unit_en and unit_lt columns of its first row."""
    regions = dict(Region.objects.values_list("code", "pk"))
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    report, parsed, seen = ImportReport(), [], set()
    for number, row in enumerate(rows, start=2):
        number = row.get("_row", number)
        region = (row.get("region") or row.get("geo") or "").strip()
        code = (row.get("indicator") or "").strip()
        where = _RowName(number)
        if region not in regions:
            report.errors.append(
                _("%(where)s, column region: unknown region code “%(code)s”.")
                % {"where": where, "code": _short(region)}
            )
            continue
        if code not in indicators and not create_indicators:
            report.errors.append(
                _("%(where)s, column indicator: unknown indicator “%(code)s”.") % {"where": where, "code": _short(code)}
            )
            continue
        if code not in indicators and not NEW_CODE.match(code):
            report.errors.append(
                _(
                    "%(where)s, column indicator: “%(code)s” cannot be a new indicator code "
                    "(letters, digits, - and _, at most 80)."
                )
                % {"where": where, "code": _short(code)}
            )
            continue
        try:
            year = int(str(row.get("year", "")).strip())
        except ValueError:
            report.errors.append(
                _("%(where)s, column year: “%(y)s” is not a year.") % {"where": where, "y": _short(row.get("year"))}
            )
            continue
        if not FIRST_YEAR <= year <= LAST_YEAR:
            report.errors.append(
                _("%(where)s, column year: %(y)d is outside %(lo)d-%(hi)d.")
                % {"where": where, "y": year, "lo": FIRST_YEAR, "hi": LAST_YEAR}
            )
            continue
        try:
            value, flag = parse_value(str(row.get("value", "")))
        except OutOfRange:
            report.errors.append(
                _("%(where)s, column value: “%(v)s” is too large or too small to store.")
                % {"where": where, "v": _short(row.get("value"))}
            )
            continue
        except ValueError:
            report.errors.append(
                _("%(where)s, column value: “%(v)s” is not a number.") % {"where": where, "v": _short(row.get("value"))}
            )
            continue
        flag = (row.get("flag") or flag or "").strip()
        if len(flag) > FLAG_LENGTH:
            report.errors.append(
                _("%(where)s, column flag: longer than %(n)d characters.") % {"where": where, "n": FLAG_LENGTH}
            )
            continue
        key = (region, code, year)
        if key in seen:
            report.errors.append(
                _("%(where)s: a second value for %(r)s, %(i)s, %(y)d.")
                % {"where": where, "r": region, "i": code, "y": year}
            )
            continue
        seen.add(key)
        if value is None:
            report.skipped += 1
            continue
        parsed.append((region, code, year, value, flag, row))
    if report.errors:
        raise ImportRejected(report.errors)
    with transaction.atomic():
        first_rows: dict[str, dict] = {}
        for p in parsed:
            first_rows.setdefault(p[1], p[5])
        for code in set(first_rows) - set(indicators):
            first = first_rows[code]
            indicators[code] = Indicator.objects.create(
                code=code,
                unit=(first.get("unit") or "")[:80],
                source=(first.get("source_dataset") or "")[:200],
                **(description or _described_in(first)),
            ).pk
        existing = {
            (o.region_id, o.indicator_id, o.year): o
            for o in Observation.objects.filter(indicator_id__in={indicators[p[1]] for p in parsed})
        }
        new, changed = [], []
        for region, code, year, value, flag, _row in parsed:
            current = existing.get((regions[region], indicators[code], year))
            if current is None:
                new.append((regions[region], indicators[code], year, value, flag))
            elif current.value != value or current.flag != flag:
                current.value, current.flag = value, flag
                changed.append(current)
            else:
                report.unchanged += 1
        _insert_observations(new)
        Observation.objects.bulk_update(changed, ["value", "flag"], batch_size=5000)
        report.created, report.updated = len(new), len(changed)
        if new or changed:
            revisions.bump(f"{label}: {len(new)} new, {len(changed)} changed values")
        if actor is not None and (new or changed):
            audit.record(
                actor=actor,
                obj=Indicator.objects.get(pk=indicators[parsed[0][1]]),
                action="observatory.data_imported",
                changes={"file": label, "created": len(new), "updated": len(changed)},
            )
    return report


def _insert_observations(rows: list[tuple[int, int, int, float, str]]) -> None:
    """New values as plain rows: bulk_create builds a model for each row and prepares each of its five fields,
    which was half the time of loading the 130,000 shipped values. PostgreSQL takes them by COPY; another database
    by many rows to an INSERT, as many as it takes parameters (SQLite's limit), at most 2,000."""
    columns = ("region_id", "indicator_id", "year", "value", "flag")
    quote = connection.ops.quote_name
    into = f"{quote(Observation._meta.db_table)} ({', '.join(quote(c) for c in columns)})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {into} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        size = max(1, min(2000, connection.ops.bulk_batch_size(columns, rows)))
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
            # Only quoted names and placeholders are put together here; every value travels as a parameter.
            sql = f"INSERT INTO {into} VALUES {values}"  # noqa: S608
            cursor.execute(sql, [v for row in chunk for v in row])


class _RowName:
    """'Row 12', translated only when a message needs it: translating it for each of the 130,000 good rows of the
    shipped data took a tenth of the demo's load."""

    def __init__(self, number: int) -> None:
        self.number = number

    def __str__(self) -> str:
        return _("Row %(n)d") % {"n": self.number}


def _described_in(row: dict) -> dict:
    """What a file says of its new indicator in its own columns (each cut to its field's length)."""
    limits = {"name_en": 200, "name_lt": 200, "unit_en": 100, "unit_lt": 100}
    return {field: str(row.get(field) or "").strip()[:size] for field, size in limits.items()}


def _short(value) -> str:
    """A cell as it may be quoted back in a message: printable and at most 40 characters."""
    text = "".join(c if c.isprintable() else "?" for c in str(value if value is not None else ""))
    return text if len(text) <= 40 else text[:39] + "…"


def load_regions() -> int:
    rows = read_tidy_csv((DATA / "regions.csv").read_bytes())
    known = set(Region.objects.values_list("code", flat=True))
    if any(r["geo"] not in known for r in rows):
        revisions.bump("regions")
    Region.objects.bulk_create(
        [
            Region(
                code=r["geo"],
                name=r["name_latn"] or r["geo"],
                name_native=r["name_native"],
                country=r["cntr_code"],
                level=int(r["nuts_level"]),
                in_nuts2021=r["in_gisco_nuts2021_20m"] == "True",
            )
            for r in rows
            if r["geo"] not in known
        ]
    )
    changes = read_tidy_csv((DATA / "nuts_changes.csv").read_bytes())
    for row in changes:
        NutsChange.objects.update_or_create(
            old_code=row["old"],
            new_code=row["new"],
            defaults={"kind": row["kind"], "nuts_version": row["nuts_version"], "source": row["source"]},
        )
    return Region.objects.count()


def load_shipped(*, indicators: set[str] | None = None) -> ImportReport:
    """The shipped EU regional data (Eurostat), idempotently: a second run changes nothing."""
    load_regions()
    rows = [
        r | {"region": r["geo"]}
        for r in read_tidy_csv((DATA / "observations.csv.gz").read_bytes())
        if indicators is None or r["indicator"] in indicators
    ]
    known = set(Region.objects.values_list("code", flat=True))
    # Regions whose 2013 code has neither a registry entry nor a one-to-one successor are left out.
    rows += [
        {k: str(v) for k, v in r.items()} | {"region": r["geo"]}
        for r in sbs.rows().to_dict("records")
        if r["geo"] in known and (indicators is None or r["indicator"] in indicators)
    ]
    report = import_tidy(rows, create_indicators=True, label="shipped EU regional data")
    with transaction.atomic():
        if catalogue.apply():
            revisions.bump("indicator catalogue")
    load_pilot_regions()
    return report
