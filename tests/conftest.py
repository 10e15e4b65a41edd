"""Fixed personas per role, as the testing doctrine asks (STYLE.md)."""

import pytest
from django.utils import translation

from innopart.accounts.enums import Role

from .factories import OrganisationFactory, UserFactory, make_application, member, published_call


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _english():
    # A request in Lithuanian leaves its language active in the thread; each test starts in English.
    with translation.override("en"):
        yield


@pytest.fixture
def ministry_officer(db):
    return UserFactory(email="officer@eimin.example", full_name="Ministry Officer", roles=[Role.PROGRAMME_MANAGER])


@pytest.fixture
def administrator(db):
    return UserFactory(email="admin@example.org", full_name="Admin", roles=[Role.ADMINISTRATOR])


@pytest.fixture
def analyst(db):
    return UserFactory(email="analyst@example.org", full_name="Analyst", roles=[Role.ANALYST])


@pytest.fixture
def applicant_a(db):
    user = UserFactory(email="a@applicant.example", full_name="Applicant A", roles=[Role.APPLICANT])
    member(user, OrganisationFactory(name="Alpha Foods UAB"))
    return user


@pytest.fixture
def applicant_b(db):
    user = UserFactory(email="b@applicant.example", full_name="Applicant B", roles=[Role.APPLICANT])
    member(user, OrganisationFactory(name="Beta Robotics UAB"))
    return user


@pytest.fixture
def call(ministry_officer):
    return published_call(ministry_officer)


@pytest.fixture
def application_a(applicant_a, call):
    """Applicant A's complete, eligible draft."""
    return make_application(applicant_a, call, applicant_a.memberships.get().organisation, complete=True)
