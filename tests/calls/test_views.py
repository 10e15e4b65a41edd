import pytest

from innopart.calls.models import Call

from ..factories import published_call, thematic_field

pytestmark = pytest.mark.django_db


def _form(field, **overrides):
    data = {
        "slug": "ipc-2030",
        "title": "Innovation Partnership Competition 2030",
        "summary": "s",
        "description": "d",
        "thematic_fields": [field.pk],
        "total_budget": "15000000",
        "max_grant": "5000000",
        "min_years": 7,
        "max_years": 10,
        "min_awards": 2,
        "max_awards": 3,
        "time_zone": "Europe/Vilnius",
        "publication_date": "2030-01-10",
        "deadline_local": "2030-06-01T15:00",
        "award_date": "2030-10-01",
        "start_date": "2031-01-01",
        "coordinator_countries_text": "LT",
        "rule_min_partners": 5,
        "rule_min_research": 1,
        "rule_min_key_partners": 1,
        "rule_min_partner_types": 3,
        "rule_min_sectors": 2,
        "rule_min_smes": 1,
        "weight_potential": 30,
        "threshold_potential": 3,
        "weight_network": 25,
        "threshold_network": 3,
        "weight_implementation": 25,
        "threshold_implementation": 3,
        "weight_future": 20,
        "threshold_future": 3,
        "overall_threshold": "3.5",
        "tie_1": "potential",
        "tie_2": "implementation",
        "tie_3": "network",
        "tie_4": "future",
    }
    data.update(overrides)
    return data


def test_ministry_designs_a_call_with_a_local_deadline(client, ministry_officer):
    client.force_login(ministry_officer)
    response = client.post("/manage/calls/new/", _form(thematic_field()), follow=True)
    assert "The call was saved as a draft." in response.text
    version = Call.objects.get(slug="ipc-2030").draft_version
    assert version.deadline.isoformat() == "2030-06-01T12:00:00+00:00"  # 15:00 in Vilnius (EEST) is 12:00 UTC
    assert version.eligibility["min_partners"] == 5


def test_bad_call_input_names_the_field_and_saves_nothing(client, ministry_officer):
    client.force_login(ministry_officer)
    response = client.post("/manage/calls/new/", _form(thematic_field(), total_budget="-5", weight_future=10))
    assert "Total budget (EUR): Ensure this value is greater than or equal to 0." in response.text
    response = client.post("/manage/calls/new/", _form(thematic_field(), weight_future=10))
    assert "The criteria weights must add up to 100 (they add up to 90)." in response.text
    assert not Call.objects.exists()


def test_published_call_edit_page_refuses_and_points_to_a_correction(client, ministry_officer, call):
    client.force_login(ministry_officer)
    response = client.post(f"/manage/calls/{call.slug}/edit/", {"title": "changed"}, follow=True)
    assert "A published call cannot be edited. Start a correction to change it." in response.text
    call.published_version.refresh_from_db()
    assert call.published_version.title == "Innovation Partnership Competition"


def test_public_call_page_shows_criteria_timeline_and_rules(client, call):
    response = client.get(f"/calls/{call.slug}/")
    assert response.status_code == 200
    for text in [
        "Potential for development and innovation",
        "Are stakeholders committed?",
        "Deadline for applications",
        "Minimum number of research organisations",
        "EUR 5,000,000",
    ]:
        assert text in response.text, text


def test_draft_calls_are_not_public(client, ministry_officer):
    from innopart.calls import services

    from ..factories import call_data

    services.create_call(actor=ministry_officer, slug="secret", data=call_data(title="Secret draft"))
    assert client.get("/calls/secret/").status_code == 404
    assert "Secret draft" not in client.get("/calls/").text
    assert client.get("/api/calls/secret").status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_public_call_list_query_count_is_pinned(client, django_assert_num_queries, ministry_officer, n):
    for i in range(n):
        published_call(ministry_officer, slug=f"call-{i}")
    with django_assert_num_queries(2):
        response = client.get("/calls/")
    assert response.text.count("Innovation Partnership Competition") >= n


def test_api_lists_open_calls_with_criteria(client, call):
    data = client.get("/api/calls").json()
    assert data[0]["slug"] == call.slug
    assert [c["weight"] for c in data[0]["criteria"]] == [30, 25, 25, 20]
    assert data[0]["is_open"] is True
    assert client.get("/api/openapi.json").status_code == 200


def test_a_draft_saved_from_an_older_page_is_refused_with_what_changed(client, ministry_officer):
    import re

    client.force_login(ministry_officer)
    field = thematic_field()
    client.post("/manage/calls/new/", _form(field))
    url = "/manage/calls/ipc-2030/edit/"
    token = re.search(r'name="edit_token" value="([^"]+)"', client.get(url).text).group(1)
    saved = client.post(url, _form(field, max_grant="4000000", edit_token=token))
    assert saved.status_code == 302
    refused = client.post(url, _form(field, title="IPC 2030 (older tab)", edit_token=token))
    assert refused.status_code == 200
    assert "Someone else saved this while you were editing" in refused.text
    assert 'value="IPC 2030 (older tab)"' in refused.text
    version = Call.objects.get(slug="ipc-2030").draft_version
    assert (version.title, version.max_grant) == ("Innovation Partnership Competition 2030", 4_000_000)


def test_a_call_past_its_deadline_is_never_listed_as_open(client, ministry_officer, applicant_a):
    from datetime import timedelta

    from django.utils import timezone

    published_call(ministry_officer, slug="current", title="Current competition")
    from innopart.calls.models import CallVersion

    pilot_call = published_call(ministry_officer, slug="pilot", title="Pilot round")
    # Publishing refuses a deadline in the past, so the pilot round's deadline passes after it was published.
    CallVersion.objects.filter(pk=pilot_call.published_version.pk).update(
        publication_date=timezone.localdate() - timedelta(days=400), deadline=timezone.now() - timedelta(minutes=1)
    )
    home = client.get("/").text
    assert "Current competition" in home and "Pilot round" not in home
    listing = client.get("/calls/").text
    open_part, closed_part = listing.split("<h2>Closed</h2>")
    assert "Current competition" in open_part and "Pilot round" not in open_part
    assert "Pilot round" in closed_part and "Closed on" in closed_part
    pilot = client.get("/calls/pilot/").text
    assert "Start an application" not in pilot and "The deadline for this call passed on" in pilot
    client.force_login(applicant_a)
    dashboard = client.get("/applications/").text
    assert "Current competition" in dashboard and "Pilot round" not in dashboard


def test_an_announced_call_is_upcoming_until_its_day_begins_in_its_own_time_zone(client, ministry_officer, applicant_a):
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from innopart.applications import services as application_services
    from innopart.calls.selectors import calls_by_status
    from innopart.matchmaking import qa

    opening = timezone.localdate() + timedelta(days=10)
    call = published_call(ministry_officer, slug="next", title="Next competition", publication_date=opening)
    version = call.published_version
    # Vilnius is two hours ahead of UTC in winter: the call opens at 22:00 UTC the evening before.
    winter = published_call(
        ministry_officer,
        slug="winter",
        publication_date=date(2031, 1, 15),
        deadline=datetime(2031, 4, 1, 13, 0, tzinfo=ZoneInfo("UTC")),
        award_date=date(2031, 9, 1),
        start_date=date(2032, 1, 1),
    )
    midnight = datetime(2031, 1, 14, 22, 0, tzinfo=ZoneInfo("UTC"))
    assert winter.published_version.status(midnight - timedelta(seconds=1)) == "upcoming"
    assert winter.published_version.status(midnight) == "open"
    assert winter.published_version.status(winter.published_version.deadline) == "closed"

    assert [c.slug for c in calls_by_status()["upcoming"]] == ["next", "winter"]
    home = client.get("/").text
    assert "Opening soon" in home and "Next competition" in home
    page = client.get("/calls/next/").text
    assert "Opens soon" in page and "Start an application" not in page
    assert f"This call opens for applications on {opening.isoformat()} at 00:00 (Europe/Vilnius)." in page
    with pytest.raises(ValidationError, match="opens for applications on"):
        application_services.start_application(
            actor=applicant_a,
            call=call,
            coordinator=applicant_a.memberships.get().organisation,
            title="Too early",
            acronym="EARLY",
        )
    # Questions about the conditions are welcome before the opening, and refused after the deadline.
    assert qa.ask(actor=applicant_a, call=call, text="May a university coordinate the partnership?").pk
    from innopart.calls.models import CallVersion

    CallVersion.objects.filter(pk=version.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    call.refresh_from_db()
    with pytest.raises(ValidationError, match="until the call's deadline"):
        qa.ask(actor=applicant_a, call=call, text="Is it too late to ask a question now?")


def test_a_call_in_another_time_zone_shows_its_deadline_as_its_own_clock_reads_it(client, ministry_officer):
    """Lisbon is two hours behind Vilnius (the server's zone): 13:00 UTC is 13:00 in Lisbon in winter, 15:00 in
    Vilnius. Every page that names the call's zone shows the Lisbon time beside it."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    published_call(
        ministry_officer,
        slug="lisbon",
        title="Lisbon competition",
        time_zone="Europe/Lisbon",
        publication_date=date(2031, 1, 15),
        deadline=datetime(2031, 2, 1, 13, 0, tzinfo=ZoneInfo("UTC")),
        award_date=date(2031, 9, 1),
        start_date=date(2032, 1, 1),
    )
    for page in (client.get("/calls/lisbon/").text, client.get("/calls/").text):
        assert "2031-02-01 13:00 (Europe/Lisbon)" in page and "2031-02-01 15:00" not in page
    # Upcoming: it opens at the start of its publication day in Lisbon.
    assert "2031-01-15 00:00 (Europe/Lisbon)" in client.get("/calls/").text
