"""Writing audit entries: the one function services call for every state change."""

from typing import Any

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from . import chain
from .models import AuditEntry

# What people read in histories; the codes stay stable for exports and queries.
ACTION_LABELS = {
    "role.granted": _("Role granted"),
    "organisation.updated": _("Organisation profile updated"),
    "call.created": _("Call created"),
    "call.draft_edited": _("Call draft edited"),
    "call.state_changed": _("Call state changed"),
    "call.corrected": _("Correction published"),
    "call.correction_started": _("Correction started"),
    "application.created": _("Application created"),
    "application.details_saved": _("Details saved"),
    "application.section_saved": _("Section saved"),
    "application.partner_added": _("Partner added"),
    "application.partner_updated": _("Partner updated"),
    "application.partner_removed": _("Partner removed"),
    "application.plan_saved": _("Resource plan saved"),
    "application.state_changed": _("Application state changed"),
    "evaluation.juror_appointed": _("Juror appointed"),
    "evaluation.phase_changed": _("Evaluation phase changed"),
    "evaluation.conflict_declared": _("Conflict of interest declared"),
    "evaluation.conflict_ruled": _("Conflict of interest ruled on"),
    "evaluation.scores_saved": _("Scores saved"),
    "evaluation.scores_submitted": _("Scores submitted"),
    "evaluation.question_asked": _("Clarification question asked"),
    "evaluation.question_answered": _("Clarification question answered"),
    "evaluation.score_revised": _("Score revised after clarification"),
    "evaluation.consensus_recorded": _("Consensus recorded"),
    "evaluation.awarded": _("Decision recorded"),
    "evaluation.letters_requested": _("Decision letters requested"),
    "evaluation.letters_generated": _("Decision letters written"),
    "evaluation.panels_assigned": _("Panels formed"),
    "evaluation.panel_changed": _("Panel changed by the chair"),
    "evaluation.coordinator_appointed": _("Coordinator appointed"),
    "evaluation.clarification_deadline_set": _("Deadline for answers set"),
    "evaluation.scoring_deadline_set": _("Deadline for individual scores set"),
    "partnership.created": _("Partnership created"),
    "agreement.prepared": _("Funding agreement prepared"),
    "agreement.amended": _("Amendment prepared"),
    "agreement.signed": _("Agreement signed"),
    "tranche.released": _("Tranche released"),
    "tranche.paid": _("Payment recorded"),
    "milestone.submitted": _("Milestone submitted"),
    "milestone.reviewed": _("Milestone gate review"),
    "kpi.saved": _("Indicator saved"),
    "report.saved": _("Annual report saved"),
    "report.submitted": _("Annual report submitted"),
    "report.extended": _("Report deadline extended"),
    "report.reviewed": _("Annual report reviewed"),
    "report.decided": _("Annual report decided"),
    "partnership.objective_saved": _("Strategic objective saved"),
    "partnership.action_saved": _("Action saved"),
    "partnership.activity_saved": _("Activity saved"),
    "partnership.membership_changed": _("Membership changed"),
    "roadmap.updated": _("Roadmap updated"),
}


def record(
    *,
    actor: Any,
    obj: models.Model,
    action: str,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    changes: dict[str, Any] | None = None,
    at: Any = None,
) -> AuditEntry:
    """Append an audit row for `obj`. Must run inside the transaction that makes the change. `at` is the time of the
    change when a service is told it (the demo's history, back-dated imports); by default, now."""
    if not connection.in_atomic_block:
        raise RuntimeError("Audit entries are written inside the transaction of the change they record.")
    entry = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        changes=changes or {},
        **({"at": at} if at is not None else {}),
    )
    chain.lock_head()
    head = AuditEntry.objects.order_by("-id").values_list("digest", flat=True).first()
    entry.digest = chain.digest(head or chain.GENESIS, entry)
    entry.save(force_insert=True)
    return entry


def history(obj: models.Model):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")
