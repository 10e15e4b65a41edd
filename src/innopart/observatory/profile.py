"""A region's figures as a reader meets them: every indicator under its theme (the seven dimensions of industrial
change, then the economic context), named in the reader's language, with its unit in words, its year and what
Eurostat's flags on the value mean."""

from django.utils.translation import gettext_lazy as _

from . import catalogue
from .derived import DERIVED
from .derived import latest as latest_derived
from .models import Indicator, Theme
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
    """``[{"theme": label, "rows": [{"indicator", "value", "year", "flags"}]}]`` in the order of the themes,
    each theme's indicators by name."""
    indicators = list(Indicator.objects.all())
    latest = latest_values([region_code], [i.code for i in indicators])
    by_theme: dict[str, list[dict]] = {}
    for indicator in indicators:
        cell = latest.get((region_code, indicator.code))
        if cell is None:
            continue
        by_theme.setdefault(indicator.theme, []).append(
            {"indicator": indicator, "value": cell["value"], "year": cell["year"], "flags": flag_words(cell["flag"])}
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
