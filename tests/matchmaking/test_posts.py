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


def test_posts_page_by_twenty_newest_first_and_search_by_words(client, applicant_a, db):
    field = thematic_field()
    author = UserFactory(email="poster@example.org", roles=["applicant"])
    org = member(author, OrganisationFactory(name="Baltic Lasers", is_contactable=True))
    PartnerPost.objects.bulk_create(
        [
            PartnerPost(
                organisation=org,
                kind="seeking",
                thematic_field=field,
                title=f"Post number {i:02d}",
                text="Looking for a photonics partner." if i == 7 else "Looking for partners.",
                created_by=author,
            )
            for i in range(45)
        ]
    )
    client.force_login(applicant_a)
    first = client.get(POSTS).text
    assert first.count("Post number") == 20 and "Page 1 of 3 (45 rows)" in first and 'rel="next"' in first
    third = client.get(POSTS, {"page": "3", "kind": "seeking"}).text
    assert third.count("Post number") == 5
    found = client.get(POSTS, {"q": "photonics"}).text
    assert found.count("Post number") == 1 and "Post number 07" in found
