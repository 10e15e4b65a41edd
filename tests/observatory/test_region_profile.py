import re

import pytest
from django.urls import reverse

from innopart.analytics import clusters
from innopart.observatory.cluster_map import region_stars, star_map
from innopart.observatory.importers import load_shipped


@pytest.fixture
def shipped(db):
    load_shipped(indicators={"employment_rate_15_64", "gdp_per_capita_pps"})


def test_stars_match_the_analytics_library_and_map_old_codes():
    data = star_map()
    expected = clusters.total_stars(clusters.stars(data.employment)["stars"])
    piemonte = region_stars("ITC1")
    assert piemonte["total"] == expected["ITC1"] == sum(c["stars"] for c in piemonte["categories"])
    assert piemonte["briefing"] == 69
    # Lithuania's NUTS 2016 regions and Centre-Val de Loire read the NUTS 2013 statistics of their predecessor.
    assert region_stars("LT01")["code"] == region_stars("LT")["code"] == "LT00"
    assert region_stars("FRB0")["code"] == "FR24"
    assert region_stars("XX99") is None


def test_profile_shows_hierarchy_values_groups_and_stars(client, shipped):
    page = client.get(reverse("observatory:region", args=["LT01"])).content.decode()
    assert "Sostinės regionas" in page
    assert 'href="/observatory/regions/LT0/"' in page  # part of
    assert "Pilot regions in industrial transition" in page
    # Indicators by name under their theme, with the unit in words, the figure formatted and the dataset linked.
    assert "<h3>Economic context</h3>" in page and "Employment rate of people aged 15-64" in page
    assert "% of the population aged 15-64" in page and "databrowser/view/lfst_r_lfe2emprt/" in page
    assert "employment_rate_15_64" not in page and "PPS_EU27_2020_HAB" not in page
    assert re.search(r'<td class="num">\d{2},\d{3}</td><td class="num">\d{2},\d{3}</td><td>purchasing power', page)
    stars = region_stars("LT01")
    assert f"{stars['total']} stars in LT00" in page and "reports 49 stars" in page
    assert "gdp_per_capita_eur" not in page  # GDP in EUR is not in this fixture's data
    assert "LT00 (replaced in NUTS 2016)" in page
    old_centre = client.get(reverse("observatory:region", args=["FR24"])).content.decode()
    assert 'href="/observatory/regions/FRB0/">FRB0</a> (from NUTS 2016)' in old_centre
    country = client.get(reverse("observatory:region", args=["LT"])).content.decode()
    assert 'href="/observatory/regions/LT0/"' in country  # made of


def test_unknown_region_is_404(client, shipped):
    assert client.get(reverse("observatory:region", args=["XX99"])).status_code == 404


def test_derived_indicators_are_ratios_of_sums(db):
    from innopart.observatory.derived import DERIVED, compute_all, latest
    from innopart.observatory.importers import import_tidy, load_regions
    from innopart.observatory.models import Indicator

    load_regions()
    for code in ("gdp_mio_eur", "population_1jan"):
        Indicator.objects.create(code=code)
    rows = [
        ("LT01", "gdp_mio_eur", 2019, 30_000),
        ("LT01", "population_1jan", 2019, 1_000_000),
        ("LT02", "gdp_mio_eur", 2019, 10_000),
        ("LT02", "population_1jan", 2019, 3_000_000),
        ("LT01", "gdp_mio_eur", 2020, 32_000),
        ("LT01", "population_1jan", 2020, 1_000_000),
    ]
    import_tidy([{"region": r, "indicator": i, "year": y, "value": str(v)} for r, i, y, v in rows])
    gdp = DERIVED["gdp_per_capita_eur"]
    # EUR 40,000 million over 4 million people, not the mean of 30,000 and 3,333.
    assert compute_all(gdp, ["LT01", "LT02"]) == {2019: (10_000.0, ["LT01", "LT02"])}
    assert latest(gdp, ["LT01", "LT02"]) == (2019, 10_000.0)
    assert latest(gdp, ["LT01"]) == (2020, 32_000.0)
    assert latest(gdp, ["BE31"]) is None


@pytest.mark.django_db
def test_profile_shows_gdp_per_inhabitant_derived_from_shipped_data(client):
    load_shipped(indicators={"gdp_mio_eur", "population_1jan"})
    page = client.get(reverse("observatory:region", args=["LT"])).content.decode()
    assert '<th scope="row">GDP per inhabitant</th>' in page and "euro per inhabitant" in page
    assert "Gross domestic product ÷ Population on 1 January" in page and "gdp_per_capita_eur" not in page


def test_growth_rates_and_shares_aggregate_as_totals(db):
    from innopart.observatory.derived import DERIVED, compute, compute_all
    from innopart.observatory.importers import import_tidy, load_regions
    from innopart.observatory.models import Indicator

    load_regions()
    for code in ("gdp_mio_eur", "berd_mio_eur", "gerd_mio_eur"):
        Indicator.objects.create(code=code)
    rows = [
        ("LT01", "gdp_mio_eur", 2018, 100),
        ("LT01", "gdp_mio_eur", 2019, 110),
        ("LT02", "gdp_mio_eur", 2018, 300),
        ("LT02", "gdp_mio_eur", 2019, 303),
        ("LT01", "berd_mio_eur", 2019, 1),
        ("LT01", "gerd_mio_eur", 2019, 4),
        ("LT02", "berd_mio_eur", 2019, 3),
        ("LT02", "gerd_mio_eur", 2019, 4),
    ]
    import_tidy([{"region": r, "indicator": i, "year": str(y), "value": str(v)} for r, i, y, v in rows])
    growth = DERIVED["gdp_growth_nominal_pct"]
    assert compute(growth, ["LT01"], 2019)[0] == pytest.approx(10.0)
    # The group's growth is its total's: 400 -> 413 is 3.25 %, not the mean of 10 % and 1 %.
    assert compute(growth, ["LT01", "LT02"], 2019)[0] == pytest.approx(3.25)
    assert 2018 not in compute_all(growth, ["LT01"])  # no 2017 value to grow from
    share = DERIVED["berd_share_of_gerd_pct"]
    assert compute(share, ["LT01", "LT02"], 2019)[0] == pytest.approx(50.0)  # (1 + 3) / (4 + 4)
    assert growth.formula == "(gdp_mio_eur[t] / gdp_mio_eur[t-1] - 1) * 100"


def test_profile_maps_the_emerging_industries_like_the_cluster_categories(client, shipped):
    from innopart.observatory.cluster_map import region_emerging

    lithuania = region_emerging("LT01")
    assert lithuania["code"] == "LT00" and len(lithuania["industries"]) == 10
    logistics = next(i for i in lithuania["industries"] if i["name"] == "Logistical Services")
    assert logistics["lq"] > 1 and logistics["employment"] > 10_000
    page = client.get("/observatory/regions/LT01/").text
    assert "Emerging industries" in page and "Logistical Services" in page and "nan" not in page


def test_profile_shows_the_trend_of_the_main_indicators_with_a_sparkline(client, db):
    from innopart.observatory.models import Observation

    load_shipped(indicators={"unemployment_rate_15_74", "employment_rate_15_64"})
    page = client.get("/observatory/regions/LT01/").text
    trends = page[page.index("Trends of the main indicators") : page.index("Latest indicator values")]
    series = list(
        Observation.objects.filter(region__code="LT01", indicator__code="unemployment_rate_15_74")
        .order_by("year")
        .values_list("year", "value")
    )
    (first_year, first), (_last_year, last) = series[0], series[-1]
    moved, verdict = ("down", "better") if last < first else ("up", "worse")  # lower unemployment is better
    row = trends[trends.index("Unemployment rate") :]
    row = row[: row.index("</tr>")]
    assert f"{moved} since {first_year} ({verdict})" in row
    assert '<svg class="sparkline" role="img" aria-label="Trend ' in row and "<polyline" in row
    assert row.count("<circle") == 1
    assert "Employment rate of people aged 15-64" in trends


def test_the_profile_as_a_pdf_holds_the_same_story(client, db):
    import io

    from pypdf import PdfReader

    load_shipped(indicators={"unemployment_rate_15_74", "employment_rate_15_64", "gdp_per_capita_pps_pct_eu27"})
    page = client.get("/observatory/regions/LT01/").text
    assert 'href="/observatory/regions/LT01/pdf/"' in page
    answer = client.get("/observatory/regions/LT01/pdf/")
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"] == 'attachment; filename="profile-LT01.pdf"'
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.content)).pages)
    for words in ("Sostinės regionas", "At a glance", "Trends of the main indicators", "Unemployment rate"):
        assert words in text, words
    assert "This profile as a PDF" not in text  # the page's own links stay on the page


def test_profile_compares_the_region_with_its_public_peer_group(client, db):
    from statistics import median

    from innopart.observatory.models import Observation, PeerGroup

    load_shipped(indicators={"employment_rate_15_64", "unemployment_rate_15_74", "tertiary_attainment_pct_25_64"})
    group = PeerGroup.objects.get(slug="pilot-regions")
    page = client.get("/observatory/regions/LT01/").text
    assert f"Strongest against its peer group, {group.name}" in page and "Median of the peer group" in page

    lt01 = Observation.objects.filter(region__code="LT01", indicator__code="employment_rate_15_64").latest("year")
    peers = [c for m in group.members.all() for c in m.codes if c != "LT01"]
    values = Observation.objects.filter(
        region__code__in=peers, indicator__code="employment_rate_15_64", year=lt01.year
    ).values_list("value", flat=True)
    row = page[page.index("Employment rate of people aged 15-64</span></th>") :]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row[: row.index("</tr>")])
    assert cells[2] == f"{median(values):.1f}"  # value, EU median, peer median

    # The group changes (Lithuania leaves it): the cached profile follows at once.
    group.members.filter(pk__in=[m.pk for m in group.members.all() if "LT01" in m.codes]).delete()
    assert "Median of the peer group" not in client.get("/observatory/regions/LT01/").text
