"""The main menu: at most six entries, grouped by area, each area's pages one level down, by the person's roles."""

import re

import pytest

from innopart.accounts.enums import Role

from ..factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def menus(client, path="/calls/"):
    page = client.get(path).text
    navs = dict(re.findall(r'<nav[^>]*aria-label="([^"]+)"[^>]*>(.*?)</nav>', page, re.S))
    top = re.findall(r'<a href="([^"]+)"( aria-current="[^"]+")?>([^<]+)</a>', navs.pop("Main"))
    sub = [re.findall(r'<a href="([^"]+)"( aria-current="[^"]+")?>([^<]+)</a>', body) for body in navs.values()]
    return top, (sub[0] if sub else []), list(navs)


ROLES = [
    [Role.PROGRAMME_MANAGER],
    [Role.AGENCY_ADVISER],
    [Role.JURY_MEMBER],
    [Role.ANALYST],
    [Role.OBSERVER],
    [Role.ADMINISTRATOR],
    [Role.APPLICANT],
    [Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR, Role.ANALYST, Role.AGENCY_ADVISER],
]


@pytest.mark.parametrize("roles", ROLES, ids=lambda roles: "+".join(roles))
def test_every_role_gets_at_most_six_top_entries(client, roles):
    user = UserFactory(roles=roles)
    member(user, OrganisationFactory())  # the most entries: an organisation's member as well
    client.force_login(user)
    top, _sub, _names = menus(client)
    labels = [label for _url, _current, label in top]
    assert 2 <= len(labels) <= 6
    assert labels[:4] == ["My work", "Competition", "Observatory", "Partnerships"]
    assert ("Administration" in labels) == (Role.ADMINISTRATOR in roles)


def test_the_public_sees_the_three_public_areas_and_their_public_pages(client):
    top, sub, names = menus(client, "/calls/")
    assert [(url, label) for url, _current, label in top] == [
        ("/calls/", "Competition"),
        ("/observatory/data/", "Observatory"),
        ("/funded-partnerships/", "Partnerships"),
    ]
    assert top[0][1] == ' aria-current="page"'
    assert sub == []  # one public page in Competition: no second row
    top, sub, names = menus(client, "/observatory/map/")
    assert names == ["Observatory"]
    assert [label for _url, _current, label in sub] == [
        "Regional data",
        "Map of the regions",
        "Industrial change",
        "Diagnoses",
    ]
    assert [label for _url, current, label in sub if current] == ["Map of the regions"]
    assert [label for _url, current, label in top if current] == ["Observatory"]


def test_the_programme_manager_s_competition_opens_on_the_calls_they_manage(client, ministry_officer, call):
    client.force_login(ministry_officer)
    top, sub, _names = menus(client, f"/manage/calls/{call.slug}/")
    assert ("/manage/calls/", ' aria-current="true"', "Competition") in top
    labels = [label for _url, _current, label in sub]
    assert labels[:2] == ["Manage calls", "Calls"] and "Stress test" not in labels
    # The longest address that matches marks the page: "Manage calls", not "Calls" nor nothing.
    assert [label for _url, current, label in sub if current] == ["Manage calls"]


def test_an_applicant_finds_their_applications_first(client, applicant_a):
    client.force_login(applicant_a)
    top, sub, _names = menus(client, "/applications/")
    # The area's entry leads to this very page, so it says so.
    assert ("/applications/", ' aria-current="page"', "Competition") in top
    assert [label for _url, _current, label in sub] == [
        "My applications",
        "Calls",
        "My organisations",
        "Partner posts",
        "Contacts",
        "Events",
    ]
    top, sub, _names = menus(client, "/funded-partnerships/")
    assert [label for _url, _current, label in sub] == ["My partnerships", "Funded partnerships"]


def test_after_logging_in_a_person_lands_on_their_start_page(client, applicant_a):
    from ..factories import PASSWORD

    response = client.post("/accounts/login/", {"username": applicant_a.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/start/"
    assert "Waiting for you" in response.text
