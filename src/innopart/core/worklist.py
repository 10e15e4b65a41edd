"""The items of a person's start page: work waiting for them, and the work they are in.

Each domain app says what waits for a person in its own `work.py` (it knows its states and rules); the workspace
app composes them into the start page. Core holds only the shape, so it still imports no domain app.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone


@dataclass(frozen=True)
class Item:
    """One line of a start page. `text` says what to do ("Score 4 applications of ...") or what it is; `due`, when
    set, is the deadline, shown in `zone` (the call's time zone) when given; `state` says where the object stands
    in its process, `next_step` what happens next and who takes it."""

    text: str
    url: str
    due: datetime | date | None = None
    zone: str = ""
    state: str = ""
    next_step: str = ""

    @property
    def due_is_moment(self) -> bool:
        return isinstance(self.due, datetime)

    @property
    def due_at(self) -> datetime | None:
        """The deadline as a moment: a date is due at the end of that day."""
        if self.due is None or isinstance(self.due, datetime):
            return self.due
        return timezone.make_aware(datetime.combine(self.due, time.max))

    def overdue(self, now: datetime) -> bool:
        due = self.due_at
        return due is not None and due < now


def by_deadline(items: list[Item]) -> list[Item]:
    """The nearest deadline first; work without a deadline after all that has one, in the order given."""
    far = timezone.make_aware(datetime.max.replace(year=9000))
    return sorted(items, key=lambda item: item.due_at or far)
