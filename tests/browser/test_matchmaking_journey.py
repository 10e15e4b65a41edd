import pytest

from ..factories import PASSWORD, OrganisationFactory, make_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_finds_a_research_partner_from_the_gap_analysis(visitor, applicant_a, call):
    draft = make_application(applicant_a, call, applicant_a.memberships.get().organisation)
    institute = OrganisationFactory(
        name="Kaunas Food Research Institute",
        type="research_institute",
        nace_codes=["72.11"],
        capabilities="food fermentation research",
        is_contactable=True,
    )
    OrganisationFactory(name="Quiet University", type="university", nace_codes=["85.42"])
    visitor.log_in(applicant_a.email, PASSWORD)
    visitor.goto(f"/applications/{draft.pk}/partners/")
    visitor.click("text=Find partners: suggestions that close the gaps")
    page = visitor.page
    assert "What the consortium still lacks" in page.content()
    assert "a university or research institute, which the consortium still needs" in page.content()
    assert "Quiet University" not in page.content()
    visitor.click("a:text-is('Add to the consortium') >> nth=0")
    assert page.locator("#id_organisation").input_value() == str(institute.pk)


def test_applicant_requests_a_contact_registers_for_an_event_and_gets_a_schedule(visitor, applicant_a, call):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from innopart.matchmaking import events
    from innopart.matchmaking.models import ContactRequest, Event

    from ..factories import UserFactory

    adviser = UserFactory(email="adviser@mita.example", roles=["agency_adviser"])
    draft = make_application(applicant_a, call, applicant_a.memberships.get().organisation)
    own = applicant_a.memberships.get().organisation
    own.is_contactable = True
    own.save()
    institute = OrganisationFactory(
        name="Kaunas Food Research Institute", type="research_institute", capabilities="food", is_contactable=True
    )
    event = Event.objects.create(
        title="Food value chains day",
        starts_at=datetime(2027, 3, 4, 9, tzinfo=ZoneInfo("Europe/Vilnius")),
        slots=3,
        tables=2,
        organiser=adviser,
    )
    institute_registration = events.register(actor=adviser, event=event, organisation=institute, unavailable=[])

    visitor.log_in(applicant_a.email, PASSWORD)
    visitor.goto(f"/applications/{draft.pk}/find-partners/")
    page = visitor.page
    assert "a university or research institute, which the consortium still needs" in page.content()
    page.fill("#id_text", "food")
    visitor.click("button:text-is('Search')")
    assert page.locator("#search ~ ul li").count() == 1  # the institute; the applicant's own organisation is left out
    visitor.click("a:text-is('Request a contact') >> nth=0")
    page.fill("#id_message", "We plan a fermented-food partnership; could we talk?")
    visitor.click("text=Send the request")
    assert "Your request was sent to Kaunas Food Research Institute." in page.content()
    assert ContactRequest.objects.get().recipient == institute

    visitor.click("text=Events")
    visitor.click("text=Food value chains day")
    page.select_option("#id_organisation", str(own.pk))
    visitor.click("button:text-is('Register')")
    assert "Registered." in page.content()
    visitor.click("text=Request a meeting with Kaunas Food Research Institute")
    assert "meeting requested" in page.content()
    events.plan(actor=adviser, event=event)
    events.confirm(actor=adviser, event=event)
    visitor.goto(f"/events/{event.pk}/")
    assert f"Schedule of {own.name}" in page.content() and "09:00" in page.content()
    assert institute_registration.pk


def test_coordinator_lets_an_adviser_comment_on_the_draft(visitor, applicant_a, call):
    from ..factories import UserFactory

    adviser = UserFactory(email="adviser@mita.example", full_name="Rūta Adviser", roles=["agency_adviser"])
    draft = make_application(applicant_a, call, applicant_a.memberships.get().organisation)
    visitor.log_in(applicant_a.email, PASSWORD)
    visitor.goto(f"/applications/{draft.pk}/partners/")
    visitor.click("text=Support-agency advice")
    page = visitor.page
    page.select_option("#id_adviser", str(adviser.pk))
    visitor.click("text=Let this adviser read and comment")
    assert "can now read the draft and comment" in page.content()
    visitor.click("text=Log out")
    visitor.log_in(adviser.email, PASSWORD)
    visitor.goto("/advice/")
    visitor.click(f"text={draft.acronym}: {draft.title}")
    page.locator("textarea").first.fill("Name the SMEs the key partner will bring in.")
    visitor.click("button:text-is('Add the comment') >> nth=0")
    assert "Name the SMEs the key partner will bring in." in page.content()
