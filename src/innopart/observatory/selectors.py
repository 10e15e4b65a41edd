"""Derived indicators computed from observations: sums before ratios, so that aggregates are exact."""

from .models import Observation, Region

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


def gdp_per_capita(codes, year: int) -> tuple[float, list[str]]:
    """GDP per inhabitant in EUR of the given regions together (GDP in million EUR over population on 1 January),
    over the regions that have both values; returns the value and the regions used."""
    from .derived import DERIVED, compute

    return compute(DERIVED["gdp_per_capita_eur"], codes, year)


def eu_regions(level: int = 2) -> list[str]:
    return list(
        Region.objects.filter(level=level, country__in=EU27).exclude(code__endswith="ZZ").values_list("code", flat=True)
    )


# The briefing's Figure 1 (economic indicators) and Figure 2 (innovation indicators), with the data we ship.
FIGURE_1 = [
    "gdp_per_capita_pps_pct_eu27",
    "employment_rate_15_64",
    "tertiary_attainment_pct_25_64",
    "manufacturing_lq_sbs2015",
]
FIGURE_2 = ["berd_pct_gdp", "emp_high_tech_sectors_pct", "rd_personnel_total_pct_employment_fte"]


def latest_values(codes, indicators) -> dict[tuple[str, str], dict]:
    """The latest value of each indicator in each region: ``{(region, indicator): {year, value, flag}}``."""
    latest: dict[tuple[str, str], dict] = {}
    rows = (
        Observation.objects.filter(region__code__in=list(codes), indicator__code__in=list(indicators))
        .order_by("-year")
        .values("region__code", "indicator__code", "year", "value", "flag")
    )
    for row in rows:
        latest.setdefault((row["region__code"], row["indicator__code"]), row)
    return latest


def peer_comparison(group, indicators) -> list[dict]:
    """One row per NUTS region of the group's members, in the group's order, with the latest value per indicator."""
    members = list(group.members.all())
    codes = [code for member in members for code in member.codes]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    values = latest_values(codes, indicators)
    return [
        {
            "member": member.label,
            "first": index == 0,
            "span": len(member.codes),
            "code": code,
            "name": names.get(code, ""),
            "cells": [values.get((code, indicator)) for indicator in indicators],
        }
        for member in members
        for index, code in enumerate(member.codes)
    ]


def visible_peer_groups(user):
    """Shipped and public groups for everyone; a private group only for its owner."""
    from django.db.models import Q

    from .models import PeerGroup

    if user.is_authenticated:
        return PeerGroup.objects.filter(Q(is_public=True) | Q(owner=user))
    return PeerGroup.objects.filter(is_public=True)
