"""The support-agency workspace: with the coordinator's consent, a named adviser reads a draft, comments per
section and ticks the call's requirements; the applicant sees and resolves the comments. The jury never sees any
of it, and an adviser who advised an application is conflicted on it (see `innopart.evaluation.selectors`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopart.accounts.enums import Role
from innopart.applications.enums import ApplicationState, SectionKind
from innopart.applications.selectors import readiness
from innopart.core import audit, limits

from .models import AdviceConsent, AdviserCheck, AdviserComment


def consented_applications(adviser):
    """Drafts whose coordinator has consented to this adviser and not revoked it."""
    from innopart.applications.models import Application

    return Application.objects.filter(
        advice__adviser=adviser, advice__revoked_at__isnull=True, state=ApplicationState.DRAFT
    ).distinct()


def grant(*, actor, application, adviser) -> AdviceConsent:
    if not adviser.has_role(Role.AGENCY_ADVISER):
        raise ValidationError({"adviser": _("Only support-agency advisers can be given access.")})
    with transaction.atomic():
        consent = AdviceConsent.objects.filter(
            application=application, adviser=adviser, revoked_at__isnull=True
        ).first()
        if consent is None:
            consent = AdviceConsent.objects.create(application=application, adviser=adviser, granted_by=actor)
            audit.record(actor=actor, obj=application, action="advice.granted", changes={"adviser": adviser.email})
    return consent


def revoke(*, actor, consent: AdviceConsent) -> None:
    with transaction.atomic():
        AdviceConsent.objects.filter(pk=consent.pk).update(revoked_at=timezone.now())
        audit.record(
            actor=actor, obj=consent.application, action="advice.revoked", changes={"adviser": consent.adviser.email}
        )


def comment(*, actor, application, section: str, text: str) -> AdviserComment:
    if not consented_applications(actor).filter(pk=application.pk).exists():
        raise PermissionDenied
    text = limits.checked_text(text, field="text", limit=limits.NOTE)
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    if section and section not in SectionKind.values:
        raise ValidationError({"section": _("Choose a section of this application.")})
    with transaction.atomic():
        note = AdviserComment.objects.create(application=application, section=section, author=actor, text=text)
        audit.record(actor=actor, obj=application, action="advice.commented", changes={"section": section})
    return note


def resolve(*, actor, note: AdviserComment) -> None:
    with transaction.atomic():
        AdviserComment.objects.filter(pk=note.pk).update(resolved_by=actor, resolved_at=timezone.now())
        audit.record(actor=actor, obj=note.application, action="advice.resolved", changes={"comment": note.pk})


def checklist(application) -> list[dict]:
    """The call's requirements as the adviser reviews them, with stable keys (rule codes, section kinds, the plan,
    each partner's letter): the automatic status and the adviser's tick."""
    from innopart.applications.enums import PartnerRole
    from innopart.applications.selectors import SECTION_MIN_CHARS

    ready = readiness(application)
    ticks = {c.item: c for c in AdviserCheck.objects.filter(application=application)}
    items = [(f"rule:{r.code}", r.passed, r.message) for r in ready.eligibility]
    items += [
        (f"section:{s.kind}", len(s.body.strip()) >= SECTION_MIN_CHARS, s.get_kind_display())
        for s in sorted(application.sections.all(), key=lambda s: s.order)
    ]
    items.append(("plan", ready.plan.is_valid, _("Resource plan")))
    items += [
        (f"letter:{p.pk}", bool(p.commitment_letter), _("Letter of commitment of %(org)s") % {"org": p.organisation})
        for p in application.partners.all()
        if p.role != PartnerRole.COORDINATOR
    ]
    return [{"item": key, "automatic": ok, "label": label, "tick": ticks.get(key)} for key, ok, label in items]


def tick(*, actor, application, item: str, ok: bool, note: str) -> AdviserCheck:
    if not consented_applications(actor).filter(pk=application.pk).exists():
        raise PermissionDenied
    note = limits.checked_text(note, field="note", limit=300)
    if item not in {row["item"] for row in checklist(application)}:
        raise ValidationError({"item": _("Choose an item of the checklist.")})
    with transaction.atomic():
        check, _created = AdviserCheck.objects.update_or_create(
            application=application, item=item, defaults={"reviewed_by": actor, "ok": ok, "note": note}
        )
        audit.record(actor=actor, obj=application, action="advice.checked", changes={"item": item, "ok": ok})
    return check
