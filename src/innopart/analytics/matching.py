"""Partner matching for a draft consortium: what its composition lacks against a call's rules (gap analysis), and
which organisations would close those gaps, ranked, each with its reasons.

No Django: organisations come in as a :class:`Pool` of arrays (built once, reused for every query), so that a
query over 100,000 organisations is a handful of vectorised operations.

Scoring of a candidate (weights in :data:`WEIGHTS`, each reason reported when it contributes):

* ``research``, ``sme``, ``key_partner``: the candidate is of a kind the consortium still lacks;
* ``new_type``: its organisation type is new to the consortium while the rule on partner types is unmet;
* ``new_sectors``: the NACE sections it adds, while the rule on sectors is unmet (counted up to the shortfall);
* ``capabilities``: cosine similarity of its capability terms to the call's thematic text, times the share of
  those terms the consortium does not already have (complementary, not duplicate, competence);
* ``sector_match``: it works in a NACE section the call's thematic field targets;
* ``cluster``: it is in a cluster with a consortium member (existing trust, which the briefing says is scarce);
* ``past_collaboration``: it has worked with consortium members before (count of past joint projects).

Organisations that chose not to be contacted, and members of the consortium, are never suggested.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

SECTIONS = "ABCDEFGHIJKLMNOPQRSTU"
RESEARCH = ("university", "research_institute")
KEY = ("international_company", "large_company")
WEIGHTS = {
    "research": 3.0,
    "sme": 2.0,
    "key_partner": 3.0,
    "new_type": 1.5,
    "new_sectors": 1.0,
    "capabilities": 2.0,
    "sector_match": 1.0,
    "cluster": 1.0,
    "past_collaboration": 0.5,
}
TOKEN = re.compile(r"[a-z0-9][a-z0-9\-]{2,}")
STOP = frozenset(
    [
        "and",
        "the",
        "for",
        "with",
        "from",
        "into",
        "our",
        "its",
        "are",
        "was",
        "were",
        "has",
        "have",
        "that",
        "this",
        "their",
        "other",
        "such",
        "using",
        "use",
        "based",
        "also",
        "services",
        "service",
        "products",
        "product",
        "company",
        "companies",
    ]
)


def tokens(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text.lower()) if t not in STOP]


@dataclass(frozen=True)
class Gap:
    code: str  # the EligibilityRule code
    needed: int
    have: int

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.have)


@dataclass
class Pool:
    """Organisations as arrays. Build with :meth:`build`; ``ids`` are the callers' own identifiers."""

    ids: np.ndarray
    types: np.ndarray  # object array of type codes
    sections: np.ndarray  # int32 bitmask over SECTIONS
    contactable: np.ndarray  # bool
    clusters: sp.csr_matrix  # organisations x clusters (0/1)
    terms: sp.csr_matrix  # organisations x vocabulary, L2-normalised tf-idf
    vocabulary: dict[str, int]
    idf: np.ndarray
    collaborations: sp.csr_matrix  # organisations x organisations, counts of past joint projects
    index: dict[object, int] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        organisations: Sequence[Mapping[str, Any]],
        collaborations: Iterable[tuple[object, object, int]] = (),
    ) -> "Pool":
        """``organisations``: mappings with ``id``, ``type``, ``sections`` (letters) or ``nace_sections``,
        ``capabilities`` (text), ``clusters`` (ids), ``contactable`` (bool, default True)."""
        ids = np.array([o["id"] for o in organisations], dtype=object)
        if len(set(ids.tolist())) != len(ids):
            raise ValueError("Organisation ids must be unique.")
        index = {key: row for row, key in enumerate(ids.tolist())}
        n = len(ids)
        types = np.array([o["type"] for o in organisations], dtype=object)
        sections = np.zeros(n, dtype=np.int32)
        for row, o in enumerate(organisations):
            sections[row] = section_mask(o.get("sections", ()))
        contactable = np.array([bool(o.get("contactable", True)) for o in organisations])
        cluster_ids: dict[object, int] = {}
        rows, cols = [], []
        for row, o in enumerate(organisations):
            for c in o.get("clusters", ()):
                rows.append(row)
                cols.append(cluster_ids.setdefault(c, len(cluster_ids)))
        clusters = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(1, len(cluster_ids))))
        vocabulary: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for row, o in enumerate(organisations):
            counts: dict[int, int] = {}
            for t in tokens(o.get("capabilities", "")):
                j = vocabulary.setdefault(t, len(vocabulary))
                counts[j] = counts.get(j, 0) + 1
            rows += [row] * len(counts)
            cols += list(counts)
            vals += list(counts.values())
        tf = sp.csr_matrix((vals, (rows, cols)), shape=(n, max(1, len(vocabulary))), dtype=float)
        df = np.bincount(tf.indices, minlength=tf.shape[1])
        idf = np.log((1 + n) / (1 + df)) + 1
        terms = _normalise(tf @ sp.diags(idf))
        rows, cols, vals = [], [], []
        for a, b, count in collaborations:
            if a in index and b in index:
                rows += [index[a], index[b]]
                cols += [index[b], index[a]]
                vals += [count, count]
        collab = sp.csr_matrix((vals, (rows, cols)), shape=(n, n), dtype=float)
        return cls(ids, types, sections, contactable, clusters, terms, vocabulary, idf, collab, index)

    def rows(self, ids: Iterable[object]) -> np.ndarray:
        try:
            return np.array([self.index[i] for i in ids], dtype=int)
        except KeyError as error:
            raise ValueError(f"Unknown organisation id {error.args[0]!r}.") from None

    def query_vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.terms.shape[1])
        for t in tokens(text):
            j = self.vocabulary.get(t)
            if j is not None:
                vector[j] += self.idf[j]
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector


def section_mask(letters: Iterable[str]) -> int:
    mask = 0
    for letter in letters:
        position = SECTIONS.find(str(letter).upper()[:1])
        if position >= 0 and letter:
            mask |= 1 << position
    return mask


def _normalise(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ matrix)


def _popcount(values: np.ndarray) -> np.ndarray:
    bits = np.unpackbits(values.astype(np.uint32).view(np.uint8).reshape(-1, 4), axis=1)
    return np.asarray(bits.sum(axis=1))


def gaps(pool: Pool, members: Sequence[object], rules: Mapping[str, int], key_partners: int | None = None) -> list[Gap]:
    """The composition rules against the members (ids in the pool). ``key_partners``: how many members are
    marked key partners (the application knows; by default, members of a key-partner type count)."""
    rows = pool.rows(members)
    types = pool.types[rows].tolist()
    sections = int(np.bitwise_or.reduce(pool.sections[rows])) if len(rows) else 0
    have = {
        "min_partners": len(rows),
        "min_research": sum(t in RESEARCH for t in types),
        "min_key_partners": key_partners if key_partners is not None else sum(t in KEY for t in types),
        "min_partner_types": len(set(types)),
        "min_sectors": bin(sections).count("1"),
        "min_smes": sum(t == "sme" for t in types),
    }
    return [Gap(code, int(rules.get(code, 0)), have[code]) for code in have if code in rules]


@dataclass(frozen=True)
class Suggestion:
    id: object
    score: float
    reasons: dict[str, float]  # reason code -> its contribution (or count, for sectors and collaborations)


def recommend(
    pool: Pool,
    members: Sequence[object],
    rules: Mapping[str, int],
    *,
    theme: str = "",
    theme_sections: Iterable[str] = (),
    k: int = 10,
    key_partners: int | None = None,
    weights: Mapping[str, float] | None = None,
) -> list[Suggestion]:
    """The ``k`` best organisations to add, best first; ties go to the earlier organisation in the pool."""
    w = {**WEIGHTS, **(weights or {})}
    rows = pool.rows(members)
    missing = {g.code: g.missing for g in gaps(pool, members, rules, key_partners)}
    n = len(pool.ids)
    parts: dict[str, np.ndarray] = {}
    if missing.get("min_research"):
        parts["research"] = np.isin(pool.types, RESEARCH).astype(float)
    if missing.get("min_smes"):
        parts["sme"] = (pool.types == "sme").astype(float)
    if missing.get("min_key_partners"):
        parts["key_partner"] = np.isin(pool.types, KEY).astype(float)
    if missing.get("min_partner_types"):
        parts["new_type"] = (~np.isin(pool.types, list(set(pool.types[rows].tolist())))).astype(float)
    if missing.get("min_sectors"):
        covered = int(np.bitwise_or.reduce(pool.sections[rows])) if len(rows) else 0
        new = _popcount(pool.sections & ~np.int32(covered))
        parts["new_sectors"] = np.minimum(new, missing["min_sectors"]).astype(float)
    if theme:
        relevance = pool.terms @ pool.query_vector(theme)
        if len(rows):
            have = np.asarray(pool.terms[rows].sum(axis=0)).ravel() > 0
            novel = pool.terms.copy()
            novel.data = np.where(have[novel.indices], 0.0, novel.data**2)
            own = np.asarray(novel.sum(axis=1)).ravel()  # share of the candidate's (squared) weight that is new
        else:
            own = np.ones(n)
        parts["capabilities"] = relevance * own
    wanted = section_mask(theme_sections)
    if wanted:
        parts["sector_match"] = ((pool.sections & wanted) != 0).astype(float)
    if len(rows):
        parts["cluster"] = (np.asarray((pool.clusters @ pool.clusters[rows].T).sum(axis=1)).ravel() > 0).astype(float)
        parts["past_collaboration"] = np.asarray(pool.collaborations[:, rows].sum(axis=1)).ravel()
    score = np.zeros(n)
    for name, values in parts.items():
        score += w[name] * values
    eligible = pool.contactable.copy()
    eligible[rows] = False
    score = np.where(eligible, score, -np.inf)
    k = min(k, int(eligible.sum()))
    if k <= 0:
        return []
    top = np.argpartition(-score, k - 1)[:k]
    top = top[np.lexsort((top, -score[top]))]
    return [
        Suggestion(
            id=pool.ids[i],
            score=float(score[i]),
            reasons={name: float(values[i]) for name, values in parts.items() if values[i] > 0},
        )
        for i in top
        if score[i] > 0
    ]
