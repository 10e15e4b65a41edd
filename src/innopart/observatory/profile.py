"""A region's figures as a reader meets them: every indicator under its theme (the seven dimensions of industrial
change, then the economic context), named in the reader's language, with its unit in words, its year and what
Eurostat's flags on the value mean."""

from statistics import median

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import catalogue, trends
from .derived import DERIVED
from .derived import latest as latest_derived
from .models import Indicator, Observation, Theme
from .selectors import latest_values

# Eurostat's observation flags (a value may carry several, as "bd").
FLAGS = {
    "b": _("break in series"),
    "d": _("definition differs"),
    "e": _("estimated"),
    "p": _("provisional"),
    "u": _("low reliability"),
    "c": _("confidential"),
    "n": _("not significant"),
    "s": _("Eurostat estimate"),
    "f": _("forecast"),
    "r": _("revised"),
}


def flag_words(flag: str) -> list[str]:
    """The meanings of a value's flags; letters Eurostat has not defined are left out."""
    return [str(FLAGS[letter]) for letter in (flag or "") if letter in FLAGS]


# Fewer regions reporting an indicator in a year say too little of where a region stands among them.
MIN_REGIONS = 20
# The main indicators whose trend opens the profile: the briefing's Figures 1 and 2 and the labour market.
MAIN = [
    "gdp_per_capita_pps_pct_eu27",
    "employment_rate_15_64",
    "unemployment_rate_15_74",
    "tertiary_attainment_pct_25_64",
    "berd_pct_gdp",
    "emp_high_tech_sectors_pct",
    "rd_personnel_total_pct_employment_fte",
]


def figures(region_code: str, peers: dict | None = None) -> dict:
    """What the profile shows of the region's indicators, from one reading: the sections by theme, its standing
    against the EU's regions (and against its peer group: ``{"name": ..., "codes": [...]}``) and the headline."""
    rows = readings(region_code)
    over_years = trends.series(region_code)
    for row in rows:
        row["trend"] = trends.trend(over_years.get(row["indicator"].code, []), row["indicator"])
    peer_standing = None
    if peers:
        found = peer_values(rows, [c for c in peers["codes"] if c != region_code])
        for row in rows:
            row["peers"] = found.get(row["indicator"].code, [])
        standing_ = _standing([r | {"others": [*r["peers"], r["value"]]} for r in rows], minimum=MIN_PEERS + 1)
        peer_standing = {"name": peers["name"], **standing_}
    return {
        "headline": _headline(rows),
        "standing": _standing(rows),
        "peer_standing": peer_standing,
        "sections": _sections(rows),
        "trends": [row for code in MAIN for row in rows if row["indicator"].code == code and row["trend"]],
    }


# A peer group's median and standing need a few peers reporting the same year.
MIN_PEERS = 4


def peer_values(rows: list[dict], codes: list[str]) -> dict[str, list[float]]:
    """For each indicator of the region's ``rows``, the values of the peer regions ``codes`` in the same year."""
    wanted = Q()
    for row in rows:
        wanted |= Q(indicator=row["indicator"], year=row["year"])
    values: dict[str, list[float]] = {}
    if not rows or not codes:
        return values
    for code, value in Observation.objects.filter(wanted, region__code__in=codes).values_list(
        "indicator__code", "value"
    ):
        values.setdefault(code, []).append(value)
    return values


def readings(region_code: str) -> list[dict]:
    """Each indicator the region has: its latest value, year and flags, and the values of the EU's NUTS-2
    regions in that year (``others``)."""
    indicators = list(Indicator.objects.all())
    latest = latest_values([region_code], [i.code for i in indicators])
    eu = eu_values(latest)
    return [
        {
            "indicator": indicator,
            "value": cell["value"],
            "year": cell["year"],
            "flag": cell["flag"],
            "others": eu.get(indicator.code, []),
        }
        for indicator in indicators
        if (cell := latest.get((region_code, indicator.code))) is not None
    ]


def by_theme(rows: list[dict]) -> list[dict]:
    """``[{"theme": label, "rows": [...]}]`` in the order of the themes, each theme's indicators by name."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["indicator"].theme, []).append(row)
    return [
        {"theme": label, "rows": sorted(grouped[theme], key=lambda r: r["indicator"].name.casefold())}
        for theme, label in Theme.choices
        if theme in grouped
    ]


def _sections(rows: list[dict]) -> list[dict]:
    """The rows by theme, each with its flags in words and the median of the EU's regions in the same year."""
    return by_theme(
        [
            {
                "indicator": row["indicator"],
                "value": row["value"],
                "year": row["year"],
                "flags": flag_words(row["flag"]),
                "eu_median": median(row["others"]) if len(row["others"]) >= MIN_REGIONS else None,
                "peer_median": median(row["peers"]) if len(row.get("peers", [])) >= MIN_PEERS else None,
                "trend": row.get("trend"),
            }
            for row in rows
        ]
    )


def derived_rows(region_code: str) -> list[dict]:
    """The indicators computed from two others, with the formula in words."""
    names = {i.code: i.name for i in Indicator.objects.filter(code__in=_parts())}
    rows = []
    for derived in DERIVED.values():
        found = latest_derived(derived, [region_code])
        if not found:
            continue
        label = catalogue.derived_label(derived.code)
        numerator = names.get(derived.numerator, derived.numerator)
        if derived.lag:
            formula = _("change of %(part)s over %(n)d year(s)") % {"part": numerator, "n": derived.lag}
        else:
            formula = f"{numerator} ÷ {names.get(derived.denominator, derived.denominator)}"
        rows.append(
            {
                "code": derived.code,
                "name": label.name,
                "unit": label.unit,
                "decimals": label.decimals,
                "year": found[0],
                "value": found[1],
                "formula": formula,
            }
        )
    return rows


def _parts() -> set[str]:
    return {d.numerator for d in DERIVED.values()} | {d.denominator for d in DERIVED.values()}


def eu_values(latest: dict) -> dict[str, list[float]]:
    """For each indicator of ``latest`` (one region's ``latest_values``), the values of the EU's NUTS-2 regions
    (NUTS 2021) in the same year: one query."""
    wanted = Q()
    for (_region, code), cell in latest.items():
        wanted |= Q(indicator__code=code, year=cell["year"])
    values: dict[str, list[float]] = {}
    if not latest:
        return values
    rows = Observation.objects.filter(wanted, region__level=2, region__in_nuts2021=True)
    for code, value in rows.values_list("indicator__code", "value"):
        values.setdefault(code, []).append(value)
    return values


def standing(region_code: str, count: int = 3) -> dict:
    """Where the region stands among the EU's NUTS-2 regions (NUTS 2021) on each indicator with a direction, in
    the year of the region's latest value: the share of the regions it does better than. The ``count`` strongest
    (the strongest first) and weakest (the weakest first). Totals have no direction (they measure size, not
    standing), and an indicator fewer than `MIN_REGIONS` regions report that year is left out."""
    return _standing(readings(region_code), count)


def _standing(readings: list[dict], count: int = 3, minimum: int = MIN_REGIONS) -> dict:
    rows = []
    for reading in readings:
        indicator, others, value = reading["indicator"], reading["others"], reading["value"]
        if indicator.higher_is_better is None or len(others) < minimum:
            continue
        beaten = sum(1 for v in others if (v < value if indicator.higher_is_better else v > value))
        share = beaten / (len(others) - 1)
        rows.append(
            {
                "indicator": indicator,
                "value": value,
                "year": reading["year"],
                "share": share,
                "percent": round(100 * share),
                "regions": len(others),
            }
        )
    rows.sort(key=lambda r: (-r["share"], r["indicator"].name.casefold()))
    half = min(count, len(rows) // 2)
    return {"strongest": rows[:half], "weakest": rows[len(rows) - half :][::-1] if half else []}


def _headline(readings: list[dict]) -> dict:
    """The profile's first lines: GDP per head against the EU average, with its year."""
    gdp = next((r for r in readings if r["indicator"].code == "gdp_per_capita_pps_pct_eu27"), None)
    return {"gdp": gdp and {"value": gdp["value"], "year": gdp["year"]}}
