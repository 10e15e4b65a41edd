"""Derived indicators: ratios of sums, defined as data, so that any set of regions aggregates exactly.

GDP per inhabitant of the EU is the EU's GDP over the EU's population, not the mean of regional ratios; the same
formula therefore serves a region, a pilot region made of several NUTS-2 regions, and the EU from its members.
"""

from dataclasses import dataclass

from .models import Observation


@dataclass(frozen=True)
class Derived:
    code: str
    unit: str
    numerator: str
    denominator: str
    scale: float = 1.0

    @property
    def formula(self) -> str:
        scale = f" * {self.scale:,.0f}" if self.scale != 1 else ""
        return f"{self.numerator}{scale} / {self.denominator}"


DERIVED = {
    d.code: d
    for d in [
        Derived("gdp_per_capita_eur", "EUR", "gdp_mio_eur", "population_1jan", 1e6),
        Derived("berd_eur_per_researcher_bes", "EUR", "berd_mio_eur", "researchers_bes_fte", 1e6),
    ]
}


def _by_year(indicator: str, codes) -> dict[int, dict[str, float]]:
    table: dict[int, dict[str, float]] = {}
    rows = Observation.objects.filter(indicator__code=indicator, region__code__in=list(codes)).values_list(
        "year", "region__code", "value"
    )
    for year, code, value in rows:
        table.setdefault(year, {})[code] = value
    return table


def compute(derived: Derived, codes, year: int) -> tuple[float, list[str]]:
    """The value for the regions together in one year, over the regions that have both parts."""
    value = compute_all(derived, codes, complete=False).get(year)
    if value is None:
        raise ValueError(f"No region has both {derived.numerator} and {derived.denominator} in {year}.")
    return value


def compute_all(derived: Derived, codes, *, complete: bool = True) -> dict[int, tuple[float, list[str]]]:
    """Every year's value; with ``complete``, only years in which every region has both parts."""
    codes = list(codes)
    numerator, denominator = _by_year(derived.numerator, codes), _by_year(derived.denominator, codes)
    result = {}
    for year in sorted(set(numerator) & set(denominator)):
        used = sorted(set(numerator[year]) & set(denominator[year]))
        if not used or (complete and len(used) < len(set(codes))):
            continue
        total = sum(denominator[year][c] for c in used)
        if total:
            result[year] = (sum(numerator[year][c] for c in used) * derived.scale / total, used)
    return result


def latest(derived: Derived, codes) -> tuple[int, float] | None:
    """The latest year in which every region has both parts, and the value."""
    values = compute_all(derived, codes)
    if not values:
        return None
    year = max(values)
    return year, values[year][0]
