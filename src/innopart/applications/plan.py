"""The multi-year resource plan: totals, own-funding share per year and the checks against the call.

Own-funding share of a year = income other than the requested grant / all income of that year. It is the
figure the briefing asks to grow over the funding period towards self-sustainability.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .enums import IncomeSource, PlanKind

ZERO = Decimal(0)


@dataclass(frozen=True)
class PlanLine:
    kind: str
    category: str
    year: int
    amount: Decimal


@dataclass
class PlanSummary:
    years: list[int]
    costs: dict[int, Decimal]
    income: dict[int, Decimal]
    grant: dict[int, Decimal]
    own_share: dict[int, Decimal | None]
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total_costs(self) -> Decimal:
        return sum(self.costs.values(), ZERO)

    @property
    def total_income(self) -> Decimal:
        return sum(self.income.values(), ZERO)

    @property
    def total_grant(self) -> Decimal:
        return sum(self.grant.values(), ZERO)

    @property
    def total_own_share(self) -> Decimal | None:
        return _share(self.total_income, self.total_grant)

    @property
    def is_valid(self) -> bool:
        return not self.problems

    def rows(self) -> list[dict]:
        return [
            {
                "year": y,
                "costs": self.costs[y],
                "income": self.income[y],
                "grant": self.grant[y],
                "own_share": self.own_share[y],
                "balance": self.income[y] - self.costs[y],
            }
            for y in self.years
        ]


def _share(income: Decimal, grant: Decimal) -> Decimal | None:
    if income <= 0:
        return None
    return ((income - grant) / income * 100).quantize(Decimal("0.1"))


def summarise_plan(
    lines: list[PlanLine], *, duration: int | None, min_years: int, max_years: int, max_grant: Decimal
) -> PlanSummary:
    problems: list[tuple[str, str]] = []
    if duration is None:
        problems.append(("duration_years", _("Choose the duration of the partnership in years.")))
        duration = 0
    elif not min_years <= duration <= max_years:
        problems.append(
            (
                "duration_years",
                _("The plan runs for %(d)d years; the call funds partnerships for %(lo)d to %(hi)d years.")
                % {"d": duration, "lo": min_years, "hi": max_years},
            )
        )
    years = list(range(1, duration + 1))
    costs: dict[int, Decimal] = defaultdict(lambda: ZERO)
    income: dict[int, Decimal] = defaultdict(lambda: ZERO)
    grant: dict[int, Decimal] = defaultdict(lambda: ZERO)
    beyond = sorted({line.year for line in lines if line.year > duration and line.amount})
    if beyond:
        problems.append(
            (
                "duration_years",
                _("The plan has figures for year %(years)s, beyond its duration of %(d)d years.")
                % {"years": ", ".join(map(str, beyond)), "d": duration},
            )
        )
    for line in lines:
        if line.year > duration:
            continue
        if line.kind == PlanKind.COST:
            costs[line.year] += line.amount
        else:
            income[line.year] += line.amount
            if line.category == IncomeSource.GRANT:
                grant[line.year] += line.amount
    summary = PlanSummary(
        years=years,
        costs={y: costs[y] for y in years},
        income={y: income[y] for y in years},
        grant={y: grant[y] for y in years},
        own_share={y: _share(income[y], grant[y]) for y in years},
        problems=problems,
    )
    if years and summary.total_costs == 0:
        problems.append(("plan", _("The resource plan has no costs yet.")))
    if summary.total_grant > max_grant:
        problems.append(
            (
                "grant",
                _("The grant requested (EUR %(g)s) exceeds the call's maximum grant per partnership (EUR %(m)s).")
                % {
                    "g": number_format(summary.total_grant, 0, force_grouping=True),
                    "m": number_format(max_grant, 0, force_grouping=True),
                },
            )
        )
    for year in years:
        if summary.income[year] < summary.costs[year]:
            problems.append(
                (
                    f"year_{year}",
                    _("Year %(y)d: income (EUR %(i)s) does not cover costs (EUR %(c)s).")
                    % {
                        "y": year,
                        "i": number_format(summary.income[year], 0, force_grouping=True),
                        "c": number_format(summary.costs[year], 0, force_grouping=True),
                    },
                )
            )
    return summary
