"""`innopart remind`: e-mail coordinators about milestones and annual reports coming due (run it daily)."""

from django.core.management.base import BaseCommand

from innopart.partnerships.reminders import send_reminders


class Command(BaseCommand):
    help = "Send reminder e-mails for set-up milestones and annual reports due within 30 days or overdue."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
