"""Pages of an awarded partnership: its list, the overview, the agreement and its versions, signatures and
payments; each object is fetched through `visible_partnerships` first, so an outsider gets 404 for all of them.
Milestones, reports and KPIs are in monitoring_views, plans in plan_views, the programme in programme_views."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.applications.enums import ApplicationState
from innopart.applications.models import Application
from innopart.applications.selectors import plan_summary
from innopart.core.access import get_visible_or_404, require
from innopart.core.forms import add_service_errors
from innopart.core.steps import progress
from innopart.core.tables import Column, Table
from innopart.organisations.models import Organisation

from . import agreements, charts, monitoring, reminders, selectors
from .enums import AGREEMENT_NEXT_STEPS, AGREEMENT_STEPS, AgreementState, MilestoneKind
from .forms import AmendmentForm, PaymentForm, TermsForm
from .rules import member_organisation_ids


def partnership_or_404(request, pk):
    return get_visible_or_404(selectors.with_monitoring(selectors.visible_partnerships(request.user)), pk=pk)


def permissions_of(user, partnership) -> dict:
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
    partnership = partnership_or_404(request, pk)
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
            **permissions_of(request.user, partnership),
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
    partnership = partnership_or_404(request, pk)
    versions = list(partnership.agreements.prefetch_related("years").select_related("signed_by", "created_by"))
    perms = permissions_of(request.user, partnership)
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
        {
            "partnership": partnership,
            "versions": versions[::-1],
            "form": form,
            # The latest version's process: a draft amendment is where the action is.
            "progress": progress(AGREEMENT_STEPS, versions[-1].state, AGREEMENT_NEXT_STEPS, at=AgreementState.SIGNED)
            if versions
            else None,
            **perms,
        },
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

    partnership = partnership_or_404(request, pk)
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
    partnership = partnership_or_404(request, pk)
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
def pay(request, pk: int, tranche_pk: int):
    partnership = partnership_or_404(request, pk)
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
