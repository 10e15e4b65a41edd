import io
import re

import pytest
from django.urls import reverse

from innopart.core.models import AuditEntry
from innopart.diagnosis import services
from innopart.diagnosis.models import Challenge, Diagnosis, Item
from innopart.observatory.importers import import_tidy, load_regions
from innopart.observatory.models import Indicator, Region


@pytest.fixture
def draft(db, analyst):
    load_regions()
    Indicator.objects.create(
        code="population_1jan",
        unit="NR",
        source="demo_r_d2jan",
        name_en="Population on 1 January",
        short_name_en="Population",
        unit_en="people",
        decimals=0,
    )
    import_tidy(
        [
            {"region": "LT01", "indicator": "population_1jan", "year": "2019", "value": "810000"},
            {"region": "LT02", "indicator": "population_1jan", "year": "2019", "value": "1984000"},
            {"region": "LT02", "indicator": "population_1jan", "year": "2018", "value": "2000000"},
        ]
    )
    return services.save_diagnosis(
        actor=analyst,
        diagnosis=Diagnosis(slug="lt", title="Lithuania draft", region=Region.objects.get(code="LT"), year=2019),
    )


def url(name, *args):
    return reverse(f"diagnosis:{name}", args=args)


def test_a_draft_is_hidden_from_everyone_but_its_writers(client, draft, applicant_a, analyst, ministry_officer):
    services.save_part(actor=analyst, part=Item(diagnosis=draft, category="threat", text="Secret threat"))
    for user in (None, applicant_a):
        if user:
            client.force_login(user)
        for name in ("detail", "briefing", "briefing_pdf"):
            assert client.get(url(name, "lt")).status_code == 404
        assert "Lithuania draft" not in client.get(url("list")).text
    for user in (analyst, ministry_officer):
        client.force_login(user)
        assert "Secret threat" in client.get(url("detail", "lt")).text
    services.set_published(actor=analyst, diagnosis=draft, published=True)
    client.logout()
    page = client.get(url("detail", "lt")).text
    assert "Secret threat" in page and "Add a PEST or SWOT item" not in page


def test_only_writers_change_a_diagnosis(client, draft, applicant_a, analyst):
    services.set_published(actor=analyst, diagnosis=draft, published=True)
    item = services.save_part(actor=analyst, part=Item(diagnosis=draft, category="threat", text="Kept"))
    client.force_login(applicant_a)
    posts = [
        (url("add", "lt", "item"), {"item-category": "strength", "item-text": "Injected"}),
        (url("part", "lt", "item", item.pk), {"item-category": "threat", "item-text": "Changed"}),
        (url("delete", "lt", "item", item.pk), {}),
        (url("publish", "lt"), {"publish": "0"}),
        (url("edit", "lt"), {"title": "Hijacked"}),
    ]
    for address, data in posts:
        assert client.post(address, data).status_code == 404
    item.refresh_from_db()
    draft.refresh_from_db()
    assert item.text == "Kept" and draft.is_published and draft.title == "Lithuania draft"
    assert list(Item.objects.values_list("text", flat=True)) == ["Kept"]
    client.logout()
    assert client.get(url("add", "lt", "item")).status_code == 302  # to the login page


def test_items_carry_evidence_and_challenges_link_within_the_diagnosis(client, draft, analyst):
    client.force_login(analyst)
    response = client.post(
        url("add", "lt", "item"),
        {
            "item-category": "threat",
            "item-text": "Skill shortages due to emigration",
            "item-indicator": "population_1jan",
            "item-note": "Briefing, Table 1",
        },
    )
    assert response.status_code == 302
    page = client.get(url("detail", "lt")).text
    # Lithuania as a whole has no regional series: the evidence is its NUTS-2 regions' latest values.
    assert "Population on 1 January</span> LT01 <strong>810,000</strong> people (2019)" in page
    assert "LT02 <strong>1,984,000</strong> people (2019)" in page and "population_1jan" not in re.sub(
        r'value="[^"]*"', "", page
    )
    threat = Item.objects.get()
    other = services.save_diagnosis(
        actor=analyst,
        diagnosis=Diagnosis(slug="other", title="Other", region=Region.objects.get(code="LT01"), year=2020),
    )
    foreign = services.save_part(actor=analyst, part=Item(diagnosis=other, category="weakness", text="Foreign"))
    refused = client.post(
        url("add", "lt", "challenge"), {"challenge-text": "Low trust", "challenge-items": [foreign.pk]}
    )
    assert "Select a valid choice" in refused.text and not Challenge.objects.exists()
    client.post(url("add", "lt", "challenge"), {"challenge-text": "Low trust", "challenge-items": [threat.pk]})
    challenge = Challenge.objects.get()
    assert list(challenge.items.all()) == [threat]
    assert "Arising from:" in client.get(url("detail", "lt")).text
    actions = list(AuditEntry.objects.filter(object_id=str(draft.pk)).values_list("action", flat=True))
    assert "diagnosis.item_added" in actions and "diagnosis.challenge_added" in actions
    client.post(url("delete", "lt", "item", threat.pk))
    assert not Item.objects.filter(diagnosis=draft).exists()
    assert AuditEntry.objects.filter(action="diagnosis.item_deleted", changes__text__startswith="Skill").exists()


def test_the_briefing_pdf_has_its_chapters_and_evidence(client, draft, analyst):
    from pypdf import PdfReader

    services.save_part(
        actor=analyst,
        part=Item(
            diagnosis=draft,
            category="strength",
            text="Excellent digitalisation infrastructure",
            indicator=Indicator.objects.get(code="population_1jan"),
        ),
    )
    client.force_login(analyst)
    response = client.get(url("briefing_pdf", "lt"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    for heading in (
        "Lithuania draft",
        "1. Lietuva compared with peer regions",
        "2. Key challenges, barriers and drivers",
        "Framework conditions (PEST)",
        "Strengths, weaknesses, opportunities and threats (SWOT)",
        "3. Proposed strategy to address the challenges",
        "Excellent digitalisation infrastructure",
    ):
        assert heading in text, heading
    assert "[Population: LT01 810,000 (2019) LT02 1,984,000 (2019)]" in text


def test_the_demo_diagnosis_of_lithuania_exports_the_briefings_chapters_with_charts(client, analyst):
    import yaml
    from pypdf import PdfReader

    from innopart.analytics.industrial_change import parse_spec
    from innopart.demo import diagnosis as demo
    from innopart.observatory import change_index
    from innopart.observatory.importers import load_shipped
    from innopart.observatory.models import IndexRun
    from innopart.observatory.selectors import FIGURE_1, FIGURE_2

    sources = parse_spec(yaml.safe_load(change_index.shipped_spec())).sources
    load_shipped(indicators=sources | set(FIGURE_1 + FIGURE_2) | {"population_1jan", "unemployment_rate_15_74"})
    change_index.run(IndexRun.objects.create(spec=change_index.shipped_spec()).pk)
    diagnosis = demo.load({"users": {"analyst@eimin.example": analyst}, "call": None})
    assert diagnosis.is_published and diagnosis.items.count() == len(demo.ITEMS)
    assert diagnosis.measures.first().objectives.count() == 4

    page = client.get(url("detail", demo.SLUG)).text
    assert "Strong industrial base (20% of GDP and 80% of exports are generated by industry)" in page
    assert "Using existing cluster structures to maintain and foster trust between stakeholders" in page
    response = client.get(url("briefing_pdf", demo.SLUG))
    reader = PdfReader(io.BytesIO(response.content))
    # Words broken at a hyphen across lines come out as "co- operation".
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages).replace("- ", "-")
    for expected in (
        "Figure 1: Economy",
        "Figure 2: Innovation",
        "Figure 3: Composite indicators for industrial change",
        "Figure 4: Industrial change (total index) and cluster stars (total)",
        "Figure 5: Framework conditions (PEST)",
        "Table 1: Strengths, weaknesses, opportunities and threats (SWOT)",
        # chart titles and legends drawn inside the SVG charts
        "Composite indicators for industrial change: Sostinės regionas",
        "Composite indicators for industrial change: Vidurio ir vakarų Lietuvos regionas",
        "Industrial-change index (0-1)",
        "Many cluster stars, moderate industrial change",
        "Lack of trust among businesses hindering co-operation",
        "Creating strong incentives for (cross-sectoral) co-operation",
    ):
        assert expected in text, expected
    assert len(reader.pages) >= 5


def test_stale_changes_of_a_diagnosis_and_of_its_parts_are_refused(client, draft, analyst):
    from innopart.core.concurrency import edit_token

    item = services.save_part(actor=analyst, part=Item(diagnosis=draft, category="threat", text="Brain drain"))
    client.force_login(analyst)
    token = edit_token(item, ("category", "text", "indicator", "note"))
    first = {"item-category": "threat", "item-text": "Brain drain of engineers", "item-edit_token": token}
    assert client.post(url("part", "lt", "item", item.pk), first).status_code == 302
    stale = client.post(url("part", "lt", "item", item.pk), first | {"item-text": "Ageing workforce"})
    assert stale.status_code == 200
    assert "Someone else saved this while you were editing" in stale.text and "Brain drain of engineers" in stale.text
    assert "Ageing workforce" in stale.text
    assert Item.objects.get(pk=item.pk).text == "Brain drain of engineers"

    fields = ("title", "slug", "region", "peer_group", "year", "summary", "general_objective", "source")
    form = {"title": "Lithuania", "slug": "lt", "region": "LT", "year": 2019}
    token = edit_token(draft, fields)
    assert client.post(url("edit", "lt"), form | {"edit_token": token}).status_code == 302
    stale = client.post(url("edit", "lt"), form | {"title": "Lithuania 2019", "edit_token": token})
    assert "Someone else saved this while you were editing" in stale.text
    assert Diagnosis.objects.get(pk=draft.pk).title == "Lithuania"
