import pytest
from django.urls import reverse

from innopart.applications import services as app_services

from ..factories import OrganisationFactory, UserFactory, make_application, member


@pytest.fixture
def draft(applicant_a, call):
    """Applicant A's draft with only its coordinator (an SME): research, key partner, types, sectors missing."""
    return make_application(applicant_a, call, applicant_a.memberships.get().organisation)


@pytest.fixture
def pool(db):
    return {
        "ktu": OrganisationFactory(
            name="Kaunas Food Research Institute",
            type="research_institute",
            nace_codes=["72.11"],
            capabilities="food fermentation research, dairy technology",
            is_contactable=True,
            contact_email="partners@kfri.example",
        ),
        "secret": OrganisationFactory(
            name="Quiet University", type="university", nace_codes=["85.42"], capabilities="food fermentation research"
        ),
        "global": OrganisationFactory(
            name="Baltic Foods International", type="international_company", nace_codes=["46.33"], is_contactable=True
        ),
    }


def url(application):
    return reverse("matchmaking:find_partners", args=[application.pk])


def test_the_coordinator_sees_the_gaps_and_suggestions_with_reasons(client, applicant_a, draft, pool):
    client.force_login(applicant_a)
    page = client.get(url(draft)).text
    assert "At least 1 university or research institute must take part; the consortium has 0." in page
    assert "Kaunas Food Research Institute" in page and "Baltic Foods International" in page
    assert "a university or research institute, which the consortium still needs" in page
    assert "a large or international company that could be the key partner" in page
    assert "partners@kfri.example" in page
    # Never suggested nor found without the organisation's consent.
    assert "Quiet University" not in page
    found = client.get(url(draft), {"text": "fermentation"}).text
    assert "Kaunas Food Research Institute" in found and "Quiet University" not in found
    typed = client.get(url(draft), {"text": "", "type": "international_company"}).text
    assert typed.count("Add to the consortium") >= 1 and "Kaunas Food Research Institute</strong>" not in typed
    # The suggestion's link preselects the organisation in the partner form.
    form = client.get(reverse("applications:partners", args=[draft.pk]), {"organisation": pool["ktu"].pk}).text
    assert f'<option value="{pool["ktu"].pk}" selected>' in form


def test_only_the_coordinator_of_a_draft_may_look(client, applicant_a, applicant_b, draft, pool, call):
    partner_user = UserFactory(email="partner@example.org", roles=["applicant"])
    partner_org = member(partner_user, OrganisationFactory(name="Partner UAB"))
    app_services.add_partner(actor=applicant_a, application=draft, organisation=partner_org)
    assert client.get(url(draft)).status_code == 302
    for user in (applicant_b, partner_user):
        client.force_login(user)
        assert client.get(url(draft)).status_code == 404
    complete = make_application(applicant_b, call, applicant_b.memberships.get().organisation, complete=True)
    app_services.submit_application(actor=applicant_b, application=complete)
    client.force_login(applicant_b)
    assert client.get(url(complete)).status_code == 404  # submitted: the consortium is closed


def test_search_finds_by_capability_on_either_database(pool):
    from innopart.matchmaking.selectors import search

    found = [o.name for o in search(text="fermentation dairy")]
    assert found == ["Kaunas Food Research Institute"]  # the consenting one only
    assert [o.name for o in search(text="", type_="international_company")] == ["Baltic Foods International"]
    assert search(text="astrophysics") == []
