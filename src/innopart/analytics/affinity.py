"""Expertise affinity between jurors and applications, computed block by block for large expert pools.

The affinity of juror j for application a runs from 0 to 2: the share of the juror's expertise words found in the
application's text, plus the share of the juror's economic sections (NACE) that the consortium works in. Plain and
explainable; a better signal can replace it without touching the solver, as long as it offers ``block``.

Fifteen thousand experts and five thousand applications make 75 million pairs: held as float64 that is 600 MB
per matrix, and a solver given every pair needs several gigabytes. :func:`candidate_pairs` therefore walks the
applications in blocks of rows and keeps only the pairs that can matter (each application's best jurors, each
juror's best applications), with the bound and the counts the solver needs to report its gap and to explain
infeasibility truthfully.

>>> match = ExpertiseMatch([{"robotics", "food"}], [{"C"}], [{"robotics"}, {"textiles"}], [{"C"}, set()])
>>> match.block(slice(0, 1)).round(2).tolist()
[[2.0, 0.0]]
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray


def words(text: str) -> set[str]:
    """The words of a text that carry meaning for matching: lower case, letters and digits, longer than three."""
    return {w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split() if len(w) > 3}


class ExpertiseMatch:
    """Affinities from word sets and section sets, without ever holding the full matrix."""

    def __init__(
        self,
        application_words: Sequence[Iterable[str]],
        application_sections: Sequence[Iterable[str]],
        juror_words: Sequence[Iterable[str]],
        juror_sections: Sequence[Iterable[str]],
    ):
        self.shape = (len(application_words), len(juror_words))
        vocabulary: dict[str, int] = {}
        for found in juror_words:
            for word in found:
                vocabulary.setdefault(word, len(vocabulary))
        sections: dict[str, int] = {}
        for found in juror_sections:
            for section in found:
                sections.setdefault(section, len(sections))
        # Juror columns carry 1/|expertise| so that a product counts the share of the juror's words matched.
        self._juror_words = _incidence(juror_words, vocabulary, normalise=True).T.tocsr()
        self._application_words = _incidence(application_words, vocabulary, normalise=False)
        self._juror_sections = _incidence(juror_sections, sections, normalise=True).T.toarray().astype(np.float32)
        self._application_sections = _incidence(application_sections, sections, normalise=False).astype(np.float32)

    def block(self, rows: slice) -> NDArray[np.float32]:
        """Affinities of the applications in ``rows`` to every juror, as a dense float32 block."""
        text = np.asarray((self._application_words[rows] @ self._juror_words).toarray(), dtype=np.float32)
        sections = np.asarray(self._application_sections[rows] @ self._juror_sections, dtype=np.float32)
        return text + sections


def _incidence(items: Sequence[Iterable[str]], index: dict[str, int], *, normalise: bool) -> Any:
    from scipy import sparse  # here, not at the top: the assignment command starts without it

    rows, cols, values = [], [], []
    for row, found in enumerate(items):
        known = sorted({index[x] for x in found if x in index})
        rows.extend([row] * len(known))
        cols.extend(known)
        if known:
            values.extend([1.0 / len(known) if normalise else 1.0] * len(known))
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(items), len(index)), dtype=np.float64)


@dataclass(frozen=True)
class Candidates:
    """The pairs a solver may use, with what it needs to know about the pairs left out.

    ``free`` and ``free_industry`` count each application's jurors (industry jurors) without a conflict in the whole
    pool, so that infeasibility is explained by the real constraints, not by the pruning; ``upper_bound`` is the sum
    of each application's k best affinities in the whole pool (loads ignored), a bound no assignment can beat.
    """

    applications: NDArray[np.int64]
    jurors: NDArray[np.int64]
    affinity: NDArray[np.float64]
    shape: tuple[int, int]
    free: NDArray[np.int64]
    free_industry: NDArray[np.int64]
    upper_bound: float

    @property
    def size(self) -> int:
        return int(self.applications.size)


def candidate_pairs(
    block: Callable[[slice], NDArray[Any]],
    shape: tuple[int, int],
    *,
    k: int,
    per_application: int,
    per_juror: int,
    blocked: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None,
    industry: NDArray[np.bool_] | None = None,
    rows_per_block: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Candidates:
    """Keep, from ``block(rows)`` over all applications, each application's ``per_application`` best jurors (and as
    many of its best industry jurors when ``industry`` is given) and each juror's ``per_juror`` best applications.

    ``blocked`` lists forbidden pairs (conflicts of interest) as (application indices, juror indices). Ties are
    broken by a fixed pseudo-random order so that equally good jurors share the work instead of the first ones in
    the list taking it all. Deterministic.
    """
    n_apps, n_jurors = shape
    is_industry = np.zeros(n_jurors, dtype=bool) if industry is None else np.asarray(industry, dtype=bool)
    blocked_apps, blocked_jurors = (
        (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)) if blocked is None else blocked
    )
    order = np.argsort(blocked_apps, kind="stable")
    blocked_apps, blocked_jurors = np.asarray(blocked_apps)[order], np.asarray(blocked_jurors)[order]
    rows_per_block = rows_per_block or max(1, min(n_apps, 4_000_000 // max(n_jurors, 1)))
    jitter = np.random.default_rng(0).random(n_jurors).astype(np.float32) * np.float32(1e-4)
    per_application = min(per_application, n_jurors)
    juror_best: Best = (np.empty((0, n_jurors)), np.empty((0, n_jurors), dtype=np.int64), np.empty((0, n_jurors)))
    keep_apps, keep_jurors, keep_values = [], [], []
    free = np.zeros(n_apps, dtype=np.int64)
    free_industry = np.zeros(n_apps, dtype=np.int64)
    bound = 0.0
    for start in range(0, n_apps, rows_per_block):
        stop = min(n_apps, start + rows_per_block)
        found = np.asarray(block(slice(start, stop)))
        # A copy, in the block's own precision (at least float32): the blocked pairs are marked in it.
        scores = np.array(found, dtype=np.result_type(found.dtype, np.float32))
        lo, hi = np.searchsorted(blocked_apps, [start, stop])
        scores[blocked_apps[lo:hi] - start, blocked_jurors[lo:hi]] = -np.inf
        allowed = np.isfinite(scores)
        free[start:stop] = allowed.sum(axis=1)
        free_industry[start:stop] = (allowed & is_industry).sum(axis=1)
        top_k = -np.partition(-scores, min(k, n_jurors) - 1, axis=1)[:, : min(k, n_jurors)]
        bound += float(np.where(np.isfinite(top_k), top_k, 0).sum())
        ranked = scores + jitter
        for pool in (None, is_industry) if is_industry.any() else (None,):
            candidates = ranked if pool is None else np.where(pool, ranked, -np.inf)
            count = min(per_application, candidates.shape[1])
            top = np.argpartition(-candidates, count - 1, axis=1)[:, :count]
            rows = np.repeat(np.arange(start, stop), count)
            keep = np.isfinite(np.take_along_axis(candidates, top, axis=1)).ravel()
            keep_apps.append(rows[keep])
            keep_jurors.append(top.ravel()[keep])
            keep_values.append(np.take_along_axis(scores, top, axis=1).ravel()[keep])
        juror_best = _merge_best(juror_best, ranked, scores, start, per_juror)
        if progress:
            progress(stop, n_apps)
    best_ranked, best_apps, best_exact = juror_best
    juror_side = np.isfinite(best_ranked)
    keep_apps.append(best_apps[juror_side])
    keep_jurors.append(np.broadcast_to(np.arange(n_jurors), best_apps.shape)[juror_side])
    keep_values.append(best_exact[juror_side])
    # The ranking carried a tie-breaking jitter; the values kept beside it are the exact affinities.
    stacked = np.column_stack([np.concatenate(keep_apps), np.concatenate(keep_jurors)])
    pairs, first = np.unique(stacked, axis=0, return_index=True)
    values = np.concatenate(keep_values)[first].astype(np.float64)
    return Candidates(
        applications=pairs[:, 0].astype(np.int64),
        jurors=pairs[:, 1].astype(np.int64),
        affinity=values,
        shape=shape,
        free=free,
        free_industry=free_industry,
        upper_bound=bound,
    )


Best = tuple[NDArray[np.floating], NDArray[np.int64], NDArray[np.floating]]  # ranked, rows, exact


def _merge_best(best: Best, ranked: NDArray[Any], exact: NDArray[Any], offset: int, count: int) -> Best:
    """Each juror's ``count`` best applications so far (by ``ranked``, with their ``exact`` affinities), merged
    with a block of rows starting at ``offset``."""
    values = np.concatenate([best[0], ranked], axis=0)
    rows = np.concatenate(
        [best[1], np.broadcast_to(np.arange(offset, offset + ranked.shape[0])[:, None], ranked.shape)]
    )
    exacts = np.concatenate([best[2], exact], axis=0)
    if values.shape[0] <= count:
        return values, rows, exacts
    top = np.argpartition(-values, count - 1, axis=0)[:count]
    return tuple(np.take_along_axis(a, top, axis=0) for a in (values, rows, exacts))  # type: ignore[return-value]
