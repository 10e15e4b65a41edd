"""The public record of a funded partnership: what public money bought, and nothing the ministry has not accepted."""

import re
from decimal import Decimal

from innopart.partnerships import agreements, monitoring
from innopart.partnerships.models import Objective

from ..evaluation.conftest import selection  # noqa: F401  (the fixture)
from .conftest import report_year_one


def test_a_partnership_becomes_public_only_when_its_agreement_is_signed(client, ministry_officer, applicant_a, awarded):
    agreement = agreements.prepare_agreement(actor=ministry_officer, application=awarded)
    partnership = agreement.partnership
    assert client.get(f"/funded-partnerships/{partnership.pk}/").status_code == 404
    assert partnership.acronym not in client.get("/funded-partnerships/").text
    agreements.sign_for_partnership(actor=applicant_a, agreement=agreement)
    assert client.get(f"/funded-partnerships/{partnership.pk}/").status_code == 404
    agreements.countersign(actor=ministry_officer, agreement=agreement)
    listing = client.get("/funded-partnerships/").text
    assert f'href="/funded-partnerships/{partnership.pk}/"' in listing
    page = client.get(f"/funded-partnerships/{partnership.pk}/").text
    assert f"{partnership.acronym}: {partnership.title}" in page
    assert "Alpha Foods UAB" in page  # the coordinator, in the consortium
    assert "No annual report has been accepted yet." in page


def test_the_public_sees_accepted_figures_and_summaries_never_the_drafts(
    client, signed, applicant_a, reviewer, ministry_officer
):
    partnership = signed.partnership
    Objective.objects.create(partnership=partnership, title="Circular food processing in 20 SMEs")
    report = report_year_one(partnership, applicant_a, members=(Decimal(9), "count", None))
    report = monitoring.save_report(
        actor=applicant_a,
        partnership=partnership,
        year=1,
        narrative="Internal: the partner X was late with its fees; we settled it in March.",
        public_summary="The office opened and four pilot projects started.",
        own_resources=Decimal("40000"),
        actuals={partnership.kpis.get(): (Decimal(9), "count", None)},
    )
    monitoring.submit_report(actor=applicant_a, report=report)
    url = f"/funded-partnerships/{partnership.pk}/"
    page = client.get(url).text
    assert "Circular food processing in 20 SMEs" in page
    # Submitted, not accepted: neither its figure nor its summary is public yet.
    assert "The office opened" not in page and "No annual report has been accepted yet." in page
    assert "Not reached yet" in page
    monitoring.review_report(
        actor=reviewer, report=report, note="Matches.", verification={report.actuals.get().pk: "verified"}
    )
    monitoring.decide_report(actor=ministry_officer, report=report, accept=True, comment="")
    page = client.get(url).text
    assert "The office opened and four pilot projects started." in page
    assert "Own resources raised: EUR 40,000" in page
    assert "partner X was late" not in page  # the narrative stays with the ministry
    kpi_row = page.split("Latest accepted figure against its target")[1].split("</table>")[0]
    assert "Members involved" in kpi_row and ">9<" in kpi_row.replace(" ", "")
    assert "/evidence/" not in page


def test_the_results_page_links_each_funded_partnership_to_its_record(
    client,
    selection,  # noqa: F811
    ministry_officer,
    applicant_a,
    call,
):
    from innopart.calls.models import CallVersion
    from innopart.evaluation.enums import Phase

    from ..evaluation.conftest import run_to
    from ..factories import PASSWORD

    run_to(selection, Phase.DECISION, ministry_officer)
    CallVersion.objects.filter(pk=call.published_version_id).update(min_awards=1)
    client.force_login(ministry_officer)
    client.post(f"/manage/calls/{call.slug}/ranking/", {"awarded": [selection["a"].pk], "password": PASSWORD})
    client.post(f"/manage/calls/{call.slug}/publish-results/", {"password": PASSWORD})
    client.logout()
    # Awarded, no agreement signed yet: named, not linked (its page would be a 404).
    assert not re.search(r'href="/funded-partnerships/\d+/"', client.get(f"/calls/{call.slug}/results/").text)
    selection["a"].refresh_from_db()
    agreement = agreements.prepare_agreement(actor=ministry_officer, application=selection["a"])
    agreements.sign_for_partnership(actor=applicant_a, agreement=agreement)
    agreements.countersign(actor=ministry_officer, agreement=agreement)
    results = client.get(f"/calls/{call.slug}/results/").text
    assert f'href="/funded-partnerships/{agreement.partnership_id}/"' in results


def test_the_funded_list_is_searched_sorted_and_paged_by_the_server(client, signed):
    partnership = signed.partnership
    listing = client.get("/funded-partnerships/").text
    assert 'aria-sort="ascending"' in listing and f'href="/funded-partnerships/{partnership.pk}/"' in listing
    # The region scrolls under a heading row that stays in view; a keyboard reaches it.
    assert 'class="table-scroll table-sticky" tabindex="0" role="region"' in listing
    found = client.get("/funded-partnerships/", {"q": "Alpha Foods"}).text  # the coordinator's name
    assert f'href="/funded-partnerships/{partnership.pk}/"' in found
    missing = client.get("/funded-partnerships/", {"q": "no such partnership"}).text
    assert f'href="/funded-partnerships/{partnership.pk}/"' not in missing
    assert "No partnership matches the search." in missing
    # A sort the page does not offer falls back to its default instead of failing.
    assert client.get("/funded-partnerships/", {"sort": "-secret_field"}).status_code == 200
    by_period = client.get("/funded-partnerships/", {"sort": "-period"}).text
    assert 'aria-sort="descending"' in by_period
