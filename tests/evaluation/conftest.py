from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from innopart.accounts.enums import Role
from innopart.applications import services as app_services
from innopart.calls.enums import Criterion
from innopart.calls.models import CallVersion
from innopart.evaluation import services
from innopart.evaluation.enums import Phase

from ..factories import OrganisationFactory, UserFactory, make_application

GOOD = {
    "score": "4.5",
    "justification": "Convincing market analysis with buyers' letters.",
    "strengths": "Strong buyers.",
    "weaknesses": "Thin roadmap.",
    "improvement": "Quantify the market.",
}


def scores(value="4.5", **overrides):
    return {c.value: {**GOOD, "score": value, **overrides} for c in Criterion}


@pytest.fixture
def selection(ministry_officer, applicant_a, applicant_b, call):
    """Two submitted applications after the deadline, and a jury of four: chair and two more from industry, one
    from the ministry. Juror `conflicted` works for a partner of application A."""
    app_a = make_application(
        applicant_a, call, applicant_a.memberships.get().organisation, complete=True, acronym="ALPHA"
    )
    app_b = make_application(
        applicant_b, call, applicant_b.memberships.get().organisation, complete=True, acronym="BETA"
    )
    for user, app in ((applicant_a, app_a), (applicant_b, app_b)):
        app_services.submit_application(actor=user, application=app)
    CallVersion.objects.filter(pk=call.published_version_id).update(deadline=timezone.now() - timedelta(hours=1))
    call.refresh_from_db()
    evaluation = services.evaluation_for(call)
    partner_org = app_a.partners.exclude(role="coordinator").first().organisation
    people = {}
    for key, sector, chair, affiliation in (
        ("chair", "industry", True, None),
        ("industry", "industry", False, None),
        ("conflicted", "industry", False, partner_org),
        ("ministry", "ministry", False, None),
        ("second", "industry", False, OrganisationFactory()),
    ):
        user = UserFactory(email=f"{key}@jury.example", full_name=f"Juror {key}", roles=[Role.JURY_MEMBER])
        people[key] = services.appoint_juror(
            actor=ministry_officer,
            evaluation=evaluation,
            user=user,
            sector=sector,
            is_chair=chair,
            affiliation=affiliation,
        )
    app_a.refresh_from_db()
    app_b.refresh_from_db()
    return {"evaluation": evaluation, "a": app_a, "b": app_b, "jurors": people, "partner_org": partner_org}


def score_everything(selection, *, except_jurors=()):
    """Every juror without a conflict declares none and submits: 4.5 on application A, 3.0 on B."""
    from innopart.evaluation import selectors

    evaluation = selection["evaluation"]
    for key, juror in selection["jurors"].items():
        if key in except_jurors:
            continue
        juror = selectors.juror_of(juror.user, evaluation)
        for app in (selection["a"], selection["b"]):
            if selectors.access(juror, app).blocked:
                continue
            services.declare(actor=juror.user, juror=juror, application=app, level="none")
            juror = selectors.juror_of(juror.user, evaluation)
            value = "4.5" if app == selection["a"] else "3.0"
            services.save_review(actor=juror.user, juror=juror, application=app, submit=True, scores=scores(value))


def run_to(selection, phase, ministry_officer):
    """Drive the evaluation through the services up to ``phase``."""

    evaluation, jurors = selection["evaluation"], selection["jurors"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    score_everything(selection)
    if phase == Phase.INDIVIDUAL:
        return
    evaluation.clarification_deadline = timezone.now() + timedelta(days=7)
    evaluation.save()
    chair = jurors["chair"].user
    services.change_phase(actor=chair, evaluation=evaluation, to=Phase.CLARIFICATION)
    if phase == Phase.CLARIFICATION:
        return
    services.change_phase(actor=chair, evaluation=evaluation, to=Phase.CONSENSUS)
    for app, value in ((selection["a"], "4.5"), (selection["b"], "3.0")):
        for criterion in Criterion:
            services.record_consensus(
                actor=chair,
                evaluation=evaluation,
                application=app,
                criterion=criterion.value,
                score=Decimal(value),
                strengths="Strong buyers.",
                weaknesses="Thin roadmap.",
                improvement=f"Improve {criterion.value} with numbers.",
            )
    if phase == Phase.CONSENSUS:
        return
    services.change_phase(actor=chair, evaluation=evaluation, to=Phase.DECISION)
