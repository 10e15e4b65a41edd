"""From award to money: the ministry prepares the agreement, both sides sign, the coordinator submits a set-up
milestone and the year-one report, the agency reviews, the ministry accepts, tranches are released and paid, and the
programme view shows it. Axe checks every page."""

from contextlib import nullcontext
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from innopart.demo.pdf import simple_pdf
from innopart.partnerships import monitoring
from innopart.partnerships.models import Tranche

from ..factories import PASSWORD
from ..partnerships.conftest import awarded, report_year_one, reviewer, signed  # noqa: F401  (the fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_award_to_a_released_tranche(visitor, awarded, reviewer, applicant_a, ministry_officer, tmp_path):  # noqa: F811
    page = visitor.page
    evidence = tmp_path / "minutes.pdf"
    evidence.write_bytes(simple_pdf("Minutes of the partnership board"))

    # The ministry prepares the agreement from the programme view.
    visitor.log_in(ministry_officer.email, PASSWORD)
    visitor.goto("/programme/")
    visitor.click("text=Prepare the funding agreement")
    page.fill("#id_start_date", (timezone.localdate() - timedelta(days=400)).isoformat())
    page.fill("#id_duration_years", "12")
    visitor.click("main button[type=submit]")
    assert "The call funds partnerships for 7 to 10 years." in page.content()
    page.fill("#id_duration_years", "7")
    visitor.click("main button[type=submit]")
    assert "ready for the partnership" in page.content()
    agreement_url = page.url

    # The coordinator signs, then the ministry countersigns: the first advance is released.
    page.context.clear_cookies()
    visitor.log_in(applicant_a.email, PASSWORD)
    visitor.goto(agreement_url.removeprefix(visitor.base_url))
    visitor.click("text=Sign for the partnership")
    page.context.clear_cookies()
    visitor.log_in(ministry_officer.email, PASSWORD)
    visitor.goto(agreement_url.removeprefix(visitor.base_url))
    visitor.click("text=Countersign for the ministry")
    assert "in force" in page.content()
    visitor.click("main nav >> text=Overview")
    assert "Set-up phase" in page.content() or "Delivery phase" in page.content()
    overview = page.url.removeprefix(visitor.base_url)

    # The coordinator: a set-up milestone with its evidence, an indicator, and the year-one report.
    page.context.clear_cookies()
    visitor.log_in(applicant_a.email, PASSWORD)
    visitor.goto(overview)
    visitor.click("text=Innovation Partnership management set up")
    page.fill("#id_report", "The coordination office is staffed and the board met twice.")
    page.set_input_files("#id_evidence", str(evidence))
    visitor.click("text=Submit the milestone")
    assert "Milestone submitted" in page.content()
    visitor.click("main nav >> text=KPIs")
    page.select_option("#id_kind", "members")
    page.fill("#id_baseline", "6")
    page.fill("#id_baseline_year", "2024")
    page.fill("#id_targets", "8; 10; 12")
    visitor.click("text=Save the indicator")
    assert "Indicator saved." in page.content()
    visitor.goto(overview)
    visitor.click("main table >> text=Year 1")
    page.fill("#id_narrative", "The office opened, four pilot projects started and two SMEs joined the partnership.")
    page.fill("#id_public_summary", "The partnership office opened and four pilot projects started.")
    page.fill("#id_own_resources", "40000")
    kpi_input = page.locator("input[id^=id_kpi_]")
    kpi_input.fill("9")
    page.select_option("select[id^=id_unit_]", "percent")
    visitor.click("text=Submit to the ministry")
    assert "Members involved is measured in number; the figure was given in %." in page.content()
    page.select_option("select[id^=id_unit_]", "count")
    visitor.click("text=Submit to the ministry")
    assert "Report submitted to the ministry." in page.content()
    report_url = page.url.removeprefix(visitor.base_url)

    # The agency reviews; the ministry accepts the milestone and the report.
    page.context.clear_cookies()
    visitor.log_in(reviewer.email, PASSWORD)
    with visitor.task("review an annual report"):
        visitor.click("text=Review the annual report of")
        page.fill("#id_note", "The member list matches the count.")
        page.select_option("select[id^=id_verify_]", "verified")
        visitor.click("text=Record the review")
        assert "a second person decides" in page.content()
    page.context.clear_cookies()
    visitor.log_in(ministry_officer.email, PASSWORD)
    visitor.goto(report_url)
    page.check("input[value=accept]")
    visitor.click("text=Record the decision")
    assert "Decision recorded." in page.content()
    visitor.goto(overview)
    visitor.click("text=Innovation Partnership management set up")
    page.check("input[value=accept]")
    visitor.click("text=Record the gate review")
    assert "Gate review recorded." in page.content()

    # Year 2's advance was released by the accepted report; the ministry pays it.
    advance = Tranche.objects.get(year=2, number=1)
    assert advance.state == "released" and advance.amount > 0
    visitor.goto(overview)
    visitor.click("text=Record payment 2.1")
    page.fill("#id_reference", "EIMIN-2-1")
    visitor.click("text=Record the payment")
    assert "Payment recorded." in page.content()

    # The programme view shows the partnership with its money.
    visitor.goto("/programme/")
    row = page.locator("main table").first.inner_text()
    assert "PART" in row and "410,000" in row and "4 / 0" not in row
    assert "1 / 4" in row  # one milestone accepted of four
    # The plans and the projection pass the accessibility check too.
    visitor.goto(overview + "plans/")
    assert "Action plan" in page.content()
    visitor.goto(overview + "projection/")
    assert "Own resources" in page.content()
    # The public sees the funded partnership and its money, nothing more.
    page.context.clear_cookies()
    visitor.goto("/funded-partnerships/")
    assert "PART: Partnership" in page.content() and "410,000" in page.content()
    # Its public record: what the money bought, the accepted report's summary, never the narrative.
    visitor.click("text=PART: Partnership")
    assert "The partnership office opened and four pilot projects started." in page.content()
    assert "two SMEs joined the partnership" not in page.content()
    assert "Reached, accepted on" in page.content()


@pytest.mark.parametrize("language", ["en", "lt"])
def test_the_agency_reviews_an_annual_report_from_its_start_page(visitor, signed, reviewer, applicant_a, language):  # noqa: F811
    """The agency's review, in either language, axe on every page: the start page leads to the report."""
    report = report_year_one(signed.partnership, applicant_a)
    monitoring.submit_report(actor=applicant_a, report=report)
    with translation.override(language):
        review_it = translation.gettext("Review the annual report of %(acronym)s, year %(year)d") % {
            "acronym": signed.partnership.acronym,
            "year": 1,
        }
        record, recorded = (
            translation.gettext("Record the review"),
            translation.gettext("Review recorded; a second person decides."),
        )
    page = visitor.page
    visitor.log_in(reviewer.email, PASSWORD)
    if language == "lt":
        visitor.click("button[lang=lt]")
    with visitor.task("review an annual report") if language == "en" else nullcontext():
        visitor.click(f"text={review_it}")
        page.fill("#id_note", "The member list matches the count.")
        page.select_option("select[id^=id_verify_]", "verified")
        visitor.click(f"text={record}")
        assert recorded in page.content()
    assert page.locator("html").get_attribute("lang") == language
    report.refresh_from_db()
    assert report.state == "reviewed" and report.reviewed_by == reviewer
