"""Importing indicator data: all-or-nothing, every bad row reported, and re-importing a file changes nothing.

Tidy CSV: columns ``region`` (or ``geo``), ``indicator``, ``year``, ``value``, optional ``flag``. Values such as
``12.3 p`` carry a Eurostat flag after the number; ``:`` means not available and is skipped.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from innopart.core import audit

from . import sbs
from .models import Indicator, NutsChange, Observation, Region
from .peers import load_pilot_regions
from .readers import read_tidy_csv

DATA = Path(__file__).resolve().parent / "data"
VALUE = re.compile(r"^\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*([a-z ]*)\s*$")


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


def parse_value(text: str) -> tuple[float | None, str]:
    """``"12.3 p"`` -> (12.3, "p"); ``":"`` or empty -> (None, ""); anything else raises ValueError."""
    text = (text or "").strip()
    if text in ("", ":") or text.startswith(": "):
        return None, text[1:].strip() if text.startswith(":") else ""
    match = VALUE.match(text)
    if not match:
        raise ValueError(text)
    return float(match.group(1)), match.group(2).strip()


def import_tidy(
    rows: list[dict], *, actor=None, create_indicators: bool = False, label: str = "upload"
) -> ImportReport:
    """Validate every row first; write nothing unless all rows are good."""
    regions = dict(Region.objects.values_list("code", "pk"))
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    report, parsed, seen = ImportReport(), [], set()
    for number, row in enumerate(rows, start=2):
        number = row.get("_row", number)
        region = (row.get("region") or row.get("geo") or "").strip()
        code = (row.get("indicator") or "").strip()
        where = _("Row %(n)d") % {"n": number}
        if region not in regions:
            report.errors.append(_("%(where)s: unknown region code “%(code)s”.") % {"where": where, "code": region})
            continue
        if code not in indicators and not create_indicators:
            report.errors.append(_("%(where)s: unknown indicator “%(code)s”.") % {"where": where, "code": code})
            continue
        try:
            year = int(str(row.get("year", "")).strip())
        except ValueError:
            report.errors.append(
                _("%(where)s: the year “%(y)s” is not a year.") % {"where": where, "y": row.get("year")}
            )
            continue
        try:
            value, flag = parse_value(str(row.get("value", "")))
        except ValueError:
            report.errors.append(
                _("%(where)s: the value “%(v)s” is not a number.") % {"where": where, "v": row.get("value")}
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
        parsed.append((region, code, year, value, (row.get("flag") or flag or "").strip(), row))
    if report.errors:
        raise ImportRejected(report.errors)
    with transaction.atomic():
        for code in {p[1] for p in parsed} - set(indicators):
            first = next(p[5] for p in parsed if p[1] == code)
            indicators[code] = Indicator.objects.create(
                code=code, unit=first.get("unit", ""), source=first.get("source_dataset", "")
            ).pk
        existing = {
            (o.region_id, o.indicator_id, o.year): o
            for o in Observation.objects.filter(indicator_id__in={indicators[p[1]] for p in parsed})
        }
        new, changed = [], []
        for region, code, year, value, flag, _row in parsed:
            current = existing.get((regions[region], indicators[code], year))
            if current is None:
                new.append(
                    Observation(
                        region_id=regions[region], indicator_id=indicators[code], year=year, value=value, flag=flag
                    )
                )
            elif current.value != value or current.flag != flag:
                current.value, current.flag = value, flag
                changed.append(current)
            else:
                report.unchanged += 1
        Observation.objects.bulk_create(new, batch_size=5000)
        Observation.objects.bulk_update(changed, ["value", "flag"], batch_size=5000)
        report.created, report.updated = len(new), len(changed)
        if actor is not None and (new or changed):
            audit.record(
                actor=actor,
                obj=Indicator.objects.get(pk=indicators[parsed[0][1]]),
                action="observatory.data_imported",
                changes={"file": label, "created": len(new), "updated": len(changed)},
            )
    return report


def load_regions() -> int:
    rows = read_tidy_csv((DATA / "regions.csv").read_bytes())
    known = set(Region.objects.values_list("code", flat=True))
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
    load_pilot_regions()
    return report
