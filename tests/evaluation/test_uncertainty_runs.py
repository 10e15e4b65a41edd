"""The ranking's uncertainty is computed by the task worker, once per version of the scores, and kept in the
database: a page shows the newest finished run (marked when it comes from earlier scores) while a new one computes."""

from django.test import override_settings

from innopart.applications.models import Application
from innopart.evaluation import services
from innopart.evaluation.enums import Phase
from innopart.evaluation.models import Evaluation, UncertaintyRun
from innopart.evaluation.ranking import ranking_page, ranking_table, scores_version
from innopart.evaluation.tasks import compute_uncertainty

from .conftest import score_everything

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_uncertainty_follows_the_scores_through_the_task_worker(client, selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    score_everything(selection, except_jurors=("second",))
    slug = evaluation.call.slug
    client.force_login(ministry_officer)

    # The test settings run tasks at once: the first reading asks for the run and finds it done.
    page = client.get(f"/manage/calls/{slug}/ranking/")
    first = UncertaintyRun.objects.get()
    assert first.state == "done" and first.version == scores_version(evaluation)
    assert sorted(r["application"] for r in first.table) == ["ALPHA", "BETA"]
    assert all(0.0 <= r["p_award"] <= 1.0 for r in first.table)
    assert "Chance of an award" in page.text and "computed from earlier scores" not in page.text
    client.get(f"/manage/calls/{slug}/ranking/")
    assert UncertaintyRun.objects.count() == 1  # the same scores are not resampled twice

    # New scores, and a real queue: the page shows the earlier result, says so, and polls the queued run.
    score_everything(selection, except_jurors=("chair", "industry", "conflicted", "ministry"))
    assert scores_version(evaluation) != first.version
    with override_settings(TASKS=DATABASE_TASKS):
        page = client.get(f"/manage/calls/{slug}/ranking/")
        pending = UncertaintyRun.objects.exclude(pk=first.pk).get()
        assert pending.state == "queued" and pending.version == scores_version(evaluation)
        assert "computed from earlier scores" in page.text and "Waiting for the task worker" in page.text
        assert f"/manage/calls/{slug}/ranking/uncertainty/?page=1" in page.text  # the poll
        # A second node asking at the same time shares the queued run.
        client.get(f"/manage/calls/{slug}/ranking/uncertainty/", HTTP_HX_REQUEST="true")
        assert UncertaintyRun.objects.count() == 2

        assert compute_uncertainty.call(pending.pk) == 2  # what the worker does with the queued task
        fragment = client.get(f"/manage/calls/{slug}/ranking/uncertainty/?page=1", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.text and "hx-get" not in fragment.text  # done: the polling stops
    assert "Chance of an award" in fragment.text and "computed from earlier scores" not in fragment.text
    assert list(UncertaintyRun.objects.values_list("pk", flat=True)) == [pending.pk]  # the older run went
    # A run taken back from a lost worker and run again changes nothing.
    table = UncertaintyRun.objects.get().table
    assert compute_uncertainty.call(pending.pk) == 2 and UncertaintyRun.objects.get().table == table


def test_a_ranking_without_scores_asks_for_no_run(client, selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    client.force_login(ministry_officer)
    page = client.get(f"/manage/calls/{evaluation.call.slug}/ranking/")
    assert page.status_code == 200 and "No scores yet." in page.text
    assert not UncertaintyRun.objects.exists()


def test_a_run_overtaken_by_newer_scores_is_dropped_without_computing(client, selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    score_everything(selection)
    client.force_login(ministry_officer)
    with override_settings(TASKS=DATABASE_TASKS):
        waiting = UncertaintyRun.objects.create(evaluation=evaluation, version="scores of an hour ago", draws=200)
        client.get(f"/manage/calls/{evaluation.call.slug}/ranking/")  # newer scores: a newer run is queued
        newest = UncertaintyRun.objects.exclude(pk=waiting.pk).get()
        assert compute_uncertainty.call(waiting.pk) == 0  # the worker reaches the older task first: dropped
        assert not UncertaintyRun.objects.filter(pk=waiting.pk).exists()
        assert compute_uncertainty.call(newest.pk) == 2 and UncertaintyRun.objects.get().state == "done"


def test_a_cached_page_of_the_ranking_is_the_tables_page_and_follows_the_applications(
    client, selection, ministry_officer
):
    """The ranking page is cached page by page (and its uncertainty rows by run and page); what it shows must be
    the table's own slice, and an application that leaves the evaluation leaves the cached page at once."""
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    score_everything(selection)
    table = ranking_table(Evaluation.objects.get(pk=evaluation.pk))
    assert [r["code"] for r in table] == ["ALPHA", "BETA"]  # 4.5 against 3.0
    for number, row in ((1, table[0]), (2, table[1]), ("9", table[1]), ("x", table[0])):
        page = ranking_page(Evaluation.objects.get(pk=evaluation.pk), number, per_page=1)
        assert page.paginator.count == 2 and [r["code"] for r in page.object_list] == [row["code"]]
        assert page.object_list[0]["total"] == row["total"]

    client.force_login(ministry_officer)
    page = client.get(f"/manage/calls/{evaluation.call.slug}/ranking/")
    run = UncertaintyRun.objects.get()
    assert [r["application"] for r in page.context["uncertainty"]] == ["ALPHA", "BETA"]
    assert page.context["uncertainty"] == [r for r in run.table if r["application"] in ("ALPHA", "BETA")]

    Application.objects.filter(pk=selection["b"].pk).update(state="withdrawn")
    page = client.get(f"/manage/calls/{evaluation.call.slug}/ranking/")
    assert [r["application"].acronym for r in page.context["rows"]] == ["ALPHA"]
    assert page.context["rows"].paginator.count == 1
