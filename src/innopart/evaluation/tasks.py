"""Background work of the selection: the panels of an expert pool, the ranking's uncertainty, and the decision
letters (two PDFs per application), one task per letter.

One task per letter lets several workers on several hosts share a large call's letters, and keeps a retry small.
A task may run twice (a worker that dies mid-letter has its task taken back, see innopart.ops.recovery), so
writing is idempotent: the letter's row is locked, and a letter already written for this batch is left alone.
The batch counts its letters in the same transaction as each letter, and the task that writes the last one closes
the batch and writes its audit row.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from innopart.applications.models import Application
from innopart.core import audit

from .letters import letter_pdf
from .models import Letter, LetterBatch, PanelRun, UncertaintyRun

# Where each stage of the panel formation starts and ends on the progress bar (affinities take the most time).
STAGE_SPAN = {"profiles": (0, 5), "conflicts": (5, 10), "affinities": (10, 70), "solve": (70, 90), "write": (90, 99)}


@task()
def form_panels(run_id: int) -> int:
    """Form the panels of one request; a run taken back from a lost worker starts again (rows are replaced)."""
    from . import panels

    run = PanelRun.objects.select_related("evaluation", "requested_by").get(pk=run_id)
    if run.state == PanelRun.State.DONE:
        return run.pairs
    PanelRun.objects.filter(pk=run_id).update(state=PanelRun.State.RUNNING)

    def progress(stage: str, done: int, total: int) -> None:
        low, high = STAGE_SPAN[stage]
        percent = low + (high - low) * done // max(total, 1)
        PanelRun.objects.filter(pk=run_id).update(state=PanelRun.State.RUNNING, stage=stage, percent=percent)

    try:
        result = panels.form_panels(
            actor=run.requested_by,
            evaluation=run.evaluation,
            panel_size=run.panel_size,
            max_load=run.max_load,
            progress=progress,
        )
    except ValidationError as error:  # infeasible or too late: the explanation is the result
        PanelRun.objects.filter(pk=run_id).update(
            state=PanelRun.State.FAILED, reasons=error.messages, finished_at=timezone.now()
        )
        return 0
    except Exception as error:
        PanelRun.objects.filter(pk=run_id).update(
            state=PanelRun.State.FAILED, reasons=[str(error)], finished_at=timezone.now()
        )
        raise
    PanelRun.objects.filter(pk=run_id).update(
        state=PanelRun.State.DONE,
        stage=PanelRun.Stage.DONE,
        percent=100,
        pairs=len(result.pairs),
        total_affinity=result.total_affinity,
        gap=result.gap,
        finished_at=timezone.now(),
    )
    return len(result.pairs)


@task()
def compute_uncertainty(run_id: int) -> int:
    """Resample the jurors for one version of the scores; a run taken back from a lost worker starts again. When it
    is done, the older runs of the evaluation go (the page shows the newest)."""
    from . import ranking

    run = UncertaintyRun.objects.select_related("evaluation__call__published_version").filter(pk=run_id).first()
    if run is None:
        return 0  # superseded and removed while it waited
    if run.state == UncertaintyRun.State.DONE:
        return len(run.table)
    runs = UncertaintyRun.objects.filter(pk=run_id)
    newer = UncertaintyRun.objects.filter(evaluation_id=run.evaluation_id, created_at__gt=run.created_at)
    if newer.exists():
        # Scores changed again while this waited (jurors saving during a busy hour): the page wants the newest
        # scores' run, so this one is dropped instead of costing the worker seconds for figures nobody will see.
        runs.delete()
        return 0
    runs.update(state=UncertaintyRun.State.RUNNING, percent=5)

    def progress(done: int, total: int) -> None:  # reading the scores is the first fifth
        runs.update(percent=20 + 75 * done // max(total, 1))

    try:
        table = ranking.uncertainty_table(run.evaluation, draws=run.draws, progress=progress)
    except Exception as error:
        runs.update(state=UncertaintyRun.State.FAILED, error=str(error)[:2000], finished_at=timezone.now())
        raise
    records = ranking.uncertainty_records(table)
    runs.update(state=UncertaintyRun.State.DONE, percent=100, table=records, finished_at=timezone.now())
    UncertaintyRun.objects.filter(evaluation_id=run.evaluation_id, created_at__lt=run.created_at).exclude(
        state__in=[UncertaintyRun.State.QUEUED, UncertaintyRun.State.RUNNING]
    ).delete()
    return len(records)


@task()
def write_letter(batch_id: int, application_id: int) -> bool:
    """Write one application's letter for the batch; False when a previous run already wrote it."""
    LetterBatch.objects.filter(pk=batch_id, state=LetterBatch.State.QUEUED).update(state=LetterBatch.State.RUNNING)
    try:
        with transaction.atomic():
            application = Application.objects.select_related("call").get(pk=application_id)
            letter, _created = Letter.objects.get_or_create(application=application, defaults={"batch_id": batch_id})
            letter = Letter.objects.select_for_update().get(pk=letter.pk)
            if letter.batch_id == batch_id and letter.pdf_en:
                return False
            letter.batch_id = batch_id
            letter.pdf_en.save("decision-en.pdf", ContentFile(letter_pdf(application, "en")), save=False)
            letter.pdf_lt.save("decision-lt.pdf", ContentFile(letter_pdf(application, "lt")), save=False)
            letter.save()
            LetterBatch.objects.filter(pk=batch_id).update(done=F("done") + 1)
            _close_when_complete(batch_id)
    except Exception as error:  # the ministry sees the failure on the progress page
        LetterBatch.objects.filter(pk=batch_id).update(
            state=LetterBatch.State.FAILED, error=f"{application_id}: {error}", finished_at=timezone.now()
        )
        raise
    return True


def _close_when_complete(batch_id: int) -> None:
    batch = LetterBatch.objects.select_for_update().select_related("evaluation").get(pk=batch_id)
    if batch.done < batch.total or batch.state == LetterBatch.State.DONE:
        return
    LetterBatch.objects.filter(pk=batch_id).update(state=LetterBatch.State.DONE, finished_at=timezone.now())
    audit.record(
        actor=batch.requested_by,
        obj=batch.evaluation,
        action="evaluation.letters_generated",
        changes={"letters": batch.total},
    )
