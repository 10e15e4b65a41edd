"""Factories per model. Defaults build an eligible consortium member set when combined by `make_application`."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from innopart.accounts.models import RoleAssignment, User
from innopart.applications import services as app_services
from innopart.calls import services as call_services
from innopart.calls.models import ThematicField
from innopart.demo.pdf import simple_pdf
from innopart.organisations.models import Membership, Organisation

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            RoleAssignment.objects.create(user=self, role=role)
        self.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n} UAB")
    type = "sme"
    country = "LT"
    nace_codes = factory.LazyFunction(lambda: ["10.51"])


def member(user, organisation, role="manager"):
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return organisation


def thematic_field(code="industry-4-0"):
    return ThematicField.objects.get_or_create(
        code=code, defaults={"name_en": "Industry 4.0", "name_lt": "Pramonė 4.0"}
    )[0]


def call_data(**overrides):
    today = timezone.localdate()
    data = {
        "title": "Innovation Partnership Competition",
        "summary": "Two or three partnerships.",
        "description": "Conditions.",
        "total_budget": Decimal("15000000"),
        "max_grant": Decimal("5000000"),
        "time_zone": "Europe/Vilnius",
        "publication_date": today,
        "deadline": timezone.now() + timedelta(days=60),
        "award_date": today + timedelta(days=120),
        "start_date": today + timedelta(days=180),
    }
    data.update(overrides)
    return data


def published_call(manager, slug="ipc", **overrides):
    call = call_services.create_call(
        actor=manager, slug=slug, data=call_data(**overrides), thematic_fields=[thematic_field()]
    )
    call_services.publish_call(actor=manager, call=call)
    call.refresh_from_db()
    return call


def pdf_file(name="letter.pdf"):
    return ContentFile(simple_pdf("Letter of commitment"), name=name)


def eligible_partners():
    """Five organisations that, with an SME coordinator, satisfy the default rules."""
    return [
        (OrganisationFactory(type="university", nace_codes=["85.42"]), False),
        (OrganisationFactory(type="international_company", country="SE", nace_codes=["17.21"]), True),
        (OrganisationFactory(type="cluster_organisation", nace_codes=["94.11"]), False),
        (OrganisationFactory(type="sme", nace_codes=["62.01"]), False),
    ]


SECTION_TEXT = "A" * 120


def make_application(user, call, coordinator=None, *, complete=False, partners=None, acronym=None):
    coordinator = coordinator or member(user, OrganisationFactory())
    if acronym is None:
        # "PART" for the first application of a call, then PART2, PART3...
        count = call.applications.count()
        acronym = "PART" if count == 0 else f"PART{count + 1}"
    application = app_services.start_application(
        actor=user,
        call=call,
        coordinator=coordinator,
        title="Partnership",
        acronym=acronym,
        thematic_field=thematic_field(),
    )
    if complete:
        for org, key in partners if partners is not None else eligible_partners():
            app_services.add_partner(
                actor=user, application=application, organisation=org, is_key_partner=key, letter=pdf_file()
            )
        for section in application.sections.all():
            app_services.save_section(actor=user, section=section, body=SECTION_TEXT, expected_version=0)
        app_services.save_plan(
            actor=user, application=application, duration_years=7, cells=balanced_plan(7), expected_version=0
        )
    application.refresh_from_db()
    return application


def balanced_plan(years, cost=Decimal(100000), grant=Decimal(70000)):
    cells = {}
    for y in range(1, years + 1):
        cells[("cost", "management", y)] = cost
        cells[("income", "grant", y)] = grant
        cells[("income", "membership_fees", y)] = cost - grant
    return cells
