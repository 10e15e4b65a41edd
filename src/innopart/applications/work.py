"""What waits for an applicant: drafts to complete and submit before their call's deadline."""

from django.urls import reverse
from django.utils.translation import gettext as _

from innopart.core.worklist import Item

from .enums import ApplicationState
from .selectors import applications_of_user

SHOWN = 10  # the start page shows the most recent; the dashboard lists them all


def waiting(user, now) -> list[Item]:
    drafts = applications_of_user(user).filter(state=ApplicationState.DRAFT, coordinator__memberships__user=user)
    items = []
    for application in drafts:
        version = application.call.published_version
        if version is None or not version.accepts_submissions(now):
            continue
        items.append(
            Item(
                text=_("Complete and submit %(acronym)s: %(title)s")
                % {
                    "acronym": application.acronym,
                    "title": application.title,
                },
                url=reverse("applications:detail", args=[application.pk]),
                due=version.deadline,
                zone=version.time_zone,
                state=application.get_state_display(),
                next_step=_("Your consortium submits it; the jury scores it after the deadline."),
            )
        )
    return items


def current(user) -> list[Item]:
    return [
        Item(
            text=f"{application.acronym}: {application.title}",
            url=reverse("applications:detail", args=[application.pk]),
            state=application.get_state_display(),
        )
        for application in applications_of_user(user)[:SHOWN]
    ]
