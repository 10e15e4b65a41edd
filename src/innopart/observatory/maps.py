"""Values for the NUTS-2 map: an indicator in a year (by default the latest year most regions have), or the
industrial-change index and its dimensions from the latest computation."""

from collections import Counter

from django.utils.translation import gettext as _

from . import change_index
from .models import Indicator, Observation, Region

INDEX_PREFIX = "index:"


def choices() -> list[tuple[str, str]]:
    named = sorted(Indicator.objects.all(), key=lambda i: i.name.casefold())
    options = [(i.code, f"{i.name} ({i.unit_words})" if i.unit_words else i.name) for i in named]
    data = change_index.latest()
    if data:
        index = [(f"{INDEX_PREFIX}Index", _("Industrial-change index (total)"))]
        index += [
            (f"{INDEX_PREFIX}{d['code']}", _("Industrial change: %(name)s") % {"name": change_index.dimension_name(d)})
            for d in data["dimensions"]
            if d["scored"]
        ]
        options = index + options
    return options


def countries() -> list[tuple[str, str]]:
    """The countries a map can zoom to: those with NUTS-2 regions (NUTS 2021), by name."""
    named = Region.objects.filter(level=0, in_nuts2021=True).values_list("code", "name")
    with_regions = set(Region.objects.filter(level=2, in_nuts2021=True).values_list("country", flat=True))
    return sorted(((c, n) for c, n in named if c in with_regions), key=lambda item: item[1].casefold())


def map_values(key: str, year: int | None) -> dict:
    """``{"values": {code: value}, "year": year or None, "years": [...], "source": ..., "unit": ...}``."""
    if key.startswith(INDEX_PREFIX):
        data = change_index.latest() or {"scores": {}}
        code = key[len(INDEX_PREFIX) :]
        values = {unit: s.get(code) for unit, s in data["scores"].items() if s.get(code) is not None}
        return {
            "values": values,
            "year": None,
            "years": [],
            "unit": _("score 0-1"),
            "decimals": 3,
            "source": _("Industrial-change index, reconstruction on Eurostat data (Innopart), computation %(run)s")
            % {"run": data.get("run")},
        }
    indicator = Indicator.objects.get(code=key)
    rows = list(
        Observation.objects.filter(indicator=indicator, region__level=2, region__in_nuts2021=True).values_list(
            "region__code", "year", "value"
        )
    )
    per_year = Counter(r[1] for r in rows)
    years = sorted(per_year, reverse=True)
    if year is None and per_year:
        most = max(per_year.values())
        year = next(y for y in years if per_year[y] >= most / 2)
    return {
        "values": {code: value for code, y, value in rows if y == year},
        "year": year,
        "years": years,
        "unit": indicator.unit_words,
        "decimals": indicator.decimals,
        "source": f"Eurostat {indicator.dataset}; {indicator.licence}"
        if indicator.dataset
        else f"{indicator.source}; {indicator.licence}",
    }
