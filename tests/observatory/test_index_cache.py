"""The index's cached results follow a computation finished in another process (a task worker on another host)."""

import pytest
from django.utils import timezone

from innopart.observatory import change_index
from innopart.observatory.models import IndexRun

pytestmark = pytest.mark.django_db


def test_a_run_finished_elsewhere_is_served_at_once_though_this_process_cached_the_older_one():
    assert change_index.latest() is None
    first = IndexRun.objects.create(spec="x", state=IndexRun.State.DONE, results={"name": "first"})
    assert change_index.latest()["name"] == "first"  # now in this process's cache
    # Another process writes a newer run; nothing touches this process's cache.
    IndexRun.objects.create(spec="x", state=IndexRun.State.DONE, results={"name": "second"}, finished_at=timezone.now())
    IndexRun.objects.create(spec="x", state=IndexRun.State.FAILED, results={"name": "broken"})
    found = change_index.latest()
    assert found["name"] == "second" and found["run"] != first.pk


def test_a_finished_computation_run_again_changes_nothing():
    """A worker that dies after the results and before the task's end has its task run again: nothing repeats."""
    from innopart.core.models import AuditEntry

    done = IndexRun.objects.create(spec="not: [valid", state=IndexRun.State.DONE, results={"name": "kept"})
    audit_rows = AuditEntry.objects.count()
    assert change_index.run(done.pk).results == {"name": "kept"}  # the broken spec is never parsed again
    done.refresh_from_db()
    assert done.state == IndexRun.State.DONE and AuditEntry.objects.count() == audit_rows
