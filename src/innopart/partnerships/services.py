"""The partnership's own plans: strategic objectives, the action plan, delivery activities and membership changes;
and the ministry's roadmap. Each write is one transaction with its audit row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innopart.core import audit
from innopart.core.concurrency import check_fresh

from .enums import MembershipChangeKind
from .models import Action, Activity, MembershipChange, Objective, Partnership, RoadmapItem
from .rules import member_organisation_ids
from .selectors import current_agreement


def save_objective(*, actor, objective: Objective) -> Objective:
    with transaction.atomic():
        created = objective.pk is None
        objective.save()
        audit.record(actor=actor, obj=objective, action="partnership.objective_saved", changes={"new": created})
    return objective


def save_action(*, actor, action: Action) -> Action:
    with transaction.atomic():
        if action.owner_id not in member_organisation_ids(action.partnership):
            raise ValidationError({"owner": _("The owner must be a partner of this partnership.")})
        if action.ends < action.starts:
            raise ValidationError({"ends": _("An action ends on or after the day it starts.")})
        created = action.pk is None
        action.save()
        audit.record(
            actor=actor,
            obj=action,
            action="partnership.action_saved",
            changes={"new": created, "status": action.status, "programmes": action.programmes},
        )
    return action


def save_activity(*, actor, activity: Activity) -> Activity:
    with transaction.atomic():
        if activity.objective.partnership_id != activity.partnership_id:
            raise ValidationError({"objective": _("Choose one of this partnership's objectives.")})
        agreement = current_agreement(activity.partnership)
        if agreement and not 1 <= activity.year <= agreement.duration_years:
            raise ValidationError({"year": _("The agreement has years 1 to %(n)d.") % {"n": agreement.duration_years}})
        created = activity.pk is None
        activity.save()
        audit.record(
            actor=actor,
            obj=activity,
            action="partnership.activity_saved",
            changes={"new": created, "status": activity.status, "kind": activity.kind},
        )
    return activity


def change_membership(*, actor, partnership: Partnership, organisation, kind: str, on, reason: str):
    """A partner joins or leaves; the coordinator cannot leave (the agreement would need a new coordinator)."""
    with transaction.atomic():
        Partnership.objects.select_for_update().get(pk=partnership.pk)
        members = member_organisation_ids(partnership)
        if kind == MembershipChangeKind.JOINED and organisation.pk in members:
            raise ValidationError({"organisation": _("%(org)s is already a partner.") % {"org": organisation}})
        if kind == MembershipChangeKind.LEFT:
            if organisation.pk not in members:
                raise ValidationError({"organisation": _("%(org)s is not a partner.") % {"org": organisation}})
            if organisation.pk == partnership.coordinator_id:
                raise ValidationError(
                    {"organisation": _("The coordinating organisation cannot leave; amend the agreement first.")}
                )
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason.")})
        change = MembershipChange.objects.create(
            partnership=partnership, organisation=organisation, kind=kind, on=on, reason=reason, recorded_by=actor
        )
        if hasattr(partnership, "_member_ids"):
            del partnership._member_ids
        audit.record(
            actor=actor,
            obj=partnership,
            action="partnership.membership_changed",
            reason=reason,
            changes={"organisation": organisation.name, "change": kind, "on": on.isoformat()},
        )
    return change


def set_roadmap_status(
    *, actor, item: RoadmapItem, status: str, note: str, edit_token: str | None = None
) -> RoadmapItem:
    """Refused (StaleEdit) if someone changed the item since the form was read; `edit_token` None is for programs
    (the demo), not for people."""
    with transaction.atomic():
        # The stored row, not the instance a bound form has already written into.
        item = RoadmapItem.objects.select_for_update().get(pk=item.pk)
        if edit_token is not None:
            check_fresh(item, ("status", "note"), edit_token)
        before = item.status
        item.status = status
        item.note = note
        item.save()
        audit.record(actor=actor, obj=item, action="roadmap.updated", from_state=before, to_state=status, reason=note)
    return item
