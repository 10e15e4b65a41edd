"""The ranking's uncertainty as the ranking page shows it: asked of the task worker once per version of the scores
(`tasks.compute_uncertainty` runs `ranking.uncertainty_table`) and read back from the database on any node."""

from dataclasses import dataclass

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
        return [r for r in (self.shown.table if self.shown else []) if r["application"] in acronyms]


def uncertainty(evaluation: Evaluation) -> Uncertainty:
    """The uncertainty for the current scores, asking the task worker for it when no run exists yet (one run per
    version of the scores and number of draws: two nodes asking at once share one run)."""
    version, draws = ranking.version_of(evaluation), ranking.draws_for(len(ranking.applications_of(evaluation)))
    runs = UncertaintyRun.objects.filter(evaluation=evaluation)
    mine = runs.filter(version=version, draws=draws).first()
    if mine is None and ranking.applications_of(evaluation):
        try:
            with transaction.atomic():
                mine = UncertaintyRun.objects.create(evaluation=evaluation, version=version, draws=draws)
        except IntegrityError:  # another node asked first
            mine = runs.get(version=version, draws=draws)
        else:
            compute_uncertainty.enqueue(mine.pk)
            mine.refresh_from_db()  # the test settings' immediate backend has computed it already
    if mine is not None and mine.state == UncertaintyRun.State.DONE:
        return Uncertainty(shown=mine, current=True, pending=None)
    earlier = runs.filter(state=UncertaintyRun.State.DONE).only("table", "created_at").first()
    return Uncertainty(shown=earlier, current=False, pending=mine)
