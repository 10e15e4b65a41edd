import sys

from django.core.management.base import BaseCommand

from innopart.demo import data
from innopart.demo.load import load_demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        def progress(step: int, total: int, label: str) -> None:
            bar = "#" * (step * 20 // total)
            sys.stdout.write(f"\r[{bar:<20}] {step}/{total} {label:<20}")
            sys.stdout.flush()

        load_demo(progress)
        self.stdout.write("\n\nDemo data is loaded. Log in at http://127.0.0.1:8000/accounts/login/ with:\n")
        width = max(len(email) for email, *_ in data.USERS)
        for email, name, roles, _ in data.USERS:
            self.stdout.write(f"  {email:<{width}}  {', '.join(roles):<18}  {name}")
        self.stdout.write(f"\nPassword for every demo account: {data.PASSWORD}\n")
