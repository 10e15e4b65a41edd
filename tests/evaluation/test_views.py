"""Jury pages and their walls: conflicted jurors, outsiders and applicants get 404 while the data exists."""

from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from innopart.evaluation import services
from innopart.evaluation.enums import Phase

from ..factories import PASSWORD
from .conftest import run_to

pytestmark = pytest.mark.django_db


def urls(selection, app):
    slug = selection["evaluation"].call.slug
    return [f"/jury/{slug}/applications/{app.pk}/"], [
        f"/jury/{slug}/applications/{app.pk}/ask/",
        f"/jury/{slug}/applications/{app.pk}/revise/",
        f"/jury/{slug}/applications/{app.pk}/consensus/potential/",
    ]


def test_a_conflicted_juror_gets_404_on_the_application_its_scores_questions_and_letter(
    client, selection, ministry_officer
):
    run_to(selection, Phase.DECISION, ministry_officer)
    app = selection["a"]
    client.force_login(selection["jurors"]["conflicted"].user)
    gets, posts = urls(selection, app)
    for url in gets:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Convincing market analysis" not in response.text
    for url in posts:
        assert client.post(url, {"criteria": ["potential"], "text": "A question?"}).status_code == 404, url
    assert client.get(f"/applications/{app.pk}/decision/").status_code == 404
    assert client.get(f"/applications/{app.pk}/questions/").status_code == 404
    listing = client.get(f"/jury/{selection['evaluation'].call.slug}/")
    assert "Excluded:" in listing.text and f"/applications/{app.pk}/" not in listing.text


def test_people_outside_the_jury_get_404_on_jury_pages(client, selection, ministry_officer, applicant_a):
    run_to(selection, Phase.CONSENSUS, ministry_officer)
    slug = selection["evaluation"].call.slug
    for user in (applicant_a, ministry_officer):
        client.force_login(user)
        assert client.get(f"/jury/{slug}/").status_code == 404
        assert client.get(f"/jury/{slug}/applications/{selection['b'].pk}/").status_code == 404
    client.force_login(applicant_a)
    assert client.get(f"/manage/calls/{slug}/jury/").status_code == 404
    assert client.get(f"/manage/calls/{slug}/ranking/").status_code == 404


def test_a_juror_declares_before_reading_and_sees_others_only_after_submitting(client, selection, ministry_officer):
    evaluation = selection["evaluation"]
    services.change_phase(actor=ministry_officer, evaluation=evaluation, to=Phase.INDIVIDUAL)
    from innopart.evaluation import selectors

    from .conftest import scores

    other = selectors.juror_of(selection["jurors"]["second"].user, evaluation)
    services.declare(actor=other.user, juror=other, application=selection["b"], level="none")
    other = selectors.juror_of(other.user, evaluation)
    services.save_review(actor=other.user, juror=other, application=selection["b"], scores=scores("2.5"), submit=True)
    client.force_login(selection["jurors"]["industry"].user)
    url = f"/jury/{evaluation.call.slug}/applications/{selection['b'].pk}/"
    first = client.get(url)
    assert "Conflicts of interest: BETA" in first.text and "A" * 120 not in first.text
    client.post(url, {"level": "none"})
    page = client.get(url)
    assert "A" * 120 in page.text
    assert "Juror second" not in page.text and "appear once you have submitted yours" in page.text
    data = {"scores": "1", "submit": "1"}
    for criterion in ("potential", "network", "implementation", "future"):
        data |= {
            f"{criterion}-score": "4.0",
            f"{criterion}-justification": "A justification long enough.",
            f"{criterion}-improvement": "Do more.",
        }
    response = client.post(url, data, follow=True)
    assert "Your scores were submitted." in response.text
    assert "Juror second" in response.text


def test_applicants_see_questions_without_juror_names(client, selection, ministry_officer, applicant_a):
    run_to(selection, Phase.CLARIFICATION, ministry_officer)
    from innopart.evaluation import selectors

    juror = selectors.juror_of(selection["jurors"]["industry"].user, selection["evaluation"])
    services.ask(
        actor=juror.user,
        juror=juror,
        application=selection["a"],
        criteria=["future"],
        text="How will fees be set after year five?",
    )
    client.force_login(applicant_a)
    page = client.get(f"/applications/{selection['a'].pk}/questions/")
    assert "How will fees be set after year five?" in page.text and "Juror industry" not in page.text
    # The deadline is shown in the call's time zone, and named.
    zone = selection["evaluation"].call.published_version.time_zone
    local = timezone.localtime(selection["evaluation"].clarification_deadline, ZoneInfo(zone))
    assert f"{local:%Y-%m-%d %H:%M} ({zone})" in page.text
    question = juror.questions.get()
    url = f"/applications/{selection['a'].pk}/questions/"
    # A blank answer: the page again, the message beside this question's box; a check sends nothing either.
    refused = client.post(url, {"question": question.pk, "text": "  "})
    box = refused.text[refused.text.index(f'id="answer-{question.pk}-text-field"') :][:1500]
    assert refused.status_code == 200 and "This field is required." in box
    checked = client.post(url, {"question": question.pk, "text": "By the assembly.", "_check": "text"})
    assert checked.status_code == 200 and f'id="answer-{question.pk}-text-field"' in checked.text
    assert not question.answers.exists()
    response = client.post(url, {"question": question.pk, "text": "By the members' assembly."}, follow=True)
    assert "Your answer was sent to the jury." in response.text


def test_results_and_letters_appear_only_after_publication(client, selection, ministry_officer, applicant_b, call):
    run_to(selection, Phase.DECISION, ministry_officer)
    from innopart.calls.models import CallVersion

    CallVersion.objects.filter(pk=call.published_version_id).update(min_awards=1)
    slug = selection["evaluation"].call.slug
    assert client.get(f"/calls/{slug}/results/").status_code == 404
    client.force_login(ministry_officer)
    response = client.post(
        f"/manage/calls/{slug}/ranking/", {"awarded": [selection["a"].pk], "password": PASSWORD}, follow=True
    )
    assert "The decision was recorded." in response.text
    client.force_login(applicant_b)
    assert client.get(f"/applications/{selection['b'].pk}/decision/").status_code == 404
    client.force_login(ministry_officer)
    client.post(f"/manage/calls/{slug}/publish-results/", {"password": PASSWORD})
    client.logout()
    results = client.get(f"/calls/{slug}/results/")
    assert "ALPHA" in results.text and "BETA" not in results.text and "Juror chair" in results.text
    # The jury list pages and searches (an expert pool can be 15,000 people).
    searched = client.get(f"/calls/{slug}/results/?jq=ministry")
    assert "Juror ministry" in searched.text and "Juror chair" not in searched.text
    client.force_login(applicant_b)
    letter = client.get(f"/applications/{selection['b'].pk}/decision/")
    assert "has not been selected this time" in letter.text and "Improve future with numbers." in letter.text
    pdf = client.get(f"/applications/{selection['b'].pk}/decision.pdf?lang=en")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    client.force_login(selection["jurors"]["chair"].user)
    assert client.get(f"/applications/{selection['b'].pk}/decision/").status_code == 404


def test_the_ministry_s_statement_is_published_with_the_results_in_the_reader_s_language(
    client, selection, ministry_officer, call
):
    from innopart.calls.models import CallVersion
    from innopart.core.models import AuditEntry

    run_to(selection, Phase.DECISION, ministry_officer)
    CallVersion.objects.filter(pk=call.published_version_id).update(min_awards=1)
    slug = selection["evaluation"].call.slug
    client.force_login(ministry_officer)
    client.post(f"/manage/calls/{slug}/ranking/", {"awarded": [selection["a"].pk], "password": PASSWORD})
    statement = {"announcement_lt": "Ministerija dėkoja visiems konsorciumams.", "announcement": ""}
    # A check of the statement (sent where the form is sent) publishes nothing, even with the right password.
    checked = client.post(
        f"/manage/calls/{slug}/publish-results/", {**statement, "password": PASSWORD, "_check": "announcement_lt"}
    )
    assert checked.status_code == 200 and 'id="id_announcement_lt-field"' in checked.text
    # A wrong password publishes nothing, and the page keeps the statement as typed, with the message on the field.
    refused = client.post(f"/manage/calls/{slug}/publish-results/", {**statement, "password": "wrong"})
    assert refused.status_code == 200
    assert (
        "The password is not correct." in refused.text and "Ministerija dėkoja visiems konsorciumams." in refused.text
    )
    selection["evaluation"].refresh_from_db()
    assert selection["evaluation"].phase == Phase.DECISION and not selection["evaluation"].announcement_lt
    client.post(f"/manage/calls/{slug}/publish-results/", {**statement, "password": PASSWORD})
    assert AuditEntry.objects.filter(action="evaluation.results_announced").count() == 1
    client.logout()
    english = client.get(f"/calls/{slug}/results/").text
    # Written in Lithuanian only: an English reader gets it with its language and the mark.
    assert 'lang="lt"' in english and "Ministerija dėkoja" in english and "in Lithuanian only" in english
    client.cookies.load({"django_language": "lt"})
    lithuanian = client.get(f"/calls/{slug}/results/").text
    assert "Ministerija dėkoja" in lithuanian and "tik lietuvių kalba" not in lithuanian


def test_all_letters_are_written_by_a_background_task_with_progress(
    client, selection, ministry_officer, call, django_capture_on_commit_callbacks
):
    from innopart.calls.models import CallVersion
    from innopart.evaluation.models import Letter, LetterBatch

    run_to(selection, Phase.DECISION, ministry_officer)
    CallVersion.objects.filter(pk=call.published_version_id).update(min_awards=1)
    slug = selection["evaluation"].call.slug
    client.force_login(ministry_officer)
    refused = client.post(f"/manage/calls/{slug}/letters/", follow=True)
    assert "Record the decision before writing the letters." in refused.text
    client.post(f"/manage/calls/{slug}/ranking/", {"awarded": [selection["a"].pk], "password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(f"/manage/calls/{slug}/letters/")
    batch = LetterBatch.objects.get()
    response = client.get(queued["Location"])
    assert (batch.state, batch.done, batch.total) == ("done", 2, 2)
    assert "2 of 2 letters written" in response.text
    partial = client.get(f"/manage/calls/{slug}/letters/{batch.pk}/", HTTP_HX_REQUEST="true")
    assert "<html" not in partial.text and "Download all letters" in partial.text
    archive = client.get(f"/manage/calls/{slug}/letters/{batch.pk}/letters.zip")
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert sorted(names) == [
        "ALPHA-decision-en.pdf",
        "ALPHA-decision-lt.pdf",
        "BETA-decision-en.pdf",
        "BETA-decision-lt.pdf",
    ]
    assert Letter.objects.count() == 2
    # A letter task run again (its worker died after the letter was written, before the task was marked done)
    # leaves the letter, the count and the audit log as they were.
    from innopart.core.models import AuditEntry
    from innopart.evaluation.tasks import write_letter

    letter = Letter.objects.get(application=selection["a"])
    audit_rows = AuditEntry.objects.count()
    assert write_letter.call(batch.pk, selection["a"].pk) is False
    batch.refresh_from_db()
    assert batch.done == 2 and Letter.objects.get(pk=letter.pk).pdf_en.name == letter.pdf_en.name
    assert AuditEntry.objects.count() == audit_rows


def test_an_observer_reads_the_selection_but_changes_nothing(client, selection, ministry_officer):
    from innopart.accounts.enums import Role

    from ..factories import UserFactory

    run_to(selection, Phase.DECISION, ministry_officer)
    observer = UserFactory(email="observer@example.org", roles=[Role.OBSERVER])
    slug = selection["evaluation"].call.slug
    client.force_login(observer)
    page = client.get(f"/manage/calls/{slug}/ranking/")
    assert "Rank 1 with a weighted total of 4.50" in page.text and "Record the decision" not in page.text
    jury_page = client.get(f"/manage/calls/{slug}/jury/")
    assert jury_page.status_code == 200 and "Set the deadline for individual scores" not in jury_page.text
    client.force_login(ministry_officer)
    assert "Set the deadline for individual scores" in client.get(f"/manage/calls/{slug}/jury/").text
    client.force_login(observer)
    assert (
        client.post(
            f"/manage/calls/{slug}/ranking/", {"awarded": [selection["a"].pk], "password": PASSWORD}
        ).status_code
        == 404
    )
    assert client.post(f"/manage/calls/{slug}/jury/start/").status_code == 404
    selection["a"].refresh_from_db()
    assert selection["a"].state == "submitted"


def test_the_ministry_appoints_the_coordinator_of_an_awarded_partnership(client, selection, ministry_officer, call):
    from innopart.calls.models import CallVersion

    run_to(selection, Phase.DECISION, ministry_officer)
    CallVersion.objects.filter(pk=call.published_version_id).update(min_awards=1)
    services.award(
        actor=ministry_officer,
        evaluation=selection["evaluation"],
        awarded=[selection["a"]],
        reserve=[],
        password=PASSWORD,
    )
    slug = selection["evaluation"].call.slug
    client.force_login(ministry_officer)
    outsider = selection["b"].coordinator
    prefix = f"coordinator-{selection['a'].pk}"
    refused = client.post(
        f"/manage/calls/{slug}/ranking/",
        {
            "application": selection["a"].pk,
            f"{prefix}-application": selection["a"].pk,
            f"{prefix}-full_name": "Rūta Example",
            f"{prefix}-email": "ruta@example.org",
            f"{prefix}-organisation": outsider.pk,
        },
    )
    assert "Select a valid choice" in refused.text
    member = selection["a"].coordinator
    done = client.post(
        f"/manage/calls/{slug}/ranking/",
        {
            "application": selection["a"].pk,
            f"{prefix}-application": selection["a"].pk,
            f"{prefix}-full_name": "Rūta Example",
            f"{prefix}-email": "ruta@example.org",
            f"{prefix}-organisation": member.pk,
        },
        follow=True,
    )
    assert "The coordinator of ALPHA was appointed." in done.text and "Appointed: Rūta Example" in done.text
