"""The ministry's programme view: the portfolio of partnerships, money committed and paid per year, KPI roll-ups,
the briefing's roadmap (Table 2) with status; and the exports."""

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.applications.enums import ApplicationState
from innopart.applications.models import Application
from innopart.core.access import get_visible_or_404, require
from innopart.core.concurrency import StaleEdit, show_stale
from innopart.core.exports import table_response

from . import selectors, services
from .charts import money_chart
from .enums import KPI_UNITS, AgreementState, KpiKind, ReviewState
from .forms import RoadmapForm
from .models import Payment, RoadmapItem
from .reminders import due_items
from .rules import is_member
from .views import partnership_or_404


def portfolio(user) -> list[dict]:
    rows = []
    for partnership in selectors.with_monitoring(selectors.visible_partnerships(user)):
        signed = selectors.signed_agreement(partnership)
        money = selectors.money_by_year(partnership)
        rows.append(
            {
                "partnership": partnership,
                "agreement": signed,
                "committed": signed.total_grant if signed else Decimal(0),
                "released": sum((m.released for m in money), Decimal(0)),
                "paid": sum((m.paid for m in money), Decimal(0)),
                "money": money,
                "milestones_accepted": sum(m.state == ReviewState.ACCEPTED for m in partnership.milestones.all()),
                "milestones": len(partnership.milestones.all()),
                "reports_waiting": sum(
                    r.state in (ReviewState.SUBMITTED, ReviewState.REVIEWED) for r in partnership.reports.all()
                ),
                "kpis": selectors.kpi_table(partnership, signed.duration_years) if signed else [],
                "overdue": [d for d in due_items(partnership) if d.overdue],
            }
        )
    return rows


def waiting_for(user, rows) -> list[dict]:
    """What this user can act on now: agreements to countersign, milestones to review, reports to review or
    decide. The rules of the services apply: never a partnership the user belongs to, never their own review."""
    can_review = user.has_perm("partnerships.review_any")
    can_decide = user.has_perm("partnerships.manage")
    items = []
    for row in rows:
        partnership = row["partnership"]
        candidates = []
        if can_decide:
            candidates += [
                (
                    _("Countersign version %(n)d of the agreement") % {"n": a.number},
                    reverse("partnerships:agreement", args=[partnership.pk]),
                )
                for a in partnership.agreements.all()
                if a.state == AgreementState.PARTNERSHIP_SIGNED and a.partnership_signed_by_id != user.pk
            ]
            candidates += [
                (
                    _("Gate review: %(m)s") % {"m": m.get_kind_display()},
                    reverse("partnerships:milestone", args=[partnership.pk, m.pk]),
                )
                for m in partnership.milestones.all()
                if m.state == ReviewState.SUBMITTED and m.submitted_by_id != user.pk
            ]
            candidates += [
                (
                    _("Decide the report of year %(y)d") % {"y": r.year},
                    reverse("partnerships:report", args=[partnership.pk, r.year]),
                )
                for r in partnership.reports.all()
                if r.state == ReviewState.REVIEWED and user.pk not in (r.submitted_by_id, r.reviewed_by_id)
            ]
        if can_review:
            candidates += [
                (
                    _("Review the report of year %(y)d") % {"y": r.year},
                    reverse("partnerships:report", args=[partnership.pk, r.year]),
                )
                for r in partnership.reports.all()
                if r.state == ReviewState.SUBMITTED and r.submitted_by_id != user.pk
            ]
        if candidates and not is_member(user, partnership):
            items += [{"partnership": partnership, "what": what, "url": url} for what, url in candidates]
    return items


def money_per_year(rows) -> list[dict]:
    years: dict[int, dict] = defaultdict(lambda: {"committed": Decimal(0), "released": Decimal(0), "paid": Decimal(0)})
    for row in rows:
        for m in row["money"]:
            years[m.calendar_year]["committed"] += m.grant
            years[m.calendar_year]["released"] += m.released
            years[m.calendar_year]["paid"] += m.paid
    return [{"year": y, **years[y]} for y in sorted(years)]


def kpi_rollup(rows) -> list[dict]:
    """Per indicator and calendar year, the sum of the partnerships' latest reported actuals (counts and euros add
    up; shares and ratios are averaged), and how many partnerships are on target."""
    out: dict[str, dict] = {}
    for row in rows:
        start = row["agreement"].start_date.year if row["agreement"] else None
        for kpi_row in row["kpis"]:
            kind = kpi_row.kpi.kind
            entry = out.setdefault(
                kind, {"kind": KpiKind(kind).label, "unit": kpi_row.kpi.get_unit_display(), "years": defaultdict(list)}
            )
            for cell in kpi_row.cells:
                if cell["actual"] is not None:
                    entry["years"][start + cell["year"] - 1].append((float(cell["actual"].value), cell["light"]))
    summed = {"eur", "count"}
    result = []
    for kind, entry in out.items():
        add = KPI_UNITS[KpiKind(kind)] in summed
        cells = []
        for year in sorted(entry["years"]):
            values = entry["years"][year]
            total = sum(v for v, _l in values)
            cells.append(
                {
                    "year": year,
                    "value": total if add else total / len(values),
                    "how": _("sum") if add else _("mean"),
                    "n": len(values),
                    "green": sum(1 for _v, light in values if light == "green"),
                }
            )
        result.append({"kind": entry["kind"], "unit": entry["unit"], "cells": cells})
    return result


@login_required
def programme(request, sent: RoadmapForm | None = None):
    """The programme's portfolio, money, KPIs and roadmap. `sent` is a roadmap form that was wrong, stale or only
    checked: the page comes back with it, its message beside the field and what was typed."""
    require(request.user.has_perm("partnerships.view_programme"))
    rows = portfolio(request.user)
    per_year = money_per_year(rows)
    chart = money_chart([selectors.MoneyYear(0, r["year"], r["committed"], r["released"], r["paid"]) for r in per_year])
    can_manage = request.user.has_perm("partnerships.manage")
    roadmap = list(RoadmapItem.objects.all())
    return render(
        request,
        "partnerships/programme.html",
        {
            "rows": rows,
            "per_year": per_year,
            "chart": chart,
            "rollup": kpi_rollup(rows),
            "roadmap": [
                (item, (sent if sent is not None and sent.instance.pk == item.pk else _roadmap_form(item)))
                if can_manage
                else (item, None)
                for item in roadmap
            ],
            "awaiting": _awaiting(),
            "waiting_for_you": waiting_for(request.user, rows),
            "can_manage": can_manage,
        },
    )


def _awaiting():
    return Application.objects.filter(state=ApplicationState.AWARDED, partnership__isnull=True).select_related(
        "call__published_version"
    )


def _roadmap_form(item: RoadmapItem, data=None) -> RoadmapForm:
    return RoadmapForm(data, instance=item, prefix=f"r{item.pk}")


@login_required
@require_POST
def roadmap_item(request, pk: int):
    require(request.user.has_perm("partnerships.manage"))
    item = get_visible_or_404(RoadmapItem.objects.all(), pk=pk)
    form = _roadmap_form(item, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.set_roadmap_status(
                actor=request.user, item=item, status=data["status"], note=data["note"], edit_token=data["edit_token"]
            )
        except StaleEdit as stale:
            show_stale(form, stale, RoadmapItem.objects.get(pk=item.pk))
        else:
            messages.success(request, _("Roadmap updated."))
            return redirect("partnerships:programme")
    return programme(request, sent=form)


@login_required
def export_portfolio(request, fmt: str):
    require(request.user.has_perm("partnerships.view_programme"))
    header = [
        _("Partnership"),
        _("Coordinator"),
        _("Start"),
        _("Years"),
        _("Committed (EUR)"),
        _("Released (EUR)"),
        _("Paid (EUR)"),
        _("Milestones accepted"),
        _("Reports waiting"),
    ]
    rows = [
        [
            r["partnership"].acronym,
            r["partnership"].coordinator.name,
            r["agreement"].start_date.isoformat() if r["agreement"] else "",
            r["agreement"].duration_years if r["agreement"] else "",
            r["committed"],
            r["released"],
            r["paid"],
            r["milestones_accepted"],
            r["reports_waiting"],
        ]
        for r in portfolio(request.user)
    ]
    return table_response("portfolio", fmt, header, rows)


@login_required
def export_payments(request, fmt: str):
    require(request.user.has_perm("partnerships.view_programme"))
    visible = selectors.visible_partnerships(request.user)
    payments = Payment.objects.filter(tranche__partnership__in=visible).select_related("tranche__partnership")
    header = [_("Partnership"), _("Agreement year"), _("Tranche"), _("Paid on"), _("Amount (EUR)"), _("Reference")]
    rows = [
        [p.tranche.partnership.acronym, p.tranche.year, p.tranche.number, p.paid_on.isoformat(), p.amount, p.reference]
        for p in payments
    ]
    return table_response("payments", fmt, header, rows)


@login_required
def export_kpis(request, pk: int, fmt: str):
    partnership = partnership_or_404(request, pk)
    signed = selectors.signed_agreement(partnership)
    require(signed is not None)
    header = [
        _("Indicator"),
        _("Unit"),
        _("Agreement year"),
        _("Year"),
        _("Target"),
        _("Actual"),
        _("Light"),
        _("Verification"),
        _("Report"),
    ]
    rows = []
    for row in selectors.kpi_table(partnership, signed.duration_years):
        for cell in row.cells:
            actual = cell["actual"]
            rows.append(
                [
                    row.kpi.kind,
                    row.kpi.unit,
                    cell["year"],
                    signed.year_start(cell["year"]).year,
                    cell["target"],
                    actual.value if actual else None,
                    cell["light"],
                    actual.verification if actual else "",
                    actual.report.state if actual else "",
                ]
            )
    return table_response(f"{partnership.acronym}-kpis", fmt, header, rows)
