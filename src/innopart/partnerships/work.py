"""What waits in the partnerships: for the coordinating organisation, milestones and reports due and agreements to
sign; for the ministry and advisers, reports to review, decisions and gate reviews to take, agreements to
countersign."""

from django.urls import reverse
from django.utils.translation import gettext as _

from innopart.accounts.enums import Role
from innopart.applications.rules import organisation_ids
from innopart.core.worklist import Item

from .enums import AgreementState, ReviewState
from .models import Agreement, AnnualReport, Milestone
from .reminders import due_items
from .selectors import visible_partnerships, with_monitoring

SHOWN = 10
# The start page looks a quarter ahead (the e-mail reminders a month): an open report window is always in it.
HORIZON_DAYS = 90


def waiting(user, now) -> list[Item]:
    items = []
    coordinated = with_monitoring(visible_partnerships(user).filter(coordinator_id__in=organisation_ids(user)))
    for partnership in coordinated:
        for due in due_items(partnership, now, horizon=HORIZON_DAYS):
            items.append(
                Item(
                    text=f"{partnership.acronym}: {due.label}",
                    url=due.url,
                    due=due.due,
                    next_step=_("The coordinator submits it; the ministry reviews it."),
                )
            )
    drafts = Agreement.objects.filter(state=AgreementState.DRAFT, partnership__in=coordinated)
    for agreement in drafts.select_related("partnership"):
        items.append(_agreement_item(agreement, _("Sign the agreement of %(acronym)s (version %(number)d)")))
    if user.has_role(Role.PROGRAMME_MANAGER, Role.AGENCY_ADVISER):
        items += _for_ministry(user)
    return items


def _agreement_item(agreement: Agreement, text: str) -> Item:
    return Item(
        text=text % {"acronym": agreement.partnership.acronym, "number": agreement.number},
        url=reverse("partnerships:agreement", args=[agreement.partnership_id]),
        state=agreement.get_state_display(),
        next_step=_("The partnership signs first, then the ministry countersigns."),
    )


def _for_ministry(user) -> list[Item]:
    items = []
    for report in AnnualReport.objects.filter(state=ReviewState.SUBMITTED).select_related("partnership"):
        if user.has_perm("partnerships.review", report.partnership):
            items.append(_report_item(report, _("Review the annual report of %(acronym)s, year %(year)d")))
    if not user.has_role(Role.PROGRAMME_MANAGER):
        return items
    reviewed = AnnualReport.objects.filter(state=ReviewState.REVIEWED).exclude(reviewed_by=user)
    for report in reviewed.exclude(submitted_by=user).select_related("partnership"):
        if user.has_perm("partnerships.decide", report.partnership):
            items.append(_report_item(report, _("Decide on the annual report of %(acronym)s, year %(year)d")))
    for milestone in Milestone.objects.filter(state=ReviewState.SUBMITTED).select_related("partnership"):
        items.append(
            Item(
                text=_("Gate review: %(milestone)s of %(acronym)s")
                % {"milestone": milestone.get_kind_display(), "acronym": milestone.partnership.acronym},
                url=reverse("partnerships:milestone", args=[milestone.partnership_id, milestone.pk]),
                state=milestone.get_state_display(),
                next_step=_("Accepting it releases the tranche tied to it."),
            )
        )
    signed = Agreement.objects.filter(state=AgreementState.PARTNERSHIP_SIGNED).select_related("partnership")
    for agreement in signed:
        items.append(_agreement_item(agreement, _("Countersign the agreement of %(acronym)s (version %(number)d)")))
    return items


def _report_item(report: AnnualReport, text: str) -> Item:
    return Item(
        text=text % {"acronym": report.partnership.acronym, "year": report.year},
        url=reverse("partnerships:report", args=[report.partnership_id, report.year]),
        state=report.get_state_display(),
        next_step=_("One person reviews the report, a second one decides on it."),
    )


def current(user) -> list[Item]:
    if user.has_role(Role.PROGRAMME_MANAGER, Role.AGENCY_ADVISER, Role.OBSERVER):
        return [Item(text=_("The programme of partnerships"), url=reverse("partnerships:programme"))]
    return [
        Item(text=f"{p.acronym}: {p.title}", url=reverse("partnerships:detail", args=[p.pk]), state=_("Partnership"))
        for p in visible_partnerships(user)[:SHOWN]
    ]
