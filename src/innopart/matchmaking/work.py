"""What waits in partner search and support: contact requests to answer, the public's questions on a call for the
ministry, and the drafts an adviser was let read."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innopart.accounts.enums import Role
from innopart.calls.models import Call
from innopart.core.worklist import Item

from . import advice
from .models import CallQuestion, ContactRequest

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
