"""Read endpoints of the JSON API for partnerships: what the signed-in user may see, as on the pages."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema
from ninja.security import SessionAuth

from innopart.accounts.api_auth import TokenAuth
from innopart.accounts.models import TokenScope
from innopart.core.schemas import Invalid, Message

from . import selectors

router = Router(tags=["partnerships"], auth=[TokenAuth(TokenScope.PARTNERSHIPS), SessionAuth()])


class YearOut(Schema):
    year: int
    calendar_year: int
    budget: Decimal
    own_planned: Decimal
    public_share: Decimal
    grant: Decimal
    released: Decimal
    paid: Decimal


class KpiYearOut(Schema):
    year: int
    target: Decimal | None
    actual: Decimal | None
    light: str
    verification: str | None


class KpiOut(Schema):
    kind: str
    unit: str
    baseline: Decimal
    baseline_year: int
    years: list[KpiYearOut]


class MilestoneOut(Schema):
    kind: str
    due_date: date
    state: str


class PartnershipOut(Schema):
    id: int
    acronym: str
    title: str
    coordinator: str
    agreement_version: int | None
    start_date: date | None
    end_date: date | None
    total_grant: Decimal | None


class PartnershipDetailOut(PartnershipOut):
    years: list[YearOut]
    milestones: list[MilestoneOut]
    kpis: list[KpiOut]


def _out(partnership, detail: bool = False):
    agreement = selectors.signed_agreement(partnership)
    base = {
        "id": partnership.pk,
        "acronym": partnership.acronym,
        "title": partnership.title,
        "coordinator": partnership.coordinator.name,
        "agreement_version": agreement.number if agreement else None,
        "start_date": agreement.start_date if agreement else None,
        "end_date": agreement.end_date if agreement else None,
        "total_grant": agreement.total_grant if agreement else None,
    }
    if not detail:
        return PartnershipOut(**base)
    money = {m.year: m for m in selectors.money_by_year(partnership)}
    years = [
        YearOut(
            year=y.year,
            calendar_year=money[y.year].calendar_year,
            budget=y.budget,
            own_planned=y.own_planned,
            public_share=y.share,
            grant=y.grant,
            released=money[y.year].released,
            paid=money[y.year].paid,
        )
        for y in (agreement.years.all() if agreement else [])
    ]
    kpis = [
        KpiOut(
            kind=row.kpi.kind,
            unit=row.kpi.unit,
            baseline=row.kpi.baseline,
            baseline_year=row.kpi.baseline_year,
            years=[
                KpiYearOut(
                    year=c["year"],
                    target=c["target"],
                    actual=c["actual"].value if c["actual"] else None,
                    light=c["light"],
                    verification=c["actual"].verification if c["actual"] else None,
                )
                for c in row.cells
            ],
        )
        for row in (selectors.kpi_table(partnership, agreement.duration_years) if agreement else [])
    ]
    milestones = [MilestoneOut(kind=m.kind, due_date=m.due_date, state=m.state) for m in partnership.milestones.all()]
    return PartnershipDetailOut(**base, years=years, milestones=milestones, kpis=kpis)


@router.get(
    "/partnerships",
    response={200: list[PartnershipOut], 401: Message, 403: Message},
    summary="The partnerships the signed-in user may see",
)
def list_partnerships(request):
    return [_out(p) for p in selectors.visible_partnerships(request.auth)]


@router.get(
    "/partnerships/{pk}",
    response={200: PartnershipDetailOut, 401: Message, 403: Message, 404: Message, 422: Invalid},
    summary="A partnership: yearly grants and payments, milestones and KPIs with their traffic lights",
)
def get_partnership(request, pk: int):
    partnership = selectors.visible_partnerships(request.auth).filter(pk=pk).first()
    if partnership is None:
        raise Http404
    return _out(partnership, detail=True)
