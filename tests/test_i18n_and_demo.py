import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

from innopart.accounts.models import User
from innopart.applications.models import Application
from innopart.applications.selectors import readiness
from innopart.core.models import AuditEntry
from innopart.observatory.models import IndexRun, Observation
from innopart.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_lithuanian_interface_is_translated(client, call):
    client.cookies["django_language"] = "lt"
    response = client.get(f"/calls/{call.slug}/")
    assert '<html lang="lt">' in response.text
    assert "Paraiškų pateikimo terminas" in response.text
    assert "Plėtros ir inovacijų potencialas" in response.text


def test_language_switcher_sets_the_language(client):
    response = client.post("/i18n/setlang/", {"language": "lt", "next": "/"}, follow=True)
    assert "Atviri kvietimai" in response.text


def test_lithuanian_catalogue_is_complete_and_compiled():
    locale = Path(__file__).resolve().parents[1] / "src/innopart/locale/lt/LC_MESSAGES"
    po, mo = polib.pofile(str(locale / "django.po")), polib.mofile(str(locale / "django.mo"))
    assert po.percent_translated() == 100
    assert not [e.msgid for e in po if "fuzzy" in e.flags]
    compiled = {e.msgid: (e.msgstr, e.msgstr_plural) for e in mo}
    stale = [e.msgid for e in po if compiled.get(e.msgid, (None, None))[0 if not e.msgid_plural else 1] in (None, "")]
    assert not stale, "run `make messages`: django.mo is older than django.po"


def test_demo_is_idempotent_and_matches_the_briefing(capsys):
    call_command("demo")
    counts = (
        User.objects.count(),
        Organisation.objects.count(),
        Application.objects.count(),
        AuditEntry.objects.count(),
        Observation.objects.count(),
    )
    # The demo ships the real Eurostat regional data, every shipped value of it, and the emerging-industry shares
    # computed from the shipped 2015 business statistics.
    computed = Observation.objects.filter(indicator__source__startswith="sbs_r_nuts06_r2 (2015)")
    assert Observation.objects.exclude(pk__in=computed).count() == 130_727
    assert Observation.objects.filter(indicator__code="emerging_digital_industries_pct", region__code="LT00").exists()
    assert IndexRun.objects.get().state == "done"
    call_command("demo")
    assert (
        User.objects.count(),
        Organisation.objects.count(),
        Application.objects.count(),
        AuditEntry.objects.count(),
        Observation.objects.count(),
    ) == counts
    assert "innopart-demo" in capsys.readouterr().out
    apps = {a.acronym: a for a in Application.objects.all()}
    assert len(apps) >= 6
    assert apps["FOODCIRCLE"].state == apps["DIGIMAN"].state == "submitted"
    assert not readiness(apps["TEXLOOP"]).is_eligible and apps["TEXLOOP"].state == "draft"
    invented = Organisation.objects.filter(type__in=["sme", "large_company", "international_company"])
    assert not invented.filter(is_fictional=False).exists()


def test_demo_pilot_round_runs_to_a_finished_selection():
    from innopart.evaluation.letters import letter_problems
    from innopart.evaluation.models import Evaluation
    from innopart.evaluation.ranking import uncertainty_table

    call_command("demo")
    evaluation = Evaluation.objects.get(call__slug="ipc-2022-pilot")
    assert evaluation.phase == "published" and evaluation.jurors.count() == 7
    assert evaluation.jurors.filter(sector="industry").count() > 3
    states = dict(Application.objects.filter(call__slug="ipc-2022-pilot").values_list("acronym", "state"))
    assert sorted(a for a, s in states.items() if s == "awarded") == ["AGRIVAL", "ROBOLINE"]
    assert all(not letter_problems(a) for a in Application.objects.filter(call__slug="ipc-2022-pilot"))
    assert uncertainty_table(evaluation)["near_tie"].sum() >= 2
    from innopart.evaluation.models import Declaration, Question

    assert Declaration.objects.filter(ruling="cleared").count() == 1 and Question.objects.count() == 1
    _assert_demo_partnerships()


def _assert_demo_partnerships():
    """The two awarded partnerships with three years of history: set-up done, reports, tranches and payments."""
    from innopart.partnerships.models import Partnership, Payment, Tranche

    partnerships = {p.acronym: p for p in Partnership.objects.all()}
    assert sorted(partnerships) == ["AGRIVAL", "ROBOLINE"]
    for p in partnerships.values():
        assert p.agreements.get().state == "signed"
        assert set(p.milestones.values_list("state", flat=True)) == {"accepted"}
        assert p.reports.count() == 3 and p.kpis.count() == 6 and p.actions.filter(is_pilot=True).exists()
        released = sum(t.amount for t in Tranche.objects.filter(partnership=p, state="released"))
        paid = sum(pay.amount for pay in Payment.objects.filter(tranche__partnership=p))
        assert paid == released > 0
    states = {(p, r.year): r.state for p in partnerships.values() for r in p.reports.all()}
    assert states[(partnerships["ROBOLINE"], 3)] == "submitted" and states[(partnerships["AGRIVAL"], 3)] == "reviewed"
    # Year 3's balance waits for its report: nothing is released for it.
    assert not Tranche.objects.filter(year=3, number=2, state="released").exists()


def test_innopart_console_command_runs_django_commands():
    result = subprocess.run(
        [sys.executable, "-m", "innopart.cli", "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_demo_has_a_partner_directory_an_event_and_advice():
    from innopart.matchmaking.models import AdviserComment, Event
    from innopart.organisations.models import Organisation

    call_command("demo")
    assert Organisation.objects.filter(is_fictional=True).count() >= 300
    assert Organisation.objects.filter(is_fictional=False, is_contactable=True).count() == 0  # real bodies: named only
    event = Event.objects.get()
    assert event.requests.count() > 100 and event.meetings.filter(confirmed=True).count() > 50
    assert AdviserComment.objects.filter(application__acronym="TEXLOOP").exists()
