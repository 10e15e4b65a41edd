"""Funding of an awarded partnership over 7-10 years (briefing, section 4.2 and Table 2): public funding that falls
year by year toward a floor as the partnership's own resources grow, adjusted when own resources run ahead of or
behind the plan, and paid in tranches released only on accepted milestones and reports.

The published taper formula, for year ``t`` (0-based) of an agreement with ``setup_years`` of set-up phase::

    planned_share[t] = max(floor, start - step * max(0, t - setup_years + 1))   during delivery
    planned_share[t] = start                                                     during set-up

    adjusted_share[t] = clip(planned_share[t] - sensitivity * (own_actual[t-1] - own_planned[t-1]) / budget[t-1],
                             floor, planned_share[t])

so the public share never rises above the plan (a partnership behind its own-resources plan keeps the planned
share, it is not topped up) and never falls below the floor (small Lithuanian clusters will always need some public
money); own resources running ahead bring the share down faster, by ``sensitivity`` of the surplus.
Amounts are in whole euros; tranches are rounded down and the last tranche of a year takes the rest, so that they
add up exactly to the year's grant.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Taper:
    start: float = 0.8  # public share of the yearly budget while the partnership sets up
    floor: float = 0.3
    step: float = 0.1  # fall of the share per delivery year
    setup_years: int = 2
    sensitivity: float = 0.5

    def __post_init__(self) -> None:
        if not 0 <= self.floor <= self.start <= 1:
            raise ValueError("The shares must satisfy 0 <= floor <= start <= 1.")
        if self.step < 0 or self.setup_years < 0 or not 0 <= self.sensitivity <= 1:
            raise ValueError("step and setup_years must be >= 0 and sensitivity between 0 and 1.")


def planned_shares(taper: Taper, years: int) -> np.ndarray:
    if not 1 <= years <= 30:
        raise ValueError("An agreement lasts from 1 to 30 years.")
    t = np.arange(years)
    delivery_years = np.maximum(0, t - taper.setup_years + 1)
    shares = np.maximum(taper.floor, taper.start - taper.step * delivery_years)
    return np.where(t < taper.setup_years, taper.start, shares)


def planned_grants(budget: Sequence[float], taper: Taper) -> np.ndarray:
    """Public grant per year from the yearly total budget of the resource plan (whole euros, rounded down)."""
    budget_ = np.asarray(budget, dtype=float)
    if np.any(budget_ < 0):
        raise ValueError("A yearly budget cannot be negative.")
    grants: np.ndarray = np.floor(budget_ * planned_shares(taper, len(budget_)))
    return grants


def adjusted_shares(
    budget: Sequence[float], own_planned: Sequence[float], own_actual: Sequence[float | None], taper: Taper
) -> np.ndarray:
    """The share each year after adjusting to last year's own resources (missing actuals: no adjustment)."""
    budget_ = np.asarray(budget, dtype=float)
    planned = planned_shares(taper, len(budget_))
    own_planned_ = np.asarray(own_planned, dtype=float)
    actual = np.array([np.nan if a is None else a for a in own_actual], dtype=float)
    if not len(own_planned_) == len(actual) == len(budget_):
        raise ValueError("budget, own_planned and own_actual need one value per year.")
    shares = planned.copy()
    for t in range(1, len(budget_)):
        if np.isnan(actual[t - 1]) or budget_[t - 1] < 1:  # no budget last year, nothing to compare with
            continue
        surplus = (actual[t - 1] - own_planned_[t - 1]) / budget_[t - 1]
        shares[t] = np.clip(planned[t] - taper.sensitivity * surplus, taper.floor, planned[t])
    return shares


def tranches(grant: float, fractions: Sequence[float]) -> np.ndarray:
    """Split a year's grant (whole euros) by the fractions of its tranches (which add up to 1)."""
    parts = np.asarray(fractions, dtype=float)
    if len(parts) == 0 or np.any(parts < 0) or not np.isclose(parts.sum(), 1.0):
        raise ValueError("Tranche fractions must be non-negative and add up to 1.")
    amounts = np.floor(grant * parts)
    amounts[-1] = grant - amounts[:-1].sum()
    return amounts


def released(grant: float, fractions: Sequence[float], accepted: Sequence[bool]) -> float:
    """What may be paid of a year's grant: the tranches whose milestone or report has been accepted."""
    if len(accepted) != len(fractions):
        raise ValueError("One acceptance per tranche.")
    amounts = tranches(grant, fractions)
    return float(amounts[np.asarray(accepted, dtype=bool)].sum())


def self_funding_year(
    budget: Sequence[float], own_projection: Sequence[float], target_share: float
) -> tuple[int | None, np.ndarray]:
    """The first year (0-based) in which own resources reach ``target_share`` of the budget, or None, and the
    projected own-resources share per year."""
    budget_ = np.asarray(budget, dtype=float)
    share = np.divide(np.asarray(own_projection, dtype=float), budget_, out=np.zeros_like(budget_), where=budget_ > 0)
    reached = np.flatnonzero(share >= target_share)
    return (int(reached[0]) if len(reached) else None), share
