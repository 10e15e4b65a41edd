"""Expert pools: panels formed by optimisation, chair overrides audited, scoring deadline enforced."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innopart.core.models import AuditEntry
from innopart.evaluation import selectors, services
from innopart.evaluation.enums import Phase
from innopart.evaluation.models import Assignment

from .conftest import scores

pytestmark = pytest.mark.django_db


def test_panels_are_formed_without_conflicts_and_with_an_industry_majority(selection, ministry_officer):
    evaluation = selection["evaluation"]
    pairs = services.assign_panels(actor=ministry_officer, evaluation=evaluation, panel_size=3, max_load=2)
    assert pairs == 6
    for app in (selection["a"], selection["b"]):
        members = [a.juror for a in Assignment.objects.filter(application=app).select_related("juror")]
        assert len(members) == 3
        assert sum(m.sector == "industry" for m in members) >= 2
        assert all(not selectors.detected_conflicts(m, app) for m in members)
    assert all(n <= 2 for n in [j.assignments.count() for j in evaluation.jurors.all()])
    assert AuditEntry.objects.filter(action="evaluation.panels_assigned").exists()


def test_an_impossible_panel_is_explained(selection, ministry_officer):
    with pytest.raises(ValidationError, match="need 10 reviews; 5 jurors with a load cap of 1 can give 5"):
        services.assign_panels(actor=ministry_officer, evaluation=selection["evaluation"], panel_size=5, max_load=1)


def test_a_juror_off_the_panel_gets_404_and_the_chair_override_is_audited(client, selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.assign_panels(actor=ministry_officer, evaluation=evaluation, panel_size=3, max_load=2)
    app = selection["b"]
    outsider = next(j for j in evaluation.jurors.all() if not j.assignments.filter(application=app).exists())
    client.force_login(outsider.user)
    assert client.get(f"/jury/{evaluation.call.slug}/applications/{app.pk}/").status_code == 404
    client.force_login(selection["jurors"]["chair"].user)
    response = client.post(
        f"/jury/{evaluation.call.slug}/panels/",
        {"juror": outsider.pk, "application": app.pk, "add": "add", "reason": "Needed for food expertise."},
        follow=True,
    )
    assert "The panel was changed." in response.text
    entry = AuditEntry.objects.get(action="evaluation.panel_changed")
    assert (entry.to_state, entry.reason) == ("added", "Needed for food expertise.")
    client.force_login(outsider.user)
    assert client.get(f"/jury/{evaluation.call.slug}/applications/{app.pk}/").status_code == 200


def test_scores_after_the_scoring_deadline_are_refused(selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    evaluation.scoring_deadline = timezone.now() + timezone.timedelta(hours=1)
    evaluation.save()
    juror = selectors.juror_of(selection["jurors"]["industry"].user, evaluation)
    services.declare(actor=juror.user, juror=juror, application=selection["b"], level="none")
    juror = selectors.juror_of(juror.user, evaluation)
    late = evaluation.scoring_deadline + timezone.timedelta(seconds=1)
    with pytest.raises(ValidationError, match="deadline for individual scores has passed"):
        services.save_review(
            actor=juror.user, juror=juror, application=selection["b"], scores=scores(), submit=True, now=late
        )


def test_affinity_counts_expertise_words_and_shared_sectors(selection):
    juror = selection["jurors"]["industry"]
    juror.expertise = "partnership robotics"
    juror.nace_codes = ["10.51", "62.01"]
    app = selection["a"]  # title "Partnership"; its members work in sections C (10.51, 17.21), J, P and S
    # "partnership" matches one of the two expertise words; both of the juror's sections (C, J) are shared.
    assert services.affinity_of(juror, app) == pytest.approx(0.5 + 1.0)
    juror.nace_codes = ["01.11"]  # agriculture: not in the consortium
    assert services.affinity_of(juror, app) == pytest.approx(0.5)
