"""Derived indicators: ratios of sums, defined as data, so that any set of regions aggregates exactly.

GDP per inhabitant of the EU is the EU's GDP over the EU's population, not the mean of regional ratios; the same
formula therefore serves a region, a pilot region made of several NUTS-2 regions, and the EU from its members.
Shares are ratios scaled by 100; growth rates are ratios of one series to itself ``lag`` years earlier, minus one
(the sum over the regions in both years, so a group's growth is its total's growth).
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
    lag: int = 0  # growth: the denominator is the numerator's series ``lag`` years earlier

    @property
    def formula(self) -> str:
        scale = f" * {self.scale:,.0f}" if self.scale != 1 else ""
        if self.lag:
            return f"({self.numerator}[t] / {self.numerator}[t-{self.lag}] - 1){scale}"
        return f"{self.numerator}{scale} / {self.denominator}"


DERIVED = {
    d.code: d
    for d in [
        Derived("gdp_per_capita_eur", "EUR", "gdp_mio_eur", "population_1jan", 1e6),
        Derived("berd_eur_per_researcher_bes", "EUR", "berd_mio_eur", "researchers_bes_fte", 1e6),
        Derived("berd_share_of_gerd_pct", "%", "berd_mio_eur", "gerd_mio_eur", 100),
        Derived("gdp_growth_nominal_pct", "% a year", "gdp_mio_eur", "gdp_mio_eur", 100, lag=1),
        Derived("population_growth_pct", "% a year", "population_1jan", "population_1jan", 100, lag=1),
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
    numerator = _by_year(derived.numerator, codes)
    if derived.lag:
        denominator = {year + derived.lag: values for year, values in numerator.items()}
    else:
        denominator = _by_year(derived.denominator, codes)
    result = {}
    for year in sorted(set(numerator) & set(denominator)):
        used = sorted(set(numerator[year]) & set(denominator[year]))
        if not used or (complete and len(used) < len(set(codes))):
            continue
        total = sum(denominator[year][c] for c in used)
        if total:
            ratio = sum(numerator[year][c] for c in used) / total
            result[year] = ((ratio - 1 if derived.lag else ratio) * derived.scale, used)
    return result


def latest(derived: Derived, codes) -> tuple[int, float] | None:
    """The latest year in which every region has both parts, and the value."""
    values = compute_all(derived, codes)
    if not values:
        return None
    year = max(values)
    return year, values[year][0]
