"""Background work of the selection: writing every decision letter (two PDFs per application) takes minutes for
a large call, so it runs in the task worker and reports its progress as it goes."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from innopart.core import audit

from . import selectors
from .letters import letter_pdf
from .models import Letter, LetterBatch


@task()
def generate_letters(batch_id: int) -> int:
    batch = LetterBatch.objects.select_related("evaluation__call").get(pk=batch_id)
    LetterBatch.objects.filter(pk=batch_id).update(state=LetterBatch.State.RUNNING)
    applications = list(selectors.evaluated_applications(batch.evaluation))
    try:
        for application in applications:
            # One transaction per letter: progress is visible, and a failure keeps the letters already written.
            with transaction.atomic():
                letter, _created = Letter.objects.get_or_create(application=application, defaults={"batch": batch})
                letter.batch = batch
                letter.pdf_en.save("decision-en.pdf", ContentFile(letter_pdf(application, "en")), save=False)
                letter.pdf_lt.save("decision-lt.pdf", ContentFile(letter_pdf(application, "lt")), save=False)
                letter.save()
                LetterBatch.objects.filter(pk=batch_id).update(done=F("done") + 1)
    except Exception as error:  # the ministry sees the failure on the progress page
        LetterBatch.objects.filter(pk=batch_id).update(
            state=LetterBatch.State.FAILED, error=str(error), finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        LetterBatch.objects.filter(pk=batch_id).update(state=LetterBatch.State.DONE, finished_at=timezone.now())
        audit.record(
            actor=batch.requested_by,
            obj=batch.evaluation,
            action="evaluation.letters_generated",
            changes={"letters": len(applications)},
        )
    return len(applications)
