import sys

from django.core.management.base import BaseCommand, CommandError

from innopart.demo import data
from innopart.demo.load import load_demo


def _bar(step: int, total: int, label: str) -> None:
    bar = "#" * (step * 20 // total)
    sys.stdout.write(f"\r[{bar:<20}] {step}/{total} {label:<20}")
    sys.stdout.flush()


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins; --scale adds an EU-size competition."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            help="Add an invented EU-size competition for load tests: 'eu' (5,000 applications, 15,000 experts, "
            "15,000 reviews) or a number of applications (experts: three per application).",
        )

    def handle(self, *args, **options):
        size = None
        if options["scale"]:
            from innopart.demo.scale import EU

            text = options["scale"].strip().lower()
            if text != "eu" and not (text.isdigit() and 10 <= int(text) <= 50_000):
                raise CommandError("--scale takes 'eu' or a number of applications from 10 to 50,000.")
            size = EU["applications"] if text == "eu" else int(text)
        load_demo(_bar)
        if size:
            from innopart.demo.scale import load_scale

            self.stdout.write(f"\n\nAn EU-size competition of {size:,} applications (invented data):\n")
            call = load_scale(size, progress=_bar)
            self.stdout.write(f"\nIts pages: /calls/{call.slug}/ and /manage/calls/{call.slug}/jury/\n")
        self.stdout.write("\n\nDemo data is loaded. Log in at http://127.0.0.1:8000/accounts/login/ with:\n")
        width = max(len(email) for email, *_ in data.USERS)
        for email, name, roles, _ in data.USERS:
            self.stdout.write(f"  {email:<{width}}  {', '.join(roles):<18}  {name}")
        self.stdout.write(f"\nPassword for every demo account: {data.PASSWORD}\n")
