import csv
import io
import re
from contextlib import nullcontext

import pytest
from django.utils import translation

from innopart.observatory.importers import load_regions, load_shipped
from innopart.observatory.models import Indicator, Observation
from innopart.observatory.selectors import FIGURE_1

from ..factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "lt"])
def test_analyst_sees_row_errors_then_imports_a_good_file(visitor, analyst, tmp_path, language):
    load_regions()
    Indicator.objects.create(code="gdp_mio_eur", source="nama_10r_2gdp")
    bad = tmp_path / "gdp.csv"
    bad.write_text("region,indicator,year,value\nLT01,gdp_mio_eur,2019,30000\nLT99,gdp_mio_eur,2019,1\n")
    good = tmp_path / "gdp-fixed.csv"
    good.write_text("region,indicator,year,value\nLT01,gdp_mio_eur,2019,30000\nLT02,gdp_mio_eur,2019,18000 p\n")
    with translation.override(language):
        t = translation.gettext
        observatory, import_data, check = t("Observatory"), t("Import indicator data"), t("Check and import")
        row_error = t("%(where)s, column region: unknown region code “%(code)s”.") % {
            "where": t("Row %(n)d") % {"n": 3},
            "code": "LT99",
        }
        imported = t(
            "Imported: %(created)d values added, %(updated)d changed, %(unchanged)d unchanged, "
            "%(skipped)d not available."
        ) % {"created": 2, "updated": 0, "unchanged": 0, "skipped": 0}

    visitor.log_in(analyst.email, PASSWORD)
    if language == "lt":
        visitor.click("button[lang=lt]")
    # The task is measured in English; the Lithuanian run walks the same pages in the other language, axe on each.
    with visitor.task("import a dataset") if language == "en" else nullcontext():
        visitor.click(f"header nav >> text={observatory}")
        visitor.click(f"text={import_data}")
        page = visitor.page
        page.set_input_files("#id_file", str(bad))
        visitor.click(f"text={check}")
        assert row_error in page.content()
        assert not Observation.objects.exists()

        page.set_input_files("#id_file", str(good))
        visitor.click(f"text={check}")
        assert imported in page.content()
        assert "nama_10r_2gdp" in page.content()
        assert Observation.objects.get(region__code="LT02").flag == "p"
    assert page.locator("html").get_attribute("lang") == language


def test_public_reader_compares_the_pilot_regions(visitor):
    load_shipped(indicators=set(FIGURE_1))
    # The map, drawn live by Vega: a region's value in a tooltip on hover, and a click opens its profile.
    visitor.goto("/observatory/map/?indicator=employment_rate_15_64")
    page = visitor.page
    assert page.locator(".chart-view.is-live").count() == 1
    page.locator(".chart-live svg path[aria-label^='LT01 ']").hover()
    assert page.locator(".vg-tooltip.visible").inner_text() == "LT01 Sostinės regionas: 77.1"
    visitor.click(".chart-live svg path[aria-label^='LT01 ']")
    assert "Sostinės regionas" in page.locator("h1").inner_text()
    # Its headline and strengths come first.
    glance = page.locator("section[aria-labelledby=glance-title]")
    assert glance.locator("li").first.inner_text().startswith("GDP per head: ")
    strongest = glance.locator("div", has=page.locator("h3", has_text="Strongest against the EU's regions"))
    assert strongest.locator("li").count() >= 1

    with visitor.task("compare two regions"):
        visitor.click("header nav >> text=Observatory")
        visitor.click("text=Pilot regions in industrial transition")
        page = visitor.page
        assert page.locator("h1").inner_text() == "Pilot regions in industrial transition"
        assert "Norra Mellansverige" in page.content()
        # The peer bars are live too: a bar's value on hover.
        assert page.locator(".chart-view.is-live").count() >= 1
        page.locator(".chart-live svg path[aria-label^='LT01 ']").first.hover()
        assert page.locator(".vg-tooltip.visible").inner_text().startswith("LT01 Sostinės regionas: ")
        visitor.click("a:text-is('LT01')")
        assert "Sostinės regionas" in page.locator("h1").inner_text()
        assert "stars in LT00" in page.content() and "Employment rate of people aged 15-64" in page.content()

        # From the profile to a comparison with a third region, then the comparison as CSV: the page's figures.
        visitor.click("text=Compare with other regions")
        page.fill("#id_regions", page.input_value("#id_regions") + " LV00")
        visitor.click("main button[type=submit]")
        assert page.locator("thead th a").all_inner_texts()[:3] == [
            "Sostinės regionas",
            "Vidurio ir vakarų Lietuvos regionas",
            "Latvija",
        ]
        row = page.locator("tr", has=page.locator("th", has_text="Employment rate of people aged 15-64"))
        shown = [text.split()[0] for text in row.locator("td").all_inner_texts()]
        with page.expect_download() as download:
            page.click("text=Download as CSV")
        lines = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
        exported = [r["Value as shown"] for r in lines if r["Indicator code"] == "employment_rate_15_64"]
        assert exported == shown and len(shown) == 3


def test_without_script_the_map_still_shows_values_on_hover_and_links_regions(visitor_without_script):
    load_shipped(indicators=set(FIGURE_1))
    visitor = visitor_without_script
    visitor.goto("/observatory/map/?indicator=employment_rate_15_64")
    page = visitor.page
    assert page.locator(".chart-view.is-live").count() == 0
    area = page.locator("svg a", has=page.locator("title", has_text="LT01 Sostinės regionas: "))
    assert area.count() == 1
    assert area.locator("title").text_content() == "LT01 Sostinės regionas: 77.1"  # the browser shows it on hover
    area.click()  # Visitor.click marks the old page with a script, which this browser does not run
    page.wait_for_url("**/observatory/regions/LT01/**")
    assert "Sostinės regionas" in page.locator("h1").inner_text()


def test_a_lithuanian_reader_follows_the_map_to_a_comparison_in_lithuanian(visitor):
    from django.utils import translation

    load_shipped(indicators=set(FIGURE_1))
    with translation.override("lt"):
        words = {w: translation.gettext(w) for w in ("At a glance", "Compare with other regions", "Value as shown")}
    employment = Indicator.objects.get(code="employment_rate_15_64").name_lt
    visitor.goto("/")
    visitor.click("button[lang=lt]")  # the language switch
    visitor.goto("/observatory/map/?indicator=employment_rate_15_64")
    page = visitor.page
    assert page.locator("html").get_attribute("lang") == "lt"
    page.locator(".chart-live svg path[aria-label^='LT01 ']").hover()
    assert page.locator(".vg-tooltip.visible").inner_text() == "LT01 Sostinės regionas: 77,1"  # a decimal comma
    # The live legend writes its class breaks in Lithuanian too.
    legend = page.locator(".chart-live svg g.role-legend text").all_text_contents()
    assert legend and all("." not in t for t in legend) and any("," in t for t in legend)
    visitor.click(".chart-live svg path[aria-label^='LT01 ']")
    assert "Sostinės regionas" in page.locator("h1").inner_text() and words["At a glance"] in page.content()

    visitor.click(f"text={words['Compare with other regions']}")
    page.fill("#id_regions", page.input_value("#id_regions") + " LV00")
    visitor.click("main button[type=submit]")
    row = page.locator("tr", has=page.locator("th", has_text=employment))
    shown = [text.split()[0] for text in row.locator("td").all_inner_texts()]
    assert len(shown) == 3 and all(re.fullmatch(r"\d+,\d", v) for v in shown)  # 77,1 and not 77.1
    with page.expect_download() as download:
        page.click("a[href*='format=csv']")
    lines = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    exported = [r[words["Value as shown"]] for r in lines if "employment_rate_15_64" in r.values()]
    assert exported == shown


def test_analyst_reads_the_seven_dimensions_and_recomputes_the_index(visitor, analyst):
    import yaml

    from innopart.analytics.industrial_change import parse_spec
    from innopart.observatory import change_index
    from innopart.observatory.models import IndexRun

    load_shipped(indicators=parse_spec(yaml.safe_load(change_index.shipped_spec())).sources)
    change_index.run(IndexRun.objects.create(spec=change_index.shipped_spec()).pk)
    visitor.log_in(analyst.email, PASSWORD)
    visitor.goto("/observatory/data/")
    visitor.click("text=Map of the regions")
    page = visitor.page
    page.select_option("#id_indicator", "index:Index")
    visitor.click("button:text-is('Show')")
    assert page.get_by_role("img", name="Industrial-change index (total)", exact=False).is_visible()
    visitor.goto("/observatory/regions/LT01/")
    assert page.get_by_role("img", name="Composite indicators for industrial change: Sostinės regionas").is_visible()
    assert "New and emerging technologies" in page.content() and "not scored: no data" in page.content()
    visitor.click("text=Indicators, sources and what is missing")
    assert page.locator("h1").inner_text() == "Composite index of industrial change"
    visitor.click("text=Edit the specification and recompute")
    page.fill("#id_note", "Same specification, checked")
    visitor.click("text=Save and recompute")
    # The test settings run tasks at once; the progress page then shows the finished computation.
    assert "State: Done." in page.content()
    visitor.click("text=See the results")
    assert "Same specification, checked" in page.content()


def test_analyst_journey_from_evidence_to_the_briefing_pdf(visitor, analyst, tmp_path):
    """The observatory issue's journey: pilot comparison, map, a profile with its seven dimensions, a bad then a
    good upload, the SWOT edited and the briefing PDF read back."""
    import io

    import yaml
    from pypdf import PdfReader

    from innopart.analytics.industrial_change import parse_spec
    from innopart.demo import diagnosis as demo
    from innopart.observatory import change_index
    from innopart.observatory.models import IndexRun
    from innopart.observatory.selectors import FIGURE_2

    sources = parse_spec(yaml.safe_load(change_index.shipped_spec())).sources
    load_shipped(indicators=sources | set(FIGURE_1 + FIGURE_2))
    change_index.run(IndexRun.objects.create(spec=change_index.shipped_spec()).pk)
    demo.load({"users": {"analyst@eimin.example": analyst}, "call": None})

    visitor.log_in(analyst.email, PASSWORD)
    page = visitor.page
    visitor.goto("/observatory/data/")
    visitor.click("text=Pilot regions in industrial transition")
    assert "Industrial-change leader" in page.content()
    visitor.goto("/observatory/data/")
    visitor.click("text=Map of the regions")
    assert page.get_by_role("img", name="Industrial-change index (total)", exact=False).is_visible()
    visitor.goto("/observatory/regions/LT02/")
    assert "New and emerging technologies" in page.content() and "EU average" in page.content()

    bad = tmp_path / "bad.csv"
    bad.write_text("region,indicator,year,value\nLT01,berd_pct_gdp,2030,1.1\nLT01,berd_pct_gdp,2031,abc\n")
    good = tmp_path / "good.csv"
    good.write_text("region,indicator,year,value\nLT01,berd_pct_gdp,2030,1.1\n")
    visitor.goto("/observatory/data/upload/")
    page.set_input_files("#id_file", str(bad))
    visitor.click("text=Check and import")
    assert "Row 3, column value: “abc” is not a number." in page.content()
    assert not Observation.objects.filter(year__gte=2030).exists()
    page.set_input_files("#id_file", str(good))
    visitor.click("text=Check and import")
    assert "1 values added" in page.content()

    visitor.goto("/diagnosis/")
    visitor.click("text=Lithuania: industrial modernisation and cluster policy")
    assert "Strong industrial base" in page.content()
    page.click("text=Add a PEST or SWOT item")
    page.select_option("#id_item-category", "opportunity")
    # The form is sent to the item's own page, and so is the check of a field left (static/js/checks.js): that view
    # answers with the field and its message. Checked by the diagnosis page instead, the block would come back quiet.
    loads = visitor.effort.loads
    page.fill("#id_item-text", " ")
    page.press("#id_item-text", "Tab")
    page.wait_for_selector("#id_item-text-field.has-error ul.errorlist")
    assert visitor.effort.loads == loads
    page.fill("#id_item-text", "Hydrogen valleys in the Baltic ports")
    page.select_option("#id_item-indicator", "emp_high_tech_sectors_pct")
    visitor.click("text=Add the item")
    assert "Hydrogen valleys in the Baltic ports" in page.content()
    assert "Employment in high-technology sectors" in page.content()
    with page.expect_download() as download:
        page.click("text=Download the policy briefing (PDF)")
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Hydrogen valleys in the Baltic ports" in text
    assert "Figure 3: Composite indicators for industrial change" in text
    assert "Composite indicators for industrial change: Sostinės regionas" in text  # the chart's own title
    visitor.click("text=Read the briefing as a page")
    assert "Key challenges, barriers and drivers" in page.content()
    assert page.get_by_role(
        "img", name="Industrial change (total index) and cluster stars (total)", exact=False
    ).count()


def test_ministry_runs_the_stress_test_and_compares_years(visitor, ministry_officer):
    from innopart.diagnosis import stress
    from innopart.diagnosis.models import StressQuestion
    from innopart.observatory.models import Region

    load_regions()
    stress.load_questions()
    earlier = stress.create_assessment(actor=ministry_officer, region=Region.objects.get(code="LT"), year=2019)
    visitor.log_in(ministry_officer.email, PASSWORD)
    visitor.click("text=Stress test")
    page = visitor.page
    page.select_option("#id_region", "LT")
    page.fill("#id_year", "2024")
    visitor.click("text=Start the assessment")
    assert "Stress test: Lietuva, 2024" in page.content()
    a1, a2 = (StressQuestion.objects.get(code=code).pk for code in ("A1", "A2"))
    page.check(f"#id_q{a1}_5")  # 4 fully (choice 0 is "don't know")
    page.check(f"#id_q{a2}_4")  # 3 largely
    page.fill(f"#id_c{a1}", "RIS3 names clusters explicitly.")
    visitor.click("text=Save the answers")
    assert "2 answers saved." in page.content()
    assert "too few answers" in page.content()  # module A: 2 of 4 answered is enough; the others have none
    visitor.goto("/stress-test/")
    page.check(f"#compare-{earlier.pk}")
    page.check("input[name=a] >> nth=1")
    visitor.click("text=Compare the chosen assessments")
    assert "Module scores by region and year" in page.content()


def test_a_long_table_keeps_its_heading_row_in_view_and_pages(visitor):
    """The data table (core/tables.py): the heading stays at the top of the box while the rows scroll under it,
    a heading sorts, and the rows beyond the first page are one link away."""
    Indicator.objects.bulk_create(
        Indicator(code=f"test_{n:03}", name_en=f"Test indicator {n:03}", definition_en="A test. " * 20)
        for n in range(60)
    )
    visitor.goto("/observatory/data/")
    page = visitor.page
    box = page.locator(".table-sticky")
    box.evaluate("box => { box.scrollTop = 1500; }")
    heading = page.locator(".table-sticky thead th").first
    first_row = page.locator(".table-sticky tbody tr").first
    box_top = box.evaluate("box => box.getBoundingClientRect().top")
    heading_top = heading.evaluate("th => th.getBoundingClientRect().top")
    assert box.evaluate("box => box.scrollTop") > 0  # the rows did scroll inside the box
    assert first_row.evaluate("tr => tr.getBoundingClientRect().bottom") < box_top  # the first row went out of sight
    assert abs(heading_top - box_top) <= 2  # the heading did not
    visitor.click("text=Next")
    assert "Test indicator 059" in page.content() and "Page 2 of 2" in page.content()


def test_the_analyst_reads_the_history_of_refreshes_with_the_accessibility_check(visitor, analyst):
    from innopart.observatory.models import DatasetRefresh

    indicator = Indicator.objects.create(code="gdp_mio_eur", name_en="Gross domestic product")
    for n, state in enumerate(("done", "failed", "running")):
        DatasetRefresh.objects.create(dataset=f"set_{n}", indicator=indicator, state=state)
    visitor.log_in(analyst.email, PASSWORD)
    visitor.goto("/observatory/data/eurostat/")
    page = visitor.page
    assert page.locator("#history-title + form[role=search]").count() == 1
    visitor.click("table[aria-labelledby=history-title] thead a >> text=Dataset")  # sort by the code
    rows = page.locator("table[aria-labelledby=history-title] tbody tr")
    assert rows.count() == 3 and "set_0" in rows.first.inner_text()
