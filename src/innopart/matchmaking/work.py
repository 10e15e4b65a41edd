"""What waits in partner search and support: contact requests to answer, the public's questions on a call for the
ministry, and the drafts an adviser was let read that changed since the adviser last commented."""

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innopart.accounts.enums import Role
from innopart.applications.models import Section
from innopart.calls.models import Call
from innopart.core.worklist import Item

from . import advice
from .models import AdviserComment, CallQuestion, ContactRequest

SHOWN = 10


def waiting(user, now) -> list[Item]:
    items = []
    incoming = (
        ContactRequest.objects.filter(state=ContactRequest.State.PENDING, recipient__memberships__user=user)
        .select_related("sender", "recipient")
        .distinct()
    )
    for contact in incoming:
        items.append(
            Item(
                text=_("Answer the contact request of %(sender)s to %(recipient)s")
                % {"sender": contact.sender.name, "recipient": contact.recipient.name},
                url=reverse("matchmaking:contacts"),
                state=contact.get_state_display(),
                next_step=_("If you accept, both organisations see each other's contact person."),
            )
        )
    if user.has_role(Role.PROGRAMME_MANAGER):
        unanswered = (
            CallQuestion.objects.filter(published_at__isnull=True).values("call").annotate(count=Count("pk")).order_by()
        )
        counts = {row["call"]: row["count"] for row in unanswered}
        for call in Call.objects.filter(pk__in=counts).select_related("published_version"):
            # After the deadline an answer no longer helps an applicant; the questions stay on the call's page.
            if not call.takes_questions(now):
                continue
            version = call.published_version
            items.append(
                Item(
                    text=ngettext(
                        "Answer %(count)d public question on %(call)s",
                        "Answer %(count)d public questions on %(call)s",
                        counts[call.pk],
                    )
                    % {"count": counts[call.pk], "call": str(call)},
                    url=reverse("matchmaking:manage_questions", args=[call.slug]),
                    due=version.deadline,
                    zone=version.time_zone,
                    next_step=_("The answer is published for every applicant alike, without the asker's name."),
                )
            )
    if user.has_role(Role.AGENCY_ADVISER):
        items += _drafts_to_advise(user, now)
    return items


def _drafts_to_advise(adviser, now) -> list[Item]:
    """Drafts the adviser was let read that changed since their last comment (or that they never commented on),
    while advice can still change them: until the call's deadline."""
    drafts = [
        a
        for a in advice.consented_applications(adviser).select_related("call__published_version")
        if a.call.takes_questions(now)
    ]
    ids = [a.pk for a in drafts]
    edited = dict(
        Section.objects.filter(application__in=ids)
        .values("application")
        .annotate(last=Max("updated_at"))
        .values_list("application", "last")
        .order_by()
    )
    advised = dict(
        AdviserComment.objects.filter(application__in=ids, author=adviser)
        .values("application")
        .annotate(last=Max("created_at"))
        .values_list("application", "last")
        .order_by()
    )
    items = []
    for draft in drafts:
        changed = max(filter(None, [draft.updated_at, edited.get(draft.pk)]))
        last_advice = advised.get(draft.pk)
        if last_advice and changed <= last_advice:
            continue
        names = {"acronym": draft.acronym, "title": draft.title}
        version = draft.call.published_version
        items.append(
            Item(
                text=(
                    _("Read the changes to %(acronym)s: %(title)s")
                    if last_advice
                    else _("Advise on %(acronym)s: %(title)s")
                )
                % names,
                url=reverse("matchmaking:adviser_application", args=[draft.pk]),
                due=version.deadline,
                zone=version.time_zone,
                state=draft.get_state_display(),
                next_step=_("Your comments reach the applicant only, never the jury."),
            )
        )
    return items


def current(user) -> list[Item]:
    if not user.has_role(Role.AGENCY_ADVISER):
        return []
    return [
        Item(
            text=_("Advice on %(acronym)s: %(title)s") % {"acronym": application.acronym, "title": application.title},
            url=reverse("matchmaking:adviser_application", args=[application.pk]),
            state=application.get_state_display(),
        )
        for application in advice.consented_applications(user).select_related("call")[:SHOWN]
    ]
