"""Expert pools: panels formed by optimisation, chair overrides audited, scoring deadline enforced."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innopart.core.models import AuditEntry
from innopart.evaluation import selectors, services
from innopart.evaluation.enums import Phase
from innopart.evaluation.models import Assignment, PanelRun
from innopart.evaluation.tasks import form_panels

from ..factories import UserFactory
from .conftest import scores

pytestmark = pytest.mark.django_db


def test_panels_are_formed_without_conflicts_and_with_an_industry_majority(selection, ministry_officer):
    evaluation = selection["evaluation"]
    pairs = services.assign_panels(actor=ministry_officer, evaluation=evaluation, panel_size=3, max_load=2)
    assert pairs == 6
    for app in (selection["a"], selection["b"]):
        members = [a.juror for a in Assignment.objects.filter(application=app).select_related("juror")]
        assert len(members) == 3
        assert sum(m.sector == "industry" for m in members) >= 2
        assert all(not selectors.detected_conflicts(m, app) for m in members)
    assert all(n <= 2 for n in [j.assignments.count() for j in evaluation.jurors.all()])
    assert AuditEntry.objects.filter(action="evaluation.panels_assigned").exists()


def test_an_impossible_panel_is_explained(selection, ministry_officer):
    with pytest.raises(ValidationError, match="need 10 reviews; 5 jurors with a load cap of 1 can give 5"):
        services.assign_panels(actor=ministry_officer, evaluation=selection["evaluation"], panel_size=5, max_load=1)


def test_a_juror_off_the_panel_gets_404_and_the_chair_override_is_audited(client, selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.assign_panels(actor=ministry_officer, evaluation=evaluation, panel_size=3, max_load=2)
    app = selection["b"]
    outsider = next(j for j in evaluation.jurors.all() if not j.assignments.filter(application=app).exists())
    client.force_login(outsider.user)
    assert client.get(f"/jury/{evaluation.call.slug}/applications/{app.pk}/").status_code == 404
    client.force_login(selection["jurors"]["chair"].user)
    response = client.post(
        f"/jury/{evaluation.call.slug}/panels/",
        {"juror": outsider.pk, "application": app.pk, "add": "add", "reason": "Needed for food expertise."},
        follow=True,
    )
    assert "The panel was changed." in response.text
    entry = AuditEntry.objects.get(action="evaluation.panel_changed")
    assert (entry.to_state, entry.reason) == ("added", "Needed for food expertise.")
    client.force_login(outsider.user)
    assert client.get(f"/jury/{evaluation.call.slug}/applications/{app.pk}/").status_code == 200


def test_scores_after_the_scoring_deadline_are_refused(selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    evaluation.scoring_deadline = timezone.now() + timezone.timedelta(hours=1)
    evaluation.save()
    juror = selectors.juror_of(selection["jurors"]["industry"].user, evaluation)
    services.declare(actor=juror.user, juror=juror, application=selection["b"], level="none")
    juror = selectors.juror_of(juror.user, evaluation)
    late = evaluation.scoring_deadline + timezone.timedelta(seconds=1)
    with pytest.raises(ValidationError, match="deadline for individual scores has passed"):
        services.save_review(
            actor=juror.user, juror=juror, application=selection["b"], scores=scores(), submit=True, now=late
        )


def test_affinity_counts_expertise_words_and_shared_sectors(selection):
    juror = selection["jurors"]["industry"]
    juror.expertise = "partnership robotics"
    juror.nace_codes = ["10.51", "62.01"]
    app = selection["a"]  # title "Partnership"; its members work in sections C (10.51, 17.21), J, P and S
    # "partnership" matches one of the two expertise words; both of the juror's sections (C, J) are shared.
    assert services.affinity_of(juror, app) == pytest.approx(0.5 + 1.0)
    juror.nace_codes = ["01.11"]  # agriculture: not in the consortium
    assert services.affinity_of(juror, app) == pytest.approx(0.5)


def test_panels_are_formed_by_a_background_task_whose_progress_and_result_the_ministry_sees(
    client, selection, ministry_officer, django_capture_on_commit_callbacks
):
    evaluation = selection["evaluation"]
    client.force_login(ministry_officer)
    url = f"/manage/calls/{evaluation.call.slug}/jury/"
    token = client.get(url).context["panel_form"]["edit_token"].value()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"panel_size": "3", "max_load": "2", "edit_token": token})
    run = PanelRun.objects.get(evaluation=evaluation)
    assert response.url == f"/manage/calls/{evaluation.call.slug}/jury/panels/{run.pk}/"
    page = client.get(response.url)
    assert (run.state, run.percent, run.pairs) == ("done", 100, 6)
    assert "6 assignments made." in page.text and "hx-trigger" not in page.text
    assert Assignment.objects.filter(juror__evaluation=evaluation).count() == 6
    assert set(AuditEntry.objects.filter(object_id=str(evaluation.pk)).values_list("action", flat=True)) >= {
        "evaluation.panels_requested",
        "evaluation.panels_assigned",
    }


def test_a_queued_run_is_polled_and_an_infeasible_one_explains_itself(
    client, selection, ministry_officer, django_capture_on_commit_callbacks
):
    evaluation = selection["evaluation"]
    client.force_login(ministry_officer)
    queued = services.request_panels(actor=ministry_officer, evaluation=evaluation, panel_size=5, max_load=1)
    page = client.get(f"/manage/calls/{evaluation.call.slug}/jury/panels/{queued.pk}/")
    assert 'hx-trigger="every 2s"' in page.text and "Waiting for the task worker" in page.text
    with pytest.raises(ValidationError, match="being formed"):
        services.request_panels(actor=ministry_officer, evaluation=evaluation, panel_size=3, max_load=2)
    form_panels.call(queued.pk)
    queued.refresh_from_db()
    assert queued.state == "failed"
    page = client.get(f"/manage/calls/{evaluation.call.slug}/jury/panels/{queued.pk}/")
    assert "No panels could be formed" in page.text
    assert "need 10 reviews; 5 jurors with a load cap of 1 can give 5" in page.text
    assert not Assignment.objects.filter(juror__evaluation=evaluation).exists()


def test_conflicts_found_by_joins_are_those_found_pair_by_pair(selection, ministry_officer):
    """The pool's vectorised conflicts against the per-pair rule the jurors' pages apply."""
    from innopart.evaluation.models import Declaration
    from innopart.evaluation.pool import read_pool

    evaluation = selection["evaluation"]
    juror = selection["jurors"]["second"]
    Declaration.objects.create(juror=juror, application=selection["b"], level="disqualifying", reason="My cousin.")
    pool = read_pool(evaluation)
    found = {(pool.application_ids[a], pool.juror_ids[j]) for a, j in zip(*pool.blocked, strict=True)}
    expected = {
        (app.pk, j.pk)
        for app in selectors.evaluated_applications(evaluation)
        for j in evaluation.jurors.prefetch_related("past_affiliations")
        if selectors.detected_conflicts(j, app)
    } | {(selection["b"].pk, juror.pk)}
    assert found == expected and (selection["a"].pk, selection["jurors"]["conflicted"].pk) in found
    scores_by_pair = pool.match.block(slice(0, len(pool.application_ids)))
    apps = {a.pk: a for a in selectors.evaluated_applications(evaluation)}
    for j, juror_id in enumerate(pool.juror_ids):
        juror = evaluation.jurors.get(pk=juror_id)
        for a, app_id in enumerate(pool.application_ids):
            assert scores_by_pair[a, j] == pytest.approx(services.affinity_of(juror, apps[app_id]), abs=1e-6)


def test_the_jury_page_costs_the_same_queries_with_more_jurors_and_panels(client, selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.assign_panels(actor=ministry_officer, evaluation=evaluation, panel_size=3, max_load=2)
    client.force_login(ministry_officer)
    url = f"/manage/calls/{evaluation.call.slug}/jury/"
    small = _queries(client, url)
    for i in range(30):
        user = UserFactory(email=f"extra{i}@jury.example", full_name=f"Extra Juror {i:02d}")
        services.appoint_juror(
            actor=ministry_officer, evaluation=evaluation, user=user, sector="industry", expertise="dairy"
        )
    services.assign_panels(actor=ministry_officer, evaluation=evaluation, panel_size=3, max_load=2)
    assert _queries(client, url) == small
    # Each application's row names its panel.
    page = client.get(url).text
    for application in (selection["a"], selection["b"]):
        names = application.assignments.filter(juror__evaluation=evaluation).values_list(
            "juror__user__full_name", flat=True
        )
        shown = re.search(rf"<tr><td>{application.acronym}</td><td>([^<]*)</td></tr>", page).group(1)
        assert len(names) == 3 and sorted(shown.split(", ")) == sorted(names)
    page = client.get(url + "?jsort=-name&jq=extra").text
    names = re.findall(r"Extra Juror (\d\d)", page)
    assert names[:3] == ["29", "28", "27"] and len(names) >= 30


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_a_large_pool_is_appointed_by_typing_an_address_not_scrolling_a_list(client, selection, ministry_officer):
    """Beyond 300 people a drop-down of every expert is replaced by a typed look-up, and a bad entry is named."""
    from innopart.accounts.models import RoleAssignment, User
    from innopart.core.forms import LONG_LIST

    users = User.objects.bulk_create(
        [User(email=f"pool{i:04d}@experts.example", full_name=f"Pool Expert {i}") for i in range(LONG_LIST + 1)]
    )
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=u, role="jury_member") for u in User.objects.filter(email__endswith="@experts.example")]
    )
    evaluation = selection["evaluation"]
    client.force_login(ministry_officer)
    url = f"/manage/calls/{evaluation.call.slug}/jury/"
    page = client.get(url).text
    assert 'name="user" maxlength="200"' in page and "pool0001@experts.example" not in page
    refused = client.post(url, {"user": "nobody@experts.example", "sector": "industry"})
    assert "Nothing in the list of Person matches “nobody@experts.example”." in refused.text
    assert not evaluation.jurors.filter(user__email="nobody@experts.example").exists()
    client.post(url, {"user": "POOL0007@experts.example", "sector": "industry", "expertise": "dairy"})
    assert evaluation.jurors.filter(user__email="pool0007@experts.example", sector="industry").exists()
    assert len(users) == LONG_LIST + 1
