"""Matchmaking events: registration, meeting requests, the plan (`innopart.analytics.scheduling`) and its
confirmation. Re-planning after late changes keeps confirmed meetings in their slot and at their table."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopart.analytics.scheduling import schedule
from innopart.core import audit

from .models import Event, Meeting, MeetingRequest, Registration


def create_event(*, actor, event: Event) -> Event:
    """An adviser announces an event (built by EventForm, not yet saved); they are its organiser."""
    if not actor.has_perm("matchmaking.run_events"):
        raise PermissionDenied
    with transaction.atomic():
        event.organiser = actor
        event.save()
        audit.record(
            actor=actor,
            obj=event,
            action="matchmaking.event_created",
            changes={"title": event.title, "starts_at": event.starts_at.isoformat(), "time_zone": event.time_zone},
        )
    return event


def register(*, actor, event: Event, organisation, unavailable: list[int]) -> Registration:
    """An organisation's members register it; the organiser may too (participants who sign up by phone)."""
    if not (organisation.memberships.filter(user=actor).exists() or actor.has_perm("matchmaking.run_events")):
        raise PermissionDenied
    if not organisation.is_contactable:
        raise ValidationError(
            {"organisation": _("Only organisations that agreed to be found can meet others; change the profile first.")}
        )
    bad = [s for s in unavailable if not 0 <= s < event.slots]
    if bad:
        raise ValidationError({"unavailable": _("There is no slot %(n)s at this event.") % {"n": bad[0] + 1}})
    with transaction.atomic():
        registration, created = Registration.objects.update_or_create(
            event=event,
            organisation=organisation,
            defaults={"registered_by": actor, "unavailable": sorted(set(unavailable))},
        )
        audit.record(
            actor=actor,
            obj=event,
            action="matchmaking.registered" if created else "matchmaking.registration_changed",
            changes={"organisation": organisation.pk, "unavailable": registration.unavailable},
        )
    return registration


def request_meeting(*, actor, source: Registration, target: Registration) -> MeetingRequest:
    if not (source.organisation.memberships.filter(user=actor).exists() or actor.has_perm("matchmaking.run_events")):
        raise PermissionDenied
    if source.event_id != target.event_id or source.pk == target.pk:
        raise ValidationError(_("Choose another participant of the same event."))
    with transaction.atomic():
        request, created = MeetingRequest.objects.get_or_create(event=source.event, source=source, target=target)
        if created:
            audit.record(
                actor=actor,
                obj=source.event,
                action="matchmaking.meeting_requested",
                changes={"from": source.organisation_id, "to": target.organisation_id},
            )
    return request


def plan(*, actor, event: Event, time_limit: float = 4.0):
    """(Re)plan every meeting; confirmed ones keep slot and table. Returns the analytics plan (share served...)."""
    registrations = list(event.registrations.all())
    requests = list(event.requests.values_list("source_id", "target_id"))
    kept = list(event.meetings.filter(confirmed=True))
    result = schedule(
        [r.pk for r in registrations],
        requests,
        slots=event.slots,
        tables=event.tables,
        unavailable={r.pk: r.unavailable for r in registrations},
        confirmed={(m.a_id, m.b_id): m.slot for m in kept},
        time_limit=time_limit,
    )
    kept_tables = {frozenset((m.a_id, m.b_id)): m.table for m in kept}
    with transaction.atomic():
        event.meetings.filter(confirmed=False).delete()
        taken = {(m.slot, m.table) for m in kept}
        new = []
        for meeting in result.meetings:
            if frozenset((meeting.a, meeting.b)) in kept_tables:
                continue
            table = next(t for t in range(1, event.tables + 1) if (meeting.slot, t) not in taken)
            taken.add((meeting.slot, table))
            new.append(
                Meeting(
                    event=event, a_id=meeting.a, b_id=meeting.b, slot=meeting.slot, table=table, mutual=meeting.mutual
                )
            )
        Meeting.objects.bulk_create(new)
        Event.objects.filter(pk=event.pk).update(planned_at=timezone.now())
        audit.record(
            actor=actor,
            obj=event,
            action="matchmaking.planned",
            changes={
                "meetings": len(result.meetings),
                "requests_served": result.requests_served,
                "requests": result.requests,
                "kept": len(kept),
            },
        )
    return result


def confirm(*, actor, event: Event) -> int:
    with transaction.atomic():
        count = event.meetings.filter(confirmed=False).update(confirmed=True)
        audit.record(actor=actor, obj=event, action="matchmaking.confirmed", changes={"meetings": count})
    return count


def ics(event: Event, registration: Registration) -> str:
    """The participant's meetings as an iCalendar file."""
    from datetime import UTC, timedelta

    def stamp(moment) -> str:
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Innopart//Matchmaking//EN"]
    for m in event.meetings.filter(confirmed=True).select_related("a__organisation", "b__organisation"):
        if registration.pk not in (m.a_id, m.b_id):
            continue
        other = m.b if m.a_id == registration.pk else m.a
        start = event.slot_start(m.slot)
        lines += [
            "BEGIN:VEVENT",
            f"UID:innopart-meeting-{m.pk}@{event.pk}",
            f"DTSTAMP:{stamp(timezone.now())}",
            f"DTSTART:{stamp(start)}",
            f"DTEND:{stamp(start + timedelta(minutes=event.slot_minutes))}",
            f"SUMMARY:{_('Meeting with %(org)s') % {'org': other.organisation.name}} ({_('table')} {m.table})",
            f"LOCATION:{event.location}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
