"""What a partnership owes and when: set-up milestones and annual reports not yet with the ministry, with their
deadlines; and the reminder e-mails to the coordinating organisation, sent 30 and 7 days before a deadline and once
when it has passed (run `innopart remind` daily, e.g. from cron)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Partnership, Reminder
from .monitoring import EDITABLE, report_window
from .selectors import signed_agreement, with_monitoring

THRESHOLDS = (30, 7, 0)  # days before the deadline; 0: the deadline has passed


@dataclass(frozen=True)
class Due:
    key: str
    label: str
    url: str
    due: date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def due_items(partnership: Partnership, now: datetime | None = None, horizon: int = 30) -> list[Due]:
    """Milestones and reports still in the partnership's hands whose deadline is within `horizon` days or past."""
    now = now or timezone.now()
    agreement = signed_agreement(partnership)
    if agreement is None:
        return []
    today = timezone.localdate(now)
    items = []
    for milestone in partnership.milestones.all():
        if milestone.state not in EDITABLE:
            continue
        left = (milestone.due_date - today).days
        if left <= horizon:
            items.append(
                Due(
                    key=f"milestone:{milestone.pk}",
                    label=milestone.get_kind_display(),
                    url=reverse("partnerships:milestone", args=[partnership.pk, milestone.pk]),
                    due=milestone.due_date,
                    days_left=left,
                )
            )
    reports = {r.year: r for r in partnership.reports.all()}
    for year in range(1, agreement.duration_years + 1):
        report = reports.get(year)
        if report and report.state not in EDITABLE:
            continue
        opens, closes = report_window(partnership, year, report.extension_days if report else 0, agreement)
        if now < opens:
            break
        due = (closes - timezone.timedelta(days=1)).date()
        left = (due - today).days
        if left <= horizon:
            items.append(
                Due(
                    key=f"report:{partnership.pk}:{year}:{report.extension_days if report else 0}",
                    label=_("Annual report, year %(year)d") % {"year": year},
                    url=reverse("partnerships:report", args=[partnership.pk, year]),
                    due=due,
                    days_left=left,
                )
            )
    return sorted(items, key=lambda d: d.due)


def send_reminders(now: datetime | None = None) -> int:
    """E-mail the coordinating organisation's members about each deadline once per threshold; returns how many."""
    sent = 0
    for partnership in with_monitoring(Partnership.objects.select_related("coordinator")):
        recipients = list(partnership.coordinator.memberships.values_list("user__email", flat=True))
        for item in due_items(partnership, now):
            threshold = 0 if item.overdue else next(t for t in reversed(THRESHOLDS) if item.days_left <= t)
            key = f"{item.key}:{threshold}"
            try:
                with transaction.atomic():
                    Reminder.objects.create(key=key, partnership=partnership, recipients=len(recipients))
            except IntegrityError:
                continue  # reminded already at this threshold
            subject = (
                _("%(p)s: %(what)s was due on %(due)s") if item.overdue else _("%(p)s: %(what)s is due on %(due)s")
            ) % {"p": partnership.acronym, "what": item.label, "due": item.due.isoformat()}
            send_mail(subject, f"{subject}\n\n{item.url}", None, recipients)
            sent += 1
    return sent
