"""Outsiders get 404 on every application page and API route, while the data that could leak exists."""

import pytest

from innopart.applications import services

pytestmark = pytest.mark.django_db


def application_urls(application):
    pk = application.pk
    partner = application.partners.exclude(role="coordinator").first().pk
    return [
        f"/applications/{pk}/",
        f"/applications/{pk}/details/",
        f"/applications/{pk}/sections/market/",
        f"/applications/{pk}/partners/",
        f"/applications/{pk}/partners/{partner}/",
        f"/applications/{pk}/partners/{partner}/letter.pdf",
        f"/applications/{pk}/plan/",
        f"/applications/{pk}/withdraw/",
    ]


def post_urls(application):
    pk = application.pk
    partner = application.partners.exclude(role="coordinator").first().pk
    return [
        f"/applications/{pk}/submit/",
        f"/applications/{pk}/partners/{partner}/remove/",
        f"/applications/{pk}/sections/market/",
        f"/applications/{pk}/plan/",
    ]


def test_applicant_b_gets_404_on_every_page_of_applicant_as_application(client, applicant_b, application_a):
    client.force_login(applicant_b)
    for url in application_urls(application_a):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "AAAAAAAAAA" not in response.text
    for url in post_urls(application_a):
        assert client.post(url, {"body": "x", "version": 0}).status_code == 404, url
    application_a.refresh_from_db()
    assert application_a.state == "draft"
    assert application_a.sections.get(kind="market").body == "A" * 120


def test_anonymous_visitors_are_sent_to_log_in(client, application_a):
    response = client.get(f"/applications/{application_a.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_applicant_b_gets_404_through_the_api(client, applicant_b, application_a):
    client.force_login(applicant_b)
    assert client.get(f"/api/me/applications/{application_a.pk}").status_code == 404
    assert client.get("/api/me/applications").json() == []


def test_api_of_own_applications_requires_a_session(client, application_a):
    assert client.get("/api/me/applications").status_code == 401


def test_applicant_a_sees_own_application_in_the_api(client, applicant_a, application_a):
    client.force_login(applicant_a)
    data = client.get(f"/api/me/applications/{application_a.pk}").json()
    assert data["acronym"] == "PART" and data["partners"] == 5 and data["total_grant"] == "490000.00"


def test_ministry_does_not_see_drafts_but_sees_submissions(client, ministry_officer, applicant_a, application_a):
    client.force_login(ministry_officer)
    assert client.get(f"/applications/{application_a.pk}/").status_code == 404
    services.submit_application(actor=applicant_a, application=application_a)
    response = client.get(f"/applications/{application_a.pk}/")
    assert response.status_code == 200
    assert "PART: Partnership" in response.text
    # Reading is not editing: the ministry cannot change a consortium's text.
    assert client.get(f"/applications/{application_a.pk}/sections/market/").status_code == 404


def test_partner_member_can_edit_sections_but_not_submit(client, application_a):
    from ..factories import UserFactory, member

    partner_user = UserFactory()
    member(partner_user, application_a.partners.exclude(role="coordinator").first().organisation, role="member")
    client.force_login(partner_user)
    assert client.get(f"/applications/{application_a.pk}/sections/market/").status_code == 200
    assert client.post(f"/applications/{application_a.pk}/submit/").status_code == 404


def test_letters_are_served_only_through_the_access_checked_view(client, applicant_a, application_a, settings):
    partner = application_a.partners.exclude(role="coordinator").first()
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))
    client.force_login(applicant_a)
    response = client.get(f"/applications/{application_a.pk}/partners/{partner.pk}/letter.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_manage_pages_are_closed_to_applicants(client, applicant_a, call):
    client.force_login(applicant_a)
    for url in [
        "/manage/calls/",
        "/manage/calls/new/",
        f"/manage/calls/{call.slug}/",
        f"/manage/calls/{call.slug}/edit/",
        f"/manage/calls/{call.slug}/applications/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/manage/calls/{call.slug}/correct/").status_code == 404
    assert call.versions.count() == 1


def test_submitted_versions_are_closed_to_outsiders(client, applicant_a, applicant_b, application_a):
    services.submit_application(actor=applicant_a, application=application_a)
    client.force_login(applicant_b)
    assert client.get(f"/applications/{application_a.pk}/versions/1/").status_code == 404
    client.force_login(applicant_a)
    response = client.get(f"/applications/{application_a.pk}/versions/1/")
    assert "This text is frozen." in response.text and "A" * 120 in response.text


def test_publishing_is_closed_to_applicants(client, applicant_a, ministry_officer):
    from innopart.calls import services as call_services

    from ..factories import call_data

    draft = call_services.create_call(actor=ministry_officer, slug="draft", data=call_data())
    client.force_login(applicant_a)
    assert client.post("/manage/calls/draft/publish/").status_code == 404
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_anonymous_visitors_cannot_start_applications(client, call):
    response = client.get(f"/calls/{call.slug}/apply/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
