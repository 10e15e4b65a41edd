import re

import pytest
from django.urls import reverse

from innopart.analytics.industrial_change import parse_spec
from innopart.core.models import AuditEntry
from innopart.observatory import change_index
from innopart.observatory.importers import load_shipped
from innopart.observatory.models import IndexRun
from innopart.observatory.peers import load_pilot_regions

INDEX = reverse("observatory:industrial_change")
EDIT = reverse("observatory:edit_index")


@pytest.fixture
def computed(db):
    """The shipped specification on the shipped data, as the demo computes it."""
    spec = parse_spec(__import__("yaml").safe_load(change_index.shipped_spec()))
    load_shipped(indicators=spec.sources)
    load_pilot_regions()
    run = IndexRun.objects.create(spec=change_index.shipped_spec())
    return change_index.run(run.pk)


def test_shipped_index_scores_the_eu_regions_and_says_what_is_missing(computed):
    data = computed.results
    assert computed.state == "done"
    assert data["scored_units"] > 200  # of 242 EU NUTS-2 regions (NUTS 2021)
    scored = {d["code"]: d["scored"] for d in data["dimensions"]}
    assert scored == {
        "innovative_economy": True,
        "emerging_technologies": True,
        "digitalisation": True,
        "firm_investments": True,
        "internationalisation": False,
        "creativity": True,
        "entrepreneurship": False,
    }
    # Lithuania's 2015 emerging-industry shares come from LT00, its code before the 2016 split, and say so.
    assert {"unit": "LT01", "indicator": "emerging_digital_industries_pct", "code": "LT00"} in data["borrowed"]
    # Belgian business R&D is published for Wallonia (BE3) only.
    assert {"unit": "BE31", "indicator": "berd_pct_gdp", "code": "BE3"} in data["borrowed"]
    # The briefing: Walloon Brabant leads the pilot regions; Lithuania is low on new and emerging technologies.
    pilots = ["ITC1", "LT01", "LT02", "SE31", "FRB0", "FRE1", "FRE2", "BE31", "BE32", "BE33", "BE34", "BE35"]
    index = {code: data["scores"][code]["Index"] for code in pilots}
    assert max(index, key=index.get) == "BE31"
    assert data["scores"]["LT02"]["emerging_technologies"] < data["eu_average"]["emerging_technologies"]
    for code in pilots:
        ua = data["uncertainty"][code]
        assert ua["Q5"] <= data["ranks"][code]["Index"] <= ua["Q95"]
    assert AuditEntry.objects.filter(action="observatory.index_computed").count() == 1


def test_index_page_region_profile_and_peer_typology(client, computed):
    page = client.get(INDEX).text
    assert "Entrepreneurship" in page and "not scored: no data" in page
    assert "Patent applications" in page  # what the emerging-technologies dimension lacks
    assert 'href="/observatory/regions/BE31/"' in page
    profile = client.get(reverse("observatory:region", args=["LT01"])).text
    assert "Composite indicators for industrial change" in profile and 'role="img"' in profile
    assert "EU average" in profile and "in 90% of the Monte Carlo replications" in profile
    peers = client.get(reverse("observatory:peer_group", args=["pilot-regions"])).text
    # The briefing's types with the default thresholds: Walloon Brabant leads; Piemonte and Lithuania have many
    # stars and a moderate index; Cantabria is moderate on both.
    assert re.search(r"BE31</a></th><td class=\"num\">0\.5\d\d</td>.{0,40}<td>Industrial-change leader</td>", peers)
    for code in ("ITC1", "LT01", "LT02"):
        assert re.search(code + r"</a></th>.{0,80}<td>Many cluster stars, moderate industrial change</td>", peers)
    assert re.search(r"ES13</a></th>.{0,80}<td>Moderate on both</td>", peers)
    # Thresholds are the user's: with a 0.9 "high" nobody leads.
    strict = client.get(
        reverse("observatory:peer_group", args=["pilot-regions"]),
        {"many_stars": 17, "few_stars": 17, "moderate": 0.4, "high": 0.9},
    ).text
    assert "<td>Industrial-change leader</td>" not in strict


def test_only_analysts_edit_the_specification(client, computed, applicant_a, ministry_officer, analyst):
    assert client.get(EDIT).status_code == 302
    for user in (applicant_a, ministry_officer):
        client.force_login(user)
        assert client.get(EDIT).status_code == 404
        assert client.post(EDIT, {"spec": "x", "note": "y"}).status_code == 404
    assert IndexRun.objects.count() == 1
    client.force_login(analyst)
    assert "Edit the specification" in client.get(INDEX).text
    assert "innovative_economy" in client.get(EDIT).text


def test_a_bad_specification_is_refused_with_the_item_named(client, computed, analyst):
    client.force_login(analyst)
    text = change_index.shipped_spec().replace("- berd_eur_per_inhabitant", "- berd_per_sheep")
    version = change_index.latest_request_id()
    page = client.post(EDIT, {"spec": text, "note": "typo", "version": version}).text
    assert "Dimension “firm_investments”: there is no indicator “berd_per_sheep” in the data catalogue." in page
    broken = client.post(EDIT, {"spec": "dimensions: [\n  {code: a", "note": "broken", "version": version}).text
    assert "The YAML cannot be read at line" in broken
    assert IndexRun.objects.count() == 1


def test_an_edited_specification_is_recomputed_in_the_background(
    client, computed, analyst, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    # Move high-tech manufacturing employment out of the index: the dimension keeps business R&D staff.
    text = change_index.shipped_spec().replace("      - emp_high_tech_manufacturing_pct\n", "")
    version = change_index.latest_request_id()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EDIT, {"spec": text, "note": "Without high-tech manufacturing", "version": version})
    run = IndexRun.objects.first()
    assert response["Location"] == reverse("observatory:index_run", args=[run.pk])
    assert run.state == "done" and run.note == "Without high-tech manufacturing"
    progress = client.get(response["Location"], HTTP_HX_REQUEST="true").text
    assert "<html" not in progress and "See the results" in progress
    assert change_index.current_spec() == text.strip()
    dims = {d["code"]: d for d in change_index.latest()["dimensions"]}
    assert [i["code"] for i in dims["emerging_technologies"]["indicators"]] == ["rd_personnel_bes_pct_employment_fte"]
    assert AuditEntry.objects.filter(action="observatory.index_requested", actor=analyst).exists()


def test_a_specification_edited_from_an_older_page_is_refused(client, computed, analyst):
    client.force_login(analyst)
    version = change_index.latest_request_id()
    first = change_index.shipped_spec().replace("      - emp_high_tech_manufacturing_pct\n", "")
    assert client.post(EDIT, {"spec": first, "note": "Without high-tech", "version": version}).status_code == 302
    second = change_index.shipped_spec() + "\n# my own edit\n"
    refused = client.post(EDIT, {"spec": second, "note": "Mine", "version": version})
    assert refused.status_code == 200
    assert "Someone else saved this while you were editing" in refused.text and "Without high-tech" in refused.text
    assert "# my own edit" in refused.text  # the analyst's text is kept
    assert IndexRun.objects.first().note == "Without high-tech"


def test_command_line_recomputes_and_refuses_a_bad_file(computed, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    call_command("index", "industrial-change", "--note", "nightly")
    assert "regions scored; EU average index" in capsys.readouterr().out
    assert IndexRun.objects.first().note == "nightly" and IndexRun.objects.count() == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("dimensions:\n  - code: a\n    indicators: [no_such_series]\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no indicator “no_such_series”"):
        call_command("index", "industrial-change", "--spec", str(bad))
    assert IndexRun.objects.count() == 2


def test_an_imported_indicator_the_specification_waits_for_scores_its_dimension(client, computed, analyst):
    """The shipped specification names what would fill entrepreneurship; importing it is enough, no edit."""
    page = client.get(INDEX).text
    assert "Scored here as soon as its data are imported:" in page
    assert "Self-employed people as a share of employment" in page and "Eurostat lfst_r_lfe2estat" in page
    assert "self_employment_pct</span>" not in page  # the code is a tooltip, never the label

    # Made-up figures for the test, one per scored region (nothing shipped holds this indicator).
    regions = sorted(computed.results["scores"])
    rows = [
        {"region": code, "indicator": "self_employment_pct", "year": "2022", "value": str(10 + n % 17)}
        for n, code in enumerate(regions)
    ]
    report = change_index_import(rows, analyst)
    assert not report.errors

    again = change_index.run(IndexRun.objects.create(spec=change_index.shipped_spec(), requested_by=analyst).pk)
    dims = {d["code"]: d for d in again.results["dimensions"]}
    assert (
        dims["entrepreneurship"]["scored"]
        and dims["entrepreneurship"]["indicators"][0]["code"] == "self_employment_pct"
    )
    assert [w["code"] for w in dims["entrepreneurship"]["waiting"]] == ["enterprise_birth_rate_pct"]
    assert not dims["internationalisation"]["scored"]
    high = max(regions, key=lambda code: 10 + regions.index(code) % 17)
    assert again.results["scores"][high]["entrepreneurship"] == 1.0
    page = client.get(INDEX).text  # now among the dimension's indicators, by its catalogue name; no longer waiting
    assert '<span title="self_employment_pct">Self-employed people</span>' in page
    assert "Self-employed people as a share of employment" not in page


def change_index_import(rows, analyst):
    from innopart.observatory.importers import import_tidy

    return import_tidy(
        rows,
        actor=analyst,
        create_indicators=True,
        description={
            "name_en": "Self-employed people",
            "name_lt": "Savarankiškai dirbantys",
            "unit_en": "%",
            "unit_lt": "%",
            "theme": "entrepreneurship",
        },
    )
