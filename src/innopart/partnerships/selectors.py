"""Reads on partnerships: who sees which, the current agreement, the funding schedule and the KPI table."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from innopart.accounts.enums import Role
from innopart.analytics.monitoring import light
from innopart.applications.rules import organisation_ids
from innopart.core.models import AuditEntry

from .enums import AgreementState, ReviewState, TrancheState
from .models import Agreement, Kpi, KpiActual, Partnership, Tranche
from .rules import is_member


def with_monitoring(qs: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """Everything the overview and the programme view read, in a fixed number of queries for any number of
    partnerships; the selectors below read these through ``.all()`` so that they use the prefetched rows."""
    return qs.select_related("application__call__published_version").prefetch_related(
        Prefetch("agreements", queryset=Agreement.objects.order_by("number").prefetch_related("years")),
        Prefetch("tranches", queryset=Tranche.objects.prefetch_related("payments")),
        "milestones",
        "reports",
        Prefetch(
            "kpis",
            queryset=Kpi.objects.prefetch_related(
                "targets", Prefetch("actuals", queryset=KpiActual.objects.select_related("report"))
            ),
        ),
    )


def visible_partnerships(user) -> QuerySet[Partnership]:
    """All for the ministry, advisers and observers; for everyone else, the partnerships their organisations are in."""
    qs = Partnership.objects.select_related("coordinator", "application__call")
    if not user.is_authenticated:
        return qs.none()
    if user.has_role(Role.PROGRAMME_MANAGER, Role.AGENCY_ADVISER, Role.OBSERVER):
        return qs
    orgs = organisation_ids(user)
    if not orgs:
        return qs.none()
    # Candidates by the awarded consortium or a recorded joining; the exact current membership (leavers) is checked
    # by the rule, so a partner who left sees nothing.
    candidates = qs.filter(
        Q(application__partners__organisation_id__in=orgs) | Q(membership_changes__organisation_id__in=orgs)
    ).distinct()
    return qs.filter(pk__in=[p.pk for p in candidates if is_member(user, p)])


def current_agreement(partnership: Partnership) -> Agreement | None:
    """The signed version in force, else the latest draft."""
    versions = list(partnership.agreements.all())
    signed = [a for a in versions if a.state == AgreementState.SIGNED]
    return signed[-1] if signed else (versions[-1] if versions else None)


def pending_amendment(partnership: Partnership) -> Agreement | None:
    versions = list(partnership.agreements.all())
    if versions and versions[-1].state in (AgreementState.DRAFT, AgreementState.PARTNERSHIP_SIGNED):
        return versions[-1]
    return None


def signed_agreement(partnership: Partnership) -> Agreement | None:
    signed = [a for a in partnership.agreements.all() if a.state == AgreementState.SIGNED]
    return signed[-1] if signed else None


@dataclass
class MoneyYear:
    year: int
    calendar_year: int
    grant: Decimal
    released: Decimal
    paid: Decimal


def money_by_year(partnership: Partnership) -> list[MoneyYear]:
    agreement = signed_agreement(partnership)
    if agreement is None:
        return []
    tranches = list(partnership.tranches.all())
    rows = []
    for y in agreement.years.all():
        of_year = [t for t in tranches if t.year == y.year and t.state != TrancheState.CANCELLED]
        rows.append(
            MoneyYear(
                year=y.year,
                calendar_year=agreement.year_start(y.year).year,
                grant=y.grant,
                released=sum((t.amount or Decimal(0) for t in of_year if t.state == TrancheState.RELEASED), Decimal(0)),
                paid=sum((t.paid for t in of_year), Decimal(0)),
            )
        )
    return rows


@dataclass
class KpiRow:
    kpi: Kpi
    cells: list[dict]  # per agreement year: target, actual, light

    @property
    def latest(self) -> dict:
        """The last year with a reported figure, else year 1."""
        reported = [c for c in self.cells if c["actual"] is not None]
        return reported[-1] if reported else self.cells[0]


REPORTED = (ReviewState.SUBMITTED, ReviewState.REVIEWED, ReviewState.ACCEPTED)


def kpi_table(partnership: Partnership, years: int, states=REPORTED) -> list[KpiRow]:
    """Targets and the actuals of reports in `states` per year, with their traffic light: for the partnership and
    the ministry every report sent; for the public only accepted ones."""
    kpis = list(partnership.kpis.all())
    rows = []
    for kpi in kpis:
        targets = {t.year: t.value for t in kpi.targets.all()}
        actuals = {a.report.year: a for a in kpi.actuals.all() if a.report.state in states}
        cells = []
        for year in range(1, years + 1):
            actual = actuals.get(year)
            target = targets.get(year)
            cells.append(
                {
                    "year": year,
                    "target": target,
                    "actual": actual,
                    "light": light(
                        float(actual.value) if actual else None,
                        float(target) if target is not None else None,
                        higher_is_better=kpi.higher_is_better,
                    ),
                }
            )
        rows.append(KpiRow(kpi=kpi, cells=cells))
    return rows


def partnership_history(partnership: Partnership, limit: int = 30):
    """The audit rows of the partnership and of its agreements, milestones, reports and tranches, newest first."""
    parts = {
        "partnerships.partnership": [partnership.pk],
        "partnerships.agreement": [o.pk for o in partnership.agreements.all()],
        "partnerships.milestone": [o.pk for o in partnership.milestones.all()],
        "partnerships.annualreport": [o.pk for o in partnership.reports.all()],
        "partnerships.tranche": [o.pk for o in partnership.tranches.all()],
    }
    query = Q()
    for label, ids in parts.items():
        if ids:
            query |= Q(object_type=label, object_id__in=[str(i) for i in ids])
    return AuditEntry.objects.filter(query).select_related("actor")[:limit]
