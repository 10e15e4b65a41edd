"""Derived indicators computed from observations: sums before ratios, so that aggregates are exact."""

from .models import Observation

EU27 = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "EL",
    "ES",
    "FI",
    "FR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]


def _values(indicator: str, year: int, codes) -> dict[str, float]:
    return dict(
        Observation.objects.filter(indicator__code=indicator, year=year, region__code__in=list(codes)).values_list(
            "region__code", "value"
        )
    )


def gdp_per_capita(codes, year: int) -> tuple[float, list[str]]:
    """GDP per inhabitant in EUR of the given regions together (GDP in million EUR over population on 1 January),
    over the regions that have both values; returns the value and the regions used."""
    gdp, population = _values("gdp_mio_eur", year, codes), _values("population_1jan", year, codes)
    used = sorted(set(gdp) & set(population))
    if not used:
        raise ValueError("No region has both GDP and population for that year.")
    return sum(gdp[c] for c in used) * 1e6 / sum(population[c] for c in used), used


def eu_regions(level: int = 2) -> list[str]:
    from .models import Region

    return list(
        Region.objects.filter(level=level, country__in=EU27).exclude(code__endswith="ZZ").values_list("code", flat=True)
    )
