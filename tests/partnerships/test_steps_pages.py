"""Calls, agreements and milestones say where they stand and what comes next, on their pages."""

import re

from innopart.partnerships import agreements


def steps(page: str) -> list[tuple[str, str]]:
    found = re.findall(r'<li class="step step-(\w+)"[^>]*><span class="visually-hidden">[^<]*</span>([^<]+)</li>', page)
    return [(label, state) for state, label in found]


def test_a_call_s_page_shows_its_place_from_draft_to_closed(client, ministry_officer, call):
    client.force_login(ministry_officer)
    page = client.get(f"/manage/calls/{call.slug}/").text
    assert steps(page) == [
        ("Draft", "done"),
        ("Opens soon", "done"),
        ("Open for applications", "current"),
        ("Closed", "todo"),
    ]
    assert "Applicants submit until the deadline; then the jury starts." in page


def test_an_agreement_moves_from_draft_through_both_signatures(client, ministry_officer, applicant_a, awarded):
    agreement = agreements.prepare_agreement(actor=ministry_officer, application=awarded)
    url = f"/partnerships/{agreement.partnership_id}/agreement/"
    client.force_login(applicant_a)
    assert steps(client.get(url).text)[0] == ("Draft", "current")
    agreements.sign_for_partnership(actor=applicant_a, agreement=agreement)
    page = client.get(url).text
    assert steps(page)[1] == ("Signed by the partnership", "current")
    assert "The ministry countersigns; the agreement is then in force." in page
    agreements.countersign(actor=ministry_officer, agreement=agreement)
    assert steps(client.get(url).text) == [
        ("Draft", "done"),
        ("Signed by the partnership", "done"),
        ("Signed", "done"),
    ]


def test_a_milestone_shows_who_acts_next(client, signed, applicant_a):
    milestone = signed.partnership.milestones.first()
    client.force_login(applicant_a)
    page = client.get(f"/partnerships/{signed.partnership_id}/milestones/{milestone.pk}/").text
    assert steps(page)[0] == ("Draft", "current")
    assert "The coordinator reports what was achieved, with evidence" in page
