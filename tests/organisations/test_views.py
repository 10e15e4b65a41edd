import pytest

from innopart.core.concurrency import edit_token
from innopart.core.models import AuditEntry
from innopart.organisations.services import GUARDED_PROFILE_FIELDS

from ..factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def _profile(org, **overrides):
    data = {
        "name": org.name,
        "short_name": "",
        "type": org.type,
        "country": "lt",
        "registration_code": "",
        "capabilities": "Robot cells",
        "website": "",
        "contact_email": "",
        "contact_phone": "",
        "nace": "28.99, C",
    }
    data["edit_token"] = edit_token(org, GUARDED_PROFILE_FIELDS)
    data.update(overrides)
    return data


def test_a_manager_keeps_the_profile_and_the_change_is_audited(client, applicant_a):
    org = applicant_a.memberships.get().organisation
    client.force_login(applicant_a)
    response = client.post(f"/organisations/{org.pk}/edit/", _profile(org), follow=True)
    assert f"The profile of {org.name} was saved." in response.text
    org.refresh_from_db()
    assert (org.country, org.nace_codes, org.capabilities) == ("LT", ["28.99", "C"], "Robot cells")
    entry = AuditEntry.objects.get(action="organisation.updated")
    assert entry.changes["capabilities"] == ["", "Robot cells"]


def test_bad_nace_code_names_the_field_and_saves_nothing(client, applicant_a):
    org = applicant_a.memberships.get().organisation
    client.force_login(applicant_a)
    response = client.post(f"/organisations/{org.pk}/edit/", _profile(org, nace="10.51, banana"))
    assert "NACE sectors: “banana” is not a NACE Rev. 2 code" in response.text
    org.refresh_from_db()
    assert org.nace_codes == ["10.51"]


def test_other_organisations_and_plain_members_cannot_edit_a_profile(client, applicant_a, applicant_b):
    org = applicant_a.memberships.get().organisation
    client.force_login(applicant_b)
    assert client.get(f"/organisations/{org.pk}/edit/").status_code == 404
    assert client.post(f"/organisations/{org.pk}/edit/", _profile(org, name="Hijacked")).status_code == 404
    staff = UserFactory()
    member(staff, org, role="member")
    client.force_login(staff)
    assert client.get(f"/organisations/{org.pk}/edit/").status_code == 404
    org.refresh_from_db()
    assert org.name == "Alpha Foods UAB"


def test_my_organisations_lists_only_mine(client, applicant_a, applicant_b):
    OrganisationFactory(name="Unrelated UAB")
    client.force_login(applicant_a)
    response = client.get("/organisations/")
    assert "Alpha Foods UAB" in response.text
    assert "Beta Robotics UAB" not in response.text and "Unrelated UAB" not in response.text


def test_a_profile_saved_from_an_older_page_is_refused_with_what_changed(client, applicant_a):
    org = applicant_a.memberships.get().organisation
    client.force_login(applicant_a)
    older = _profile(org, capabilities="Laser welding")
    assert (
        client.post(f"/organisations/{org.pk}/edit/", _profile(org, capabilities="Robot cells, AI vision")).status_code
        == 302
    )
    refused = client.post(f"/organisations/{org.pk}/edit/", older)
    assert refused.status_code == 200
    assert "Someone else saved this while you were editing" in refused.text and "Robot cells, AI vision" in refused.text
    assert "Laser welding" in refused.text
    org.refresh_from_db()
    assert org.capabilities == "Robot cells, AI vision"
