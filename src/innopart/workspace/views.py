"""The start page: what waits for the person first, nearest deadline first; then the work they are in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from innopart.applications import work as applications_work
from innopart.calls import work as calls_work
from innopart.core.worklist import by_deadline
from innopart.diagnosis import work as diagnosis_work
from innopart.evaluation import work as evaluation_work
from innopart.matchmaking import work as matchmaking_work
from innopart.observatory import work as observatory_work
from innopart.ops import work as ops_work
from innopart.partnerships import work as partnerships_work

from .navigation import areas_for

# Each domain app says what waits for a person in its work.py; the order here is the order of "current work".
SOURCES = [
    calls_work,
    evaluation_work,
    applications_work,
    matchmaking_work,
    partnerships_work,
    observatory_work,
    diagnosis_work,
    ops_work,
]


@login_required
def start(request):
    user = request.user
    now = timezone.now()
    waiting = by_deadline([item for source in SOURCES for item in source.waiting(user, now)])
    current = [item for source in SOURCES for item in source.current(user)]
    shortcuts = [(area.label, area.pages) for area in areas_for(user) if area.key != "work"]
    return render(
        request,
        "workspace/start.html",
        {
            "waiting": [(item, item.overdue(now)) for item in waiting],
            "current": current,
            "shortcuts": shortcuts,
        },
    )
