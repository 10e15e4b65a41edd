"""Monitoring of an awarded partnership: traffic lights for KPIs against their targets, and the projection of own
resources toward self-sustainability (briefing, Step 4 and section 4.2).

Traffic light of a KPI in a year, for a KPI where more is better::

    ratio = actual / target      green if ratio >= 1, amber if ratio >= amber, red otherwise

and for a KPI where less is better (say, energy per euro of output) the ratio is ``target / actual``. No actual or
no target gives ``"none"``: a missing figure is shown as missing, never as a colour.

Own resources are projected from the last actual by a constant yearly growth rate; the projection is compared with
the budget of each remaining year, and the self-funding year is the first in which own resources reach the target
share of the budget (see ``funding.self_funding_year``).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .funding import self_funding_year

GREEN, AMBER, RED, NONE = "green", "amber", "red", "none"


def light(actual: float | None, target: float | None, *, higher_is_better: bool = True, amber: float = 0.9) -> str:
    """The colour of one KPI figure against its target."""
    if not 0 < amber <= 1:
        raise ValueError("amber must be in (0, 1].")
    if actual is None or target is None:
        return NONE
    if higher_is_better:
        if target <= 0:
            return GREEN if actual >= target else RED
        ratio = actual / target
    else:
        if actual <= 0:
            return GREEN  # nothing used at all is at least as good as any target
        ratio = target / actual
    if ratio >= 1:
        return GREEN
    return AMBER if ratio >= amber else RED


@dataclass(frozen=True)
class Projection:
    own: np.ndarray  # own resources per year (actuals where known, then projected)
    share: np.ndarray  # own resources / budget per year
    projected_from: int  # first projected year (0-based); years before it are actuals
    self_funding_year: int | None  # first year (0-based) reaching the target share, or None
    gap: float  # target share minus the share reached in the last year (0 when reached)


def project_own_resources(
    budget: Sequence[float], actual: Sequence[float | None], *, growth: float, target_share: float
) -> Projection:
    """Fill the years without an actual from the last actual (or from 0) growing by ``growth`` a year."""
    budget_ = np.asarray(budget, dtype=float)
    if len(actual) != len(budget_):
        raise ValueError("One actual (or None) per budget year.")
    if not -1 < growth <= 5:
        raise ValueError("growth must be above -100% and at most 500% a year.")
    if not 0 < target_share <= 1:
        raise ValueError("target_share must be in (0, 1].")
    known = [i for i, a in enumerate(actual) if a is not None]
    if known != list(range(len(known))):
        raise ValueError("Actuals must be the first years, without holes.")
    own = np.zeros(len(budget_))
    for i in known:
        own[i] = float(actual[i])  # type: ignore[arg-type]
    start = len(known)
    last = own[start - 1] if start else 0.0
    for i in range(start, len(budget_)):
        last = last * (1 + growth)
        own[i] = last
    year, share = self_funding_year(budget_.tolist(), own.tolist(), target_share)
    gap = 0.0 if year is not None else float(max(0.0, target_share - (share[-1] if len(share) else 0.0)))
    return Projection(own=own, share=share, projected_from=start, self_funding_year=year, gap=gap)
