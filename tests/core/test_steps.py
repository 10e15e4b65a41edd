from innopart.applications.enums import APPLICATION_NEXT_STEPS, APPLICATION_STEPS
from innopart.core.steps import progress
from innopart.evaluation.enums import PHASE_NEXT_STEPS, PHASE_STEPS


def states(result):
    return [(step.label, step.state) for step in result.steps]


def test_the_steps_before_are_done_the_current_one_marked_and_the_rest_to_do():
    result = progress(PHASE_STEPS, "clarification", PHASE_NEXT_STEPS)
    assert states(result)[:4] == [
        ("Jury set-up", "done"),
        ("Individual scoring", "done"),
        ("Clarification", "current"),
        ("Consensus", "todo"),
    ]
    assert result.current == "Clarification"
    assert result.next_step.startswith("Jurors ask, coordinators answer")


def test_the_last_step_reached_is_done_and_a_side_state_stands_at_its_step_under_its_own_name():
    assert states(progress(PHASE_STEPS, "published", PHASE_NEXT_STEPS))[-1] == ("Results published", "done")
    withdrawn = progress(APPLICATION_STEPS, "withdrawn", APPLICATION_NEXT_STEPS, at="decided")
    assert states(withdrawn) == [("Draft", "done"), ("Submitted", "done"), ("Withdrawn", "current")]
    assert withdrawn.next_step == "Withdrawn by the consortium: nothing more happens to it."
    awarded = progress(APPLICATION_STEPS, "awarded", APPLICATION_NEXT_STEPS, at="decided")
    assert states(awarded)[-1] == ("Awarded", "current")
    assert "funding agreement" in awarded.next_step


def test_the_application_page_says_where_it_stands_and_who_acts_next(client, applicant_a, application_a):
    client.force_login(applicant_a)
    page = client.get(f"/applications/{application_a.pk}/").text
    assert 'aria-current="step"><span class="visually-hidden">Now: </span>Draft</li>' in page
    assert "The coordinator completes the sections, consortium and plan" in page
