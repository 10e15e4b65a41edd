"""Files are served only through access checks, always as attachments with a well-formed name, never sniffed."""

import pytest

from innopart.applications.models import Application

pytestmark = pytest.mark.django_db


def test_a_letter_downloads_as_an_attachment_even_with_quotes_in_the_acronym(client, applicant_a, application_a):
    Application.objects.filter(pk=application_a.pk).update(acronym='EV"IL\\;x')
    partner = application_a.partners.exclude(commitment_letter="").first()
    url = f"/applications/{application_a.pk}/partners/{partner.pk}/letter.pdf"
    client.force_login(applicant_a)
    response = client.get(url)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    # The quote and backslash are escaped inside the quoted name (RFC 6266), so the header cannot be split.
    assert disposition.startswith('attachment; filename="EV\\"IL\\\\;x-') and disposition.endswith('-letter.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_another_applicant_gets_404_for_the_letter(client, applicant_b, application_a):
    partner = application_a.partners.exclude(commitment_letter="").first()
    client.force_login(applicant_b)
    assert client.get(f"/applications/{application_a.pk}/partners/{partner.pk}/letter.pdf").status_code == 404
