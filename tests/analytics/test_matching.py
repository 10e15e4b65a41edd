import pytest

from innopart.analytics.matching import Pool, gaps, recommend, section_mask

RULES = {
    "min_partners": 4,
    "min_research": 1,
    "min_key_partners": 1,
    "min_partner_types": 3,
    "min_sectors": 2,
    "min_smes": 1,
}

ORGS = [
    {
        "id": "dairy",
        "type": "sme",
        "sections": ["C"],
        "capabilities": "dairy processing fermentation",
        "clusters": ["food"],
    },
    {"id": "cluster", "type": "cluster_organisation", "sections": ["M"], "capabilities": "cluster management food"},
    {"id": "ktu", "type": "university", "sections": ["P"], "capabilities": "food technology fermentation research"},
    {"id": "vu", "type": "university", "sections": ["P"], "capabilities": "astrophysics lasers"},
    {
        "id": "global",
        "type": "international_company",
        "sections": ["C", "G"],
        "capabilities": "food packaging export",
        "clusters": ["food"],
    },
    {
        "id": "hidden",
        "type": "university",
        "sections": ["P"],
        "capabilities": "food fermentation",
        "contactable": False,
    },
    {"id": "bakery", "type": "sme", "sections": ["C"], "capabilities": "bakery", "clusters": ["food"]},
]


def pool():
    return Pool.build(ORGS, collaborations=[("dairy", "vu", 2)])


def test_gap_analysis_by_hand():
    found = {g.code: (g.needed, g.have, g.missing) for g in gaps(pool(), ["dairy", "cluster"], RULES)}
    assert found == {
        "min_partners": (4, 2, 2),
        "min_research": (1, 0, 1),
        "min_key_partners": (1, 0, 1),
        "min_partner_types": (3, 2, 1),
        "min_sectors": (2, 2, 0),  # C and M
        "min_smes": (1, 1, 0),
    }


def test_recommendations_close_the_gaps_with_their_reasons():
    suggestions = recommend(pool(), ["dairy", "cluster"], RULES, theme="food fermentation", k=5)
    ids = [s.id for s in suggestions]
    assert "hidden" not in ids and "dairy" not in ids  # not contactable; already a member
    by_id = {s.id: s for s in suggestions}
    # By hand: the international company closes the key-partner gap (3), is a new type (1.5), shares the food
    # cluster with the dairy (1) and brings capabilities (packaging, export) the consortium lacks: 5.5 + 2c.
    # VU closes the research gap (3), is a new type (1.5), has two past projects with the dairy (2 x 0.5): 5.5.
    # KTU closes the research gap and is a new type (4.5), and its capabilities are relevant but half already
    # present (food, fermentation): 4.5 + 2c with c < 0.5.
    assert by_id["global"].score == pytest.approx(5.5 + 2 * by_id["global"].reasons["capabilities"])
    assert by_id["vu"].score == pytest.approx(5.5) and "capabilities" not in by_id["vu"].reasons
    assert 0 < by_id["ktu"].reasons["capabilities"] < 0.5
    assert by_id["ktu"].score == pytest.approx(4.5 + 2 * by_id["ktu"].reasons["capabilities"])
    assert ids[:3] == ["global", "vu", "ktu"]
    assert set(by_id["ktu"].reasons) == {"research", "new_type", "capabilities"}
    assert by_id["global"].reasons["key_partner"] == 1 and by_id["global"].reasons["cluster"] == 1
    assert by_id["vu"].reasons["past_collaboration"] == 2


def test_a_full_consortium_is_offered_only_relevance():
    complete = ["dairy", "cluster", "ktu", "global"]
    assert all(g.missing == 0 for g in gaps(pool(), complete, RULES))
    suggestions = recommend(pool(), complete, RULES, theme="bakery", k=3)
    # The bakery: fully relevant, new capability (2 x 1) and in the food cluster (1) = 3; VU only for its past
    # projects with the dairy (1); the rest score nothing and are not suggested.
    assert [(s.id, s.score) for s in suggestions] == [("bakery", pytest.approx(3.0)), ("vu", pytest.approx(1.0))]
    assert set(suggestions[0].reasons) == {"capabilities", "cluster"}


def test_new_sectors_count_up_to_the_shortfall():
    rules = {"min_sectors": 3}
    suggestions = recommend(pool(), ["dairy"], rules, k=10)
    by_id = {s.id: s.reasons for s in suggestions}
    assert by_id["global"]["new_sectors"] == 1  # adds G; C is covered
    assert by_id["ktu"]["new_sectors"] == 1
    assert section_mask(["C", "G"]) == (1 << 2) | (1 << 6)


def test_unknown_member_is_named():
    with pytest.raises(ValueError, match="Unknown organisation id 'nobody'"):
        gaps(pool(), ["nobody"], RULES)
