from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.core.access import get_visible_or_404, require
from innopart.core.forms import add_service_errors

from . import events as services
from .forms import EventForm, RegistrationForm
from .models import Event, Registration


@login_required
def event_list(request):
    can_run = request.user.has_perm("matchmaking.run_events")
    form = EventForm(request.POST or None)
    if request.method == "POST":
        require(can_run)
        if form.is_valid():
            event = services.create_event(actor=request.user, event=form.save(commit=False))
            messages.success(request, _("The event was created."))
            return redirect("matchmaking:event", pk=event.pk)
    return render(
        request,
        "matchmaking/events.html",
        {"events": Event.objects.all(), "form": form if can_run else None},
    )


def _mine(request, event):
    return list(event.registrations.filter(organisation__memberships__user=request.user).select_related("organisation"))


@login_required
def event(request, pk: int):
    """Registration, the participants and meeting requests, one's schedule; for the organiser, the planner."""
    event = get_visible_or_404(Event.objects.all(), pk=pk)
    is_organiser = request.user.has_perm("matchmaking.run_events")
    form = RegistrationForm(request.POST or None, user=request.user, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.register(
                actor=request.user,
                event=event,
                organisation=form.cleaned_data["organisation"],
                unavailable=form.cleaned_data["unavailable"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Registered."))
            return redirect("matchmaking:event", pk=pk)
    mine = _mine(request, event)
    requested = set(event.requests.filter(source__in=mine).values_list("target_id", flat=True))
    meetings = event.meetings.select_related("a__organisation", "b__organisation")
    schedules = [
        (
            r,
            [
                (m, m.b if m.a_id == r.pk else m.a, event.slot_start(m.slot))
                for m in meetings
                if r.pk in (m.a_id, m.b_id)
            ],
        )
        for r in mine
    ]
    return render(
        request,
        "matchmaking/event.html",
        {
            "event": event,
            "form": form,
            "mine": mine,
            "participants": event.registrations.select_related("organisation"),
            "requested": requested,
            "schedules": schedules,
            "is_organiser": is_organiser,
            "all_meetings": meetings if is_organiser else [],
            "request_count": event.requests.count(),
        },
    )


@login_required
@require_POST
def request_meeting(request, pk: int):
    event = get_visible_or_404(Event.objects.all(), pk=pk)
    source = get_visible_or_404(
        Registration.objects.filter(event=event, organisation__memberships__user=request.user),
        pk=request.POST.get("source"),
    )
    target = get_visible_or_404(event.registrations.all(), pk=request.POST.get("target"))
    try:
        services.request_meeting(actor=request.user, source=source, target=target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("matchmaking:event", pk=pk)


@login_required
@require_POST
def plan(request, pk: int):
    require(request.user.has_perm("matchmaking.run_events"))
    event = get_visible_or_404(Event.objects.all(), pk=pk)
    if request.POST.get("confirm"):
        count = services.confirm(actor=request.user, event=event)
        messages.success(
            request, _("%(n)d meetings confirmed; participants see them in their schedules.") % {"n": count}
        )
    else:
        try:
            result = services.plan(actor=request.user, event=event)
        except ValueError as error:  # a late change that a confirmed meeting cannot survive: say which
            messages.error(request, str(error))
            return redirect("matchmaking:event", pk=pk)
        messages.success(
            request,
            _("%(served)d of %(requests)d requests served (%(share)s%%) in %(meetings)d meetings.")
            % {
                "served": result.requests_served,
                "requests": result.requests,
                "share": round(100 * result.share_served),
                "meetings": len(result.meetings),
            },
        )
    return redirect("matchmaking:event", pk=pk)


@login_required
def calendar(request, pk: int, registration: int):
    event = get_visible_or_404(Event.objects.all(), pk=pk)
    mine = get_visible_or_404(
        Registration.objects.filter(event=event, organisation__memberships__user=request.user).distinct(),
        pk=registration,
    )
    response = HttpResponse(services.ics(event, mine), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"meetings-{event.pk}.ics")
    return response


@login_required
def schedule_pdf(request, pk: int, registration: int):
    """A participant's confirmed meetings as a printable PDF (WeasyPrint)."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    event = get_visible_or_404(Event.objects.all(), pk=pk)
    mine = get_visible_or_404(
        Registration.objects.filter(event=event, organisation__memberships__user=request.user)
        .select_related("organisation")
        .distinct(),
        pk=registration,
    )
    meetings = [
        (m, m.b if m.a_id == mine.pk else m.a, event.slot_start(m.slot))
        for m in event.meetings.filter(confirmed=True).select_related("a__organisation", "b__organisation")
        if mine.pk in (m.a_id, m.b_id)
    ]
    html = render_to_string(
        "matchmaking/schedule_pdf.html", {"event": event, "registration": mine, "meetings": meetings}
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"schedule-{event.pk}-{mine.pk}.pdf")
    return response
