"""The selection in the browser: a juror declares and scores, the chair runs clarification and consensus, the
ministry awards and publishes, and an unsuccessful applicant reads how to improve. Axe checks every page."""

from contextlib import nullcontext
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from innopart.calls.enums import Criterion
from innopart.calls.models import CallVersion
from innopart.evaluation import selectors, services
from innopart.evaluation.enums import Phase
from innopart.evaluation.models import Declaration

from ..evaluation.conftest import run_to, score_everything, selection  # noqa: F401  (the fixture)
from ..factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_selection_from_scoring_to_the_decision_letter(visitor, selection, ministry_officer, applicant_b, call):  # noqa: F811
    evaluation, jurors = selection["evaluation"], selection["jurors"]
    CallVersion.objects.filter(pk=call.published_version_id).update(min_awards=1)
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    # Everyone but the juror at the browser has scored already.
    score_everything(selection, except_jurors=("industry",))
    page, slug = visitor.page, call.slug

    # The juror: declare, read, score, submit, and only then see the others' scores.
    visitor.log_in("industry@jury.example", PASSWORD)
    for app, value in ((selection["b"], "3.0"), (selection["a"], "4.5")):
        with visitor.task("score an application") if app == selection["b"] else nullcontext():
            if app == selection["b"]:  # from the start page, where logging in leads
                visitor.click("text=Score 2 applications of")
            else:
                visitor.goto(f"/jury/{slug}/")
            visitor.click(f"text={app.acronym}: Partnership")
            assert "Conflicts of interest" in page.content()
            page.check("input[value=none]")
            visitor.click("main button:has-text('Declare')")
            assert "appear once you have submitted yours" in page.content(), page.inner_text("main")[:800]
            assert "Juror chair" not in page.content()
            for criterion in Criterion:
                page.select_option(f"#id_{criterion.value}-score", value)
                page.fill(f"#id_{criterion.value}-justification", "Solid analysis with named buyers and numbers.")
                page.fill(f"#id_{criterion.value}-improvement", "Add a timetable for new members.")
            visitor.click("text=Submit the scores")
            assert "Your scores were submitted." in page.content()
            assert "Juror chair" in page.content()

    # The chair: deadline, clarification, consensus.
    visitor.page.context.clear_cookies()
    visitor.log_in("chair@jury.example", PASSWORD)
    visitor.goto(f"/jury/{slug}/")
    page.fill("#id_deadline", (timezone.localtime() + timezone.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"))
    visitor.click("text=Set the deadline for answers")
    visitor.click("text=Move on to: Clarification")
    assert "Phase: Clarification" in page.content()
    visitor.click("text=Move on to: Consensus")
    assert "Phase: Consensus" in page.content(), page.inner_text("main")[:600]
    chair = jurors["chair"].user
    for app, value in ((selection["a"], "4.5"), (selection["b"], "3.0")):
        for criterion in Criterion:
            if app == selection["b"] and criterion == Criterion.POTENTIAL:
                continue  # recorded in the browser below
            services.record_consensus(
                actor=chair,
                evaluation=evaluation,
                application=app,
                criterion=criterion.value,
                score=Decimal(value),
                strengths="Committed partners.",
                weaknesses="Few SMEs.",
                improvement=f"Improve {criterion.label} with data.",
            )
    visitor.goto(f"/jury/{slug}/applications/{selection['b'].pk}/")
    page.select_option("#id_potential-score", "3.0")
    page.fill("#id_potential-strengths", "A clear technological vision.")
    page.fill("#id_potential-weaknesses", "The market is not sized.")
    page.fill("#id_potential-improvement", "Size the market with buyers' letters and prices.")
    visitor.click("text=Record the consensus on Potential for development and innovation")
    assert "was recorded" in page.content()
    visitor.goto(f"/jury/{slug}/")
    visitor.click("text=Move on to: Decision")
    assert "Phase: Decision" in page.content()

    # The ministry: award and publish, confirming identity.
    visitor.page.context.clear_cookies()
    visitor.log_in(ministry_officer.email, PASSWORD)
    with visitor.task("award"):
        visitor.click("text=decide the award")
        assert "Rank 1 with a weighted total of 4.50" in page.content()
        page.check(f"#id_awarded input[value='{selection['a'].pk}']")
        page.fill("#id_password", PASSWORD)
        visitor.click("text=Record the decision")
        assert "The decision was recorded." in page.content()
        page.fill("#id_password", PASSWORD)
        visitor.click("main button:has-text('Publish the results')")
        assert "The results are published." in page.content()
    visitor.goto(f"/calls/{slug}/results/")
    assert "ALPHA" in page.content()

    # The unsuccessful applicant reads how to improve, on the page and in the PDF.
    visitor.page.context.clear_cookies()
    visitor.log_in(applicant_b.email, PASSWORD)
    visitor.goto(f"/applications/{selection['b'].pk}/")
    visitor.click("main a:has-text('Decision letter')")
    assert "has not been selected this time" in page.content()
    assert (
        "Size the market with buyers&#x27; letters and prices." in page.content()
        or "Size the market with buyers' letters and prices." in page.content()
    )
    with page.expect_download() as download:
        page.click("text=PDF in English")
    path = download.value.path()
    assert path.read_bytes()[:5] == b"%PDF-"


def _in_lithuanian(visitor):
    """Switch the page to Lithuanian with the header's language buttons, as a reader does."""
    visitor.click("button[lang=lt]")
    assert visitor.page.locator("html").get_attribute("lang") == "lt"


@pytest.mark.parametrize("language", ["en", "lt"])
def test_the_chair_rules_on_a_declared_conflict_from_the_start_page(visitor, selection, ministry_officer, language):  # noqa: F811
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    juror = selectors.juror_of(selection["jurors"]["industry"].user, evaluation)
    services.declare(
        actor=juror.user, juror=juror, application=selection["b"], level="potential", reason="I advised them in 2025."
    )
    with translation.override(language):
        rule_on = translation.ngettext(
            "Rule on %(count)d declared conflict of interest (%(call)s)",
            "Rule on %(count)d declared conflicts of interest (%(call)s)",
            1,
        ) % {"count": 1, "call": evaluation.call.published_version.title}
        record, recorded = translation.gettext("Record the ruling"), translation.gettext("The ruling was recorded.")
    page = visitor.page
    visitor.log_in("chair@jury.example", PASSWORD)
    if language == "lt":
        _in_lithuanian(visitor)
    # The task is measured in English; the Lithuanian run checks the same way in the other language.
    with visitor.task("rule on a conflict") if language == "en" else nullcontext():
        visitor.click(f"text={rule_on}")
        assert "I advised them in 2025." in page.content()
        page.check("main form:has-text('I advised them') input[type=radio] >> nth=1")
        page.fill("main form:has-text('I advised them') textarea", "Advice on another topic; no interest in BETA.")
        visitor.click(f"text={record}")
        assert recorded in page.content()
    declaration = Declaration.objects.get(juror=juror)
    assert declaration.ruling in ("cleared", "conflicted") and declaration.ruled_by.email == "chair@jury.example"


@pytest.mark.parametrize("language", ["en", "lt"])
def test_the_coordinator_answers_the_jury_s_question_from_the_start_page(
    visitor,
    selection,  # noqa: F811
    ministry_officer,
    applicant_a,
    language,
):
    run_to(selection, Phase.CLARIFICATION, ministry_officer)
    evaluation = selection["evaluation"]
    juror = selectors.juror_of(selection["jurors"]["industry"].user, evaluation)
    question = services.ask(
        actor=juror.user,
        juror=juror,
        application=selection["a"],
        criteria=[Criterion.IMPLEMENTATION.value],
        text="Who leads the partnership office in year one?",
    )
    with translation.override(language):
        answer_it = translation.ngettext(
            "Answer the jury's question on %(acronym)s", "Answer the jury's %(count)d questions on %(acronym)s", 1
        ) % {"count": 1, "acronym": "ALPHA"}
        send = translation.gettext("Send the answer")
    page = visitor.page
    visitor.log_in(applicant_a.email, PASSWORD)
    if language == "lt":
        _in_lithuanian(visitor)
    with visitor.task("answer a clarification question") if language == "en" else nullcontext():
        visitor.click(f"text={answer_it}")
        assert "Who leads the partnership office in year one?" in page.content()
        page.fill(f"#answer-{question.pk}-text", "Our director, full time from the third month.")
        visitor.click(f"text={send}")
        assert "Our director, full time from the third month." in page.content()
    assert question.answers.get().text == "Our director, full time from the third month."


@pytest.mark.parametrize("language", ["en", "lt"])
def test_a_juror_declares_and_scores_from_the_start_page(visitor, selection, ministry_officer, language):  # noqa: F811
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    application = selection["b"]
    with translation.override(language):
        score_them = translation.ngettext(
            "Score %(count)d application of %(call)s", "Score %(count)d applications of %(call)s", 2
        ) % {"count": 2, "call": evaluation.call.published_version.title}
        declare, submit = translation.gettext("Declare"), translation.gettext("Submit the scores")
        submitted = translation.gettext("Your scores were submitted.")
    page = visitor.page
    visitor.log_in("industry@jury.example", PASSWORD)
    if language == "lt":
        _in_lithuanian(visitor)
    with visitor.task("score an application") if language == "en" else nullcontext():
        visitor.click(f"text={score_them}")
        visitor.click(f"text={application.acronym}: Partnership")
        page.check("input[value=none]")
        visitor.click(f"main button:has-text('{declare}')")
        for criterion in Criterion:
            page.select_option(f"#id_{criterion.value}-score", "3.5")
            page.fill(f"#id_{criterion.value}-justification", "Named buyers, a costed plan.")
            page.fill(f"#id_{criterion.value}-improvement", "Add a timetable for new members.")
        visitor.click(f"text={submit}")
        assert submitted in page.content()
    assert page.locator("html").get_attribute("lang") == language
    juror = selectors.juror_of(selection["jurors"]["industry"].user, evaluation)
    review = juror.reviews.get(application=application)
    assert review.state == "submitted" and {str(s.score) for s in review.scores.all()} == {"3.5"}


@pytest.mark.parametrize("language", ["en", "lt"])
def test_the_ministry_awards_and_publishes_from_the_start_page(visitor, selection, ministry_officer, call, language):  # noqa: F811
    CallVersion.objects.filter(pk=call.published_version_id).update(min_awards=1)
    run_to(selection, Phase.DECISION, ministry_officer)
    with translation.override(language):
        decide = translation.gettext("Rank the applications of %(call)s and decide the award") % {
            "call": call.published_version.title
        }
        record, recorded = translation.gettext("Record the decision"), translation.gettext("The decision was recorded.")
        publish, published = (
            translation.gettext("Publish the results"),
            translation.gettext("The results are published."),
        )
    page = visitor.page
    visitor.log_in(ministry_officer.email, PASSWORD)
    if language == "lt":
        _in_lithuanian(visitor)
    with visitor.task("award") if language == "en" else nullcontext():
        visitor.click(f"text={decide}")
        page.check(f"#id_awarded input[value='{selection['a'].pk}']")
        page.fill("#id_password", PASSWORD)
        visitor.click(f"text={record}")
        assert recorded in page.content()
        page.fill("#id_password", PASSWORD)
        visitor.click(f"main button:has-text('{publish}')")
        assert published in page.content()
    assert page.locator("html").get_attribute("lang") == language
    selection["a"].refresh_from_db()
    assert selection["a"].state == "awarded"
