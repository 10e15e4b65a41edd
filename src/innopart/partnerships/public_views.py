"""The public record of the funded partnerships: the list, and a page per partnership showing what public money
bought. Only partnerships under a signed agreement are public; of their monitoring, only what the ministry accepted
(milestones, reports, the figures of accepted reports) and the payments made. Drafts, reviews and evidence stay
with the ministry and the partnership."""

from decimal import Decimal

from django.db import models
from django.db.models import Min
from django.shortcuts import render
from django.utils.translation import gettext as _

from innopart.core.access import get_visible_or_404
from innopart.core.tables import Column, Table
from innopart.observatory.models import Region
from innopart.organisations.models import Organisation

from . import charts, selectors
from .enums import AgreementState, ReviewState
from .models import Partnership
from .rules import member_organisation_ids


def public_partnerships():
    """The partnerships with a signed agreement (in force, or ended), in acronym order."""
    signed = Partnership.objects.filter(agreements__state=AgreementState.SIGNED).values("pk")
    return selectors.with_monitoring(Partnership.objects.filter(pk__in=signed).select_related("coordinator"))


def funded(request):
    """Public: the partnerships funded under signed agreements, their grant and what has been paid so far."""
    signed_start = Min("agreements__start_date", filter=models.Q(agreements__state=AgreementState.SIGNED))
    table = Table(
        request,
        public_partnerships().annotate(signed_start=signed_start),
        columns=[
            Column("acronym", _("Partnership"), "acronym"),
            Column("coordinator", _("Coordinator"), "coordinator__name"),
            Column("call", _("Call")),
            Column("period", _("Period"), "signed_start"),
            Column("committed", _("Committed (EUR)"), numeric=True),
            Column("paid", _("Paid (EUR)"), numeric=True),
        ],
        search=["acronym", "title", "coordinator__name"],
        default="acronym",
    )
    rows = []
    for partnership in table.rows:  # the money of this page's partnerships only
        signed = selectors.signed_agreement(partnership)
        money = selectors.money_by_year(partnership)
        rows.append(
            {
                "partnership": partnership,
                "agreement": signed,
                "call": partnership.application.call.published_version.title_shown,
                "paid": sum((m.paid for m in money), Decimal(0)),
            }
        )
    return render(request, "partnerships/funded.html", {"rows": rows, "table": table})


def public_detail(request, pk: int):
    """Public: one funded partnership. 404 for a partnership whose agreement is not signed yet."""
    partnership = get_visible_or_404(public_partnerships(), pk=pk)
    signed = selectors.signed_agreement(partnership)
    money = selectors.money_by_year(partnership)
    kpis = selectors.kpi_table(partnership, signed.duration_years, states=(ReviewState.ACCEPTED,))
    members = Organisation.objects.filter(pk__in=member_organisation_ids(partnership)).order_by("name")
    countries = dict(Region.objects.filter(level=0).values_list("code", "name"))
    return render(
        request,
        "partnerships/public_detail.html",
        {
            "partnership": partnership,
            "call": partnership.application.call,
            "agreement": signed,
            "years": [
                {"row": y, "calendar_year": signed.year_start(y.year).year, "share": y.share * 100}
                for y in signed.years.all()
            ],
            "members": [(m, countries.get(m.country, m.country)) for m in members],
            "objectives": partnership.objectives.all(),
            "milestones": partnership.milestones.all(),
            "money": money,
            "paid": sum((m.paid for m in money), Decimal(0)),
            "target_percent": signed.self_funding_target * 100,
            "money_chart": charts.money_chart(money),
            "kpis": [(row, charts.kpi_chart(row, signed.start_date.year)) for row in kpis],
            "reports": [r for r in partnership.reports.all() if r.state == ReviewState.ACCEPTED],
        },
    )
