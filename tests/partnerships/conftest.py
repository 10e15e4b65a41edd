from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from innopart.accounts.enums import Role
from innopart.applications import services as app_services
from innopart.partnerships import agreements, monitoring

from ..factories import UserFactory, make_application


def award(ministry, applicant, application):
    """Submit and award an application through the application services."""
    app_services.submit_application(actor=applicant, application=application)
    application.refresh_from_db()
    with transaction.atomic():
        app_services.change_application_state(actor=ministry, application=application, to="awarded")
    application.refresh_from_db()
    return application


@pytest.fixture
def awarded(ministry_officer, applicant_a, application_a):
    """Applicant A's application, submitted and awarded."""
    return award(ministry_officer, applicant_a, application_a)


@pytest.fixture
def other_draft_agreement(ministry_officer, applicant_b, call):
    """Applicant B's partnership BETA, awarded, with an agreement prepared but not signed."""
    application = make_application(
        applicant_b, call, applicant_b.memberships.get().organisation, complete=True, acronym="BETA"
    )
    return agreements.prepare_agreement(
        actor=ministry_officer, application=award(ministry_officer, applicant_b, application)
    )


@pytest.fixture
def reviewer(db):
    return UserFactory(email="reviewer@mita.example", full_name="Agency Reviewer", roles=[Role.AGENCY_ADVISER])


def start_days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def signed(ministry_officer, applicant_a, awarded):
    """A signed agreement that started 400 days ago: year 1 is over and its report is open for 90 days."""
    agreement = agreements.prepare_agreement(
        actor=ministry_officer, application=awarded, terms={"start_date": start_days_ago(400)}
    )
    agreements.sign_for_partnership(actor=applicant_a, agreement=agreement)
    agreements.countersign(actor=ministry_officer, agreement=agreement)
    agreement.refresh_from_db()
    return agreement


def report_year_one(partnership, applicant, own=Decimal("40000"), **actuals):
    kpi = monitoring.save_kpi(
        actor=applicant,
        partnership=partnership,
        kind="members",
        baseline=Decimal(6),
        baseline_year=2024,
        targets={1: Decimal(8), 2: Decimal(10)},
    )
    return monitoring.save_report(
        actor=applicant,
        partnership=partnership,
        year=1,
        narrative="The partnership office opened and the first two pilot projects started with four members.",
        own_resources=own,
        actuals={kpi: actuals.get("members", (Decimal(9), "count", None))},
    )
