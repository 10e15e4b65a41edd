"""`innopart assign`: see innopart.evaluation.assign_csv (the console runs that module without Django)."""

from django.core.management.base import BaseCommand, CommandError

from innopart.evaluation import assign_csv


class Command(BaseCommand):
    help = assign_csv.HELP
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        assign_csv.add_arguments(parser)

    def handle(self, *args, **options):
        try:
            summary = assign_csv.run(options)
        except assign_csv.InputError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(summary))
