"""Writes on applications. Each function owns its transaction and writes its audit rows inside it."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from innopart.core import audit
from innopart.core.concurrency import check_fresh
from innopart.organisations.models import Organisation

from . import notifications
from .enums import APPLICATION_TRANSITIONS, ApplicationState, PartnerRole, SectionKind
from .models import Application, Partner, PlanLine, Section, Snapshot
from .selectors import plan_summary, readiness
from .validators import validate_pdf


class EditConflict(Exception):
    """Someone else saved first. Carries what is stored now so the editor can merge."""

    def __init__(self, current_body: str, updated_by, updated_at):
        super().__init__("conflict")
        self.current_body, self.updated_by, self.updated_at = current_body, updated_by, updated_at


def _require_draft(application: Application) -> None:
    if application.state != ApplicationState.DRAFT:
        raise ValidationError(
            _("This application is %(state)s and can no longer be changed.")
            % {"state": application.get_state_display().lower()}
        )


def start_application(
    *, actor, call, coordinator: Organisation, title: str, acronym: str, thematic_field=None, now=None
) -> Application:
    with transaction.atomic():
        if not actor.has_perm("applications.apply"):
            raise PermissionDenied
        if not call.is_open(now):
            raise ValidationError(call.published_version.why_closed(now))
        if not coordinator.memberships.filter(user=actor).exists():
            raise ValidationError({"coordinator": _("You can only apply on behalf of your own organisation.")})
        if (
            thematic_field is not None
            and not call.published_version.thematic_fields.filter(pk=thematic_field.pk).exists()
        ):
            raise ValidationError({"thematic_field": _("Choose one of the call's thematic fields.")})
        if Application.objects.filter(call=call, acronym__iexact=acronym).exists():
            raise ValidationError({"acronym": _("Another application to this call already uses this acronym.")})
        application = Application.objects.create(
            call=call,
            coordinator=coordinator,
            title=title,
            acronym=acronym,
            thematic_field=thematic_field,
            created_by=actor,
        )
        Section.objects.bulk_create(Section(application=application, kind=kind) for kind in SectionKind.values)
        Partner.objects.create(
            application=application, organisation=coordinator, role=PartnerRole.COORDINATOR, added_by=actor
        )
        audit.record(actor=actor, obj=application, action="application.created", to_state=application.state)
    return application


DETAIL_FIELDS = ("title", "acronym", "thematic_field", "summary")


def update_details(*, actor, application: Application, data: dict, edit_token: str) -> Application:
    """Save the details unless someone saved them since the form was read (StaleEdit)."""
    fields = DETAIL_FIELDS
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        _require_draft(application)
        check_fresh(application, fields, edit_token)
        field = data.get("thematic_field")
        if field is not None and not application.call.published_version.thematic_fields.filter(pk=field.pk).exists():
            raise ValidationError({"thematic_field": _("Choose one of the call's thematic fields.")})
        changes = {
            f: [str(getattr(application, f)), str(data[f])] for f in fields if getattr(application, f) != data[f]
        }
        for f in fields:
            setattr(application, f, data[f])
        application.save()
        audit.record(actor=actor, obj=application, action="application.details_saved", changes=changes)
    return application


def save_section(*, actor, section: Section, body: str, expected_version: int) -> Section:
    """Save a section only if nobody saved it since `expected_version` was read; else raise EditConflict."""
    with transaction.atomic():
        _require_draft(Application.objects.select_for_update().get(pk=section.application_id))
        updated = Section.objects.filter(pk=section.pk, version=expected_version).update(
            body=body, version=F("version") + 1, updated_by=actor, updated_at=timezone.now()
        )
        current = Section.objects.select_related("updated_by").get(pk=section.pk)
        if not updated:
            raise EditConflict(current.body, current.updated_by, current.updated_at)
        audit.record(
            actor=actor,
            obj=current.application,
            action="application.section_saved",
            changes={"section": current.kind, "version": current.version, "characters": len(body)},
        )
    return current


def add_partner(
    *,
    actor,
    application: Application,
    organisation: Organisation,
    contribution: str = "",
    is_key_partner: bool = False,
    letter=None,
) -> Partner:
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        _require_draft(application)
        if application.partners.filter(organisation=organisation).exists():
            raise ValidationError({"organisation": _("%(org)s is already in the consortium.") % {"org": organisation}})
        partner = Partner(
            application=application,
            organisation=organisation,
            contribution=contribution,
            is_key_partner=is_key_partner,
            added_by=actor,
        )
        if letter:
            validate_pdf(letter)
            partner.commitment_letter = letter
            partner.letter_uploaded_at = timezone.now()
        partner.save()
        notifications.partner_invited(partner)
        audit.record(
            actor=actor,
            obj=application,
            action="application.partner_added",
            changes={
                "organisation": organisation.name,
                "key_partner": is_key_partner,
                "letter": bool(letter),
            },
        )
    return partner


def update_partner(
    *, actor, partner: Partner, contribution: str, is_key_partner: bool, letter=None, edit_token: str | None = None
) -> Partner:
    """Refused (StaleEdit) if the entry changed since the form with `edit_token` was read (None: a program)."""
    with transaction.atomic():
        _require_draft(Application.objects.select_for_update().get(pk=partner.application_id))
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        if edit_token is not None:
            check_fresh(partner, ("contribution", "is_key_partner", "commitment_letter"), edit_token)
        changes = {}
        if letter:
            try:
                validate_pdf(letter)
            except ValidationError as error:
                raise ValidationError({"letter": error.messages}) from None
            partner.commitment_letter = letter
            partner.letter_uploaded_at = timezone.now()
            changes["letter"] = letter.name
        if (contribution, is_key_partner) != (partner.contribution, partner.is_key_partner):
            changes["key_partner"] = [partner.is_key_partner, is_key_partner]
        partner.contribution, partner.is_key_partner = contribution, is_key_partner
        partner.save()
        audit.record(
            actor=actor,
            obj=partner.application,
            action="application.partner_updated",
            changes={"organisation": partner.organisation.name, **changes},
        )
    return partner


def remove_partner(*, actor, partner: Partner) -> None:
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=partner.application_id)
        _require_draft(application)
        if partner.role == PartnerRole.COORDINATOR:
            raise ValidationError(_("The coordinator cannot be removed from its own application."))
        name = partner.organisation.name
        partner.delete()
        audit.record(actor=actor, obj=application, action="application.partner_removed", changes={"organisation": name})


def save_plan(
    *,
    actor,
    application: Application,
    duration_years: int,
    cells: dict[tuple[str, str, int], Decimal],
    expected_version: int,
) -> Application:
    """Replace the resource plan whole, under the plan's optimistic lock."""
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__published_version")
            .get(pk=application.pk)
        )
        _require_draft(locked)
        if locked.plan_version != expected_version:
            raise EditConflict("", None, locked.updated_at)
        version = locked.call.published_version
        if not version.min_years <= duration_years <= version.max_years:
            raise ValidationError(
                {
                    "duration_years": _(
                        "The call funds partnerships for %(lo)d to %(hi)d years; the plan cannot run for %(d)d years."
                    )
                    % {"lo": version.min_years, "hi": version.max_years, "d": duration_years}
                }
            )
        for (kind, category, year), amount in cells.items():
            if amount < 0:
                raise ValidationError({f"{kind}-{category}-{year}": _("Amounts cannot be negative.")})
            if year > duration_years and amount:
                raise ValidationError(
                    {
                        "duration_years": _("The plan has figures for year %(y)d, beyond its duration of %(d)d years.")
                        % {"y": year, "d": duration_years}
                    }
                )
        locked.plan_lines.all().delete()
        PlanLine.objects.bulk_create(
            PlanLine(application=locked, kind=kind, category=category, year=year, amount=amount)
            for (kind, category, year), amount in sorted(cells.items())
            if amount and year <= duration_years
        )
        locked.duration_years = duration_years
        locked.plan_version += 1
        locked.save(update_fields=["duration_years", "plan_version", "updated_at"])
        summary = plan_summary(locked)
        audit.record(
            actor=actor,
            obj=locked,
            action="application.plan_saved",
            changes={
                "duration_years": duration_years,
                "total_costs": str(summary.total_costs),
                "total_grant": str(summary.total_grant),
            },
        )
    return locked


def submit_application(*, actor, application: Application, now=None) -> Snapshot:
    """Submit before the deadline (the server's clock decides) and only when eligible and complete."""
    now = now or timezone.now()
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__published_version", "coordinator", "thematic_field")
            .get(pk=application.pk)
        )
        _require_draft(application)
        version = application.call.published_version
        if not version.accepts_submissions(now):
            raise ValidationError(version.why_closed(now))
        state = readiness(application)
        if not state.can_submit:
            raise ValidationError(state.failures)
        snapshot = Snapshot.objects.create(
            application=application,
            number=application.snapshots.count() + 1,
            call_version=version,
            data=snapshot_data(application),
            created_by=actor,
        )
        application.submitted_at = now
        application.save(update_fields=["submitted_at"])
        notifications.application_submitted(application, snapshot)
        change_application_state(
            actor=actor,
            application=application,
            to=ApplicationState.SUBMITTED,
            reason=_("Submitted as version %(n)d.") % {"n": snapshot.number},
        )
    return snapshot


def withdraw_application(*, actor, application: Application, reason: str) -> Application:
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the application is withdrawn.")})
        return change_application_state(
            actor=actor, application=application, to=ApplicationState.WITHDRAWN, reason=reason
        )


def change_application_state(*, actor, application: Application, to: str, reason: str = "") -> Application:
    """The only function that changes `Application.state`; callers hold the transaction."""
    if to not in APPLICATION_TRANSITIONS[application.state]:
        raise ValidationError(
            _("An application cannot go from “%(a)s” to “%(b)s”.")
            % {"a": ApplicationState(application.state).label, "b": ApplicationState(to).label}
        )
    before = application.state
    application.state = to
    application.save(update_fields=["state", "updated_at"])
    audit.record(
        actor=actor,
        obj=application,
        action="application.state_changed",
        from_state=before,
        to_state=to,
        reason=reason,
    )
    return application


def snapshot_data(application: Application) -> dict:
    summary = plan_summary(application)
    return {
        "title": application.title,
        "acronym": application.acronym,
        "thematic_field": application.thematic_field.code if application.thematic_field else None,
        "summary": application.summary,
        "coordinator": application.coordinator.name,
        "partners": [
            {
                "organisation": p.organisation.name,
                "type": p.organisation.type,
                "country": p.organisation.country,
                "role": p.role,
                "key_partner": p.is_key_partner,
                "contribution": p.contribution,
                "letter": p.commitment_letter.name or None,
            }
            for p in application.partners.select_related("organisation")
        ],
        "sections": {s.kind: s.body for s in application.sections.all()},
        "duration_years": application.duration_years,
        "plan": [
            {"kind": line.kind, "category": line.category, "year": line.year, "amount": str(line.amount)}
            for line in application.plan_lines.order_by("kind", "category", "year")
        ],
        "own_share": {str(y): (str(v) if v is not None else None) for y, v in summary.own_share.items()},
    }
