"""`innopart import observatory-data` (the shipped data), `innopart import file PATH` (an analyst's file) and
`innopart import eurostat DATASET [FILTER ...]` (a dataset fetched from Eurostat's API into one indicator)."""

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
        live = sub.add_parser(
            "eurostat",
            help="fetch a dataset from Eurostat's API and apply it to one indicator, all or nothing",
            description="Filters are dimension=CODE[,CODE...] (unit=MIO_EUR, geo=LT01,LT02) and since=YEAR. Every "
            "dimension but geo and time must come down to one code.",
        )
        sub.add_parser(
            "eurostat-again",
            help="repeat the newest successful Eurostat refresh of every indicator (the scheduled job)",
        )
        live.add_argument("dataset", help="Eurostat's dataset code, e.g. nama_10r_2gdp")
        live.add_argument("filters", nargs="*", help="dimension=CODE[,CODE...] or since=YEAR")
        live.add_argument("--indicator", required=True, help="our indicator code the values belong to")
        live.add_argument("--fresh", action="store_true", help="download again even if Eurostat reports no change")
        live.add_argument("--new", action="store_true", help="create the indicator (names from the dataset's labels)")
        for option in ("name-en", "name-lt", "unit-en", "unit-lt"):
            live.add_argument(f"--{option}", default="", help=f"a new indicator's {option.replace('-', ' in ')}")

    def handle(self, *args, **options):
        if options["what"] == "eurostat":
            return self.eurostat(options)
        if options["what"] == "eurostat-again":
            return self.eurostat_again()
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

    def eurostat(self, options):
        from innopart.observatory import eurostat
        from innopart.observatory.models import Indicator

        say = self.stdout.write
        try:
            filters = eurostat.parse_filters(options["filters"])
            url = eurostat.url_for(options["dataset"], filters)
            indicator = Indicator.objects.filter(code=options["indicator"]).first()
            created = False
            if indicator is None:
                if not options["new"]:
                    raise CommandError(f"No indicator {options['indicator']!r}: name an existing one or add --new.")
                indicator, created = self.new_indicator(options, url), True
            refresh = eurostat.request(dataset=options["dataset"], indicator=indicator, filters=filters)
            say(f"[1/2] Fetching {url}")
            say("[2/2] Checking and applying ...")
            refresh = eurostat.run(refresh, fresh=options["fresh"])
        except eurostat.EurostatError as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        if refresh.state != refresh.State.DONE:
            if created:
                indicator.delete()  # all or nothing: not even the empty indicator stays
            raise CommandError(eurostat.summary(refresh))
        say(self.style.SUCCESS(eurostat.summary(refresh)))

    def new_indicator(self, options, url):
        """An indicator named from the dataset's own labels (English) and the options (Lithuanian, required)."""
        from innopart.observatory import eurostat
        from innopart.observatory.models import Indicator

        missing = [f"--{o}" for o in ("name-lt", "unit-lt") if not options[o.replace("-", "_")]]
        if missing:
            raise CommandError(f"A new indicator needs its Lithuanian name and unit: add {' and '.join(missing)}.")
        fetched = eurostat.download(url, fresh=options["fresh"])
        table = eurostat.decode(fetched.content)
        eurostat.keep(fetched)
        unit_code, unit_label = table.fixed.get("unit", ("", ""))
        return Indicator.objects.create(
            code=options["indicator"],
            name_en=(options["name_en"] or table.label)[:200],
            name_lt=options["name_lt"][:200],
            unit_en=(options["unit_en"] or unit_label)[:100],
            unit_lt=options["unit_lt"][:100],
            unit=unit_code[:80],
            dataset=options["dataset"],
            source=options["dataset"],
        )

    def eurostat_again(self):
        from innopart.observatory import eurostat

        done = eurostat.repeat_all()
        for number, refresh in enumerate(done, start=1):
            line = f"[{number}/{len(done)}] {refresh.indicator.code}: {eurostat.summary(refresh)}"
            self.stdout.write(
                self.style.SUCCESS(line) if refresh.state == refresh.State.DONE else self.style.ERROR(line)
            )
        if not done:
            self.stdout.write("No indicator has been refreshed from Eurostat yet: nothing to repeat.")
        if any(r.state != r.State.DONE for r in done):
            raise CommandError("Some refreshes failed; the others were applied.")
