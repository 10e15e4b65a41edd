"""The cluster-policy stress test: the question bank (shipped reconstruction, editable), assessments per region
and year, and their scores (computed by `innopart.analytics.stress_test`)."""

import csv
from pathlib import Path

import pandas as pd
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from innopart.analytics import stress_test
from innopart.core import audit
from innopart.core.concurrency import check_fresh

from .models import StressAnswer, StressAssessment, StressQuestion

BANK = Path(__file__).resolve().parent / "data" / "stress_test_questions_reconstructed.csv"
SCALE = [
    (0, _("0 no / not at all")),
    (1, _("1 planned")),
    (2, _("2 partly")),
    (3, _("3 largely")),
    (4, _("4 fully")),
]
LIGHTS = {"red": _("red"), "amber": _("amber"), "green": _("green")}


def load_questions() -> int:
    """The shipped bank, once: questions an analyst has since changed are left as they are."""
    with BANK.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    known = set(StressQuestion.objects.values_list("code", flat=True))
    StressQuestion.objects.bulk_create(
        [
            StressQuestion(
                code=row["question_id"],
                module_code=row["module_id"],
                module=row["module"],
                text=row["question"],
                status=row["status"],
                position=position,
            )
            for position, row in enumerate(rows)
            if row["question_id"] not in known
        ]
    )
    return StressQuestion.objects.count()


def save_question(*, actor, question: StressQuestion, fields=(), edit_token: str | None = None) -> StressQuestion:
    """A change of an existing question is refused (StaleEdit) if `fields` changed since the form with `edit_token`
    was read (None: a program writes)."""
    created = question.pk is None
    with transaction.atomic():
        if not created and edit_token is not None:
            check_fresh(StressQuestion.objects.select_for_update().get(pk=question.pk), fields, edit_token)
        question.full_clean()
        question.save()
        audit.record(
            actor=actor,
            obj=question,
            action="stress_test.question_added" if created else "stress_test.question_changed",
            changes={"code": question.code, "text": question.text, "active": question.is_active},
        )
    return question


def create_assessment(*, actor, region, year: int, note: str = "") -> StressAssessment:
    with transaction.atomic():
        assessment = StressAssessment.objects.create(region=region, year=year, note=note, created_by=actor)
        audit.record(actor=actor, obj=assessment, action="stress_test.assessment_created", changes={"year": year})
    return assessment


def questions_for(assessment) -> list[StressQuestion]:
    """The active questions, and retired ones this assessment answered."""
    answered = assessment.answers.values_list("question_id", flat=True)
    return list(StressQuestion.objects.filter(is_active=True) | StressQuestion.objects.filter(pk__in=answered))


def save_answers(
    *, actor, assessment, answers: dict[int, tuple[int | None, str]], edit_token: str | None = None
) -> int:
    """Store the answers (score or None for "don't know", comment) in one transaction; returns how many changed.
    Refused (StaleEdit) if answers were saved since the form with `edit_token` was read (None: a program)."""
    changed = []
    with transaction.atomic():
        assessment = StressAssessment.objects.select_for_update().get(pk=assessment.pk)
        if edit_token is not None:
            check_fresh(assessment, ("answers_text",), edit_token)
        existing = {a.question_id: a for a in assessment.answers.all()}
        for question_id, (score, comment) in answers.items():
            current = existing.get(question_id)
            if current is None:
                if score is None and not comment:
                    continue
                StressAnswer.objects.create(
                    assessment=assessment, question_id=question_id, score=score, comment=comment
                )
            elif (current.score, current.comment) != (score, comment):
                current.score, current.comment = score, comment
                current.save(update_fields=["score", "comment"])
            else:
                continue
            changed.append(question_id)
        if changed:
            assessment.save(update_fields=["updated_at"])
            codes = dict(StressQuestion.objects.filter(pk__in=changed).values_list("pk", "code"))
            audit.record(
                actor=actor,
                obj=assessment,
                action="stress_test.answered",
                changes={codes[q]: answers[q][0] for q in changed},
            )
    return len(changed)


def scores(assessment) -> dict:
    """Module rows (code, name, questions, answered, score, light) in bank order, and the overall score."""
    questions = questions_for(assessment)
    given = {a.question_id: a.score for a in assessment.answers.all()}
    frame = pd.DataFrame(
        {
            "module": [q.module_code for q in questions],
            "score": [given.get(q.pk) for q in questions],
        },
        dtype=object,
    )
    frame["score"] = pd.to_numeric(frame["score"])
    table = stress_test.module_scores(frame)
    names = {q.module_code: q.module for q in questions}
    rows = [
        {
            "code": code,
            "name": names[code],
            "questions": int(row["questions"]),
            "answered": int(row["answered"]),
            "score": None if pd.isna(row["score"]) else float(row["score"]),
            "light": None if pd.isna(row["light"]) else row["light"],
        }
        for code, row in table.iterrows()
    ]
    for row in rows:
        row["light_label"] = LIGHTS.get(row["light"], "")
    total = stress_test.overall(table)
    light = stress_test.traffic_light(total) if total is not None else None
    return {"modules": rows, "overall": total, "overall_light": light, "overall_label": LIGHTS.get(light, "")}
