import pytest
from django.urls import reverse

from innopart.core.concurrency import edit_token
from innopart.core.models import AuditEntry
from innopart.diagnosis import stress
from innopart.diagnosis.models import StressAnswer, StressAssessment, StressQuestion
from innopart.observatory.importers import load_regions
from innopart.observatory.models import Region

from ..factories import UserFactory

OVERVIEW = reverse("diagnosis:stress_overview")


@pytest.fixture
def bank(db):
    load_regions()
    assert stress.load_questions() == 21
    return StressQuestion.objects.all()


@pytest.fixture
def lt2019(bank, analyst):
    return stress.create_assessment(actor=analyst, region=Region.objects.get(code="LT"), year=2019)


def answer_all(client, assessment, module_scores, token=None):
    """Post answers as a page read now would (or as one read when `token` was handed out)."""
    data = {"edit_token": token if token is not None else edit_token(assessment, ("answers_text",))}
    for q in StressQuestion.objects.all():
        score = module_scores.get(q.module_code)
        data[f"q{q.pk}"] = "" if score is None else str(score)
        data[f"c{q.pk}"] = ""
    return client.post(reverse("diagnosis:stress_assessment", args=[assessment.pk]), data)


def test_answers_give_module_scores_and_lights(client, lt2019, analyst):
    client.force_login(analyst)
    response = answer_all(client, lt2019, {"A": 4, "B": 1, "C": 2, "D": 3})  # E, F, G: don't know
    assert response.status_code == 302
    assert StressAnswer.objects.filter(assessment=lt2019, score__isnull=False).count() == 13
    result = stress.scores(lt2019)
    by_code = {m["code"]: m for m in result["modules"]}
    assert (by_code["A"]["score"], by_code["A"]["light"]) == (1.0, "green")
    assert (by_code["B"]["score"], by_code["B"]["light"]) == (0.25, "red")
    assert (by_code["C"]["score"], by_code["C"]["light"]) == (0.5, "amber")
    assert by_code["E"]["light"] is None and by_code["E"]["answered"] == 0
    assert result["overall"] == pytest.approx((1 + 0.25 + 0.5 + 0.75) / 4)
    page = client.get(reverse("diagnosis:stress_assessment", args=[lt2019.pk])).text
    assert '<span class="light light-green">green</span>' in page and "too few answers" in page
    entry = AuditEntry.objects.get(action="stress_test.answered")
    assert entry.changes["A1"] == 4 and entry.actor == analyst
    # Saving the same answers again changes nothing and writes no audit row.
    answer_all(client, lt2019, {"A": 4, "B": 1, "C": 2, "D": 3})
    assert AuditEntry.objects.filter(action="stress_test.answered").count() == 1


def test_a_stale_page_of_answers_is_refused_and_keeps_the_input(client, lt2019, analyst):
    """Two analysts open the same assessment; the first saves; the second's save, read before it, is refused with
    what the first saved, nothing of theirs is written, and their input stays on the page to compare."""
    client.force_login(analyst)
    read_before = edit_token(lt2019, ("answers_text",))
    assert answer_all(client, lt2019, {"A": 4}).status_code == 302
    first = list(StressAnswer.objects.filter(assessment=lt2019).values_list("question_id", "score", "comment"))
    audit_rows = AuditEntry.objects.count()
    page = answer_all(client, lt2019, {"A": 1, "B": 2}, token=read_before)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Someone else saved this while you were editing, so nothing was saved." in text and "A1: 4" in text
    assert list(StressAnswer.objects.filter(assessment=lt2019).values_list("question_id", "score", "comment")) == first
    assert AuditEntry.objects.count() == audit_rows
    b1 = StressQuestion.objects.get(code="B1")
    assert f'name="q{b1.pk}" value="2"' in text and "checked" in text.split(f'name="q{b1.pk}" value="2"')[1][:40]
    # The page is now armed with what is stored: sent again, it saves.
    token = text.split('name="edit_token" value="')[1].split('"')[0]
    assert answer_all(client, lt2019, {"A": 1, "B": 2}, token=token).status_code == 302
    assert StressAnswer.objects.get(assessment=lt2019, question=b1).score == 2


def test_comparison_across_years(client, lt2019, analyst):
    client.force_login(analyst)
    answer_all(client, lt2019, {m: 1 for m in "ABCDEFG"})
    client.post(OVERVIEW, {"region": "LT", "year": 2024})
    lt2024 = StressAssessment.objects.get(year=2024)
    answer_all(client, lt2024, {m: 3 for m in "ABCDEFG"})
    page = client.get(reverse("diagnosis:stress_compare"), {"a": [lt2019.pk, lt2024.pk]}).text
    assert "LT 2019" in page and "LT 2024" in page
    assert page.count("light-red") == 8 and page.count("light-green") == 8  # 7 modules + overall each
    duplicate = client.post(OVERVIEW, {"region": "LT", "year": 2024}).text
    assert "There is already an assessment for this region and year." in duplicate


def test_who_may_read_and_answer(client, lt2019, applicant_a, analyst):
    adviser = UserFactory(email="adviser@mita.example", roles=["agency_adviser"])
    address = reverse("diagnosis:stress_assessment", args=[lt2019.pk])
    for user in (None, applicant_a):
        client.logout()
        if user:
            client.force_login(user)
        for page in (OVERVIEW, address, reverse("diagnosis:stress_questions"), reverse("diagnosis:stress_compare")):
            assert client.get(page).status_code in (302, 404)
    client.force_login(adviser)
    assert client.get(address).status_code == 200
    assert "Save the answers" not in client.get(address).text
    assert answer_all(client, lt2019, {"A": 4}).status_code == 404
    assert client.post(OVERVIEW, {"region": "LT", "year": 2030}).status_code == 404
    assert client.get(reverse("diagnosis:stress_question_new")).status_code == 404
    assert not StressAnswer.objects.exists() and StressAssessment.objects.count() == 1


def test_the_question_bank_is_editable_and_labelled(client, bank, analyst):
    client.force_login(analyst)
    page = client.get(reverse("diagnosis:stress_questions")).text
    assert "Reconstruction" in page and "RECONSTRUCTED" in page
    q = StressQuestion.objects.get(code="G3")
    token = edit_token(q, ("code", "module_code", "module", "text", "is_active"))
    form = {"code": "G3", "module_code": "G", "module": q.module, "text": q.text, "is_active": "", "edit_token": token}
    client.post(reverse("diagnosis:stress_question", args=[q.pk]), form)
    q.refresh_from_db()
    assert not q.is_active
    # The same page saved again, after that change: refused, the question stays as the first save left it.
    stale = client.post(reverse("diagnosis:stress_question", args=[q.pk]), form | {"is_active": "on", "text": "Other"})
    assert "Someone else saved this while you were editing" in stale.text
    q.refresh_from_db()
    assert not q.is_active and q.text != "Other"
    assessment = stress.create_assessment(actor=analyst, region=Region.objects.get(code="LT01"), year=2025)
    assert "G3" not in [x.code for x in stress.questions_for(assessment)]
    assert AuditEntry.objects.filter(action="stress_test.question_changed").exists()
