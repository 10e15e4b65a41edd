import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innopart.accounts.enums import Role
from innopart.applications.models import PlanLine
from innopart.core.models import AuditEntry

from ..factories import OrganisationFactory, UserFactory, make_application, member

pytestmark = pytest.mark.django_db


def test_malformed_and_negative_plan_amounts_name_the_cell_and_save_nothing(client, applicant_a, application_a):
    client.force_login(applicant_a)
    before = PlanLine.objects.filter(application=application_a).count()
    response = client.post(
        f"/applications/{application_a.pk}/plan/",
        {
            "duration_years": 7,
            "plan_version": application_a.plan_version,
            "cost-management-1": "12abc",
            "cost-training-2": "-500",
            "income-grant-1": "1000",
        },
    )
    assert response.status_code == 200
    assert "Partnership management and coordination staff, year 1: enter an amount in euro" in response.text
    assert "Training of coordination managers, year 2: amounts cannot be negative." in response.text
    # The cell itself keeps what was typed, is marked invalid and points at its message.
    assert (
        '<input type="text" name="cost-management-1" id="id_cost-management-1" value="12abc" maxlength="30" '
        'inputmode="decimal" class="num" size="9" aria-invalid="true" aria-describedby="id_cost-management-1_error">'
    ) in response.text
    assert '<ul class="errorlist" id="id_cost-management-1_error"><li>' in response.text
    assert 'name="income-grant-1" id="id_income-grant-1" value="1000" maxlength="30"' in response.text
    assert PlanLine.objects.filter(application=application_a).count() == before


def test_a_plan_cell_is_checked_as_the_person_leaves_it_and_nothing_is_saved(client, applicant_a, application_a):
    """The grid's cells check inline like any field: the check answers with the cell, its message and what was
    typed, and saves nothing even when the whole grid is good."""
    client.force_login(applicant_a)
    url = f"/applications/{application_a.pk}/plan/"
    lines = PlanLine.objects.filter(application=application_a).count()
    audit_rows = AuditEntry.objects.count()
    sent = {"duration_years": 7, "plan_version": application_a.plan_version, "income-grant-1": "1000"}
    page = client.post(url, {**sent, "cost-management-2": "12abc", "_check": "cost-management-2"}).content.decode()
    cell = page[page.index('<td id="id_cost-management-2-field"') :]
    cell = cell[: cell.index("</td>")]
    assert "Partnership management and coordination staff, year 2: enter an amount in euro" in cell
    assert 'value="12abc"' in cell and 'aria-invalid="true"' in cell
    assert 'hx-vals="{&quot;_check&quot;: &quot;cost-management-2&quot;}"' in cell  # it checks again when changed
    page = client.post(url, {**sent, "cost-management-2": "12 000", "_check": "cost-management-2"}).content.decode()
    cell = page[page.index('<td id="id_cost-management-2-field"') :]
    assert "errorlist" not in cell[: cell.index("</td>")] and 'value="12 000"' in cell
    assert PlanLine.objects.filter(application=application_a).count() == lines
    assert AuditEntry.objects.count() == audit_rows
    application_a.refresh_from_db()
    assert application_a.plan_version == sent["plan_version"]


def test_plan_longer_than_the_funding_period_is_refused_on_the_duration_field(client, applicant_a, application_a):
    client.force_login(applicant_a)
    response = client.post(
        f"/applications/{application_a.pk}/plan/",
        {
            "duration_years": 12,
            "plan_version": application_a.plan_version,
            "cost-management-12": "1000",
        },
    )
    assert "Duration of the partnership (years): The call funds partnerships for 7 to 10 years" in response.text
    application_a.refresh_from_db()
    assert application_a.duration_years == 7


def test_plan_page_saves_a_grid_and_shows_own_funding_share(client, applicant_a, application_a):
    client.force_login(applicant_a)
    data = {"duration_years": 7, "plan_version": application_a.plan_version}
    for year in range(1, 8):
        data[f"cost-management-{year}"] = "100 000"
        data[f"income-grant-{year}"] = "75000"
        data[f"income-membership_fees-{year}"] = "25000,00"
    response = client.post(f"/applications/{application_a.pk}/plan/", data, follow=True)
    assert "The resource plan was saved." in response.text
    assert "25.0%" in response.text


def test_non_pdf_upload_is_refused_with_the_field_named(client, applicant_a, application_a):
    client.force_login(applicant_a)
    org = OrganisationFactory(name="Gamma UAB")
    upload = SimpleUploadedFile("letter.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(f"/applications/{application_a.pk}/partners/", {"organisation": org.pk, "letter": upload})
    assert response.status_code == 200
    assert "Letter of commitment (PDF): Only PDF files are accepted" in response.text
    assert not application_a.partners.filter(organisation=org).exists()


def test_section_conflict_keeps_the_users_text_and_shows_the_other(client, applicant_a, application_a):
    section = application_a.sections.get(kind="market")
    client.force_login(applicant_a)
    client.post(
        f"/applications/{application_a.pk}/sections/market/",
        {"body": "First save", "version": section.version},
    )
    response = client.post(
        f"/applications/{application_a.pk}/sections/market/",
        {"body": "My unsaved text", "version": section.version},
    )
    assert "Someone else saved this section" in response.text
    assert "First save" in response.text and "My unsaved text" in response.text
    section.refresh_from_db()
    assert section.body == "First save"


def test_submit_page_after_the_deadline_shows_a_clear_message(client, applicant_a, application_a, call):
    version = call.published_version
    type(version).objects.filter(pk=version.pk).update(deadline=version.deadline.replace(year=2020))
    client.force_login(applicant_a)
    response = client.post(f"/applications/{application_a.pk}/submit/", follow=True)
    assert "The deadline for this call passed on 2020-" in response.text
    application_a.refresh_from_db()
    assert application_a.state == "draft"


def _dashboard_user_with(n, call):
    user = UserFactory(roles=[Role.APPLICANT])
    org = member(user, OrganisationFactory())
    for _ in range(n):
        make_application(user, call, org)
    return user


@pytest.mark.parametrize("n", [1, 3])
def test_dashboard_query_count_does_not_grow_with_applications(client, django_assert_num_queries, call, n):
    user = _dashboard_user_with(n, call)
    client.force_login(user)
    with django_assert_num_queries(8):
        response = client.get("/applications/")
    assert response.text.count(": Partnership</a>") == n


@pytest.mark.parametrize("n", [1, 3])
def test_ministry_list_query_count_does_not_grow_with_applications(
    client, django_assert_num_queries, ministry_officer, call, n
):
    from innopart.applications import services

    for _ in range(n):
        user = UserFactory(roles=[Role.APPLICANT])
        services.submit_application(actor=user, application=make_application(user, call, complete=True))
    client.force_login(ministry_officer)
    with django_assert_num_queries(8):
        response = client.get(f"/manage/calls/{call.slug}/applications/")
    assert response.text.count(": Partnership</a>") == n


def test_save_and_continue_leads_through_the_six_sections_to_the_resource_plan(client, applicant_a, application_a):
    client.force_login(applicant_a)
    base = f"/applications/{application_a.pk}"
    first = client.get(f"{base}/sections/strategic_relevance/").text
    assert "Section 1 of 6" in first and "Save and continue" in first
    version = application_a.sections.get(kind="strategic_relevance").version
    response = client.post(
        f"{base}/sections/strategic_relevance/",
        {"body": "Sustainable jobs in food processing.", "version": version, "continue": "1"},
    )
    assert response.status_code == 302 and response["Location"] == f"{base}/sections/technology/"
    last = application_a.sections.get(kind="resources")
    page = client.get(f"{base}/sections/resources/").text
    assert "Section 6 of 6" in page and "Save and go to the resource plan" in page
    response = client.post(
        f"{base}/sections/resources/", {"body": "Membership fees grow.", "version": last.version, "continue": "1"}
    )
    assert response["Location"] == f"{base}/plan/"
    # Without "continue" the save returns to the overview, as before.
    last.refresh_from_db()
    response = client.post(f"{base}/sections/resources/", {"body": "Fees and services.", "version": last.version})
    assert response["Location"] == f"{base}/"
    assert application_a.sections.get(kind="resources").body == "Fees and services."
