"""Set-up milestones with their gate review, KPIs, and the annual report cycle: draft -> submitted -> reviewed ->
accepted or returned. Accepting releases the tranches that waited for it. Deadlines are the call's time zone's."""

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopart.core import audit
from innopart.core.concurrency import check_fresh

from .agreements import in_force, release_due
from .enums import KPI_UNITS, KpiKind, ReviewState, Unit, Verification
from .models import AnnualReport, Kpi, KpiActual, KpiTarget, Milestone, Partnership
from .notifications import tell
from .rules import is_member

EDITABLE = (ReviewState.DRAFT, ReviewState.RETURNED)


def zone_of(partnership: Partnership) -> ZoneInfo:
    return ZoneInfo(partnership.application.call.published_version.time_zone)


def _agreement(partnership: Partnership):
    agreement = in_force(partnership)
    if agreement is None:
        raise ValidationError(_("The agreement has not been signed yet."))
    return agreement


def report_window(
    partnership: Partnership, year: int, extended_days: int = 0, agreement=None
) -> tuple[datetime, datetime]:
    """From the end of the agreement year to its deadline: midnight at both ends, in the call's time zone."""
    agreement = agreement or _agreement(partnership)
    if not 1 <= year <= agreement.duration_years:
        raise ValidationError({"year": _("The agreement has years 1 to %(n)d.") % {"n": agreement.duration_years}})
    zone = zone_of(partnership)
    opens = datetime.combine(agreement.year_start(year + 1), time.min, zone)
    closes = opens + timezone.timedelta(days=agreement.report_due_days + extended_days)
    return opens, closes


# Milestones -------------------------------------------------------------------------------------------------------


def submit_milestone(
    *, actor, milestone: Milestone, report: str, evidence=None, now=None, edit_token: str | None = None
) -> Milestone:
    """Refused (StaleEdit) if the milestone changed since the form with `edit_token` was read (None: a program)."""
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if milestone.state not in EDITABLE:
            raise ValidationError(_("This milestone is with the ministry."))
        if edit_token is not None:
            check_fresh(milestone, ("report", "evidence"), edit_token)
        errors = {}
        if len(report.strip()) < 20:
            errors["report"] = _("Say what was achieved, in at least 20 characters.")
        if not evidence and not milestone.evidence:
            errors["evidence"] = _("Attach the evidence as a PDF.")
        if errors:
            raise ValidationError(errors)
        before = milestone.state
        milestone.report = report.strip()
        if evidence:
            milestone.evidence = evidence
        milestone.state = ReviewState.SUBMITTED
        milestone.submitted_by = actor
        milestone.submitted_at = now or timezone.now()
        milestone.save()
        audit.record(
            at=now,
            actor=actor,
            obj=milestone,
            action="milestone.submitted",
            from_state=before,
            to_state=milestone.state,
        )
        tell(
            milestone.partnership,
            to="ministry",
            event=gettext_lazy("a set-up milestone was submitted for the gate review"),
            url=_milestone_url(milestone),
        )
    return milestone


def _milestone_url(milestone) -> str:
    return reverse("partnerships:milestone", args=[milestone.partnership_id, milestone.pk])


def _report_url(report) -> str:
    return reverse("partnerships:report", args=[report.partnership_id, report.year])


def review_milestone(*, actor, milestone: Milestone, accept: bool, comment: str, now=None) -> Milestone:
    """The ministry's gate review: accept, or return with comments."""
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().select_related("partnership").get(pk=milestone.pk)
        if milestone.state != ReviewState.SUBMITTED:
            raise ValidationError(_("Only a submitted milestone can be reviewed."))
        if is_member(actor, milestone.partnership) or milestone.submitted_by_id == actor.pk:
            raise ValidationError(_("Nobody reviews the work of a partnership they belong to."))
        if not accept and not comment.strip():
            raise ValidationError({"comment": _("Say what must change before the milestone can be accepted.")})
        milestone.state = ReviewState.ACCEPTED if accept else ReviewState.RETURNED
        milestone.review_comment = comment.strip()
        milestone.reviewed_by = actor
        milestone.reviewed_at = now or timezone.now()
        milestone.save()
        audit.record(
            at=now,
            actor=actor,
            obj=milestone,
            action="milestone.reviewed",
            from_state=ReviewState.SUBMITTED,
            to_state=milestone.state,
            reason=comment,
        )
        if accept:
            release_due(partnership=milestone.partnership, actor=actor, now=now)
        tell(
            milestone.partnership,
            to="coordinator",
            event=gettext_lazy("a set-up milestone was accepted")
            if accept
            else gettext_lazy("a set-up milestone was returned with comments"),
            url=_milestone_url(milestone),
        )
    return milestone


# KPIs -------------------------------------------------------------------------------------------------------------


def save_kpi(
    *,
    actor,
    partnership: Partnership,
    kind: str,
    baseline: Decimal,
    baseline_year: int,
    targets: dict,
    reason: str = "",
    now=None,
):
    """A KPI with its baseline and yearly targets (agreement year -> value). The partnership sets its KPIs until its
    first report is accepted; from then on they are part of what it is judged on, so only the ministry changes them,
    and says why."""
    with transaction.atomic():
        agreement = _agreement(partnership)
        if partnership.reports.filter(state=ReviewState.ACCEPTED).exists():
            if not actor.has_perm("partnerships.manage"):
                raise ValidationError(
                    _("The indicators are agreed: since the first report was accepted, only the ministry changes them.")
                )
            if not reason.strip():
                raise ValidationError({"reason": _("Say why the agreed indicator changes.")})
        bad = [y for y in targets if not 1 <= y <= agreement.duration_years]
        if bad:
            raise ValidationError(
                {"targets": _("Targets are for agreement years 1 to %(n)d.") % {"n": agreement.duration_years}}
            )
        unit = KPI_UNITS[KpiKind(kind)]
        kpi, _created = Kpi.objects.update_or_create(
            partnership=partnership,
            kind=kind,
            defaults={"unit": unit, "baseline": baseline, "baseline_year": baseline_year},
        )
        _check_value(kpi, baseline, "baseline")
        for value in targets.values():
            _check_value(kpi, value, "targets")
        kpi.targets.exclude(year__in=targets).delete()
        for year, value in targets.items():
            KpiTarget.objects.update_or_create(kpi=kpi, year=year, defaults={"value": value})
        audit.record(
            at=now,
            actor=actor,
            obj=kpi,
            action="kpi.saved",
            reason=reason,
            changes={"baseline": str(baseline), "targets": {str(y): str(v) for y, v in targets.items()}},
        )
    return kpi


def _check_value(kpi: Kpi, value: Decimal, field: str) -> None:
    if value < 0:
        raise ValidationError({field: _("%(kpi)s cannot be negative.") % {"kpi": kpi.get_kind_display()}})
    if kpi.unit == Unit.PERCENT and value > 100:
        raise ValidationError({field: _("%(kpi)s is a percentage: at most 100.") % {"kpi": kpi.get_kind_display()}})


# Annual reports ---------------------------------------------------------------------------------------------------


def save_report(
    *,
    actor,
    partnership: Partnership,
    year: int,
    narrative: str,
    own_resources,
    actuals: dict,
    public_summary: str = "",
    now=None,
    edit_token: str | None = None,
) -> AnnualReport:
    """Write or rewrite a draft. `actuals` maps a KPI to (value, unit, evidence or None); the unit must be the
    KPI's. Nothing is saved when any figure is wrong, nor when the draft was saved since the form with
    `edit_token` was read (StaleEdit; None: a program)."""
    now = now or timezone.now()
    with transaction.atomic():
        opens, _closes = report_window(partnership, year)
        if now < opens:
            raise ValidationError(
                {"year": _("Year %(year)d ends on %(date)s; report after it.") % {"year": year, "date": _day(opens)}}
            )
        report, created = AnnualReport.objects.select_for_update().get_or_create(partnership=partnership, year=year)
        if report.state not in EDITABLE:
            raise ValidationError(_("This report is with the ministry."))
        if edit_token is not None and not created:
            check_fresh(report, ("narrative", "public_summary", "own_resources", "actuals_text"), edit_token)
        errors = []
        for kpi, (value, unit, _evidence) in actuals.items():
            if kpi.partnership_id != partnership.pk:
                errors.append(_("%(kpi)s is not an indicator of this partnership.") % {"kpi": kpi})
            elif unit != kpi.unit:
                errors.append(
                    _("%(kpi)s is measured in %(unit)s; the figure was given in %(given)s.")
                    % {"kpi": kpi.get_kind_display(), "unit": Unit(kpi.unit).label, "given": _unit_label(unit)}
                )
            else:
                try:
                    _check_value(kpi, value, "actuals")
                except ValidationError as error:
                    errors.extend(error.messages)
        if own_resources is not None and own_resources < 0:
            errors.append(_("Own resources cannot be negative."))
        if errors:
            raise ValidationError(errors)
        report.narrative = narrative.strip()
        report.public_summary = public_summary.strip()
        report.own_resources = own_resources
        report.save()
        for kpi, (value, _unit, evidence) in actuals.items():
            actual, _created = KpiActual.objects.get_or_create(report=report, kpi=kpi, defaults={"value": value})
            actual.value = value
            actual.verification = Verification.UNVERIFIED
            if evidence:
                actual.evidence = evidence
            actual.save()
        audit.record(
            at=now,
            actor=actor,
            obj=report,
            action="report.saved",
            changes={"own_resources": str(own_resources), **{k.kind: str(v[0]) for k, v in actuals.items()}},
        )
    return report


def _unit_label(unit: str) -> str:
    return str(Unit(unit).label) if unit in Unit.values else unit


def _day(moment: datetime) -> str:
    return date_format(moment.date(), "DATE_FORMAT")


def submit_report(*, actor, report: AnnualReport, now=None) -> AnnualReport:
    now = now or timezone.now()
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("partnership").get(pk=report.pk)
        if report.state not in EDITABLE:
            raise ValidationError(_("This report has been submitted already."))
        _opens, closes = report_window(report.partnership, report.year, report.extension_days)
        if now >= closes:
            raise ValidationError(
                _(
                    "The report for year %(year)d was due by the end of %(date)s (%(zone)s); ask the ministry for "
                    "an extension."
                )
                % {"year": report.year, "date": _day(closes - timezone.timedelta(days=1)), "zone": closes.tzinfo}
            )
        problems = []
        if len(report.narrative) < 50:
            problems.append(_("Describe the year's progress in at least 50 characters."))
        if report.own_resources is None:
            problems.append(_("State the own resources received in the year."))
        missing = report.partnership.kpis.exclude(actuals__report=report)
        if missing.exists():
            problems.append(
                _("Give the year's figure for: %(kpis)s.") % {"kpis": ", ".join(k.get_kind_display() for k in missing)}
            )
        if problems:
            raise ValidationError(problems)
        before = report.state
        report.state = ReviewState.SUBMITTED
        report.submitted_by = actor
        report.submitted_at = now
        report.save()
        audit.record(
            at=now, actor=actor, obj=report, action="report.submitted", from_state=before, to_state=report.state
        )
        tell(
            report.partnership,
            to="ministry",
            event=gettext_lazy("the annual report of year %(year)d was submitted"),
            params={"year": report.year},
            url=_report_url(report),
        )
    return report


def extend_deadline(*, actor, report: AnnualReport, days: int, reason: str) -> AnnualReport:
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if not 1 <= days <= 180 or not reason.strip():
            raise ValidationError({"days": _("An extension is 1 to 180 days, with a reason.")})
        report.extension_days += days
        report.save(update_fields=["extension_days"])
        audit.record(actor=actor, obj=report, action="report.extended", reason=reason, changes={"days": days})
    return report


def review_report(*, actor, report: AnnualReport, note: str, verification: dict | None = None, now=None):
    """The first reader checks the figures against the evidence and writes the review."""
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("partnership").get(pk=report.pk)
        if report.state != ReviewState.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be reviewed."))
        if is_member(actor, report.partnership) or report.submitted_by_id == actor.pk:
            raise ValidationError(_("Nobody reviews the report of a partnership they belong to."))
        if not note.strip():
            raise ValidationError({"note": _("Write the review.")})
        for actual in report.actuals.all():
            status = (verification or {}).get(actual.kpi_id)
            if status:
                actual.verification = status
                actual.save(update_fields=["verification"])
        report.state = ReviewState.REVIEWED
        report.review_note = note.strip()
        report.reviewed_by = actor
        report.reviewed_at = now or timezone.now()
        report.save()
        audit.record(
            at=now,
            actor=actor,
            obj=report,
            action="report.reviewed",
            from_state=ReviewState.SUBMITTED,
            to_state=report.state,
            changes={"verification": {str(k): v for k, v in (verification or {}).items()}},
        )
    return report


def decide_report(*, actor, report: AnnualReport, accept: bool, comment: str, now=None) -> AnnualReport:
    """Accept or return a reviewed report: never by its author, its reviewer or a member of the partnership."""
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("partnership").get(pk=report.pk)
        if report.state != ReviewState.REVIEWED:
            raise ValidationError(_("A report is decided after its review."))
        if is_member(actor, report.partnership) or report.submitted_by_id == actor.pk:
            raise ValidationError(_("Nobody can approve their own report."))
        if report.reviewed_by_id == actor.pk:
            raise ValidationError(_("The decision needs a second person: you reviewed this report."))
        if not accept and not comment.strip():
            raise ValidationError({"comment": _("Say what must change.")})
        if accept and report.actuals.filter(verification=Verification.QUERIED).exists():
            raise ValidationError(_("A queried figure must be corrected before the report can be accepted."))
        report.state = ReviewState.ACCEPTED if accept else ReviewState.RETURNED
        report.decision_comment = comment.strip()
        report.decided_by = actor
        report.decided_at = now or timezone.now()
        report.save()
        audit.record(
            at=now,
            actor=actor,
            obj=report,
            action="report.decided",
            from_state=ReviewState.REVIEWED,
            to_state=report.state,
            reason=comment,
        )
        if accept:
            release_due(partnership=report.partnership, actor=actor, now=now)
        tell(
            report.partnership,
            to="coordinator",
            event=(
                gettext_lazy("the annual report of year %(year)d was accepted")
                if accept
                else gettext_lazy("the annual report of year %(year)d was returned with comments")
            ),
            params={"year": report.year},
            url=_report_url(report),
        )
    return report
