"""Two people (or two tabs) edit the same thing in the selection: the later save from an older page is refused with
what is stored now, and nothing of it is written. Juror's scores, the chair's consensus, the panels, the scoring
deadline and the coordinator's appointment."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from innopart.calls.models import CallVersion
from innopart.core.models import AuditEntry
from innopart.evaluation import selectors, services
from innopart.evaluation.enums import Phase
from innopart.evaluation.models import ConsensusScore, CoordinatorAppointment, Review

from ..factories import PASSWORD
from .conftest import run_to

pytestmark = pytest.mark.django_db
STALE = "Someone else saved this while you were editing"


def _tabs(user, url, name="edit_token"):
    """Two sessions of one person that have both read `url`; each with the token its page carried."""
    tabs = []
    for _ in range(2):
        client = Client()
        client.force_login(user)
        page = client.get(url).content.decode()
        tabs.append((client, _token(page, name)))
    return tabs


def _token(page: str, name: str = "edit_token") -> str:
    found = re.search(rf'<input type="hidden" name="{re.escape(name)}"(?: value="([^"]*)")?', page)
    assert found, f"the page has no {name}"
    return found.group(1) or ""


def _scores(value: str, token: str) -> dict:
    data = {"scores": "1", "save": "1", "edit_token": token}
    for criterion in ("potential", "network", "implementation", "future"):
        data |= {f"{criterion}-score": value, f"{criterion}-justification": f"Scored {value} on {criterion}."}
    return data


def test_a_jurors_second_tab_cannot_overwrite_the_scores_saved_in_the_first(selection, ministry_officer):
    evaluation, application = selection["evaluation"], selection["b"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    juror = selection["jurors"]["industry"]
    services.declare(actor=juror.user, juror=juror, application=application, level="none")
    url = f"/jury/{evaluation.call.slug}/applications/{application.pk}/"
    (first, first_token), (second, second_token) = _tabs(juror.user, url)
    assert first_token == second_token == ""  # nothing scored yet: both pages saw no review

    assert first.post(url, _scores("4.0", first_token)).status_code == 302
    refused = second.post(url, _scores("2.0", second_token))
    assert refused.status_code == 200, refused
    assert STALE in refused.text and "Scored 4.0 on potential" in refused.text
    assert 'value="2.0" selected' in refused.text or "Scored 2.0 on potential" in refused.text  # input kept
    review = Review.objects.get(juror=juror, application=application)
    assert {str(s.score) for s in review.scores.all()} == {"4.0"}

    again = second.post(url, _scores("2.0", _token(refused.text)))
    assert again.status_code == 302
    assert {str(s.score) for s in review.scores.all()} == {"2.0"}


def test_the_chairs_older_consensus_form_does_not_overwrite_a_newer_one(selection, ministry_officer):
    run_to(selection, Phase.CONSENSUS, ministry_officer)
    evaluation, application = selection["evaluation"], selection["a"]
    chair = selection["jurors"]["chair"].user
    page = f"/jury/{evaluation.call.slug}/applications/{application.pk}/"
    url = f"{page}consensus/potential/"
    (first, first_token), (second, second_token) = _tabs(chair, page, "potential-edit_token")
    form = {
        "potential-criterion": "potential",
        "potential-score": "4.0",
        "potential-weaknesses": "Thin roadmap.",
        "potential-improvement": "Quantify the market.",
    }
    first.post(url, form | {"potential-strengths": "Agreed in the meeting.", "potential-edit_token": first_token})
    refused = second.post(
        url, form | {"potential-strengths": "An older text.", "potential-edit_token": second_token}, follow=True
    )
    assert STALE in refused.text and "Agreed in the meeting." in refused.text and "An older text." in refused.text
    stored = ConsensusScore.objects.get(application=application, criterion="potential")
    assert stored.strengths == "Agreed in the meeting."


def test_panels_formed_from_an_older_page_are_refused(selection, ministry_officer):
    evaluation = selection["evaluation"]
    url = f"/manage/calls/{evaluation.call.slug}/jury/"
    (first, first_token), (second, second_token) = _tabs(ministry_officer, url)
    first.post(url, {"panel_size": "2", "max_load": "", "edit_token": first_token})
    evaluation.refresh_from_db()
    assert evaluation.panel_size == 2
    refused = second.post(url, {"panel_size": "3", "max_load": "", "edit_token": second_token}, follow=True)
    assert STALE in refused.text and "3 / —" in refused.text
    evaluation.refresh_from_db()
    assert evaluation.panel_size == 2


def test_the_scoring_deadline_is_set_once_per_page_and_audited(selection, ministry_officer):
    evaluation = selection["evaluation"]
    url = f"/manage/calls/{evaluation.call.slug}/jury/"
    (first, first_token), (second, second_token) = _tabs(ministry_officer, url, "scoring-edit_token")
    soon = (timezone.now() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    later = (timezone.now() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    first.post(url, {"scoring-deadline": soon, "scoring-edit_token": first_token})
    refused = second.post(url, {"scoring-deadline": later, "scoring-edit_token": second_token}, follow=True)
    assert STALE in refused.text and later in refused.text
    evaluation.refresh_from_db()
    zone = ZoneInfo(CallVersion.objects.get(pk=evaluation.call.published_version_id).time_zone)
    assert timezone.localtime(evaluation.scoring_deadline, zone).strftime("%Y-%m-%dT%H:%M") == soon
    assert f'value="{soon}"' in refused.text  # the form now shows the deadline that is set
    assert AuditEntry.objects.filter(action="evaluation.scoring_deadline_set", actor=ministry_officer).count() == 1


def test_a_coordinator_appointed_meanwhile_is_not_overwritten(selection, ministry_officer, call):
    run_to(selection, Phase.DECISION, ministry_officer)
    CallVersion.objects.filter(pk=call.published_version_id).update(min_awards=1)
    application = selection["a"]
    services.award(
        actor=ministry_officer, evaluation=selection["evaluation"], awarded=[application], reserve=[], password=PASSWORD
    )
    url = f"/manage/calls/{call.slug}/ranking/"
    prefix = f"coordinator-{application.pk}"
    (first, first_token), (second, second_token) = _tabs(ministry_officer, url, f"{prefix}-edit_token")
    organisation = application.coordinator.pk

    def appoint(client, name, token):
        return client.post(
            url,
            {
                "application": application.pk,
                f"{prefix}-application": application.pk,
                f"{prefix}-full_name": name,
                f"{prefix}-email": "coordinator@example.org",
                f"{prefix}-organisation": organisation,
                f"{prefix}-edit_token": token,
            },
        )

    assert appoint(first, "Rūta Example", first_token).status_code == 302
    refused = appoint(second, "Jonas Example", second_token)
    assert refused.status_code == 200 and STALE in refused.text and "Rūta Example" in refused.text
    assert 'value="Jonas Example"' in refused.text
    assert CoordinatorAppointment.objects.get(application=application).full_name == "Rūta Example"
    assert appoint(second, "Jonas Example", _token(refused.text, f"{prefix}-edit_token")).status_code == 302
    assert CoordinatorAppointment.objects.get(application=application).full_name == "Jonas Example"


def test_programs_still_save_without_a_token(selection, ministry_officer):
    """The demo and the services' own callers pass no token: they are not pages and cannot be stale."""
    evaluation = selection["evaluation"]
    services.assign_panels(actor=ministry_officer, evaluation=evaluation, panel_size=2, max_load=None)
    services.assign_panels(actor=ministry_officer, evaluation=evaluation, panel_size=3, max_load=None)
    assert selectors.evaluated_applications(evaluation).count() == 2
    evaluation.refresh_from_db()
    assert evaluation.panel_size == 3
