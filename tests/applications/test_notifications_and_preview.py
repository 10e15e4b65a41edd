import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from innopart.applications import services

from ..factories import OrganisationFactory, UserFactory, make_application, member, pdf_file

pytestmark = pytest.mark.django_db


def test_an_invited_organisations_managers_get_an_email(applicant_a, call, django_capture_on_commit_callbacks):
    application = make_application(applicant_a, call, applicant_a.memberships.get().organisation)
    university = OrganisationFactory(name="Test University", type="university")
    manager, staff = UserFactory(email="dean@uni.example"), UserFactory(email="staff@uni.example")
    member(manager, university, role="manager")
    member(staff, university, role="member")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_partner(actor=applicant_a, application=application, organisation=university)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dean@uni.example"]
    assert "Test University was invited to PART" in mail.outbox[0].subject
    assert f"/applications/{application.pk}/" in mail.outbox[0].body


def test_a_refused_invitation_sends_nothing(applicant_a, call, django_capture_on_commit_callbacks):
    application = make_application(applicant_a, call, applicant_a.memberships.get().organisation)
    university = OrganisationFactory()
    member(UserFactory(), university)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.add_partner(
            actor=applicant_a, application=application, organisation=university, letter=pdf_file("x.txt")
        )
    assert mail.outbox == []


def test_submission_sends_a_receipt_to_the_consortium(applicant_a, application_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(actor=applicant_a, application=application_a)
    receipt = mail.outbox[-1]
    assert receipt.subject == "Innopart: PART was submitted"
    assert "a@applicant.example" in receipt.to
    assert "(Europe/Vilnius), as version 1" in receipt.body


def test_choosing_an_organisation_previews_the_rules_it_would_fix(client, applicant_a, call):
    application = make_application(applicant_a, call, applicant_a.memberships.get().organisation)
    university = OrganisationFactory(name="Preview University", type="university", nace_codes=["85.42"])
    client.force_login(applicant_a)
    response = client.get(
        f"/applications/{application.pk}/partners/preview/", {"organisation": university.pk}, HTTP_HX_REQUEST="true"
    )
    assert "With Preview University in the consortium:" in response.text
    assert "Would be met:</span> At least 1 university or research institute must take part" in response.text
    assert "Still not met:</span> The consortium needs at least 5 organisations; it has 2." in response.text
    assert "<html" not in response.text


def test_the_preview_is_closed_to_outsiders(client, applicant_b, application_a):
    client.force_login(applicant_b)
    org = OrganisationFactory()
    response = client.get(f"/applications/{application_a.pk}/partners/preview/", {"organisation": org.pk})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("persona", "landing"),
    [("ministry_officer", "/manage/calls/"), ("applicant_a", "/applications/"), ("administrator", "/operations/")],
)
def test_people_land_on_their_start_page_whose_menu_leads_to_the_page_of_their_role(client, request, persona, landing):
    from ..factories import PASSWORD

    user = request.getfixturevalue(persona)
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/start/"
    header = response.text.split("</header>")[0]
    assert f'href="{landing}"' in header
