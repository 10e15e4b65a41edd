"""The audit log's action codes and the names people read for them (the models and the log both use them)."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

# What people read in histories; the codes stay stable for exports and queries.
ACTION_LABELS = {
    "demo.scale_generated": _("Invented EU-size competition generated"),
    "role.granted": _("Role granted"),
    "token.created": _("API token made"),
    "token.revoked": _("API token revoked"),
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
    "evaluation.panels_requested": _("Panels requested"),
    "evaluation.results_announced": _("Statement with the results published"),
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
    "advice.granted": _("Adviser given access"),
    "advice.revoked": _("Adviser's access withdrawn"),
    "advice.commented": _("Adviser commented"),
    "advice.resolved": _("Adviser's comment resolved"),
    "advice.checked": _("Adviser's checklist item ticked"),
    "call.question_asked": _("Question about the call asked"),
    "call.answer_published": _("Answer to a question published"),
    "diagnosis.created": _("Diagnosis started"),
    "diagnosis.published": _("Diagnosis published"),
    "diagnosis.updated": _("Diagnosis changed"),
    "diagnosis.withdrawn": _("Diagnosis withdrawn from publication"),
    "matchmaking.contact_requested": _("Contact requested"),
    "matchmaking.contact_answered": _("Contact request answered"),
    "matchmaking.post_published": _("Partner search published"),
    "matchmaking.post_closed": _("Partner search closed"),
    "matchmaking.event_created": _("Matchmaking event announced"),
    "matchmaking.registered": _("Registered for an event"),
    "matchmaking.registration_changed": _("Event registration changed"),
    "matchmaking.meeting_requested": _("Meeting requested"),
    "matchmaking.planned": _("Meetings planned"),
    "matchmaking.confirmed": _("Meeting confirmed"),
    "observatory.data_imported": _("Indicator data imported"),
    "observatory.indicator_described": _("Indicator described"),
    "observatory.refresh_requested": _("Refresh from Eurostat requested"),
    "observatory.dataset_refreshed": _("Refreshed from Eurostat"),
    "observatory.index_requested": _("Index computation requested"),
    "observatory.index_computed": _("Index computed"),
    "observatory.peer_group_created": _("Peer group defined"),
    "observatory.peer_group_changed": _("Peer group changed"),
    "observatory.peer_group_deleted": _("Peer group deleted"),
    "stress_test.question_added": _("Stress-test question added"),
    "stress_test.question_changed": _("Stress-test question changed"),
    "stress_test.assessment_created": _("Stress-test assessment started"),
    "stress_test.answered": _("Stress-test answers saved"),
}


# The fields whose values the log records as "from" and "to" (their choices give the words people read).
STATE_FIELDS = ("state", "phase", "status")


def _model(object_type: str):
    """The model an entry's type names, through the app registry (core imports no domain app); None for a type
    whose model is gone (an app removed since)."""
    from django.apps import apps

    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    """ "Application" for "applications.application": the model's own name. A type whose model is gone keeps its
    code: nothing better is known."""
    model = _model(object_type)
    return str(model._meta.verbose_name).capitalize() if model else object_type


def state_label(object_type: str, value: str) -> str:
    """The words for a recorded state ("Submitted" for "submitted"), from the model's state field's choices."""
    model = _model(object_type) if value else None
    if model is None:
        return value
    for name in STATE_FIELDS:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        labels = dict(field.flatchoices or ())
        if value in labels:
            return str(labels[value])
    return value
