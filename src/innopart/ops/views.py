"""The operations page: for an administrator, whether the task workers run and what background work waits or
failed, in words (monitoring systems read the same from /metrics and /readyz)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from innopart.core.access import require

from . import status


@login_required
def operations(request):
    require(request.user.has_perm("ops.view_operations"))
    now = timezone.now()
    workers = status.workers(now)
    return render(
        request,
        "ops/operations.html",
        {
            "workers": workers,
            "live": sum(1 for w in workers if w.alive),
            "tasks": status.tasks(now),
            "days": status.FAILURES_SHOWN_FOR.days,
        },
    )
