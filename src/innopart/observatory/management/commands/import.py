"""`innopart import observatory-data` (the shipped data) and `innopart import tidy FILE.csv` (an analyst's file)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innopart.observatory.importers import ImportRejected, import_tidy, load_shipped, read_csv


class Command(BaseCommand):
    help = "Import regional indicator data: all-or-nothing, with every bad row reported."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        sub.add_parser("observatory-data", help="the EU regional data shipped with Innopart")
        tidy = sub.add_parser("tidy", help="a tidy CSV: region, indicator, year, value[, flag]")
        tidy.add_argument("path")
        tidy.add_argument("--new-indicators", action="store_true", help="create indicators the file introduces")

    def handle(self, *args, **options):
        try:
            if options["what"] == "observatory-data":
                report = load_shipped()
            else:
                path = Path(options["path"])
                if not path.exists():
                    raise CommandError(f"{path}: no such file.")
                report = import_tidy(
                    read_csv(path.read_bytes()), create_indicators=options["new_indicators"], label=path.name
                )
        except ImportRejected as error:
            raise CommandError("Nothing was imported.\n" + "\n".join(error.errors[:50])) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created} values added, {report.updated} changed, {report.unchanged} unchanged, "
                f"{report.skipped} not available."
            )
        )
