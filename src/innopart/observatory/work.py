"""What waits for an analyst on the start page: a Eurostat refresh or an index computation whose last try failed,
and the ones still running."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from innopart.core.worklist import Item

from .models import DatasetRefresh, IndexRun

RECENT = timedelta(days=7)  # a failure older than this is history, not news


def _latest_refreshes(since) -> list[DatasetRefresh]:
    """The newest refresh of each dataset tried lately: a failure followed by a success is nothing to do."""
    latest: dict[str, DatasetRefresh] = {}
    recent = DatasetRefresh.objects.filter(created_at__gte=since).select_related("indicator")
    for refresh in recent.order_by("dataset", "-created_at", "-pk"):
        latest.setdefault(refresh.dataset, refresh)
    return list(latest.values())


def waiting(user, now) -> list[Item]:
    if not user.has_perm("observatory.import_data"):
        return []
    items = []
    for refresh in _latest_refreshes(now - RECENT):
        if refresh.state == DatasetRefresh.State.FAILED:
            items.append(
                Item(
                    text=_("Refresh “%(indicator)s” from Eurostat again: the last try failed")
                    % {"indicator": refresh.indicator.name},
                    url=reverse("observatory:refresh", args=[refresh.pk]),
                    state=refresh.get_state_display(),
                    next_step=_("The refresh's page says what went wrong; the data shown are those before it."),
                )
            )
    if user.has_perm("observatory.edit_index"):
        run = IndexRun.objects.filter(created_at__gte=now - RECENT).first()  # the newest
        if run is not None and run.state == IndexRun.State.FAILED:
            items.append(
                Item(
                    text=_("Compute the index of industrial change again: the last computation failed"),
                    url=reverse("observatory:index_run", args=[run.pk]),
                    state=run.get_state_display(),
                    next_step=_("The computation's page says what went wrong; the published index is the one before."),
                )
            )
    return items


def current(user) -> list[Item]:
    """Refreshes and computations the person started that are still queued or running."""
    if not user.has_perm("observatory.import_data"):
        return []
    active = (DatasetRefresh.State.QUEUED, DatasetRefresh.State.RUNNING)
    items = [
        Item(
            text=_("Eurostat refresh of “%(indicator)s”") % {"indicator": refresh.indicator.name},
            url=reverse("observatory:refresh", args=[refresh.pk]),
            state=refresh.get_state_display(),
        )
        for refresh in DatasetRefresh.objects.filter(requested_by=user, state__in=active).select_related("indicator")
    ]
    running = IndexRun.objects.filter(requested_by=user, state__in=(IndexRun.State.QUEUED, IndexRun.State.RUNNING))
    items += [
        Item(
            text=_("Computation of the index of industrial change"),
            url=reverse("observatory:index_run", args=[run.pk]),
            state=_("%(state)s, %(percent)d%%") % {"state": run.get_state_display(), "percent": run.percent},
        )
        for run in running
    ]
    return items
