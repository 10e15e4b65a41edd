"""`innopart demo --scale N`: an EU-size competition in miniature, built the way the full one is."""

import pytest
from django.core.management import CommandError, call_command

from innopart.applications.models import Application
from innopart.evaluation import selectors
from innopart.evaluation.models import Assignment, Evaluation, Review, Score
from innopart.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_scale_demo_builds_a_reviewed_pool_competition(capsys):
    call_command("demo", scale="30")
    evaluation = Evaluation.objects.get(call__slug="scale-competition")
    applications = Application.objects.filter(call=evaluation.call)
    assert applications.count() == 30 and set(applications.values_list("state", flat=True)) == {"submitted"}
    assert all(3 <= a.partners.count() <= 10 for a in applications)
    assert not Organisation.objects.filter(name__startswith="Scale", is_fictional=False).exists()
    jurors = evaluation.jurors.all()
    assert jurors.count() == 90 and jurors.filter(is_chair=True).count() == 1
    assert (evaluation.phase, evaluation.panel_size, evaluation.max_load) == ("individual", 3, 2)
    for application in applications.prefetch_related("partners__organisation"):
        panel = [a.juror for a in Assignment.objects.filter(application=application).select_related("juror")]
        assert len(panel) == 3 and sum(j.sector == "industry" for j in panel) >= 2
        assert not any(selectors.detected_conflicts(j, application) for j in panel)
    assert Review.objects.filter(juror__evaluation=evaluation, state="submitted").count() == 90
    assert Score.objects.filter(review__juror__evaluation=evaluation).count() == 360
    assert "An EU-size competition of 30 applications" in capsys.readouterr().out
    call_command("demo", scale="30")
    assert Application.objects.filter(call=evaluation.call).count() == 30


def test_a_bad_scale_is_refused_with_the_options_name():
    with pytest.raises(CommandError, match="--scale takes 'eu' or a number of applications from 10 to 50,000"):
        call_command("demo", scale="huge")
