from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from innopart.calls.enums import Criterion
from innopart.core.models import AuditEntry
from innopart.evaluation import selectors, services
from innopart.evaluation.enums import Phase
from innopart.evaluation.letters import letter_pdf, letter_problems
from innopart.evaluation.models import Declaration, Score

from ..factories import PASSWORD
from .conftest import run_to, scores

pytestmark = pytest.mark.django_db


def test_affiliation_with_a_consortium_member_is_detected(selection):
    conflicted = selection["jurors"]["conflicted"]
    reasons = selectors.detected_conflicts(conflicted, selection["a"])
    assert reasons == [f"Works for {selection['partner_org'].name}, a member of the consortium."]
    assert not selectors.detected_conflicts(conflicted, selection["b"])
    assert conflicted not in selectors.panel(selection["evaluation"], selection["a"])


def test_a_recent_past_affiliation_counts_and_an_old_one_does_not(selection, ministry_officer):
    from datetime import timedelta

    from innopart.evaluation.models import PastAffiliation

    juror = selection["jurors"]["industry"]
    org = selection["b"].coordinator
    PastAffiliation.objects.create(juror=juror, organisation=org, ended_on=timezone.localdate() - timedelta(days=300))
    assert selectors.detected_conflicts(juror, selection["b"])
    PastAffiliation.objects.filter(juror=juror).update(ended_on=timezone.localdate() - timedelta(days=4 * 365))
    assert not selectors.detected_conflicts(juror, selection["b"])


def test_scoring_cannot_start_without_an_industry_majority(selection, ministry_officer):
    evaluation = selection["evaluation"]
    evaluation.jurors.filter(user__email__in=["industry@jury.example", "second@jury.example"]).update(sector="academia")
    with pytest.raises(ValidationError) as error:
        services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    assert any("industry needs a majority" in m for m in error.value.messages)
    evaluation.refresh_from_db()
    assert evaluation.phase == Phase.SETUP


def test_scoring_cannot_start_before_the_deadline(selection, ministry_officer, call):
    from innopart.calls.models import CallVersion

    CallVersion.objects.filter(pk=call.published_version_id).update(deadline=timezone.now() + timezone.timedelta(1))
    evaluation = selection["evaluation"]
    evaluation.call.refresh_from_db()
    with pytest.raises(ValidationError, match="after the application deadline"):
        services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)


def test_a_potential_conflict_blocks_until_the_chair_rules(selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    juror = selectors.juror_of(selection["jurors"]["industry"].user, evaluation)
    services.declare(
        actor=juror.user,
        juror=juror,
        application=selection["b"],
        level="potential",
        reason="I advised the coordinator last year.",
    )
    juror = selectors.juror_of(juror.user, evaluation)
    assert selectors.access(juror, selection["b"]).blocked
    declaration = Declaration.objects.get(juror=juror)
    with pytest.raises(PermissionDenied):
        services.rule(actor=juror.user, declaration=declaration, conflicted=False, reason="self")
    services.rule(
        actor=selection["jurors"]["chair"].user,
        declaration=declaration,
        conflicted=False,
        reason="Advice was unpaid and ended.",
    )
    juror = selectors.juror_of(juror.user, evaluation)
    assert selectors.access(juror, selection["b"]).can_see_content
    assert AuditEntry.objects.filter(action="evaluation.conflict_ruled", to_state="cleared").exists()


def test_submitting_needs_a_justification_and_advice_for_every_criterion(selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    juror = selectors.juror_of(selection["jurors"]["industry"].user, evaluation)
    services.declare(actor=juror.user, juror=juror, application=selection["a"], level="none")
    juror = selectors.juror_of(juror.user, evaluation)
    with pytest.raises(ValidationError) as error:
        services.save_review(
            actor=juror.user,
            juror=juror,
            application=selection["a"],
            submit=True,
            scores=scores(justification="short", improvement=""),
        )
    assert "potential-justification" in error.value.message_dict
    assert "future-improvement" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.save_review(
            actor=juror.user, juror=juror, application=selection["a"], submit=False, scores=scores(value="4.3")
        )


def test_a_conflicted_juror_cannot_score(selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    juror = selectors.juror_of(selection["jurors"]["conflicted"].user, evaluation)
    with pytest.raises(PermissionDenied):
        services.save_review(actor=juror.user, juror=juror, application=selection["a"], submit=True, scores=scores())


def test_phases_wait_for_every_review_and_every_consensus(selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    evaluation.clarification_deadline = timezone.now() + timezone.timedelta(days=3)
    evaluation.save()
    with pytest.raises(ValidationError) as error:
        services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.CLARIFICATION)
    assert any("has not submitted the scores of" in m for m in error.value.messages)


def test_clarification_answers_are_versioned_and_only_touched_criteria_are_rescored(
    selection, ministry_officer, applicant_a
):
    run_to(selection, Phase.CLARIFICATION, ministry_officer)
    evaluation = selection["evaluation"]
    juror = selectors.juror_of(selection["jurors"]["industry"].user, evaluation)
    question = services.ask(
        actor=juror.user,
        juror=juror,
        application=selection["a"],
        criteria=[Criterion.IMPLEMENTATION.value],
        text="Who leads the office in year one?",
    )
    services.answer(actor=applicant_a, question=question, text="Our director, half time.")
    services.answer(actor=applicant_a, question=question, text="Our director, full time from month three.")
    assert list(question.answers.values_list("version", flat=True)) == [2, 1]
    touched = Score.objects.get(review__juror=juror, review__application=selection["a"], criterion="implementation")
    services.revise_score(actor=juror.user, score=touched, value="5.0", question=question)
    assert touched.revisions.get().before == Decimal("4.5") and touched.score == Decimal("5.0")
    other = Score.objects.get(review__juror=juror, review__application=selection["a"], criterion="potential")
    with pytest.raises(ValidationError, match="Only criteria that an answered question concerns"):
        services.revise_score(actor=juror.user, score=other, value="5.0", question=question)
    late = evaluation.clarification_deadline + timezone.timedelta(seconds=1)
    with pytest.raises(ValidationError, match="deadline for answers has passed"):
        services.answer(actor=applicant_a, question=question, text="late", now=late)


def test_award_checks_identity_thresholds_and_numbers(selection, ministry_officer, call):
    run_to(selection, Phase.DECISION, ministry_officer)
    evaluation = selection["evaluation"]
    a, b = selection["a"], selection["b"]
    with pytest.raises(ValidationError, match="password"):
        services.award(actor=ministry_officer, evaluation=evaluation, awarded=[a], reserve=[], password="wrong")
    with pytest.raises(ValidationError, match="awards 2 to 3 partnerships; 1 were chosen"):
        services.award(actor=ministry_officer, evaluation=evaluation, awarded=[a], reserve=[], password=PASSWORD)
    with pytest.raises(ValidationError, match="Below a threshold"):
        services.award(actor=ministry_officer, evaluation=evaluation, awarded=[a, b], reserve=[], password=PASSWORD)
    from innopart.calls.models import CallVersion

    CallVersion.objects.filter(pk=call.published_version_id).update(min_awards=1)
    evaluation.call.refresh_from_db()
    services.award(actor=ministry_officer, evaluation=evaluation, awarded=[a], reserve=[], password=PASSWORD)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.state, b.state) == ("awarded", "not_selected")
    services.publish_results(actor=ministry_officer, evaluation=evaluation, password=PASSWORD)
    evaluation.refresh_from_db()
    assert evaluation.phase == Phase.PUBLISHED and evaluation.results_published_at


def test_letters_pass_the_quality_gate_and_render_as_pdf(selection, ministry_officer):
    run_to(selection, Phase.DECISION, ministry_officer)
    assert letter_problems(selection["b"]) == []
    pdf = letter_pdf(selection["b"], "lt")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 2000
    from innopart.evaluation.models import ConsensusScore

    ConsensusScore.objects.filter(application=selection["b"], criterion="future").update(improvement="")
    assert letter_problems(selection["b"]) == [
        "“Future-orientation and sustainability” lacks strengths, weaknesses or advice on how to improve."
    ]
