import pytest

from ..factories import PASSWORD, OrganisationFactory, make_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_finds_a_research_partner_from_the_gap_analysis(visitor, applicant_a, call):
    draft = make_application(applicant_a, call, applicant_a.memberships.get().organisation)
    institute = OrganisationFactory(
        name="Kaunas Food Research Institute",
        type="research_institute",
        nace_codes=["72.11"],
        capabilities="food fermentation research",
        is_contactable=True,
    )
    OrganisationFactory(name="Quiet University", type="university", nace_codes=["85.42"])
    visitor.log_in(applicant_a.email, PASSWORD)
    visitor.goto(f"/applications/{draft.pk}/partners/")
    visitor.click("text=Find partners: suggestions that close the gaps")
    page = visitor.page
    assert "What the consortium still lacks" in page.content()
    assert "a university or research institute, which the consortium still needs" in page.content()
    assert "Quiet University" not in page.content()
    visitor.click("a:text-is('Add to the consortium') >> nth=0")
    assert page.locator("#id_organisation").input_value() == str(institute.pk)
