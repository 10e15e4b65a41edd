"""Pages of an awarded partnership: overview, agreement, milestones, annual reports, KPIs, plans, projection and
payments; each object is fetched through `visible_partnerships` first, so an outsider gets 404 for all of them."""

from copy import copy
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.analytics.monitoring import project_own_resources
from innopart.applications.enums import ApplicationState
from innopart.applications.models import Application
from innopart.applications.selectors import plan_summary
from innopart.core.access import get_visible_or_404, require
from innopart.core.audit import history
from innopart.core.concurrency import StaleEdit, show_stale
from innopart.core.forms import add_service_errors
from innopart.core.tables import Column, Table
from innopart.organisations.models import Organisation

from . import agreements, charts, monitoring, reminders, selectors
from .enums import AgreementState, MilestoneKind, ReviewState
from .forms import (
    AmendmentForm,
    DecisionForm,
    ExtensionForm,
    KpiForm,
    MilestoneForm,
    PaymentForm,
    ProjectionForm,
    ReportForm,
    ReviewForm,
    TermsForm,
)
from .models import KpiActual, Milestone
from .rules import member_organisation_ids


def _partnership(request, pk):
    return get_visible_or_404(selectors.with_monitoring(selectors.visible_partnerships(request.user)), pk=pk)


def _perms(user, partnership) -> dict:
    return {
        "can_report": user.has_perm("partnerships.report", partnership),
        "can_manage": user.has_perm("partnerships.manage"),
        "can_review": user.has_perm("partnerships.review", partnership),
        "can_decide": user.has_perm("partnerships.decide", partnership),
    }


@login_required
def partnership_list(request):
    visible = selectors.visible_partnerships(request.user)
    return render(
        request,
        "partnerships/list.html",
        {
            "partnerships": visible,
            "table": Table(
                request,
                visible,
                columns=[
                    Column("acronym", _("Partnership"), "acronym"),
                    Column("title", _("Title"), "title"),
                    Column("coordinator", _("Coordinator"), "coordinator__name"),
                ],
                search=["acronym", "title", "coordinator__name"],
                default="acronym",
            ),
            "can_view_programme": request.user.has_perm("partnerships.view_programme"),
        },
    )


@login_required
def prepare(request, application_pk: int):
    """The ministry turns an awarded application into a draft agreement; its resource plan is the baseline."""
    require(request.user.has_perm("partnerships.manage"))
    application = get_visible_or_404(
        Application.objects.filter(state=ApplicationState.AWARDED, partnership__isnull=True).select_related(
            "call__published_version"
        ),
        pk=application_pk,
    )
    version = application.call.published_version
    initial = {**agreements.DEFAULTS, "start_date": version.start_date, "duration_years": application.duration_years}
    form = TermsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = agreements.prepare_agreement(
                actor=request.user, application=application, terms=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft agreement is ready for the partnership's signature."))
            return redirect("partnerships:agreement", pk=agreement.partnership_id)
    return render(request, "partnerships/prepare.html", {"application": application, "form": form})


@login_required
def detail(request, pk: int):
    partnership = _partnership(request, pk)
    agreement = selectors.current_agreement(partnership)
    signed = agreement if agreement and agreement.state == AgreementState.SIGNED else None
    money = selectors.money_by_year(partnership)
    kpis = selectors.kpi_table(partnership, signed.duration_years) if signed else []
    reports = {r.year: r for r in partnership.reports.all()}
    now = timezone.now()
    report_rows = []
    if signed:
        for year in range(1, signed.duration_years + 1):
            opens, closes = monitoring.report_window(
                partnership, year, reports[year].extension_days if year in reports else 0, signed
            )
            report_rows.append(
                {
                    "year": year,
                    "report": reports.get(year),
                    "opens": opens,
                    "due": closes - timezone.timedelta(days=1),
                    "open": opens <= now,
                }
            )
    return render(
        request,
        "partnerships/detail.html",
        {
            "partnership": partnership,
            "agreement": agreement,
            "signed": signed,
            "phase": _phase(signed),
            "money": money,
            "money_chart": charts.money_chart(money),
            "milestones": partnership.milestones.all(),
            "report_rows": report_rows,
            "kpis": kpis,
            "tranches": partnership.tranches.prefetch_related("payments", "milestones"),
            "history": selectors.partnership_history(partnership),
            "due": reminders.due_items(partnership),
            **_perms(request.user, partnership),
        },
    )


def _phase(agreement) -> str:
    if agreement is None:
        return _("Agreement being prepared")
    today = timezone.localdate()
    if today < agreement.start_date:
        return _("Starts on %(date)s") % {"date": agreement.start_date}
    if today < agreement.year_start(agreement.setup_years + 1):
        return _("Set-up phase")
    if today <= agreement.end_date:
        return _("Delivery phase")
    return _("Ended")


@login_required
def agreement(request, pk: int):
    partnership = _partnership(request, pk)
    versions = list(partnership.agreements.prefetch_related("years").select_related("signed_by", "created_by"))
    perms = _perms(request.user, partnership)
    form = None
    if perms["can_manage"] and versions and versions[-1].state == AgreementState.SIGNED:
        form = AmendmentForm(request.POST or None, instance=_copy(versions[-1]))
        if request.method == "POST" and form.is_valid():
            terms = {name: form.cleaned_data[name] for name in agreements.TERMS}
            try:
                agreements.amend(
                    actor=request.user,
                    partnership=partnership,
                    terms=terms,
                    changelog=form.cleaned_data["changelog"],
                    budget=form.cleaned_data["budget"],
                    own_planned=form.cleaned_data["own_planned"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The amendment is ready for signature."))
                return redirect("partnerships:agreement", pk=pk)
    plan = {row["year"]: row["grant"] for row in _plan_rows(partnership.application)}
    for version in versions:
        for year in version.years.all():
            year.requested = plan.get(year.year)
    return render(
        request,
        "partnerships/agreement.html",
        {"partnership": partnership, "versions": versions[::-1], "form": form, **perms},
    )


def _copy(agreement):
    clone = copy(agreement)
    clone.pk = None
    clone.changelog = ""
    return clone


def _plan_rows(application):
    return plan_summary(application).rows()


@login_required
def agreement_pdf(request, pk: int, number: int):
    """One version of the agreement as a PDF (WeasyPrint): the terms, the yearly grants and the signatures."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    partnership = _partnership(request, pk)
    version = get_visible_or_404(partnership.agreements.prefetch_related("years"), number=number)
    html = render_to_string(
        "partnerships/agreement_pdf.html",
        {
            "partnership": partnership,
            "agreement": version,
            "zone": monitoring.zone_of(partnership),
            "milestone_kinds": [k.label for k in MilestoneKind],
        },
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{partnership.acronym}-agreement-v{number}.pdf")
    return response


@login_required
@require_POST
def sign(request, pk: int, number: int):
    partnership = _partnership(request, pk)
    version = get_visible_or_404(partnership.agreements.all(), number=number)
    try:
        if version.state == AgreementState.DRAFT:
            require(request.user.has_perm("partnerships.report", partnership))
            agreements.sign_for_partnership(actor=request.user, agreement=version)
            messages.success(request, _("Signed for the partnership; the ministry countersigns next."))
        else:
            require(request.user.has_perm("partnerships.manage"))
            agreements.countersign(actor=request.user, agreement=version)
            messages.success(request, _("The agreement is signed and in force."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("partnerships:agreement", pk=pk)


@login_required
def milestone(request, pk: int, milestone_pk: int):
    partnership = _partnership(request, pk)
    item = get_visible_or_404(partnership.milestones.all(), pk=milestone_pk)
    perms = _perms(request.user, partnership)
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
            **perms,
        },
    )


@login_required
def evidence(request, pk: int, kind: str, item_pk: int):
    partnership = _partnership(request, pk)
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
    partnership = _partnership(request, pk)
    signed = selectors.signed_agreement(partnership)
    require(signed is not None and 1 <= year <= signed.duration_years)
    item = partnership.reports.filter(year=year).first()
    perms = _perms(request.user, partnership)
    kpis = list(partnership.kpis.all())
    actuals = {a.kpi_id: a for a in item.actuals.select_related("kpi")} if item else {}
    opens, closes = monitoring.report_window(partnership, year, item.extension_days if item else 0)
    forms = {}
    action = next((k for k in ("save", "submit", "review", "decide", "extend") if k in request.POST), None)
    if perms["can_report"] and (item is None or item.state in monitoring.EDITABLE):
        initial = {"narrative": item.narrative, "own_resources": item.own_resources} if item else {}
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
    partnership = _partnership(request, pk)
    signed = selectors.signed_agreement(partnership)
    require(signed is not None)
    perms = _perms(request.user, partnership)
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
    partnership = _partnership(request, pk)
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


@login_required
def pay(request, pk: int, tranche_pk: int):
    partnership = _partnership(request, pk)
    require(request.user.has_perm("partnerships.manage"))
    tranche = get_visible_or_404(partnership.tranches.all(), pk=tranche_pk)
    form = PaymentForm(
        request.POST or None, initial={"amount": (tranche.amount or 0) - tranche.paid, "paid_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreements.record_payment(actor=request.user, tranche=tranche, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("partnerships:detail", pk=pk)
    return render(request, "partnerships/pay.html", {"partnership": partnership, "tranche": tranche, "form": form})


def organisations_of(partnership):
    return Organisation.objects.filter(pk__in=member_organisation_ids(partnership)).order_by("name")
