from django.urls import reverse

from innopart.matchmaking.models import PartnerPost

from ..factories import OrganisationFactory, UserFactory, make_application, member, thematic_field

POSTS = reverse("matchmaking:posts")


def test_findable_organisations_post_and_coordinators_see_posts_in_their_field(client, applicant_a, call, db):
    field = thematic_field()
    seeker = UserFactory(email="seeker@example.org", roles=["applicant"])
    org = member(seeker, OrganisationFactory(name="Nemunas Dairy", is_contactable=True))
    client.force_login(seeker)
    client.post(
        POSTS,
        {
            "organisation": org.pk,
            "kind": "offering",
            "thematic_field": field.pk,
            "title": "Fermentation pilot line to share",
            "text": "Our pilot line is free two days a week.",
        },
    )
    post = PartnerPost.objects.get()
    assert post.organisation == org and post.is_open
    draft = make_application(applicant_a, call, applicant_a.memberships.get().organisation)
    client.force_login(applicant_a)
    assert "Fermentation pilot line to share" in client.get(POSTS, {"kind": "offering"}).text
    assert "Fermentation pilot line to share" not in client.get(POSTS, {"kind": "seeking"}).text
    assert draft.thematic_field_id == field.pk
    page = client.get(reverse("matchmaking:find_partners", args=[draft.pk])).text
    assert "Posts in your thematic field" in page and "Fermentation pilot line to share" in page
    # Only its organisation's members close it; an organisation without consent cannot post.
    assert client.post(POSTS, {"close": post.pk}).status_code == 404
    hidden_user = UserFactory(email="hidden@example.org", roles=["applicant"])
    hidden = member(hidden_user, OrganisationFactory(name="Hidden UAB"))
    client.force_login(hidden_user)
    page = client.post(
        POSTS, {"organisation": hidden.pk, "kind": "seeking", "thematic_field": field.pk, "title": "x", "text": "y"}
    ).text
    assert "change your organisation" in page and PartnerPost.objects.count() == 1
    client.force_login(seeker)
    client.post(POSTS, {"close": post.pk})
    post.refresh_from_db()
    assert not post.is_open
