"""A region's figures as a reader meets them: every indicator under its theme (the seven dimensions of industrial
change, then the economic context), named in the reader's language, with its unit in words, its year and what
Eurostat's flags on the value mean."""

from statistics import median

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import catalogue
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


def sections(region_code: str) -> list[dict]:
    """``[{"theme": label, "rows": [{"indicator", "value", "year", "flags", "eu_median"}]}]`` in the order of the
    themes, each theme's indicators by name."""
    indicators = list(Indicator.objects.all())
    latest = latest_values([region_code], [i.code for i in indicators])
    eu = eu_values(latest)
    by_theme: dict[str, list[dict]] = {}
    for indicator in indicators:
        cell = latest.get((region_code, indicator.code))
        if cell is None:
            continue
        others = eu.get(indicator.code, [])
        by_theme.setdefault(indicator.theme, []).append(
            {
                "indicator": indicator,
                "value": cell["value"],
                "year": cell["year"],
                "flags": flag_words(cell["flag"]),
                # The middle of the EU's regions in the same year (fewer than 20 regions say too little).
                "eu_median": median(others) if len(others) >= 20 else None,
            }
        )
    return [
        {"theme": label, "rows": sorted(by_theme[theme], key=lambda r: r["indicator"].name.casefold())}
        for theme, label in Theme.choices
        if theme in by_theme
    ]


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
    standing), and an indicator fewer than 20 regions report that year is left out."""
    indicators = {i.code: i for i in Indicator.objects.exclude(higher_is_better=None)}
    latest = latest_values([region_code], list(indicators))
    if not latest:
        return {"strongest": [], "weakest": []}
    values = eu_values(latest)
    rows = []
    for (_region, code), cell in latest.items():
        others = values.get(code, [])
        if len(others) < 20:
            continue
        indicator = indicators[code]
        beaten = sum(1 for v in others if (v < cell["value"] if indicator.higher_is_better else v > cell["value"]))
        rows.append(
            {
                "indicator": indicator,
                "value": cell["value"],
                "year": cell["year"],
                "share": beaten / (len(others) - 1) if len(others) > 1 else 0.0,
                "percent": round(100 * beaten / (len(others) - 1)) if len(others) > 1 else 0,
                "regions": len(others),
            }
        )
    rows.sort(key=lambda r: (-r["share"], r["indicator"].name.casefold()))
    half = min(count, len(rows) // 2)
    return {"strongest": rows[:half], "weakest": rows[len(rows) - half :][::-1] if half else []}


def headline(region_code: str) -> dict:
    """The profile's first lines: GDP per head against the EU average, with its year."""
    gdp = latest_values([region_code], ["gdp_per_capita_pps_pct_eu27"]).get(
        (region_code, "gdp_per_capita_pps_pct_eu27")
    )
    return {"gdp": gdp}
