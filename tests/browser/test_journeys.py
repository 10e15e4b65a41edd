from contextlib import nullcontext
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import formats, timezone, translation

from innopart.applications.enums import SectionKind
from innopart.applications.models import Application
from innopart.calls.models import Call, CallVersion
from innopart.demo.pdf import simple_pdf

from ..factories import PASSWORD, OrganisationFactory, make_application, thematic_field

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ministry_officer_creates_and_publishes_a_call(visitor, ministry_officer):
    thematic_field("industry-4-0")
    thematic_field("circular-economy")
    today = timezone.localdate()
    visitor.log_in(ministry_officer.email, PASSWORD)
    visitor.goto("/manage/calls/")
    visitor.click("text=Design a new call")
    page = visitor.page
    page.fill("#id_slug", "ipc-next")
    page.fill("#id_title", "Innovation Partnership Competition 2028")
    page.fill("#id_summary", "Two or three partnerships in Industry 4.0 and the circular economy.")
    page.fill("#id_description", "Conditions of the competition.")
    page.check("text=Industry 4.0")
    page.fill("#id_total_budget", "15000000")
    page.fill("#id_publication_date", today.isoformat())
    page.fill("#id_deadline_local", f"{(today + timedelta(days=150)).isoformat()}T15:00")
    page.fill("#id_award_date", (today + timedelta(days=270)).isoformat())
    page.fill("#id_start_date", (today + timedelta(days=365)).isoformat())
    visitor.click("text=Save the draft")
    assert "The call was saved as a draft." in page.content()
    visitor.click("text=Publish the call")
    assert "Version 1 of the call is published." in page.content()
    call = Call.objects.get(slug="ipc-next")
    assert call.state == "published"
    assert timezone.localtime(call.published_version.deadline, call.published_version.zone).hour == 15
    visitor.goto("/calls/")
    assert "Innovation Partnership Competition 2028" in page.content()
    # The published rules are frozen: the edit page sends the officer to a correction instead.
    visitor.goto("/manage/calls/ipc-next/edit/")
    assert "A published call cannot be edited" in page.content()


@pytest.mark.parametrize("language", ["en", "lt"])
def test_a_field_is_checked_as_the_officer_leaves_it_without_a_page_load(visitor, ministry_officer, language):
    """Inline validation (core.forms.ChecksInline): the message comes when the person leaves the field, not after
    sending the whole form, and only for that field; the fields not reached yet stay quiet; nothing is saved."""
    visitor.log_in(ministry_officer.email, PASSWORD)
    if language == "lt":
        visitor.click("button[lang=lt]")
    visitor.goto("/manage/calls/new/")
    page = visitor.page
    loads = visitor.effort.loads
    page.fill("#id_slug", "Not a slug!")
    page.press("#id_slug", "Tab")
    page.wait_for_selector("#id_slug-field.has-error ul.errorlist")
    assert page.locator("#id_slug-field").get_attribute("hx-post") == "/manage/calls/new/"
    assert page.locator("html").get_attribute("lang") == language
    # The title is required and still empty: the person has not reached it, so it says nothing yet.
    assert page.locator("#id_title-field.has-error").count() == 0
    assert page.locator("#id_slug").input_value() == "Not a slug!"
    # A screen reader hears the message: it is copied into a live region that was in the page from the start.
    message = page.locator("#id_slug-field ul.errorlist").inner_text().strip()
    page.wait_for_function("() => document.querySelector('.field-announcer').textContent.length > 0")
    assert message in page.locator(".field-announcer").inner_text()
    visitor.check_accessibility()
    page.fill("#id_slug", "ipc-next")
    page.press("#id_slug", "Tab")
    page.wait_for_selector("#id_slug-field:not(.has-error)")
    assert page.locator("#id_slug-field ul.errorlist").count() == 0
    page.wait_for_function("() => document.querySelector('.field-announcer').textContent === ''")
    assert visitor.effort.loads == loads  # no page was loaded for either check
    assert not Call.objects.exists()


def _write_pdf(tmp_path, name="letter.pdf"):
    path = tmp_path / name
    path.write_bytes(simple_pdf("Letter of commitment"))
    return str(path)


def _apply_words(language: str) -> dict:
    """What the pages of the application say, in the language the journey reads them in (the functions translate
    when called, in that language too)."""

    def t(text) -> str:
        with translation.override(language):
            return str(translation.gettext(str(text)) if isinstance(text, str) else text)

    def n(one: str, many: str, count: int) -> str:
        with translation.override(language):
            return translation.ngettext(one, many, count)

    with translation.override(language):
        return {
            "start": t("Start an application"),
            "create": t("Create the draft"),
            "created": t("Your application was created as a draft."),
            "consortium": lambda count: (
                n("Consortium: %(n)s organisation", "Consortium: %(n)s organisations", count) % {"n": count}
            ),
            "add": t("Add to the consortium"),
            "added": lambda org: t("%(org)s was added to the consortium.") % {"org": org},
            "needs": lambda count: (
                n(
                    "The consortium needs at least %(needed)d organisation; it has %(count)d.",
                    "The consortium needs at least %(needed)d organisations; it has %(count)d.",
                    5,
                )
                % {"needed": 5, "count": count}
            ),
            "would_meet": t("The consortium would meet every rule of the call."),
            "meets": t("The consortium meets every rule of the call."),
            "section": lambda step: t("Section %(step)s of %(steps)s") % {"step": step, "steps": 6},
            "first_section": "1. " + t(SectionKind.STRATEGIC_RELEVANCE.label),
            "saved": lambda kind: t("The section “%(s)s” was saved.") % {"s": t(SectionKind(kind).label)},
            "save_plan": t("Save the resource plan"),
            "plan_saved": t("The resource plan was saved."),
            "not_an_amount": t("%(label)s: enter an amount in euro, e.g. 125000.").split(": ", 1)[-1],
            "share": formats.localize(Decimal("15.0")) + "%",
            "submit": t("Submit the application"),
            "submitted": t("Your application was submitted (version %(n)d).") % {"n": 1},
        }


@pytest.mark.parametrize("language", ["en", "lt"])
def test_applicant_builds_a_consortium_fixes_eligibility_and_submits(visitor, applicant_a, call, tmp_path, language):
    university = OrganisationFactory(name="Kaunas Test University", type="university", nace_codes=["85.42"])
    international = OrganisationFactory(
        name="Nordic Test AB", type="international_company", country="SE", nace_codes=["17.21"]
    )
    cluster = OrganisationFactory(name="Test Food Cluster", type="cluster_organisation", nace_codes=["94.11"])
    ict = OrganisationFactory(name="Test ICT UAB", type="sme", nace_codes=["62.01"])
    letter = _write_pdf(tmp_path)
    page = visitor.page

    w = _apply_words(language)
    visitor.log_in(applicant_a.email, PASSWORD)
    if language == "lt":
        visitor.click("button[lang=lt]")
    # The task is measured in English; the Lithuanian run walks the same pages in the other language, axe on each.
    with visitor.task("apply with a consortium") if language == "en" else nullcontext():
        visitor.goto(f"/calls/{call.slug}/")
        visitor.click(f"main >> text={w['start']}")
        page.fill("#id_title", "Food processing and the circular economy")
        page.fill("#id_acronym", "FOODLOOP")
        page.select_option(
            "#id_thematic_field", value=str(call.published_version.thematic_fields.get(code="industry-4-0").pk)
        )
        visitor.click(f"text={w['create']}")
        assert w["created"] in page.content()
        application = Application.objects.get(acronym="FOODLOOP")

        visitor.click(f"text={w['consortium'](1)}")
        for org, key in ((university, False), (international, True), (cluster, False)):
            page.select_option("#id_organisation", label=org.name)
            if key:
                page.check("#id_is_key_partner")
            page.set_input_files("#id_letter", letter)
            visitor.click(f"main button:has-text('{w['add']}')")
            assert w["added"](org.name) in page.content()

        # Four organisations: the eligibility check says what is missing, in plain language.
        visitor.click("main a:text-is('FOODLOOP')")
        eligibility = page.inner_text("#eligibility")
        assert w["needs"](4) in eligibility

        visitor.click(f"text={w['consortium'](4)}")
        page.select_option("#id_organisation", label=ict.name)
        # HTMX previews the effect of the choice before anything is saved.
        page.wait_for_selector("#eligibility-preview li")
        preview = page.inner_text("#eligibility-preview")
        assert w["needs"](5) in preview
        assert w["would_meet"] in preview
        visitor.check_accessibility()
        page.set_input_files("#id_letter", letter)
        visitor.click(f"main button:has-text('{w['add']}')")

        # The six sections one after the other: "Save and continue" leads to the next, the last to the plan.
        visitor.click("main a:text-is('FOODLOOP')")
        visitor.click(f"text={w['first_section']}")
        for step, kind in enumerate(
            ["strategic_relevance", "technology", "market", "stakeholders", "collaboration", "resources"], start=1
        ):
            assert w["section"](step) in page.content()
            page.fill("#id_body", f"Our {kind} text. " * 12)
            visitor.click("main button[name=continue]")
            assert w["saved"](kind) in page.content()
        assert application.sections.get(kind="resources").body.startswith("Our resources text.")
        page.fill("#id_duration_years", "7")
        # A cell is checked as the person leaves it: its message appears beside it without a page load, in the
        # reader's language, and goes when the amount is put right.
        page.fill("#id_cost-management-1", "100 000 eur")
        page.press("#id_cost-management-1", "Tab")
        page.wait_for_selector("#id_cost-management-1_error")
        assert w["not_an_amount"] in page.inner_text("#id_cost-management-1-field")
        assert page.get_attribute("#id_cost-management-1", "aria-invalid") == "true"
        page.fill("#id_cost-management-1", "100000")
        page.press("#id_cost-management-1", "Tab")
        page.wait_for_selector("#id_cost-management-1_error", state="detached")
        for year in range(1, 8):
            page.fill(f"#id_cost-management-{year}", "100000")
            page.fill(f"#id_income-grant-{year}", str(90000 - 5000 * year))
            page.fill(f"#id_income-membership_fees-{year}", str(10000 + 5000 * year))
        visitor.click(f"text={w['save_plan']}")
        assert w["plan_saved"] in page.content(), page.inner_text("main")[:3000]
        assert w["share"] in page.content()  # own-funding share of year 1

        visitor.click("main a:text-is('FOODLOOP')")
        assert w["meets"] in page.content()
        visitor.click(f"main button:has-text('{w['submit']}')")
        assert w["submitted"] in page.content()
        application.refresh_from_db()
        assert application.state == "submitted"
        assert application.snapshots.get().data["partners"][0]["role"] == "coordinator"


def test_submission_after_the_deadline_is_refused_with_a_clear_message(visitor, applicant_a, call):
    application = make_application(applicant_a, call, applicant_a.memberships.get().organisation, complete=True)
    version = call.published_version
    CallVersion.objects.filter(pk=version.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    visitor.log_in(applicant_a.email, PASSWORD)
    visitor.goto(f"/applications/{application.pk}/")
    visitor.click("text=Submit the application")
    assert "The deadline for this call passed on" in visitor.page.content()
    application.refresh_from_db()
    assert application.state == "draft"


def test_lithuanian_pages_pass_the_accessibility_check(visitor, applicant_a, call):
    visitor.goto("/")
    visitor.click("button[lang=lt]")
    assert "Atviri kvietimai" in visitor.page.content()
    visitor.goto(f"/calls/{call.slug}/")
    assert "Paraiškų pateikimo terminas" in visitor.page.content()


def test_applicant_b_cannot_open_applicant_as_application_in_the_browser(visitor, applicant_a, applicant_b, call):
    application = make_application(applicant_a, call, applicant_a.memberships.get().organisation, complete=True)
    visitor.log_in(applicant_b.email, PASSWORD)
    response = visitor.page.goto(f"{visitor.base_url}/applications/{application.pk}/")
    assert response.status == 404
    assert "PART" not in visitor.page.content()


def test_the_style_guide_passes_the_accessibility_check_in_both_languages(visitor):
    visitor.goto("/style-guide/")
    assert visitor.page.locator("section.style-sample").count() == 2
    assert visitor.page.locator("section[lang=lt] .step-current").inner_text().endswith("Pateikta")
