"""Writes on calls. Every change runs in one transaction with its audit row."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopart.core import audit
from innopart.core.concurrency import check_fresh

from .enums import CALL_TRANSITIONS, CallState, Criterion
from .models import Call, CallVersion
from .validators import validate_criteria, validate_eligibility

VERSION_FIELDS = (
    "title",
    "summary",
    "description",
    "title_lt",
    "summary_lt",
    "description_lt",
    "total_budget",
    "max_grant",
    "min_years",
    "max_years",
    "min_awards",
    "max_awards",
    "time_zone",
    "publication_date",
    "deadline",
    "award_date",
    "start_date",
    "eligibility",
    "coordinator_countries",
    "criteria",
    "overall_threshold",
    "tie_break",
    "changelog",
)
# What the call designer shows: a save from an older page is refused if any of these changed.
GUARDED_DRAFT_FIELDS = (*VERSION_FIELDS, "thematic_fields")


def validate_version(version: CallVersion) -> None:
    """Checks that hold for every saved version: field-named errors, nothing saved when they fail."""
    errors: dict[str, str] = {}
    if not (version.title or "").strip() and not (version.title_lt or "").strip():
        errors["title"] = _("Give the call a title, in Lithuanian, in English or in both.")
    try:
        zoneinfo.ZoneInfo(version.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = _("“%(tz)s” is not a known time zone.") % {"tz": version.time_zone}
    if version.max_grant is not None and version.total_budget is not None and version.max_grant > version.total_budget:
        errors["max_grant"] = _("The maximum grant cannot exceed the total budget.")
    if not 1 <= version.min_years <= version.max_years <= 15:
        errors["max_years"] = _("The funding period must run from 1 to 15 years, the shortest not above the longest.")
    if sorted(version.tie_break or []) != sorted(Criterion.values):
        errors["tie_break"] = _("The tie-break chain must list each of the four criteria once.")
    if version.overall_threshold is not None and not 0 <= version.overall_threshold <= 5:
        errors["overall_threshold"] = _("The overall threshold must be between 0 and 5.")
    if not 1 <= version.min_awards <= version.max_awards:
        errors["max_awards"] = _("The most awards cannot be fewer than the fewest awards.")
    deadline_date = timezone.localtime(version.deadline, zoneinfo.ZoneInfo("UTC")).date() if version.deadline else None
    if deadline_date and version.publication_date and version.publication_date > deadline_date:
        errors["publication_date"] = _("Publication must come before the application deadline.")
    if deadline_date and version.award_date and version.award_date <= deadline_date:
        errors["award_date"] = _("The award must come after the application deadline.")
    if version.award_date and version.start_date and version.start_date < version.award_date:
        errors["start_date"] = _("The partnerships cannot start before the award.")
    for check in (
        lambda: validate_eligibility(version.eligibility),
        lambda: validate_criteria(version.criteria),
    ):
        try:
            check()
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)


def create_call(*, actor, slug: str, data: dict, thematic_fields=()) -> Call:
    with transaction.atomic():
        if Call.objects.filter(slug=slug).exists():
            raise ValidationError({"slug": _("Another call already uses this short name.")})
        call = Call.objects.create(slug=slug, created_by=actor)
        version = CallVersion(call=call, number=1, created_by=actor, **_version_data(data))
        validate_version(version)
        version.save()
        version.thematic_fields.set(thematic_fields)
        call.draft_version = version
        call.save(update_fields=["draft_version"])
        audit.record(actor=actor, obj=call, action="call.created", to_state=call.state)
    return call


def update_call_draft(
    *, actor, call: Call, data: dict, thematic_fields=None, edit_token: str | None = None
) -> CallVersion:
    """Save the draft; refused (StaleEdit) if someone saved it since the form with `edit_token` was read (None: a
    program, not a person, writes)."""
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        version = call.draft_version
        if version is None or version.is_frozen:
            raise ValidationError(
                _("A published call cannot be edited. Start a correction: it becomes a new version with a changelog.")
            )
        if edit_token is not None:
            check_fresh(version, GUARDED_DRAFT_FIELDS, edit_token)
        before = {f: _jsonable(getattr(version, f)) for f in VERSION_FIELDS}
        for field, value in _version_data(data).items():
            setattr(version, field, value)
        validate_version(version)
        version.save()
        if thematic_fields is not None:
            version.thematic_fields.set(thematic_fields)
        changes = {
            f: [before[f], _jsonable(getattr(version, f))]
            for f in VERSION_FIELDS
            if before[f] != _jsonable(getattr(version, f))
        }
        audit.record(actor=actor, obj=call, action="call.draft_edited", changes=changes)
    return version


def publish_call(*, actor, call: Call, now=None) -> CallVersion:
    """Publish the draft version: the call's first publication, or a correction of a published call."""
    now = now or timezone.now()
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        version = call.draft_version
        if version is None:
            raise ValidationError(_("There is no draft to publish."))
        validate_version(version)
        if version.deadline <= now:
            raise ValidationError({"deadline": _("The application deadline is in the past; choose a later one.")})
        if version.number > 1 and not version.changelog.strip():
            raise ValidationError({"changelog": _("Say what this correction changes: applicants will read it.")})
        if not version.thematic_fields.exists():
            raise ValidationError({"thematic_fields": _("Choose at least one thematic field.")})
        version.published_at, version.published_by = now, actor
        version.save(update_fields=["published_at", "published_by"])
        previous = call.published_version
        call.published_version, call.draft_version = version, None
        call.save(update_fields=["published_version", "draft_version"])
        if call.state == CallState.DRAFT:
            change_call_state(actor=actor, call=call, to=CallState.PUBLISHED)
        else:
            audit.record(
                actor=actor,
                obj=call,
                action="call.corrected",
                reason=version.changelog,
                changes={"version": [previous.number if previous else None, version.number]},
            )
    return version


def start_correction(*, actor, call: Call) -> CallVersion:
    """Copy the published version into a new draft version; the published one stays in force meanwhile."""
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if call.state != CallState.PUBLISHED:
            raise ValidationError(_("Only a published call can be corrected."))
        if call.draft_version is not None:
            return call.draft_version
        if not call.published_version.before_deadline():
            raise ValidationError(_("The application deadline has passed; the call can no longer be corrected."))
        source = call.published_version
        version = CallVersion(
            call=call,
            number=source.number + 1,
            created_by=actor,
            **{f: getattr(source, f) for f in VERSION_FIELDS if f != "changelog"},
        )
        version.save()
        version.thematic_fields.set(source.thematic_fields.all())
        call.draft_version = version
        call.save(update_fields=["draft_version"])
        audit.record(actor=actor, obj=call, action="call.correction_started", changes={"version": version.number})
    return version


def change_call_state(*, actor, call: Call, to: str, reason: str = "") -> Call:
    """The only function that changes `Call.state`; callers hold the transaction."""
    if to not in CALL_TRANSITIONS[call.state]:
        raise ValidationError(
            _("A call cannot go from “%(a)s” to “%(b)s”.")
            % {"a": CallState(call.state).label, "b": CallState(to).label}
        )
    before = call.state
    call.state = to
    call.save(update_fields=["state"])
    audit.record(actor=actor, obj=call, action="call.state_changed", from_state=before, to_state=to, reason=reason)
    return call


def _version_data(data: dict) -> dict:
    return {k: v for k, v in data.items() if k in VERSION_FIELDS}


def _jsonable(value):
    return value if isinstance(value, dict | list | int | float | str | bool | type(None)) else str(value)
