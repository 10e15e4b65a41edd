"""Pages where a partnership accounts for its work: milestones and their gate reviews, annual reports and their
review and decision, the evidence files, KPIs and the own-resources projection. Each object is fetched through
the partnership, itself fetched through `visible_partnerships`, so an outsider gets 404 for all of them."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from innopart.analytics.monitoring import project_own_resources
from innopart.core.access import get_visible_or_404, require
from innopart.core.audit import history
from innopart.core.concurrency import StaleEdit, show_stale
from innopart.core.forms import add_service_errors
from innopart.core.steps import progress

from . import charts, monitoring, selectors
from .enums import MILESTONE_NEXT_STEPS, MILESTONE_STEPS, REPORT_NEXT_STEPS, REPORT_STEPS, ReviewState
from .forms import DecisionForm, ExtensionForm, KpiForm, MilestoneForm, ProjectionForm, ReportForm, ReviewForm
from .models import KpiActual, Milestone
from .views import partnership_or_404, permissions_of


@login_required
def milestone(request, pk: int, milestone_pk: int):
    partnership = partnership_or_404(request, pk)
    item = get_visible_or_404(partnership.milestones.all(), pk=milestone_pk)
    perms = permissions_of(request.user, partnership)
    submit_form = review_form = None
    if perms["can_report"] and item.state in monitoring.EDITABLE:
        submit_form = MilestoneForm(
            request.POST if "submit" in request.POST else None,
            request.FILES or None,
            initial={"report": item.report},
            guarded=item,
        )
        if submit_form.is_bound and submit_form.is_valid():
            try:
                monitoring.submit_milestone(
                    actor=request.user,
                    milestone=item,
                    report=submit_form.cleaned_data["report"],
                    evidence=submit_form.cleaned_data["evidence"],
                    edit_token=submit_form.cleaned_data["edit_token"],
                )
            except StaleEdit as stale:
                show_stale(submit_form, stale, Milestone.objects.get(pk=item.pk))
            except ValidationError as error:
                add_service_errors(submit_form, error)
            else:
                messages.success(request, _("Milestone submitted for the ministry's gate review."))
                return redirect("partnerships:milestone", pk=pk, milestone_pk=item.pk)
    if perms["can_decide"] and item.state == ReviewState.SUBMITTED:
        review_form = DecisionForm(request.POST if "review" in request.POST else None)
        review_form.check_with = {"review": "1"}  # bound by its button: a check says which (ChecksInline)
        if review_form.is_bound and review_form.is_valid():
            try:
                monitoring.review_milestone(
                    actor=request.user,
                    milestone=item,
                    accept=review_form.cleaned_data["decision"] == "accept",
                    comment=review_form.cleaned_data["comment"],
                )
            except ValidationError as error:
                add_service_errors(review_form, error)
            else:
                messages.success(request, _("Gate review recorded."))
                return redirect("partnerships:milestone", pk=pk, milestone_pk=item.pk)
    return render(
        request,
        "partnerships/milestone.html",
        {
            "partnership": partnership,
            "milestone": item,
            "submit_form": submit_form,
            "review_form": review_form,
            "history": history(item),
            "progress": progress(MILESTONE_STEPS, item.state, MILESTONE_NEXT_STEPS, at=ReviewState.DRAFT),
            **perms,
        },
    )


@login_required
def evidence(request, pk: int, kind: str, item_pk: int):
    partnership = partnership_or_404(request, pk)
    if kind == "milestone":
        item = get_visible_or_404(partnership.milestones.all(), pk=item_pk)
    else:
        item = get_visible_or_404(KpiActual.objects.filter(report__partnership=partnership), pk=item_pk)
    require(bool(item.evidence))
    return FileResponse(
        item.evidence.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{partnership.acronym}-evidence.pdf",
    )


@login_required
def report(request, pk: int, year: int):
    partnership = partnership_or_404(request, pk)
    signed = selectors.signed_agreement(partnership)
    require(signed is not None and 1 <= year <= signed.duration_years)
    item = partnership.reports.filter(year=year).first()
    perms = permissions_of(request.user, partnership)
    kpis = list(partnership.kpis.all())
    actuals = {a.kpi_id: a for a in item.actuals.select_related("kpi")} if item else {}
    opens, closes = monitoring.report_window(partnership, year, item.extension_days if item else 0)
    forms = {}
    action = next((k for k in ("save", "submit", "review", "decide", "extend") if k in request.POST), None)
    if perms["can_report"] and (item is None or item.state in monitoring.EDITABLE):
        initial = (
            {"narrative": item.narrative, "public_summary": item.public_summary, "own_resources": item.own_resources}
            if item
            else {}
        )
        for kpi_id, actual in actuals.items():
            initial[f"kpi_{kpi_id}"] = actual.value
        forms["edit"] = ReportForm(
            request.POST if action in ("save", "submit") else None,
            request.FILES or None,
            kpis=kpis,
            initial=initial,
            guarded=item,
        )
    if perms["can_review"] and item and item.state == ReviewState.SUBMITTED:
        forms["review"] = ReviewForm(request.POST if action == "review" else None, actuals=actuals.values())
    if perms["can_decide"] and item and item.state == ReviewState.REVIEWED:
        forms["decide"] = DecisionForm(request.POST if action == "decide" else None)
    if perms["can_manage"] and item and item.state in monitoring.EDITABLE:
        forms["extend"] = ExtensionForm(request.POST if action == "extend" else None)
    for button in ("review", "decide", "extend"):  # bound by their buttons: a check says which (ChecksInline)
        if button in forms:
            forms[button].check_with = {button: "1"}
    form = forms.get({"save": "edit", "submit": "edit"}.get(action, action)) if action else None
    if request.method == "POST":
        require(form is not None)
        if form.is_valid():
            try:
                message = _act(request, action, form, partnership, year, item)
            except StaleEdit as stale:
                show_stale(form, stale, partnership.reports.get(year=year))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, message)
                return redirect("partnerships:report", pk=pk, year=year)
    return render(
        request,
        "partnerships/report.html",
        {
            "partnership": partnership,
            "year": year,
            "calendar_year": signed.year_start(year).year,
            "report": item,
            "actuals": [(k, actuals.get(k.pk)) for k in kpis],
            "opens": opens,
            "due": closes - timezone.timedelta(days=1),
            "forms": forms,
            "history": history(item) if item else [],
            "progress": progress(
                REPORT_STEPS, item.state if item else ReviewState.DRAFT, REPORT_NEXT_STEPS, at=ReviewState.DRAFT
            ),
            **perms,
        },
    )


def _act(request, action, form, partnership, year, item) -> str:
    user = request.user
    if action in ("save", "submit"):
        item = monitoring.save_report(
            actor=user,
            partnership=partnership,
            year=year,
            narrative=form.cleaned_data["narrative"],
            public_summary=form.cleaned_data["public_summary"],
            own_resources=form.cleaned_data["own_resources"],
            actuals=form.actuals(),
            edit_token=form.cleaned_data["edit_token"],
        )
        if action == "save":
            return _("Draft saved.")
        monitoring.submit_report(actor=user, report=item)
        return _("Report submitted to the ministry.")
    if action == "review":
        monitoring.review_report(
            actor=user, report=item, note=form.cleaned_data["note"], verification=form.verification()
        )
        return _("Review recorded; a second person decides.")
    if action == "decide":
        monitoring.decide_report(
            actor=user,
            report=item,
            accept=form.cleaned_data["decision"] == "accept",
            comment=form.cleaned_data["comment"],
        )
        return _("Decision recorded.")
    monitoring.extend_deadline(
        actor=user, report=item, days=form.cleaned_data["days"], reason=form.cleaned_data["reason"]
    )
    return _("Deadline extended.")


@login_required
def kpis(request, pk: int):
    partnership = partnership_or_404(request, pk)
    signed = selectors.signed_agreement(partnership)
    require(signed is not None)
    perms = permissions_of(request.user, partnership)
    form = None
    if perms["can_manage"] or perms["can_report"]:
        form = KpiForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                monitoring.save_kpi(
                    actor=request.user,
                    partnership=partnership,
                    kind=form.cleaned_data["kind"],
                    baseline=form.cleaned_data["baseline"],
                    baseline_year=form.cleaned_data["baseline_year"],
                    targets=form.cleaned_data["targets"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Indicator saved."))
                return redirect("partnerships:kpis", pk=pk)
    rows = selectors.kpi_table(partnership, signed.duration_years)
    return render(
        request,
        "partnerships/kpis.html",
        {
            "partnership": partnership,
            "rows": [(row, charts.kpi_chart(row, signed.start_date.year)) for row in rows],
            "years": [signed.year_start(y).year for y in range(1, signed.duration_years + 1)],
            "form": form,
            **perms,
        },
    )


@login_required
def projection(request, pk: int):
    """Own resources from the accepted reports, projected by an assumed growth rate, against the taper."""
    partnership = partnership_or_404(request, pk)
    signed = selectors.signed_agreement(partnership)
    require(signed is not None)
    years = list(signed.years.all())
    form = ProjectionForm(request.GET or None, initial={"growth": 10, "target": signed.self_funding_target * 100})
    growth, target = Decimal(10), signed.self_funding_target * 100
    if form.is_bound and form.is_valid():
        growth, target = form.cleaned_data["growth"], form.cleaned_data["target"]
    accepted = {
        r.year: r.own_resources
        for r in partnership.reports.filter(state=ReviewState.ACCEPTED, own_resources__isnull=False)
    }
    actual = []
    for y in years:  # actuals up to the first year without an accepted report
        if y.year in accepted and len(actual) == y.year - 1:
            actual.append(float(accepted[y.year]))
    actual += [None] * (len(years) - len(actual))
    result = project_own_resources(
        [float(y.budget) for y in years], actual, growth=float(growth) / 100, target_share=float(target) / 100
    )
    rows = [
        {
            "year": y.year,
            "calendar_year": signed.year_start(y.year).year,
            "budget": y.budget,
            "own": result.own[i],
            "own_share": float(result.share[i]),
            "public_share": float(y.share),
            "own_planned": y.own_planned,
            "projected": i >= result.projected_from,
        }
        for i, y in enumerate(years)
    ]
    reached = rows[result.self_funding_year]["calendar_year"] if result.self_funding_year is not None else None
    return render(
        request,
        "partnerships/projection.html",
        {
            "partnership": partnership,
            "form": form,
            "rows": rows,
            "growth": growth,
            "target": target,
            "reached": reached,
            "gap": result.gap * 100,
            "chart": charts.projection_chart(rows, float(target) / 100),
        },
    )
