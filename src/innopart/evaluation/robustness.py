"""The ranking's uncertainty as the ranking page shows it: asked of the task worker once per version of the scores
(`tasks.compute_uncertainty` runs `ranking.uncertainty_table`) and read back from the database on any node."""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, transaction

from . import ranking
from .models import Evaluation, UncertaintyRun
from .tasks import compute_uncertainty


@dataclass
class Uncertainty:
    """What the ranking page shows of the uncertainty: the latest finished run (`shown`, which may come from
    earlier scores: `current` says whether it does not), and the run still computing or failed for the current
    scores (`pending`)."""

    shown: UncertaintyRun | None
    current: bool
    pending: UncertaintyRun | None

    def rows(self, acronyms: set[str]) -> list[dict]:
        """The records of these applications. A finished run never changes, so a page's records are cached under
        the run: its table holds a record per application (600 KB at 5,000), read from the database only on a
        miss."""
        if self.shown is None or not acronyms:
            return []
        wanted = hashlib.sha256("\n".join(sorted(acronyms)).encode()).hexdigest()

        def read() -> list[dict]:
            table = UncertaintyRun.objects.values_list("table", flat=True).get(pk=self.shown.pk)
            return [r for r in table if r["application"] in acronyms]

        # The finishing time beside the number: SQLite may give a removed run's number to a new one.
        run = f"{self.shown.pk}-{self.shown.finished_at.timestamp() if self.shown.finished_at else ''}"
        return cache.get_or_set(f"uncertainty:rows:{run}:{wanted}", read, timeout=3600)


def uncertainty(evaluation: Evaluation) -> Uncertainty:
    """The uncertainty for the current scores, asking the task worker for it when no run exists yet (one run per
    version of the scores and number of draws: two nodes asking at once share one run)."""
    evaluated = ranking.evaluated_summary(evaluation)["n"]
    version, draws = ranking.version_of(evaluation), ranking.draws_for(evaluated)
    # The table itself is read only for the rows a page shows (`Uncertainty.rows`).
    runs = UncertaintyRun.objects.filter(evaluation=evaluation).defer("table")
    mine = runs.filter(version=version, draws=draws).first()
    if mine is None and evaluated:
        try:
            with transaction.atomic():
                mine = UncertaintyRun.objects.create(evaluation=evaluation, version=version, draws=draws)
        except IntegrityError:  # another node asked first
            mine = runs.get(version=version, draws=draws)
        else:
            compute_uncertainty.enqueue(mine.pk)
            mine.refresh_from_db(fields=["state", "percent", "error", "finished_at"])  # an immediate backend ran it
    if mine is not None and mine.state == UncertaintyRun.State.DONE:
        return Uncertainty(shown=mine, current=True, pending=None)
    earlier = runs.filter(state=UncertaintyRun.State.DONE).only("created_at", "state", "finished_at").first()
    return Uncertainty(shown=earlier, current=False, pending=mine)
