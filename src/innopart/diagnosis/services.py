"""Every change to a diagnosis goes through here: one transaction with its audit row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innopart.core import audit
from innopart.core.concurrency import check_fresh

from .models import Challenge, Diagnosis, Item, Measure, Objective

# Which links each part may carry, and the part they point to.
LINKS = {Challenge: {"items": Item}, Objective: {"challenges": Challenge}, Measure: {"objectives": Objective}}


def _require_fresh(obj, fields, edit_token) -> None:
    """For a change of an existing object: refuse it (StaleEdit) if the stored row moved on since the form was read."""
    if obj.pk is not None:
        check_fresh(type(obj).objects.select_for_update().get(pk=obj.pk), fields, edit_token or "")


def save_diagnosis(*, actor, diagnosis: Diagnosis, fields=(), edit_token: str = "") -> Diagnosis:
    created = diagnosis.pk is None
    with transaction.atomic():
        _require_fresh(diagnosis, fields, edit_token)
        if created:
            diagnosis.created_by = actor
        diagnosis.full_clean()
        diagnosis.save()
        audit.record(
            actor=actor,
            obj=diagnosis,
            action="diagnosis.created" if created else "diagnosis.updated",
            changes={"title": diagnosis.title, "region": diagnosis.region.code},
        )
    return diagnosis


def set_published(*, actor, diagnosis: Diagnosis, published: bool) -> None:
    with transaction.atomic():
        before = Diagnosis.objects.select_for_update().get(pk=diagnosis.pk).is_published
        Diagnosis.objects.filter(pk=diagnosis.pk).update(is_published=published)
        audit.record(
            actor=actor,
            obj=diagnosis,
            action="diagnosis.published" if published else "diagnosis.withdrawn",
            from_state="published" if before else "draft",
            to_state="published" if published else "draft",
        )
    diagnosis.is_published = published


def save_part(*, actor, part, links: dict | None = None, fields=(), edit_token: str = ""):
    """Save an item, challenge, objective or measure with its links (which must belong to the same diagnosis);
    a change of an existing part is refused (StaleEdit) if `fields` changed since the form was read."""
    created = part.pk is None
    links = links or {}
    allowed = LINKS.get(type(part), {})
    for name, targets in links.items():
        if name not in allowed:
            raise ValidationError({name: _("This part cannot be linked that way.")})
        if any(t.diagnosis_id != part.diagnosis_id for t in targets):
            raise ValidationError({name: _("Links must stay within the same diagnosis.")})
    with transaction.atomic():
        _require_fresh(part, fields, edit_token)
        if created:
            last = type(part).objects.filter(diagnosis=part.diagnosis).order_by("-position").first()
            part.position = (last.position + 1) if last else 0
        part.full_clean()
        part.save()
        for name, targets in links.items():
            getattr(part, name).set(targets)
        audit.record(
            actor=actor,
            obj=part.diagnosis,
            action=f"diagnosis.{type(part).__name__.lower()}_{'added' if created else 'changed'}",
            changes={"id": part.pk, "text": part.text[:200], **{k: [t.pk for t in v] for k, v in links.items()}},
        )
    return part


def delete_part(*, actor, part) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            obj=part.diagnosis,
            action=f"diagnosis.{type(part).__name__.lower()}_deleted",
            changes={"id": part.pk, "text": part.text[:200]},
        )
        part.delete()
