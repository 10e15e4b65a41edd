"""What waits for an administrator on the start page: a queue nobody runs, and background work that failed."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innopart.accounts.enums import Role
from innopart.core.worklist import Item

from . import status


def waiting(user, now) -> list[Item]:
    if not user.has_role(Role.ADMINISTRATOR):
        return []
    figures = status.summary(now)
    url = reverse("ops:operations")
    items = []
    if not figures.live_workers:
        since = (
            _("last report %(when)s") % {"when": date_format(figures.last_seen, "DATETIME_FORMAT")}
            if figures.last_seen
            else _("none has ever reported")
        )
        items.append(
            Item(
                text=_("Start a task worker: none is running (%(since)s)") % {"since": since},
                url=url,
                state=ngettext("%(count)d background task waits", "%(count)d background tasks wait", figures.waiting)
                % {"count": figures.waiting},
                next_step=_("Letters, jury panels, index runs and Eurostat refreshes wait until a worker runs."),
            )
        )
    if figures.failed:
        items.append(
            Item(
                text=ngettext(
                    "Look into %(count)d background task that failed in the last %(days)d days",
                    "Look into %(count)d background tasks that failed in the last %(days)d days",
                    figures.failed,
                )
                % {"count": figures.failed, "days": status.FAILURES_SHOWN_FOR.days},
                url=url,
                next_step=_("The worker's log holds each error; the person who started the work can start it again."),
            )
        )
    return items


def current(user) -> list[Item]:
    return []
