"""The jury's and the ministry's forms, checked field by field (core.forms.ChecksInline) in the phases that show
them; a wrong entry comes back beside its field, with what was typed, instead of a message at the top of a page
that forgot it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from innopart.core.models import AuditEntry
from innopart.evaluation import selectors, services
from innopart.evaluation.enums import Phase
from innopart.evaluation.models import ConsensusScore, PanelRun, Question, Review

pytestmark = pytest.mark.django_db


def _block(page: str, name: str) -> str:
    start = page.index(f'id="id_{name}-field"')
    return page[page.rindex("<div", 0, start) : page.index("</div>", start)]


def test_the_panel_and_deadline_forms_answer_beside_their_field_and_a_check_forms_no_panel(
    client, selection, ministry_officer
):
    evaluation = selection["evaluation"]
    client.force_login(ministry_officer)
    url = f"/manage/calls/{evaluation.call.slug}/jury/"
    page = client.get(url)
    token = page.context["panel_form"]["edit_token"].value()
    audit_rows = AuditEntry.objects.count()
    # A complete panel request, only checked: no run, no audit row.
    checked = client.post(url, {"panel_size": "3", "max_load": "2", "edit_token": token, "_check": "max_load"})
    assert checked.status_code == 200 and 'id="id_max_load-field"' in checked.text
    assert not PanelRun.objects.filter(evaluation=evaluation).exists()
    # A wrong size, sent: the page again with the message on the size and the figure as typed.
    refused = client.post(url, {"panel_size": "99", "max_load": "2", "edit_token": token})
    assert refused.status_code == 200
    assert "has-error" in _block(refused.text, "panel_size") and 'value="99"' in _block(refused.text, "panel_size")
    # A deadline in the past, in the call's time zone: refused beside the field.
    past = (timezone.now() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    token = page.context["scoring_deadline_form"]["edit_token"].value()
    refused = client.post(url, {"scoring-deadline": past, "scoring-edit_token": token})
    block = _block(refused.text, "scoring-deadline")
    assert refused.status_code == 200 and "The deadline must be in the future." in block
    # A juror appointed only as a check is not appointed.
    from ..factories import UserFactory

    person = UserFactory(email="candidate@jury.example", roles=["jury_member"])
    checked = client.post(url, {"user": person.pk, "sector": "industry", "_check": "sector"})
    assert checked.status_code == 200 and 'id="id_sector-field"' in checked.text
    assert not evaluation.jurors.filter(user=person).exists()
    assert AuditEntry.objects.count() == audit_rows
    assert evaluation.jurors.count() == 5  # the panel form's error did not bind the appointment form either
    assert "has-error" not in _block(client.get(url).text, "user")


def test_the_chairs_deadline_answers_beside_its_field_and_a_check_sets_nothing(client, selection, ministry_officer):
    evaluation, chair = selection["evaluation"], selection["jurors"]["chair"].user
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    client.force_login(chair)
    page = client.get(f"/jury/{evaluation.call.slug}/")
    block = _block(page.text, "deadline")
    assert f"/jury/{evaluation.call.slug}/" in block and "_check" in block
    url = f"/jury/{evaluation.call.slug}/advance/"
    token = page.context["deadline_form"]["edit_token"].value()
    past = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(url, {"deadline": past, "edit_token": token})
    assert refused.status_code == 200 and "The deadline must be in the future." in _block(refused.text, "deadline")
    future = (timezone.now() + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M")
    checked = client.post(url, {"deadline": future, "edit_token": token, "_check": "deadline"})
    assert checked.status_code == 200 and "has-error" not in _block(checked.text, "deadline")
    evaluation.refresh_from_db()
    assert evaluation.clarification_deadline is None and evaluation.phase == Phase.INDIVIDUAL
    # Sent for real, the same deadline is set (so the check is what held it back).
    assert client.post(url, {"deadline": future, "edit_token": token}).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.clarification_deadline is not None


def test_a_check_of_a_jurors_scores_saves_no_score(client, selection, ministry_officer):
    evaluation, juror = selection["evaluation"], selection["jurors"]["industry"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    application = selection["b"]
    services.declare(actor=juror.user, juror=juror, application=application, level="none")
    client.force_login(juror.user)
    url = f"/jury/{evaluation.call.slug}/applications/{application.pk}/"
    page = client.get(url)
    token = page.context["form"]["edit_token"].value() or ""
    block = _block(page.text, "potential-score")
    assert "_check" in block
    data = {"scores": "1", "edit_token": token, "submit": "1"}
    data |= {f"{c}-score": "4.0" for c in ("potential", "network", "implementation", "future")}
    checked = client.post(url, {**data, "_check": "potential-score"})
    assert checked.status_code == 200 and 'id="id_potential-score-field"' in checked.text
    juror = selectors.juror_of(juror.user, evaluation)
    assert not Review.objects.filter(juror=juror, application=application).exists()


def test_the_chairs_ruling_and_panel_change_answer_beside_the_field_and_keep_what_was_typed(
    client, selection, ministry_officer
):
    evaluation, chair = selection["evaluation"], selection["jurors"]["chair"].user
    services.assign_panels(actor=ministry_officer, evaluation=evaluation, panel_size=3, max_load=2)
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    juror = selectors.juror_of(selection["jurors"]["industry"].user, evaluation)
    declaration = services.declare(
        actor=juror.user, juror=juror, application=selection["b"], level="potential", reason="I advised them."
    )
    slug = evaluation.call.slug
    client.force_login(chair)
    page = client.get(f"/jury/{slug}/").text
    # Each ruling form has ids of its own (a page of several declarations); each small form checks its fields
    # (static/js/checks.js sends a check where its form is sent).
    ruling = f"ruling{declaration.pk}_reason"
    assert "_check" in _block(page, ruling) and "_check" in _block(page, "reason")
    audit_rows = AuditEntry.objects.count()
    # A ruling without its reason: the page again, the message beside the reason, the choice kept.
    refused = client.post(f"/jury/{slug}/rulings/{declaration.pk}/", {"conflicted": "no", "reason": ""})
    assert refused.status_code == 200 and "has-error" in _block(refused.text, ruling)
    assert f'id="id_ruling{declaration.pk}_conflicted_1" checked' in refused.text
    # A complete ruling, only checked: still pending.
    checked = client.post(
        f"/jury/{slug}/rulings/{declaration.pk}/",
        {"conflicted": "no", "reason": "Other topic.", "_check": "reason"},
    )
    assert checked.status_code == 200 and "has-error" not in _block(checked.text, ruling)
    # A panel change with a reason the service refuses (blank after trimming): beside the reason, the juror kept.
    outsider = next(j for j in evaluation.jurors.all() if not j.assignments.filter(application=selection["b"]).exists())
    data = {"juror": outsider.pk, "application": selection["b"].pk, "add": "add", "reason": "   "}
    refused = client.post(f"/jury/{slug}/panels/", data)
    assert refused.status_code == 200 and "has-error" in _block(refused.text, "reason")
    assert f'value="{outsider.pk}" selected' in _block(refused.text, "juror")
    declaration.refresh_from_db()
    assert declaration.ruling == "pending" and AuditEntry.objects.count() == audit_rows
    assert not outsider.assignments.filter(application=selection["b"]).exists()
    # Sent for real, the ruling is recorded (so the check above is what held it back).
    done = client.post(f"/jury/{slug}/rulings/{declaration.pk}/", {"conflicted": "no", "reason": "Other topic."})
    assert done.status_code == 302
    declaration.refresh_from_db()
    assert declaration.ruling == "cleared"


def test_a_question_and_a_consensus_come_back_with_their_messages_and_a_check_asks_nothing(
    client, selection, ministry_officer
):
    from ..evaluation.conftest import run_to

    run_to(selection, Phase.CLARIFICATION, ministry_officer)
    evaluation, application = selection["evaluation"], selection["a"]
    client.force_login(selection["jurors"]["chair"].user)
    page_url = f"/jury/{evaluation.call.slug}/applications/{application.pk}/"
    page = client.get(page_url).text
    assert "_check" in _block(page, "text")
    # The juror's own scores are listed by the criterion's name, never its code.
    assert "Potential for development and innovation" in page and "<td>potential</td>" not in page
    questions = Question.objects.count()
    refused = client.post(f"{page_url}ask/", {"text": "Who buys the pilot line's output, and at what price?"})
    assert refused.status_code == 200 and "has-error" in _block(refused.text, "criteria")
    assert "Who buys the pilot line" in _block(refused.text, "text")
    checked = client.post(
        f"{page_url}ask/", {"criteria": ["potential"], "text": "Who buys the output, at what price?", "_check": "text"}
    )
    assert checked.status_code == 200 and Question.objects.count() == questions
    # In the consensus phase, an agreed score without its strengths: the page again, the message beside the field.
    services.change_phase(actor=selection["jurors"]["chair"].user, evaluation=evaluation, to=Phase.CONSENSUS)
    data = {"network-criterion": "network", "network-score": "4.0", "network-weaknesses": "Few buyers."}
    refused = client.post(f"{page_url}consensus/network/", data)
    assert refused.status_code == 200 and "has-error" in _block(refused.text, "network-strengths")
    assert "Few buyers." in _block(refused.text, "network-weaknesses")
    assert not ConsensusScore.objects.filter(application=application, criterion="network").exists()
