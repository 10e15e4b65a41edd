"""The calls a programme manager designs and runs, with where each stands."""

from django.urls import reverse
from django.utils.translation import gettext as _

from innopart.accounts.enums import Role
from innopart.core.worklist import Item

from .enums import CallState, CallStatus
from .selectors import managed_calls

SHOWN = 10


def waiting(user, now) -> list[Item]:
    return []


def current(user) -> list[Item]:
    if not user.has_role(Role.PROGRAMME_MANAGER):
        return []
    items = []
    for call in managed_calls()[:SHOWN]:
        if call.state == CallState.PUBLISHED and call.published_version:
            version = call.published_version
            status = CallStatus(version.status())
            state, next_step = (
                status.label,
                {
                    CallStatus.UPCOMING: _("Applications are taken from the publication day."),
                    CallStatus.OPEN: _("Applicants submit until the deadline; then the jury starts."),
                    CallStatus.CLOSED: "",
                }[status],
            )
        else:
            state, next_step = call.get_state_display(), _("You publish it when its text and rules are final.")
        items.append(
            Item(text=str(call), url=reverse("calls:manage_detail", args=[call.slug]), state=state, next_step=next_step)
        )
    return items
