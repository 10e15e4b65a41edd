from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from innopart.core.models import AuditEntry
from innopart.matchmaking import events
from innopart.matchmaking.models import Event, Meeting, MeetingRequest

from ..factories import OrganisationFactory, UserFactory, member


@pytest.fixture
def adviser(db):
    return UserFactory(email="adviser@mita.example", roles=["agency_adviser"])


@pytest.fixture
def event(adviser):
    return Event.objects.create(
        title="Food value chains",
        starts_at=datetime(2027, 3, 4, 9, tzinfo=ZoneInfo("Europe/Vilnius")),
        slots=2,
        tables=1,
        slot_minutes=20,
        organiser=adviser,
        location="Kaunas",
    )


@pytest.fixture
def people(db):
    """Three organisations, each with a manager, all findable."""
    result = {}
    for name in ("Alpha", "Beta", "Gamma"):
        user = UserFactory(email=f"{name.lower()}@example.org", roles=["applicant"])
        result[name] = (member(user, OrganisationFactory(name=name, is_contactable=True)), user)
    return result


def register_all(event, people):
    return {
        name: events.register(actor=user, event=event, organisation=org, unavailable=[])
        for name, (org, user) in people.items()
    }


def test_requests_planned_mutual_first_and_confirmed_meetings_stay(event, people, adviser):
    regs = register_all(event, people)
    users = {name: user for name, (_org, user) in people.items()}
    events.request_meeting(actor=users["Alpha"], source=regs["Alpha"], target=regs["Beta"])
    events.request_meeting(actor=users["Beta"], source=regs["Beta"], target=regs["Alpha"])
    events.request_meeting(actor=users["Gamma"], source=regs["Gamma"], target=regs["Alpha"])
    events.request_meeting(actor=users["Gamma"], source=regs["Gamma"], target=regs["Beta"])
    # Two slots, one table: two meetings at most; the mutual Alpha-Beta meeting (2 requests) is always one.
    result = events.plan(actor=adviser, event=event)
    assert (result.requests, result.requests_served, len(result.meetings)) == (4, 3, 2)
    assert Meeting.objects.filter(a__in=[regs["Alpha"], regs["Beta"]], b__in=[regs["Alpha"], regs["Beta"]]).exists()
    events.confirm(actor=adviser, event=event)
    kept = {frozenset((m.a_id, m.b_id)): (m.slot, m.table) for m in Meeting.objects.all()}
    # A late change: a fourth organisation asks Gamma for a meeting; the plan is redone around the confirmed ones.
    delta_org = member(UserFactory(email="delta@example.org"), OrganisationFactory(name="Delta", is_contactable=True))
    delta_user = delta_org.memberships.get().user
    delta = events.register(actor=delta_user, event=event, organisation=delta_org, unavailable=[])
    events.request_meeting(actor=delta_user, source=delta, target=regs["Gamma"])
    events.plan(actor=adviser, event=event)
    after = {frozenset((m.a_id, m.b_id)): (m.slot, m.table) for m in Meeting.objects.filter(confirmed=True)}
    assert after == kept  # confirmed meetings did not move
    assert AuditEntry.objects.filter(action="matchmaking.planned").count() == 2
    # A change a confirmed meeting cannot survive is refused with the reason, nothing replanned.
    alpha_beta_slot = kept[frozenset((regs["Alpha"].pk, regs["Beta"].pk))][0]
    events.register(actor=users["Beta"], event=event, organisation=people["Beta"][0], unavailable=[alpha_beta_slot])
    with pytest.raises(ValueError, match="cannot keep slot"):
        events.plan(actor=adviser, event=event)


def test_participants_see_their_schedule_and_calendar(client, event, people, adviser):
    regs = register_all(event, people)
    _alpha_org, alpha = people["Alpha"]
    events.request_meeting(actor=alpha, source=regs["Alpha"], target=regs["Gamma"])
    events.plan(actor=adviser, event=event)
    events.confirm(actor=adviser, event=event)
    client.force_login(alpha)
    page = client.get(reverse("matchmaking:event", args=[event.pk])).text
    assert "2027-03-04 09:00 (Europe/Vilnius)" in page  # the time names its zone
    assert "Schedule of Alpha" in page and "Gamma" in page and "confirmed" in page
    ics = client.get(reverse("matchmaking:calendar", args=[event.pk, regs["Alpha"].pk]))
    body = ics.content.decode()
    assert ics["Content-Type"].startswith("text/calendar") and "SUMMARY:Meeting with Gamma (table 1)" in body
    assert "DTSTART:20270304T0" in body
    pdf = client.get(reverse("matchmaking:schedule_pdf", args=[event.pk, regs["Alpha"].pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert client.get(reverse("matchmaking:schedule_pdf", args=[event.pk, regs["Beta"].pk])).status_code == 404
    # Another participant's calendar is not Alpha's to read; planning is the organiser's.
    assert client.get(reverse("matchmaking:calendar", args=[event.pk, regs["Beta"].pk])).status_code == 404
    assert client.post(reverse("matchmaking:plan", args=[event.pk])).status_code == 404


def test_registration_needs_consent_and_membership(client, event, people):
    hidden = OrganisationFactory(name="Hidden UAB")
    user = UserFactory(email="h@example.org", roles=["applicant"])
    member(user, hidden)
    client.force_login(user)
    page = client.post(reverse("matchmaking:event", args=[event.pk]), {"organisation": hidden.pk}).text
    assert "Only organisations that agreed to be found can meet others" in page
    foreign = people["Alpha"][0]
    page = client.post(reverse("matchmaking:event", args=[event.pk]), {"organisation": foreign.pk}).text
    assert "Select a valid choice" in page and not event.registrations.exists()
    assert not MeetingRequest.objects.exists()


def test_an_event_keeps_the_clock_of_where_it_is_held(client, adviser, people):
    """An event in Brussels created at 09:00 is at 09:00 in Brussels (08:00 UTC in March) on its page, in the
    registration's slot choices, on the schedule and its PDF; the calendar file carries the moment in UTC."""
    client.force_login(adviser)
    response = client.post(
        reverse("matchmaking:events"),
        {
            "title": "Brokerage in Brussels",
            "starts_at": "2027-03-04T09:00",
            "time_zone": "Europe/Brussels",
            "slot_minutes": 20,
            "slots": 2,
            "tables": 1,
            "location": "Brussels",
        },
    )
    event = Event.objects.get(title="Brokerage in Brussels")
    assert response.status_code == 302 and event.time_zone == "Europe/Brussels"
    assert event.starts_at == datetime(2027, 3, 4, 8, tzinfo=ZoneInfo("UTC"))
    assert AuditEntry.objects.get(action="matchmaking.event_created").changes["time_zone"] == "Europe/Brussels"
    regs = register_all(event, people)
    _alpha_org, alpha = people["Alpha"]
    events.request_meeting(actor=alpha, source=regs["Alpha"], target=regs["Gamma"])
    events.plan(actor=adviser, event=event)
    events.confirm(actor=adviser, event=event)
    client.force_login(alpha)
    page = client.get(reverse("matchmaking:event", args=[event.pk])).text
    assert "2027-03-04 09:00 (Europe/Brussels)" in page
    assert "1: 09:00" in page and "2: 09:20" in page and "Times in Europe/Brussels." in page
    slot = Meeting.objects.get(event=event).slot
    assert f"<td>{['09:00', '09:20'][slot]}</td>" in page
    ics = client.get(reverse("matchmaking:calendar", args=[event.pk, regs["Alpha"].pk])).content.decode()
    assert f"DTSTART:20270304T08{['00', '20'][slot]}00Z" in ics
    listing = client.get(reverse("matchmaking:events")).text
    assert "2027-03-04 09:00 (Europe/Brussels)" in listing


def test_registration_offers_the_slots_as_the_events_clock_reads_them(client, event, people):
    """The slots a person marks as unavailable are the times the event page shows (09:00 in Vilnius), not the
    stored moments in UTC (07:00)."""
    client.force_login(people["Alpha"][1])
    page = client.get(reverse("matchmaking:event", args=[event.pk])).text
    assert "1: 09:00" in page and "2: 09:20" in page and "07:00" not in page
