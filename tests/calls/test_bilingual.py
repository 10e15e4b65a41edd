"""What the ministry writes about a call, in Lithuanian and English side by side, shown in the reader's language."""

import pytest
from django.utils import translation

from innopart.calls.models import Call

from ..factories import published_call, thematic_field
from .test_views import _form

pytestmark = pytest.mark.django_db

LT = {"HTTP_ACCEPT_LANGUAGE": "lt"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_each_reader_sees_the_call_in_their_own_language(client, ministry_officer):
    published_call(
        ministry_officer,
        title="Innovation Partnership Competition",
        title_lt="Inovacijų partnerysčių konkursas",
        summary="Two or three partnerships.",
        summary_lt="Dvi ar trys partnerystės.",
        description="Consortia in Industry 4.0.",
        description_lt="Konsorciumai Pramonės 4.0 srityje.",
    )
    for path in ("/", "/calls/", "/calls/ipc/"):
        lithuanian = client.get(path, **LT).text
        assert (
            "Inovacijų partnerysčių konkursas" in lithuanian and "Innovation Partnership Competition" not in lithuanian
        )
        assert "Dvi ar trys partnerystės." in lithuanian and "only-language" not in lithuanian
        english = client.get(path, **EN).text
        assert "Innovation Partnership Competition" in english and "Inovacijų" not in english
    assert "Konsorciumai Pramonės 4.0 srityje." in client.get("/calls/ipc/", **LT).text
    # The API gives both languages as written, whatever the client's language: the client chooses.
    (listed,) = client.get("/api/calls", **EN).json()
    assert listed["description"] == "Consortia in Industry 4.0."
    assert listed["description_lt"] == "Konsorciumai Pramonės 4.0 srityje."
    assert listed["title_lt"] == "Inovacijų partnerysčių konkursas"


def test_a_text_in_one_language_only_is_shown_with_its_language_and_a_mark(client, ministry_officer):
    published_call(ministry_officer, title="Pilot round", summary="English only.", description="Conditions.")
    page = client.get("/calls/ipc/", **LT).text
    assert '<span lang="en">Pilot round</span>' in page
    assert "tik anglų kalba" in page  # "in English only", in the reader's language
    assert '<div lang="en"><p>Conditions.</p></div>' in page
    assert "in English only" not in client.get("/calls/ipc/", **EN).text


def test_the_designer_takes_both_languages_side_by_side_and_needs_a_title_in_one(client, ministry_officer):
    client.force_login(ministry_officer)
    field = thematic_field()
    form = client.get("/manage/calls/new/").text
    assert 'name="title_lt"' in form and 'lang="lt"' in form and form.index("title_lt") < form.index('name="title"')
    refused = client.post("/manage/calls/new/", _form(field, title="", title_lt=""))
    assert refused.status_code == 200
    assert "Give the call a title, in Lithuanian, in English or in both." in refused.text
    assert not Call.objects.exists()
    client.post("/manage/calls/new/", _form(field, title="", title_lt="Konkursas 2030", description_lt="Sąlygos."))
    version = Call.objects.get().draft_version
    assert (version.title, version.title_lt, version.description_lt) == ("", "Konkursas 2030", "Sąlygos.")
    with translation.override("en"):
        assert str(version.title_shown) == "Konkursas 2030" and version.title_shown.only
    with translation.override("lt"):
        assert not version.title_shown.only
    page = client.get(f"/manage/calls/{Call.objects.get().slug}/").text
    assert "Missing in English" in page and "Missing in Lithuanian" in page
