"""Pages of the ministry (and an observer who follows the selection): the jury, panels, ranking, letters."""

import pandas as pd
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.applications.models import Application
from innopart.core.access import get_visible_or_404, require
from innopart.core.concurrency import StaleEdit, show_stale
from innopart.core.forms import add_service_errors
from innopart.core.steps import progress
from innopart.core.tables import Column, Table

from .. import selectors, services
from ..enums import PHASE_NEXT_STEPS, PHASE_STEPS, Phase
from ..forms import (
    AppointJurorForm,
    AwardForm,
    CoordinatorForm,
    PanelForm,
    PublishForm,
    ScoringDeadlineForm,
)
from ..models import (
    Assignment,
    CoordinatorAppointment,
    Evaluation,
    LetterBatch,
    PanelRun,
    PastAffiliation,
)
from ..pool import shown_composition
from ..ranking import ranking_page, severity_table, with_applications
from ..robustness import uncertainty
from .common import _advance, _followed_evaluation, _manager_evaluation, _messages, _set_deadline, _stale_inline

# -- ministry -------------------------------------------------------------------------------------------------------


@login_required
def manage_jury(request, slug: str):
    evaluation = _followed_evaluation(request, slug)
    can_manage = request.user.has_perm("calls.manage_call")
    if request.method == "POST":
        require(can_manage)
    zone = evaluation.call.published_version.time_zone
    # Three forms on one page; the one sent is bound, and when it is wrong (or only checked, core.forms.ChecksInline)
    # the page comes back with its message beside the field and what was typed.
    sent = request.POST if request.method == "POST" else None
    which = None
    if sent is not None:
        which = "panel" if "panel_size" in sent else "deadline" if "scoring-deadline" in sent else "appoint"
    panel_form = PanelForm(
        sent if which == "panel" else None,
        initial={"panel_size": evaluation.panel_size or 3, "max_load": evaluation.max_load},
        guarded=evaluation,
    )
    deadline_form = ScoringDeadlineForm(
        sent if which == "deadline" else None, zone=zone, guarded=evaluation, prefix="scoring"
    )
    if which == "panel" and panel_form.is_valid():
        data = panel_form.cleaned_data
        try:
            run = services.request_panels(
                actor=request.user,
                evaluation=evaluation,
                panel_size=data["panel_size"],
                max_load=data["max_load"],
                edit_token=data["edit_token"],
            )
        except StaleEdit as stale:
            _stale_inline(request, stale, f"{data['panel_size']} / {data['max_load'] or '—'}")
            return redirect("evaluation:manage_jury", slug=slug)
        except ValidationError as error:
            add_service_errors(panel_form, error)
        else:
            return redirect("evaluation:panel_run", slug=slug, pk=run.pk)
    if which == "deadline" and deadline_form.is_valid():
        if _set_deadline(request, evaluation, "scoring_deadline", deadline_form):
            messages.success(request, _("The deadline for individual scores was set."))
        return redirect("evaluation:manage_jury", slug=slug)
    # Drawn only where the page shows it: its look-up of people without a seat reads the whole pool.
    appointing = can_manage and evaluation.phase in (Phase.SETUP, Phase.INDIVIDUAL)
    form = AppointJurorForm(sent if which == "appoint" else None, evaluation=evaluation) if appointing else None
    if which == "appoint" and form is None:
        messages.error(request, _("Jurors are appointed before the clarification phase."))
        return redirect("evaluation:manage_jury", slug=slug)
    if which == "appoint" and form is not None and form.is_valid():
        data = form.cleaned_data
        past = [(data["past_affiliation"], data["past_ended_on"])] if data["past_affiliation"] else []
        try:
            services.appoint_juror(
                actor=request.user,
                evaluation=evaluation,
                user=data["user"],
                sector=data["sector"],
                affiliation=data["affiliation"],
                expertise=data["expertise"],
                is_chair=data["is_chair"],
                past_affiliations=past,
                nace_codes=data["nace"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s was appointed to the jury.") % {"name": data["user"]})
            return redirect("evaluation:manage_jury", slug=slug)
    return render(
        request,
        "evaluation/manage_jury.html",
        {
            "evaluation": evaluation,
            "progress": progress(PHASE_STEPS, evaluation.phase, PHASE_NEXT_STEPS),
            "call": evaluation.call,
            "can_manage": can_manage,
            "form": form,
            "jurors": _jurors_table(request, evaluation),
            "panel_form": panel_form,
            "scoring_deadline_form": deadline_form,
            "panels": _panels_table(request, evaluation) if evaluation.panel_size else None,
            "last_run": evaluation.panel_runs.first(),
            "composition": shown_composition(evaluation),
        },
    )


def _extremes(severity, count: int = 10):
    """The jurors most severe and most lenient (a pool of 15,000 is not read line by line)."""
    if severity is None or len(severity) <= 2 * count:
        return severity
    ordered = severity.sort_values("severity")
    return pd.concat([ordered.head(count), ordered.tail(count)])


def _jurors_table(request, evaluation: Evaluation) -> Table:
    return Table(
        request,
        evaluation.jurors.select_related("user", "affiliation")
        .only("evaluation_id", "sector", "is_chair", "user__full_name", "affiliation__name")
        .prefetch_related(
            Prefetch(
                "past_affiliations",
                PastAffiliation.objects.select_related("organisation").only(
                    "juror_id", "ended_on", "organisation__name"
                ),
            )
        ),
        columns=[
            Column("name", _("Name"), "user__full_name"),
            Column("sector", _("Sector"), "sector"),
            Column("affiliation", _("Affiliation"), "affiliation__name"),
            Column("earlier", _("Earlier affiliations")),
            Column("role", _("Role"), "is_chair"),
        ],
        search=["user__full_name", "user__email", "affiliation__name", "expertise"],
        default="name",
        prefix="j",
    )


def _panels_table(request, evaluation: Evaluation) -> Table:
    """One page of applications with their panels: the assignments of that page's applications only."""
    table = Table(
        request,
        Application.objects.filter(call_id=evaluation.call_id, state__in=selectors.EVALUATED_STATES).only(
            "acronym", "title"
        ),
        columns=[Column("acronym", _("Application"), "acronym"), Column("jurors", _("Jurors"))],
        search=["acronym", "title"],
        default="acronym",
        prefix="p",
    )
    # Names and sources only: three model objects per member (assignment, juror, person) cost 10 ms a page.
    assignments = Assignment.objects.filter(
        juror__evaluation=evaluation, application__in=[a.pk for a in table.rows]
    ).values_list("application_id", "juror__user__full_name", "source")
    by_application: dict[int, list] = {}
    for application_id, name, source in assignments.order_by("juror__user__full_name"):
        by_application.setdefault(application_id, []).append({"name": name, "source": source})
    table.rows = [(application, by_application.get(application.pk, [])) for application in table.rows]
    return table


@login_required
@require_POST
def start_scoring(request, slug: str):
    evaluation = _manager_evaluation(request, slug)
    _advance(request, evaluation, Phase.INDIVIDUAL)
    return redirect("evaluation:manage_jury", slug=slug)


@login_required
def ranking(request, slug: str, publish_form: PublishForm | None = None):
    evaluation = _followed_evaluation(request, slug)
    can_manage = request.user.has_perm("calls.manage_call")
    if request.method == "POST":
        require(can_manage)
    applications = selectors.evaluated_applications(evaluation)
    deciding = evaluation.phase == Phase.DECISION and can_manage
    award_form = (
        AwardForm(request.POST if "awarded" in request.POST else None, applications=applications) if deciding else None
    )
    if award_form is not None and award_form.is_bound and award_form.is_valid():
        try:
            services.award(
                actor=request.user,
                evaluation=evaluation,
                awarded=list(award_form.cleaned_data["awarded"]),
                reserve=list(award_form.cleaned_data["reserve"]),
                password=award_form.cleaned_data["password"],
            )
        except ValidationError as error:
            add_service_errors(award_form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("evaluation:ranking", slug=slug)
    awarded = list(applications.filter(state="awarded"))
    coordinator_forms = []
    for application in awarded:
        bound = request.method == "POST" and request.POST.get("application") == str(application.pk)
        existing = getattr(application, "coordinator_appointment", None)
        initial = (
            {"full_name": existing.full_name, "email": existing.email, "organisation": existing.organisation_id}
            if existing
            else None
        )
        form = CoordinatorForm(
            request.POST if bound else None,
            application=application,
            initial=initial,
            prefix=f"coordinator-{application.pk}",
            guarded=existing,
        )
        if bound and form.is_valid():
            try:
                services.appoint_coordinator(
                    actor=request.user,
                    application=application,
                    full_name=form.cleaned_data["full_name"],
                    email=form.cleaned_data["email"],
                    organisation=form.cleaned_data["organisation"],
                    edit_token=form.cleaned_data["edit_token"],
                )
            except StaleEdit as stale:
                show_stale(form, stale, CoordinatorAppointment.objects.get(application=application))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The coordinator of %(a)s was appointed.") % {"a": application.acronym})
                return redirect("evaluation:ranking", slug=slug)
        appointment = getattr(application, "coordinator_appointment", None)
        coordinator_forms.append((application, appointment, form if can_manage else None))
    rows = ranking_page(evaluation, request.GET.get("page"))
    rows.object_list = with_applications(rows.object_list)
    severity = severity_table(evaluation)
    return render(
        request,
        "evaluation/ranking.html",
        {
            "evaluation": evaluation,
            "call": evaluation.call,
            "rows": rows,
            **(_uncertainty_context(evaluation, rows) if rows.paginator.count else {}),
            # The jurors furthest from the others' scores.
            "severity": _extremes(severity),
            "severity_count": 0 if severity is None else len(severity),
            "award_form": award_form,
            "can_manage": can_manage,
            "publish_form": (publish_form or PublishForm()) if deciding else None,
            "decided": applications.exclude(state="submitted").exists(),
            "coordinators": coordinator_forms,
        },
    )


def _uncertainty_context(evaluation, rows) -> dict:
    """The uncertainty of the applications on this page of the ranking, computed by the task worker."""
    state = uncertainty(evaluation)
    return {
        "uncertainty": state.rows({r["code"] for r in rows}),
        "uncertainty_current": state.current,
        "uncertainty_pending": state.pending,
    }


@login_required
def ranking_uncertainty(request, slug: str):
    """The uncertainty part of the ranking page, polled by HTMX while the task worker computes it."""
    evaluation = _followed_evaluation(request, slug)
    rows = ranking_page(evaluation, request.GET.get("page"))
    context = {"evaluation": evaluation, "call": evaluation.call, "rows": rows}
    return render(request, "evaluation/includes/uncertainty.html", context | _uncertainty_context(evaluation, rows))


@login_required
@require_POST
def publish(request, slug: str):
    evaluation = _manager_evaluation(request, slug)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.publish_results(actor=request.user, evaluation=evaluation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The results are published."))
            return redirect("evaluation:ranking", slug=slug)
    # The ranking page again, with the statement as typed and the message on its field: nothing was published.
    return ranking(request, slug, publish_form=form)


@login_required
@require_POST
def request_letters(request, slug: str):
    evaluation = _manager_evaluation(request, slug)
    try:
        batch = services.request_letters(actor=request.user, evaluation=evaluation)
    except ValidationError as error:
        _messages(request, error)
        return redirect("evaluation:ranking", slug=slug)
    return redirect("evaluation:letter_batch", slug=slug, pk=batch.pk)


@login_required
def letter_batch(request, slug: str, pk: int):
    evaluation = _manager_evaluation(request, slug)
    batch = get_visible_or_404(LetterBatch.objects.filter(evaluation=evaluation), pk=pk)
    template = "evaluation/includes/batch_progress.html" if request.htmx else "evaluation/letter_batch.html"
    return render(request, template, {"evaluation": evaluation, "call": evaluation.call, "batch": batch})


@login_required
def letters_zip(request, slug: str, pk: int):
    import io
    import zipfile

    evaluation = _manager_evaluation(request, slug)
    batch = get_visible_or_404(LetterBatch.objects.filter(evaluation=evaluation, state="done"), pk=pk)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter in batch.letters.select_related("application"):
            for language, field in (("en", letter.pdf_en), ("lt", letter.pdf_lt)):
                with field.open("rb") as handle:
                    archive.writestr(f"{letter.application.acronym}-decision-{language}.pdf", handle.read())
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, f"{slug}-decision-letters.zip")
    return response


@login_required
def panel_run(request, slug: str, pk: int):
    """The progress of one formation of the panels (polled by HTMX), then its result or its explanation."""
    evaluation = _followed_evaluation(request, slug)
    run = get_visible_or_404(PanelRun.objects.filter(evaluation=evaluation), pk=pk)
    template = "evaluation/includes/panel_progress.html" if request.htmx else "evaluation/panel_run.html"
    return render(request, template, {"evaluation": evaluation, "call": evaluation.call, "run": run})
