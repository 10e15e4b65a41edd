"""`innopart import observatory-data` (the shipped data) and `innopart import file PATH` (an analyst's file)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innopart.observatory.importers import ImportRejected, import_tidy, load_shipped
from innopart.observatory.readers import UnreadableFile, parse_select, read_upload


class Command(BaseCommand):
    help = "Import regional indicator data: all-or-nothing, with every bad row reported."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        sub.add_parser("observatory-data", help="the EU regional data shipped with Innopart")
        upload = sub.add_parser(
            "file",
            aliases=["tidy"],
            help="tidy CSV/XLSX (region, indicator, year, value[, flag]) or Eurostat TSV/SDMX-CSV",
        )
        upload.add_argument("path")
        upload.add_argument("--indicator", default="", help="our indicator code for a Eurostat file")
        upload.add_argument("--select", default="", help="fix other dimensions of a Eurostat file: unit=MIO_EUR,freq=A")
        upload.add_argument("--new-indicators", action="store_true", help="create indicators the file introduces")

    def handle(self, *args, **options):
        try:
            if options["what"] == "observatory-data":
                report = load_shipped()
            else:
                path = Path(options["path"])
                if not path.exists():
                    raise CommandError(f"{path}: no such file.")
                rows = read_upload(
                    path.name, path.read_bytes(), indicator=options["indicator"], select=parse_select(options["select"])
                )
                report = import_tidy(rows, create_indicators=options["new_indicators"], label=path.name)
        except UnreadableFile as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        except ImportRejected as error:
            raise CommandError("Nothing was imported.\n" + "\n".join(error.errors[:50])) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created} values added, {report.updated} changed, {report.unchanged} unchanged, "
                f"{report.skipped} not available."
            )
        )
