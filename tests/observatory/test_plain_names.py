"""No observatory page shows an indicator's code or a unit code as a label: a reader sees names, units in words
and figures in the number format of their language. A code may stay as a secondary detail: in a tooltip (title),
in a <code> element, in a form's values or a link."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from innopart.observatory.importers import load_shipped
from innopart.observatory.models import Indicator

pytestmark = pytest.mark.django_db

READ_ALOUD = ("aria-label", "alt", "placeholder")


class _Readable(HTMLParser):
    """The text a person reads or hears: the page's text outside scripts, styles and <code>, and the attributes
    read aloud."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code"):
            self.hidden += 1
        self.parts += [value for name, value in attrs if name in READ_ALOUD and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def readable(page: str) -> str:
    parser = _Readable()
    parser.feed(page)
    return " ".join(parser.parts)


@pytest.fixture
def shipped(db):
    load_shipped()


def _pages() -> list[str]:
    pages = [
        reverse("observatory:catalogue"),
        reverse("observatory:industrial_change"),
        reverse("observatory:peer_group", args=["pilot-regions"]),
        reverse("observatory:map"),
    ]
    pages += [reverse("observatory:region", args=[code]) for code in ("LT01", "LT", "DE21")]
    pages += [reverse("observatory:compare") + "?regions=LT01+LT02+LV00"]
    pages += [
        f"{reverse('observatory:map')}?indicator={code}" for code in ("berd_eur_per_inhabitant", "population_1jan")
    ]
    return pages


def test_no_page_shows_an_indicator_or_unit_code_as_a_label(client, shipped):
    codes = set(Indicator.objects.values_list("code", flat=True))
    # Eurostat's unit codes (EUR_HAB, PC_GDP, I15, NR...); a unit already written in words is not a code.
    units = {u for u in Indicator.objects.values_list("unit", flat=True) if re.fullmatch(r"[A-Z][A-Z0-9_]*", u)}
    assert len(codes) >= 40 and {"EUR_HAB", "PPS_HAB_EU27_2020", "MIO_EUR"} <= units
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(codes | units, key=len, reverse=True))) + r")(?![\w-])"
    )
    for language in ("en", "lt"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for path in _pages():
            response = client.get(path)
            assert response.status_code == 200, path
            found = sorted(set(pattern.findall(readable(response.text))))
            assert not found, f"{path} ({language}) shows codes as labels: {found}"


def test_indicators_are_described_and_figures_formatted_for_the_readers_language(client, shipped):
    for indicator in Indicator.objects.all():  # every shipped indicator, in both languages
        for field in ("name_en", "name_lt", "short_name_en", "short_name_lt", "unit_en", "unit_lt", "definition_en"):
            assert getattr(indicator, field), f"{indicator.code}: {field} is empty"
        assert indicator.dataset, indicator.code

    url = reverse("observatory:region", args=["LT01"])
    english = client.get(url).text
    assert "Population on 1 January" in english and re.search(
        r'<td class="num">\d{3},\d{3}</td><td class="num">\d,\d{3},\d{3}</td>(<td class="num">[^<]*</td>)?<td>people',
        english,
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lt"
    lithuanian = client.get(url).text
    assert "Gyventojų skaičius sausio 1 d." in lithuanian and "Ekonominė aplinka" in lithuanian
    # A no-break space groups thousands and a comma separates decimals, as Lithuanian writes them.
    assert re.search(
        r'<td class="num">\d{3}\xa0\d{3}</td><td class="num">\d\xa0\d{3}\xa0\d{3}</td>'
        r'(<td class="num">[^<]*</td>)?<td>asmenų',
        lithuanian,
    )
    assert re.search(
        r'<td class="num">\d+,\d</td><td class="num">\d+,\d</td>(<td class="num">[^<]*</td>)?'
        r"<td>% 15-64 metų gyventojų",
        lithuanian,
    )
    # Beside each value, the median of the EU's NUTS-2 regions in the same year.
    from statistics import median

    from innopart.observatory.models import Observation

    own = Observation.objects.filter(indicator__code="employment_rate_15_64", region__code="LT01").latest("year")
    eu = Observation.objects.filter(
        indicator__code="employment_rate_15_64", year=own.year, region__level=2, region__in_nuts2021=True
    ).values_list("value", flat=True)
    expected = f"{median(eu):.1f}".replace(".", ",")
    assert f'<td class="num">{own.value:.1f}</td><td class="num">{expected}</td>'.replace(".", ",") in lithuanian

    # The catalogue fills what is blank and keeps what an analyst wrote; each description is audited.
    from innopart.core.models import AuditEntry
    from innopart.observatory import catalogue

    Indicator.objects.filter(code="population_1jan").update(name_en="Residents", name_lt="")
    audited = AuditEntry.objects.filter(action="observatory.indicator_described").count()
    assert catalogue.apply() == 1
    population = Indicator.objects.get(code="population_1jan")
    assert (population.name_en, population.name_lt) == ("Residents", "Gyventojų skaičius sausio 1 d.")
    assert AuditEntry.objects.filter(action="observatory.indicator_described").count() == audited + 1


def test_cluster_categories_and_emerging_industries_read_in_lithuanian(client, shipped):
    from innopart.observatory.catalogue import _category_names

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lt"
    text = readable(client.get(reverse("observatory:region", args=["LT01"])).text)
    assert "Transportas ir logistika" in text and "Skaitmeninės pramonės šakos" in text
    english = [name for name, lithuanian in _category_names().items() if name != lithuanian and name in text]
    assert not english, f"in English on the Lithuanian profile: {english}"
    # The 51 categories and the 10 emerging industries, two of which (Biopharmaceuticals, Medical Devices) share a
    # category's name.
    assert len(_category_names()) == 59


def test_a_profile_opens_with_the_region_at_a_glance(client, shipped):
    from innopart.observatory.profile import standing

    page = client.get(reverse("observatory:region", args=["LT01"])).text
    glance = page[page.index('id="glance-title"') : page.index("Latest indicator values")]
    assert re.search(r"GDP per head: \d{2,3} % of the EU average in 20\d\d", glance)
    assert "cluster stars: rank" in glance
    found = standing("LT01")
    strongest, weakest = found["strongest"], found["weakest"]
    assert len(strongest) == len(weakest) == 3
    assert strongest[0]["share"] >= strongest[-1]["share"] >= weakest[-1]["share"] >= weakest[0]["share"]
    # Totals measure size, not standing; every compared indicator has a direction.
    assert all(r["indicator"].higher_is_better is not None for r in strongest + weakest)
    assert not {"population_1jan", "gdp_mio_eur"} & {r["indicator"].code for r in strongest + weakest}
    assert f"better than {strongest[0]['percent']}% of {strongest[0]['regions']} regions" in glance
    # Unemployment counts as a strength when it is low: a region with the lowest rate beats every other.
    from innopart.observatory.models import Observation

    year = Observation.objects.filter(indicator__code="unemployment_rate_15_74").latest("year").year
    lowest = (
        Observation.objects.filter(
            indicator__code="unemployment_rate_15_74", year=year, region__level=2, region__in_nuts2021=True
        )
        .order_by("value")
        .first()
    )
    rows = [
        r
        for r in standing(lowest.region.code, count=40)["strongest"]
        if r["indicator"].code == "unemployment_rate_15_74"
    ]
    assert rows and rows[0]["share"] >= 0.99
