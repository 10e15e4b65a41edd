"""The start page leads with what waits for the person, nearest deadline first, and shows nobody else's work."""

import html
import re
from datetime import date, datetime, timedelta

from django.utils import timezone

from innopart.applications import services as application_services
from innopart.calls.enums import Criterion
from innopart.calls.models import CallVersion
from innopart.core.worklist import Item, by_deadline
from innopart.evaluation import selectors, services
from innopart.evaluation.enums import Phase
from innopart.partnerships import monitoring

from ..evaluation.conftest import run_to
from ..partnerships.conftest import report_year_one


def waiting(client, user) -> str:
    """The text of the "Waiting for you" section, tags and extra spaces removed."""
    client.force_login(user)
    page = client.get("/start/").text
    part = page.split('id="waiting-title"')[1].split("</section>")[0]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part)))


def current(client, user) -> str:
    client.force_login(user)
    part = client.get("/start/").text.split('id="current-title"')[1].split("</section>")[0]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part)))


def test_the_nearest_deadline_comes_first_and_work_without_one_last():
    # Fixed moments, not the clock: "five minutes from now" would fall on tomorrow in a day's last five minutes.
    noon = timezone.make_aware(datetime(2026, 3, 10, 12, 0))
    later = Item("later", "/b/", due=noon + timedelta(days=3))
    undated = Item("undated", "/c/")
    # A date is due at the end of its day: today's date comes after a moment earlier today... and before tomorrow.
    today = Item("today", "/d/", due=noon.date())
    soon = Item("soon", "/a/", due=noon + timedelta(minutes=5))
    assert [i.text for i in by_deadline([undated, later, today, soon])] == ["soon", "today", "later", "undated"]
    assert Item("past", "/e/", due=date(2020, 1, 1)).overdue(timezone.now())
    assert not Item("undated", "/f/").overdue(datetime(2100, 1, 1, tzinfo=timezone.get_current_timezone()))


def test_the_applicant_sees_the_draft_to_submit_until_the_deadline(client, applicant_a, applicant_b, application_a):
    version = application_a.call.published_version
    text = waiting(client, applicant_a)
    assert f"Complete and submit {application_a.acronym}" in text
    assert "(Europe/Vilnius)" in text and "Due" in text
    assert "Nothing is waiting for you" in waiting(client, applicant_b)
    # The deadline passes: the draft can no longer be submitted, so it no longer waits; it stays current work.
    CallVersion.objects.filter(pk=version.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert "Complete and submit" not in waiting(client, applicant_a)
    assert f"{application_a.acronym}: {application_a.title}" in current(client, applicant_a)


def test_a_submitted_application_waits_for_nobody_on_the_applicant_side(client, applicant_a, application_a):
    application_services.submit_application(actor=applicant_a, application=application_a)
    assert "Nothing is waiting for you" in waiting(client, applicant_a)
    assert "Submitted" in current(client, applicant_a)


def test_jurors_see_what_to_score_and_the_chair_the_conflicts_to_rule_on(client, selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    industry = selectors.juror_of(selection["jurors"]["industry"].user, evaluation)
    assert "Score 2 applications of" in waiting(client, industry.user)
    assert "0 of 2 scored" in waiting(client, industry.user)
    chair = selection["jurors"]["chair"].user
    assert "Rule on" not in waiting(client, chair)
    services.declare(
        actor=industry.user, juror=industry, application=selection["b"], level="potential", reason="Advised them."
    )
    assert "Rule on 1 declared conflict of interest" in waiting(client, chair)
    assert "Rule on" not in waiting(client, industry.user)
    assert "Jury of" in current(client, industry.user) and "Chair of the jury of" in current(client, chair)


def test_when_every_score_is_in_the_juror_has_nothing_left_to_score(client, selection, ministry_officer):
    run_to(selection, Phase.INDIVIDUAL, ministry_officer)
    assert "Score" not in waiting(client, selection["jurors"]["industry"].user)


def test_only_the_coordinator_is_asked_to_answer_the_jury_s_question(
    client, selection, ministry_officer, applicant_a, applicant_b
):
    run_to(selection, Phase.CLARIFICATION, ministry_officer)
    juror = selectors.juror_of(selection["jurors"]["industry"].user, selection["evaluation"])
    question = services.ask(
        actor=juror.user,
        juror=juror,
        application=selection["a"],
        criteria=[Criterion.IMPLEMENTATION.value],
        text="Who leads the partnership office in year one?",
    )
    assert "Answer the jury's question on ALPHA" in waiting(client, applicant_a)
    assert "ALPHA" not in waiting(client, applicant_b)
    services.answer(actor=applicant_a, question=question, text="Our director, full time from the third month.")
    assert "Answer the jury" not in waiting(client, applicant_a)


def test_a_report_waits_for_a_reviewer_then_for_a_second_person_to_decide(
    client, signed, applicant_a, reviewer, ministry_officer
):
    partnership = signed.partnership
    assert "Annual report, year 1" in waiting(client, applicant_a)
    report = report_year_one(partnership, applicant_a)
    monitoring.submit_report(actor=applicant_a, report=report)
    assert "Annual report, year 1" not in waiting(client, applicant_a)
    assert f"Review the annual report of {partnership.acronym}, year 1" in waiting(client, reviewer)
    actual = report.actuals.get()
    monitoring.review_report(
        actor=reviewer, report=report, note="Numbers match the evidence.", verification={actual.pk: True}
    )
    assert "Review the annual report" not in waiting(client, reviewer)
    assert f"Decide on the annual report of {partnership.acronym}, year 1" in waiting(client, ministry_officer)
    assert "Decide on" not in waiting(client, reviewer)
    assert "Decide on" not in waiting(client, applicant_a)


def test_a_draft_agreement_waits_for_the_partnership_then_for_the_ministry(
    client, awarded, applicant_a, ministry_officer
):
    from innopart.partnerships import agreements

    agreement = agreements.prepare_agreement(actor=ministry_officer, application=awarded)
    assert f"Sign the agreement of {agreement.partnership.acronym}" in waiting(client, applicant_a)
    assert "Countersign" not in waiting(client, ministry_officer)
    agreements.sign_for_partnership(actor=applicant_a, agreement=agreement)
    assert "Sign the agreement" not in waiting(client, applicant_a)
    assert f"Countersign the agreement of {agreement.partnership.acronym}" in waiting(client, ministry_officer)


def test_the_ministry_is_asked_to_answer_public_questions_until_the_deadline(
    client, call, applicant_a, ministry_officer
):
    from innopart.matchmaking import qa

    qa.ask(actor=applicant_a, call=call, text="May a university coordinate the partnership?")
    assert "Answer 1 public question on" in waiting(client, ministry_officer)
    assert "public question" not in waiting(client, applicant_a)
    CallVersion.objects.filter(pk=call.published_version_id).update(deadline=timezone.now() - timedelta(seconds=1))
    assert "public question" not in waiting(client, ministry_officer)


def test_the_start_page_is_in_lithuanian_for_a_lithuanian_reader(client, applicant_a, application_a):
    client.force_login(applicant_a)
    page = client.get("/start/", headers={"accept-language": "lt"}).text
    assert "Laukia jūsų" in page and "Waiting for you" not in page and "Užbaikite ir pateikite" in page
    assert re.search(r"\d{4}-\d{2}-\d{2}|\d{4} m\.", page)


def test_an_adviser_is_asked_to_read_a_draft_again_only_once_it_changed(client, applicant_a, application_a):
    from innopart.matchmaking import advice

    from ..factories import UserFactory

    adviser = UserFactory(email="adviser@mita.example", full_name="Adviser", roles=["agency_adviser"])
    assert "Nothing is waiting for you" in waiting(client, adviser)
    advice.grant(actor=applicant_a, application=application_a, adviser=adviser)
    text = waiting(client, adviser)
    assert f"Advise on {application_a.acronym}" in text and "(Europe/Vilnius)" in text
    advice.comment(actor=adviser, application=application_a, section="", text="Name the pilot's first customer.")
    assert "Nothing is waiting for you" in waiting(client, adviser)
    # The applicant rewrites a section after the comment: the draft waits for the adviser again.
    section = application_a.sections.first()
    application_services.save_section(
        actor=applicant_a, section=section, body=section.body + " A customer signed.", expected_version=section.version
    )
    assert f"Read the changes to {application_a.acronym}" in waiting(client, adviser)
    # Past the deadline advice can no longer change the draft: nothing waits.
    version = application_a.call.published_version
    CallVersion.objects.filter(pk=version.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert "Nothing is waiting for you" in waiting(client, adviser)
