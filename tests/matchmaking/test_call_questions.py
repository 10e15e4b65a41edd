from django.urls import reverse

from innopart.core.models import AuditEntry
from innopart.matchmaking.models import CallQuestion


def test_questions_are_answered_once_for_everyone_without_the_askers_name(
    client, call, applicant_a, applicant_b, ministry_officer
):
    public = reverse("matchmaking:call_questions", args=[call.slug])
    manage = reverse("matchmaking:manage_questions", args=[call.slug])
    assert client.post(public, {"text": "Anonymous?"}).status_code == 302  # to the login page
    assert not CallQuestion.objects.exists()
    client.force_login(applicant_a)
    client.post(public, {"text": "May a foreign university be the research partner?"})
    question = CallQuestion.objects.get()
    assert "May a foreign university" in client.get(public).text  # the asker sees it waiting
    client.force_login(applicant_b)
    assert "May a foreign university" not in client.get(public).text  # nobody else, until it is answered
    assert client.get(manage).status_code == 404
    assert client.post(manage, {"question": question.pk, "answer": "No."}).status_code == 404
    client.force_login(ministry_officer)
    assert "Asked by Applicant A" in client.get(manage).text
    client.post(manage, {"question": question.pk, "answer": "Yes, if it signs a letter of commitment."})
    again = client.post(manage, {"question": question.pk, "answer": "Changed"}, follow=True).text
    assert "already published" in again
    client.logout()
    page = client.get(public).text
    assert "May a foreign university be the research partner?" in page
    assert "Yes, if it signs a letter of commitment." in page and "Applicant A" not in page
    assert AuditEntry.objects.filter(action="call.answer_published", actor=ministry_officer).count() == 1


def test_an_answer_is_written_in_both_languages_and_read_in_the_reader_s(client, call, applicant_a, ministry_officer):
    public = reverse("matchmaking:call_questions", args=[call.slug])
    manage = reverse("matchmaking:manage_questions", args=[call.slug])
    client.force_login(applicant_a)
    client.post(public, {"text": "Ar užsienio universitetas gali būti partneris?"})
    first = CallQuestion.objects.get()
    client.post(public, {"text": "May a research institute coordinate the partnership?"})
    second = CallQuestion.objects.exclude(pk=first.pk).get()
    client.force_login(ministry_officer)
    refused = client.post(manage, {"question": first.pk, "answer": " ", "answer_lt": ""}, follow=True).text
    assert "Write the answer, in Lithuanian, in English or in both." in refused
    client.post(manage, {"question": first.pk, "answer": "Yes, with a letter.", "answer_lt": "Taip, su laišku."})
    client.post(manage, {"question": second.pk, "answer": "No: a cluster organisation or a company coordinates."})
    client.logout()
    lithuanian = client.get(public, HTTP_ACCEPT_LANGUAGE="lt").text
    assert "Taip, su laišku." in lithuanian and "Yes, with a letter." not in lithuanian
    # The second answer exists in English only: shown in English, marked, with its language for screen readers.
    assert '<span lang="en">No: a cluster organisation or a company coordinates.</span>' in lithuanian
    assert "tik anglų kalba" in lithuanian
    english = client.get(public, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Yes, with a letter." in english and "only" not in english.split("<main")[1].split("</main>")[0].lower()


def test_a_refused_question_or_answer_comes_back_with_its_message_and_the_text_as_typed(
    client, call, applicant_a, ministry_officer
):
    public = reverse("matchmaking:call_questions", args=[call.slug])
    manage = reverse("matchmaking:manage_questions", args=[call.slug])
    client.force_login(applicant_a)
    refused = client.post(public, {"text": "Foreign?"})
    block = refused.text[refused.text.index('id="id_text-field"') :][:1500]
    assert refused.status_code == 200 and "Write the question in a sentence or two." in block and "Foreign?" in block
    checked = client.post(public, {"text": "May a foreign university be a partner?", "_check": "text"})
    assert checked.status_code == 200 and not CallQuestion.objects.exists()
    client.post(public, {"text": "May a foreign university be a partner?"})
    question = CallQuestion.objects.get()
    client.force_login(ministry_officer)
    audit_rows = AuditEntry.objects.count()
    checked = client.post(manage, {"question": question.pk, "answer_lt": "Taip.", "_check": "answer_lt"})
    assert checked.status_code == 200 and f'id="answer-{question.pk}-answer_lt-field"' in checked.text
    # Too long in English: the message on the English box, the Lithuanian text kept beside it; nothing published.
    refused = client.post(manage, {"question": question.pk, "answer_lt": "Taip, su laišku.", "answer": "x" * 6001})
    english = refused.text[refused.text.index(f'id="answer-{question.pk}-answer-field"') :][:8000]
    assert refused.status_code == 200 and "has-error" in refused.text and "at most 6000" in english.replace(",", "")
    assert "Taip, su laišku." in refused.text
    question.refresh_from_db()
    assert question.published_at is None and AuditEntry.objects.count() == audit_rows
