import pytest
from django.urls import reverse

from innopart.core.models import AuditEntry
from innopart.matchmaking import advice
from innopart.matchmaking.models import AdviserCheck, AdviserComment

from ..factories import UserFactory


@pytest.fixture
def adviser(db):
    return UserFactory(email="adviser@mita.example", full_name="Adviser", roles=["agency_adviser"])


def test_an_adviser_reads_only_with_consent_and_loses_it_on_revocation(client, application_a, applicant_a, adviser):
    page = reverse("matchmaking:adviser_application", args=[application_a.pk])
    client.force_login(adviser)
    assert client.get(page).status_code == 404  # no consent yet
    client.force_login(applicant_a)
    client.post(reverse("matchmaking:applicant_advice", args=[application_a.pk]), {"adviser": adviser.pk})
    client.force_login(adviser)
    assert application_a.acronym in client.get(reverse("matchmaking:adviser_home")).text
    client.post(page, {"section": "strategic_relevance", "text": "Quantify the productivity gain per member."})
    client.post(page, {"item": "rule:min_research", "ok": "1", "note": "KTU letter seen"})
    assert AdviserComment.objects.get().text == "Quantify the productivity gain per member."
    assert AdviserCheck.objects.get(item="rule:min_research").ok
    # The applicant sees and resolves it.
    client.force_login(applicant_a)
    mine = client.get(reverse("matchmaking:applicant_advice", args=[application_a.pk])).text
    assert "Quantify the productivity gain per member." in mine
    note = AdviserComment.objects.get()
    client.post(reverse("matchmaking:resolve", args=[application_a.pk, note.pk]))
    note.refresh_from_db()
    assert note.resolved_by == applicant_a
    consent = application_a.advice.get()
    client.post(reverse("matchmaking:applicant_advice", args=[application_a.pk]), {"revoke": consent.pk})
    client.force_login(adviser)
    assert client.get(page).status_code == 404
    assert client.post(page, {"text": "One more"}).status_code == 404
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"advice.granted", "advice.commented", "advice.checked", "advice.resolved", "advice.revoked"} <= actions


def test_others_cannot_grant_or_read(client, application_a, applicant_b, adviser):
    address = reverse("matchmaking:applicant_advice", args=[application_a.pk])
    client.force_login(applicant_b)
    assert client.get(address).status_code == 404
    assert client.post(address, {"adviser": adviser.pk}).status_code == 404
    assert not application_a.advice.exists()
    not_adviser = UserFactory(email="x@example.org", roles=["analyst"])
    with pytest.raises(Exception, match="Only support-agency advisers"):
        advice.grant(actor=applicant_b, application=application_a, adviser=not_adviser)


def test_an_advisers_hostile_comment_or_tick_is_refused_by_name_and_nothing_is_saved(
    client, application_a, applicant_a, adviser
):
    """Found by the generated hostile input on PostgreSQL: a NUL in a comment ended in a server error."""
    client.force_login(applicant_a)
    client.post(reverse("matchmaking:applicant_advice", args=[application_a.pk]), {"adviser": adviser.pk})
    audit_rows = AuditEntry.objects.count()
    page = reverse("matchmaking:adviser_application", args=[application_a.pk])
    client.force_login(adviser)
    refusals = {
        "null character": {"section": "strategic_relevance", "text": "a\x00b"},
        "at most 2000": {"section": "strategic_relevance", "text": "x" * 2001},
        "Choose a section": {"section": "nonsense", "text": "A fair comment."},
        "Choose an item": {"item": "rule:nonsense", "ok": "1", "note": ""},
        "at most 300": {"item": "plan", "ok": "1", "note": "x" * 301},
    }
    for reason, sent in refusals.items():
        answer = client.post(page, sent, follow=True)
        assert answer.status_code == 200 and reason.lower() in answer.text.lower(), reason
    assert not AdviserComment.objects.exists() and not AdviserCheck.objects.exists()
    assert AuditEntry.objects.count() == audit_rows


def test_a_refused_comment_comes_back_under_its_section_with_its_text(client, application_a, applicant_a, adviser):
    client.force_login(applicant_a)
    client.post(reverse("matchmaking:applicant_advice", args=[application_a.pk]), {"adviser": adviser.pk})
    page = reverse("matchmaking:adviser_application", args=[application_a.pk])
    client.force_login(adviser)
    long = "Quantify the gain. " + "x" * 2000
    answer = client.post(page, {"section": "strategic_relevance", "text": long})
    block = answer.text[answer.text.index('id="comment-strategic_relevance-text-field"') :][:5000]
    assert (
        answer.status_code == 200
        and 'class="field has-error" id="comment-strategic_relevance-text-field"' in answer.text
    )
    assert "at most 2000" in block and "Quantify the gain." in block
    checked = client.post(page, {"section": "strategic_relevance", "text": "Fine.", "_check": "text"})
    assert checked.status_code == 200 and not AdviserComment.objects.exists()
