"""`innopart index build SPEC --out DIR` and `innopart index uncertainty SPEC --n N --out DIR`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innopart.analytics.composite import CompositeError
from innopart.analytics.composite.spec import build_from_spec, load_spec, run_uncertainty, write_build
from innopart.core.progress import ProgressBar


class Command(BaseCommand):
    help = "Build a composite index from a YAML spec, or run its uncertainty analysis."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="write every intermediate data set and the ranks as CSV")
        build.add_argument("spec")
        build.add_argument("--out", required=True)
        ua = sub.add_parser("uncertainty", help="Monte Carlo over the spec's uncertainty section")
        ua.add_argument("spec")
        ua.add_argument("--n", type=int, default=1000)
        ua.add_argument("--out", required=True)

    def handle(self, *args, **options):
        out = Path(options["out"])
        try:
            spec = load_spec(options["spec"])
            if options["action"] == "build":
                files = write_build(build_from_spec(spec), out)
                for path in files:
                    self.stdout.write(f"  {path}")
                self.stdout.write(self.style.SUCCESS(f"Wrote {len(files)} files to {out}."))
            else:
                if options["n"] < 1:
                    raise CommandError("--n must be at least 1.")
                result = run_uncertainty(spec, n=options["n"], out=out, progress=ProgressBar("Replications"))
                self.stdout.write(result.summary.head(10).to_string())
                self.stdout.write(
                    self.style.SUCCESS(f"Wrote rank_summary.csv, ranks_by_replication.csv, choices.csv to {out}.")
                )
        except (CompositeError, FileNotFoundError) as error:
            raise CommandError(str(error)) from None
