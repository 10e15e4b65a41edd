"""Each kind of upload has its own size limit, named in the refusal; a request larger than any form accepts is
refused with 413 from its declared size, before its body is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from innopart.applications.models import Partner
from innopart.observatory.importers import load_regions
from innopart.observatory.models import Indicator, Observation

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db
HEADER = b"region,indicator,year,value\n"


@pytest.fixture
def limits(settings):
    settings.UPLOAD_MAX_BYTES = 2_000  # documents
    settings.UPLOAD_MAX_DATA_BYTES = 50_000  # data imports
    return settings


def _data_file(rows: int) -> bytes:
    return HEADER + b"".join(f"LT01,gdp_mio_eur,{1900 + n},{n}.5\n".encode() for n in range(rows))


def test_a_data_import_larger_than_a_document_but_within_its_own_limit_is_read(client, limits, analyst):
    load_regions()
    Indicator.objects.create(code="gdp_mio_eur")
    content = _data_file(150)
    assert 2_000 < len(content) < 50_000
    client.force_login(analyst)
    response = client.post(reverse("observatory:upload"), {"file": SimpleUploadedFile("data.csv", content)})
    assert "the limit for" not in response.content.decode()
    assert Observation.objects.count() == 150


def test_a_data_import_over_its_limit_is_refused_with_both_sizes(client, limits, analyst):
    load_regions()
    Indicator.objects.create(code="gdp_mio_eur")
    limits.UPLOAD_MAX_DATA_BYTES = 3_000
    client.force_login(analyst)
    response = client.post(reverse("observatory:upload"), {"file": SimpleUploadedFile("data.csv", _data_file(150))})
    assert response.status_code == 200
    assert "the limit for a data file is 2.9\xa0KB" in response.content.decode()
    assert Observation.objects.count() == 0


def test_a_letter_over_the_document_limit_is_refused_on_the_page(client, limits, applicant_a, application_a):
    organisation = OrganisationFactory()
    client.force_login(applicant_a)
    response = client.post(
        f"/applications/{application_a.pk}/partners/",
        {
            "organisation": organisation.pk,
            "contribution": "Pilot line.",
            "letter": SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n" + b"0" * 5_000),
        },
    )
    assert response.status_code == 200
    assert "the limit for a document is 2.0\xa0KB" in response.content.decode()
    assert not Partner.objects.filter(application=application_a, organisation=organisation).exists()


def test_a_request_larger_than_any_form_accepts_is_refused_before_it_is_read(client, limits, analyst):
    client.force_login(analyst)
    # The declared length is far beyond the body: were the body read, the test client would fail on it.
    response = client.post(
        reverse("observatory:upload"),
        {"file": SimpleUploadedFile("data.csv", HEADER)},
        CONTENT_LENGTH=str(500_000_000),
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "The upload is too large" in page and "476.8\xa0MB" in page and "Nothing was saved." in page
