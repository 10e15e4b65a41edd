import re

import pytest
from django.urls import reverse

from innopart.core.models import AuditEntry
from innopart.observatory.importers import load_regions
from innopart.observatory.models import PeerGroup

from ..factories import UserFactory

NEW = reverse("observatory:new_peer_group")
BALTIC = "Lithuania = LT01, LT02\nLV00\nEstonia = EE00\n"


@pytest.fixture
def regions(db):
    load_regions()


def test_an_analyst_defines_a_private_group_that_only_they_see(client, regions, analyst, applicant_a):
    client.force_login(analyst)
    response = client.post(NEW, {"name": "Baltic capitals", "members": BALTIC})
    group = PeerGroup.objects.get(name="Baltic capitals")
    assert response["Location"] == reverse("observatory:peer_group", args=[group.slug])
    assert [(m.label, m.codes) for m in group.members.all()] == [
        ("Lithuania", ["LT01", "LT02"]),
        ("LV00 Latvija", ["LV00"]),
        ("Estonia", ["EE00"]),
    ]
    assert group.owner == analyst and not group.is_public
    page = client.get(response["Location"]).text
    assert "Sostinės regionas" in page and "Change this peer group" in page
    assert AuditEntry.objects.filter(action="observatory.peer_group_created", actor=analyst).exists()
    other_analyst = UserFactory(email="other@example.org", roles=["analyst"])
    for user in (None, applicant_a, other_analyst):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(response["Location"]).status_code == 404
        assert "Baltic capitals" not in client.get(reverse("observatory:catalogue")).text
    # Public now: everyone reads it, only its owner changes or deletes it.
    client.force_login(analyst)
    edit = reverse("observatory:edit_peer_group", args=[group.slug])
    token = re.search(r'name="edit_token" value="([^"]+)"', client.get(edit).text).group(1)
    client.post(edit, {"name": "Baltic capitals", "members": BALTIC, "is_public": "on", "edit_token": token})
    client.force_login(other_analyst)
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("observatory:edit_peer_group", args=[group.slug])).status_code == 404
    assert client.post(reverse("observatory:delete_peer_group", args=[group.slug])).status_code == 404
    client.force_login(applicant_a)
    assert client.get(NEW).status_code == 404
    client.force_login(analyst)
    client.post(reverse("observatory:delete_peer_group", args=[group.slug]))
    assert not PeerGroup.objects.filter(pk=group.pk).exists()


def test_bad_members_are_named_by_line_and_nothing_is_saved(client, regions, analyst):
    client.force_login(analyst)
    page = client.post(NEW, {"name": "Typos", "members": "LT01\nLT99, LT02\nLT01\n"}).text
    assert "Line 2: unknown NUTS code “LT99”." in page
    assert "Line 3: “LT01 Sostinės regionas” is listed twice." in page
    assert "A peer group needs at least two regions." in client.post(NEW, {"name": "One", "members": "LT01"}).text
    assert not PeerGroup.objects.exists()


def test_a_group_called_new_does_not_hide_the_form(client, regions, analyst):
    client.force_login(analyst)
    client.post(NEW, {"name": "New", "members": "LT01\nLT02", "is_public": "on"})
    assert PeerGroup.objects.get().slug == "new-2"
    assert client.get(NEW).status_code == 200


def test_a_peer_group_changed_in_another_tab_is_not_overwritten(regions, analyst):
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(analyst)
    second.force_login(analyst)
    first.post(NEW, {"name": "Baltic capitals", "members": BALTIC})
    group = PeerGroup.objects.get(name="Baltic capitals")
    edit = reverse("observatory:edit_peer_group", args=[group.slug])
    tokens = [re.search(r'name="edit_token" value="([^"]+)"', c.get(edit).text).group(1) for c in (first, second)]
    saved = first.post(edit, {"name": "Baltic capitals", "members": "LT01\nLV00", "edit_token": tokens[0]})
    assert saved.status_code == 302
    refused = second.post(edit, {"name": "Baltic capitals", "members": BALTIC + "FI1B\n", "edit_token": tokens[1]})
    assert refused.status_code == 200
    assert "Someone else saved this while you were editing" in refused.text and "FI1B" in refused.text
    assert [m.codes for m in group.members.all()] == [["LT01"], ["LV00"]]


def test_the_region_profile_names_a_private_group_to_its_owner_only(client, regions, analyst, applicant_a):
    """The profile's body is drawn once and cached; the reader's own peer groups are the part that differs, so the
    owner's copy must not reach anyone else, and a renamed group shows its new name at once."""
    client.force_login(analyst)
    client.post(NEW, {"name": "Baltic capitals", "members": BALTIC})
    group = PeerGroup.objects.get(name="Baltic capitals")
    profile = reverse("observatory:region", args=["LT01"])
    assert "Baltic capitals" in client.get(profile).text
    for user in (None, applicant_a):
        client.logout()
        if user:
            client.force_login(user)
        assert "Baltic capitals" not in client.get(profile).text
    PeerGroup.objects.filter(pk=group.pk).update(name="Baltic neighbours")
    client.force_login(analyst)
    page = client.get(profile).text
    assert "Baltic neighbours" in page and "Baltic capitals" not in page
