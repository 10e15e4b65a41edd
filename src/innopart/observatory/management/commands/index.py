"""`innopart index build SPEC --out DIR`, `innopart index uncertainty SPEC --n N --out DIR`, and
`innopart index industrial-change [--spec FILE]` (the observatory's index on the platform's data)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innopart.analytics.composite import CompositeError
from innopart.analytics.composite.spec import build_from_spec, load_spec, run_uncertainty, write_build
from innopart.core.progress import ProgressBar


class Command(BaseCommand):
    help = "Build a composite index from a YAML spec, or run its uncertainty analysis."
    # Started by people and scripts many times a day: Django's system checks would import every view first
    # (most of the start-up time). `innopart check` and the deployment's `init` run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="write every intermediate data set and the ranks as CSV")
        build.add_argument("spec")
        build.add_argument("--out", required=True)
        ua = sub.add_parser("uncertainty", help="Monte Carlo over the spec's uncertainty section")
        ua.add_argument("spec")
        ua.add_argument("--n", type=int, default=1000)
        ua.add_argument("--out", required=True)
        change = sub.add_parser("industrial-change", help="recompute the observatory's industrial-change index")
        change.add_argument("--spec", help="a YAML specification (default: the current one)")
        change.add_argument("--note", default="", help="what changed, for the record")

    def handle(self, *args, **options):
        if options["action"] == "industrial-change":
            return self.industrial_change(options)
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

    def industrial_change(self, options):
        from innopart.analytics.industrial_change import SpecError
        from innopart.observatory import change_index
        from innopart.observatory.models import IndexRun

        try:
            text = Path(options["spec"]).read_text(encoding="utf-8") if options["spec"] else change_index.current_spec()
            change_index.parse(text)
        except (OSError, SpecError) as error:
            raise CommandError(str(error)) from None
        run = IndexRun.objects.create(spec=text, note=options["note"] or "innopart index industrial-change")
        run = change_index.run(run.pk, progress=ProgressBar("Uncertainty"))
        data = run.results
        self.stdout.write(
            self.style.SUCCESS(
                f"{data['scored_units']} of {data['units']} regions scored; EU average index "
                f"{data['eu_average']['Index']:.3f}; {data['replications']} replications (run {run.pk})."
            )
        )
