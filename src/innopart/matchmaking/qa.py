"""Public questions and answers for a call: asked by anyone signed in, answered once by the ministry, published to
all applicants at the same moment without the asker's name."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopart.core import audit, limits

from .models import CallQuestion


def ask(*, actor, call, text: str) -> CallQuestion:
    if not call.takes_questions():
        raise ValidationError({"text": _("Questions are taken until the call's deadline.")})
    text = limits.checked_text(text, field="text", limit=limits.NOTE)
    if len(text) < 10:
        raise ValidationError({"text": _("Write the question in a sentence or two.")})
    with transaction.atomic():
        question = CallQuestion.objects.create(call=call, text=text.strip(), asked_by=actor)
        audit.record(actor=actor, obj=call, action="call.question_asked", changes={"question": question.pk})
    return question


def publish_answer(*, actor, question: CallQuestion, answer: str, answer_lt: str = "") -> CallQuestion:
    """Publish the answer, written in English, in Lithuanian or (best) in both; readers see their own language."""
    answer = limits.checked_text(answer, field="answer", limit=limits.PARAGRAPHS)
    answer_lt = limits.checked_text(answer_lt, field="answer_lt", limit=limits.PARAGRAPHS)
    if not answer.strip() and not answer_lt.strip():
        raise ValidationError({"answer": _("Write the answer, in Lithuanian, in English or in both.")})
    with transaction.atomic():
        # Locked: two officers answering at once must not both publish (the second would replace the first).
        if CallQuestion.objects.select_for_update().get(pk=question.pk).published_at:
            raise ValidationError(
                {"answer": _("This answer is already published; publish a new question and answer instead.")}
            )
        CallQuestion.objects.filter(pk=question.pk).update(
            answer=answer.strip(), answer_lt=answer_lt.strip(), answered_by=actor, published_at=timezone.now()
        )
        audit.record(actor=actor, obj=question.call, action="call.answer_published", changes={"question": question.pk})
    question.refresh_from_db()
    return question
