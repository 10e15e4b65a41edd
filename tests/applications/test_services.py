from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from innopart.applications import services
from innopart.applications.models import Partner, PlanLine, Section
from innopart.core.models import AuditEntry

from ..factories import OrganisationFactory, UserFactory, balanced_plan, make_application, member, pdf_file

pytestmark = pytest.mark.django_db


def test_submission_freezes_a_snapshot_and_audits_the_state_change(application_a, applicant_a):
    snapshot = services.submit_application(actor=applicant_a, application=application_a)
    application_a.refresh_from_db()
    assert application_a.state == "submitted"
    assert snapshot.number == 1
    assert snapshot.data["sections"]["market"] == "A" * 120
    assert len(snapshot.data["partners"]) == 5
    entry = AuditEntry.objects.filter(action="application.state_changed").get()
    assert (entry.from_state, entry.to_state, entry.actor) == ("draft", "submitted", applicant_a)
    # The snapshot does not follow later changes to the live rows.
    Section.objects.filter(application=application_a).update(body="changed")
    snapshot.refresh_from_db()
    assert snapshot.data["sections"]["market"] == "A" * 120


def test_submission_after_the_deadline_is_refused_by_the_server_clock(application_a, applicant_a, call):
    late = call.published_version.deadline + timedelta(seconds=1)
    with pytest.raises(ValidationError) as error:
        services.submit_application(actor=applicant_a, application=application_a, now=late)
    assert "deadline for this call passed" in error.value.messages[0]
    assert "(Europe/Vilnius)" in error.value.messages[0]
    application_a.refresh_from_db()
    assert application_a.state == "draft"
    assert not application_a.snapshots.exists()


def test_ineligible_application_cannot_be_submitted_and_says_why(applicant_a, call):
    application = make_application(applicant_a, call)
    with pytest.raises(ValidationError) as error:
        services.submit_application(actor=applicant_a, application=application)
    assert "The consortium needs at least 5 organisations; it has 1." in error.value.messages
    application.refresh_from_db()
    assert application.state == "draft"


def test_concurrent_section_edits_raise_a_conflict_and_keep_the_first_save(application_a, applicant_a):
    section = application_a.sections.get(kind="market")
    partner_user = UserFactory()
    member(partner_user, application_a.partners.exclude(role="coordinator").first().organisation)
    read_version = section.version
    services.save_section(actor=partner_user, section=section, body="Partner's text", expected_version=read_version)
    with pytest.raises(services.EditConflict) as conflict:
        services.save_section(
            actor=applicant_a, section=section, body="Coordinator's text", expected_version=read_version
        )
    assert conflict.value.current_body == "Partner's text"
    assert conflict.value.updated_by == partner_user
    section.refresh_from_db()
    assert section.body == "Partner's text"


def test_plan_longer_than_the_funding_period_is_refused_and_nothing_is_saved(application_a, applicant_a):
    before = list(PlanLine.objects.filter(application=application_a).values_list("year", "amount"))
    with pytest.raises(ValidationError) as error:
        services.save_plan(
            actor=applicant_a,
            application=application_a,
            duration_years=12,
            cells=balanced_plan(12),
            expected_version=application_a.plan_version,
        )
    assert "duration_years" in error.value.message_dict
    assert list(PlanLine.objects.filter(application=application_a).values_list("year", "amount")) == before


def test_negative_amounts_are_refused_with_the_cell_named(application_a, applicant_a):
    cells = balanced_plan(7)
    cells[("cost", "training", 2)] = Decimal(-5)
    with pytest.raises(ValidationError) as error:
        services.save_plan(
            actor=applicant_a,
            application=application_a,
            duration_years=7,
            cells=cells,
            expected_version=application_a.plan_version,
        )
    assert "cost-training-2" in error.value.message_dict


def test_stale_plan_version_is_a_conflict(application_a, applicant_a):
    with pytest.raises(services.EditConflict):
        services.save_plan(
            actor=applicant_a,
            application=application_a,
            duration_years=7,
            cells=balanced_plan(7),
            expected_version=application_a.plan_version - 1,
        )


def test_non_pdf_letter_is_refused_and_the_partner_is_not_added(application_a, applicant_a):
    fake = ContentFile(b"MZ\x90\x00 not a pdf", name="letter.pdf")
    org = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        services.add_partner(actor=applicant_a, application=application_a, organisation=org, letter=fake)
    assert "Only PDF files are accepted" in error.value.messages[0]
    assert not Partner.objects.filter(application=application_a, organisation=org).exists()


def test_oversized_letter_is_refused(settings, application_a, applicant_a):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        services.add_partner(
            actor=applicant_a,
            application=application_a,
            organisation=OrganisationFactory(),
            letter=pdf_file(),
        )
    assert "the limit for a document is 100" in error.value.messages[0]


def test_submitted_application_can_no_longer_be_edited(application_a, applicant_a):
    services.submit_application(actor=applicant_a, application=application_a)
    section = application_a.sections.get(kind="market")
    with pytest.raises(ValidationError):
        services.save_section(actor=applicant_a, section=section, body="late change", expected_version=section.version)


def test_withdrawal_requires_a_reason_and_is_final(application_a, applicant_a):
    with pytest.raises(ValidationError):
        services.withdraw_application(actor=applicant_a, application=application_a, reason=" ")
    services.withdraw_application(actor=applicant_a, application=application_a, reason="Partner left")
    application_a.refresh_from_db()
    assert application_a.state == "withdrawn"
    with pytest.raises(ValidationError):
        services.submit_application(actor=applicant_a, application=application_a)


def test_applying_for_another_organisation_is_refused(applicant_a, call):
    stranger = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        services.start_application(actor=applicant_a, call=call, coordinator=stranger, title="T", acronym="T")
    assert "coordinator" in error.value.message_dict


def test_applying_to_a_closed_call_is_refused(applicant_a, call):
    coordinator = applicant_a.memberships.get().organisation
    late = call.published_version.deadline + timedelta(minutes=1)
    with pytest.raises(ValidationError):
        services.start_application(
            actor=applicant_a, call=call, coordinator=coordinator, title="T", acronym="T", now=late
        )


def test_deadline_is_compared_in_absolute_time_whatever_the_server_zone(settings, application_a, applicant_a, call):
    settings.TIME_ZONE = "America/Los_Angeles"
    just_before = call.published_version.deadline - timedelta(seconds=1)
    assert timezone.localtime(just_before).tzinfo.key == "America/Los_Angeles"
    services.submit_application(actor=applicant_a, application=application_a, now=just_before)
