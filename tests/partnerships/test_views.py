"""Pages of a partnership: every one answers 404 to an outsider while the data exist; members see only their own
partnership; the ministry's actions go through the pages end to end."""

from decimal import Decimal

import pytest
from django.urls import reverse

from innopart.accounts.enums import Role
from innopart.core.concurrency import edit_token
from innopart.partnerships import agreements, monitoring
from innopart.partnerships.models import Payment, RoadmapItem, Tranche

from ..factories import OrganisationFactory, UserFactory, member, pdf_file
from .conftest import report_year_one


def pages(signed):
    partnership = signed.partnership
    milestone = partnership.milestones.first()
    tranche = partnership.tranches.first()
    return [
        reverse("partnerships:detail", args=[partnership.pk]),
        reverse("partnerships:agreement", args=[partnership.pk]),
        reverse("partnerships:agreement_pdf", args=[partnership.pk, 1]),
        reverse("partnerships:milestone", args=[partnership.pk, milestone.pk]),
        reverse("partnerships:evidence", args=[partnership.pk, "milestone", milestone.pk]),
        reverse("partnerships:report", args=[partnership.pk, 1]),
        reverse("partnerships:kpis", args=[partnership.pk]),
        reverse("partnerships:export_kpis", args=[partnership.pk, "csv"]),
        reverse("partnerships:projection", args=[partnership.pk]),
        reverse("partnerships:plans", args=[partnership.pk]),
        reverse("partnerships:pay", args=[partnership.pk, tranche.pk]),
    ]


@pytest.fixture
def with_evidence(signed, applicant_a):
    milestone = signed.partnership.milestones.first()
    monitoring.submit_milestone(
        actor=applicant_a, milestone=milestone, report="Office staffed with two people.", evidence=pdf_file()
    )
    report_year_one(signed.partnership, applicant_a)
    return signed


def test_outsiders_get_404_on_every_page(client, with_evidence, applicant_b):
    client.force_login(applicant_b)  # a member of another organisation
    for url in pages(with_evidence):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("partnerships:list")).context["partnerships"].count() == 0
    partnership = with_evidence.partnership
    action_url = reverse("partnerships:status", args=[partnership.pk, "action", 1])
    for url in (reverse("partnerships:sign", args=[partnership.pk, 1]), action_url, pages(with_evidence)[4]):
        assert client.post(url, {"status": "done", "save": "1"}).status_code == 404, url
    for url in (
        reverse("partnerships:programme"),
        reverse("partnerships:export_portfolio", args=["csv"]),
        reverse("partnerships:export_payments", args=["xlsx"]),
        reverse("partnerships:prepare", args=[with_evidence.partnership.application_id]),
    ):
        assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_log_in(client, with_evidence):
    response = client.get(pages(with_evidence)[0])
    assert response.status_code == 302 and "login" in response.url


def test_members_see_their_own_partnership_only(client, with_evidence, other_draft_agreement):
    other_agreement = other_draft_agreement
    partner_user = UserFactory(email="partner@uni.example", roles=[Role.APPLICANT])
    member(
        partner_user, with_evidence.partnership.application.partners.exclude(role="coordinator").first().organisation
    )
    client.force_login(partner_user)
    listed = [p.acronym for p in client.get(reverse("partnerships:list")).context["partnerships"]]
    assert listed == ["PART"]
    assert client.get(pages(with_evidence)[0]).status_code == 200
    assert client.get(reverse("partnerships:detail", args=[other_agreement.partnership_id])).status_code == 404
    # A partner (not the coordinator) reads but cannot report, and cannot pay.
    page = client.get(reverse("partnerships:report", args=[with_evidence.partnership.pk, 1]))
    assert "edit" not in page.context["forms"]
    assert client.get(pages(with_evidence)[-1]).status_code == 404


def test_a_partner_who_left_no_longer_sees_it(client, with_evidence, applicant_a):
    from datetime import date

    from innopart.partnerships import services

    organisation = with_evidence.partnership.application.partners.exclude(role="coordinator").first().organisation
    leaver = UserFactory(email="leaver@uni.example", roles=[Role.APPLICANT])
    member(leaver, organisation)
    services.change_membership(
        actor=applicant_a,
        partnership=with_evidence.partnership,
        organisation=organisation,
        kind="left",
        on=date.today(),
        reason="Left the value chain.",
    )
    client.force_login(leaver)
    assert client.get(pages(with_evidence)[0]).status_code == 404


def test_ministry_prepares_from_the_programme_view(client, ministry_officer, awarded):
    client.force_login(ministry_officer)
    page = client.get(reverse("partnerships:programme"))
    assert [a.acronym for a in page.context["awaiting"]] == ["PART"]
    url = reverse("partnerships:prepare", args=[awarded.pk])
    response = client.post(
        url, {**{k: str(v) for k, v in agreements.DEFAULTS.items()}, "start_date": "2026-01-01", "duration_years": 11}
    )
    assert "7 to 10 years" in response.content.decode()
    response = client.post(
        url, {**{k: str(v) for k, v in agreements.DEFAULTS.items()}, "start_date": "2026-01-01", "duration_years": 7}
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


def test_payment_form_refuses_an_overpayment(client, signed, ministry_officer):
    client.force_login(ministry_officer)
    tranche = Tranche.objects.get(partnership=signed.partnership, year=1, number=1)
    url = reverse("partnerships:pay", args=[signed.partnership.pk, tranche.pk])
    response = client.post(url, {"amount": "40000.01", "paid_on": "2026-02-01", "reference": "P-1"})
    assert "beyond the agreement" in response.content.decode()
    assert not Payment.objects.exists()
    client.post(url, {"amount": "40000", "paid_on": "2026-02-01", "reference": "P-1"})
    assert Payment.objects.get().amount == Decimal(40000)
    csv = client.get(reverse("partnerships:export_payments", args=["csv"])).content.decode("utf-8-sig")
    assert csv.splitlines()[1] == "PART,1,1,2026-02-01,40000.00,P-1"
    xlsx = client.get(reverse("partnerships:export_portfolio", args=["xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_report_page_refuses_a_kpi_in_the_wrong_unit(client, signed, applicant_a):
    monitoring.save_kpi(
        actor=applicant_a,
        partnership=signed.partnership,
        kind="smes",
        baseline=Decimal(3),
        baseline_year=2024,
        targets={1: Decimal(5)},
    )
    kpi = signed.partnership.kpis.get()
    client.force_login(applicant_a)
    url = reverse("partnerships:report", args=[signed.partnership.pk, 1])
    response = client.post(
        url,
        {"narrative": "x" * 60, "own_resources": "1000", f"kpi_{kpi.pk}": "5", f"unit_{kpi.pk}": "eur", "submit": "1"},
    )
    assert "SMEs involved is measured in number; the figure was given in EUR." in response.content.decode()
    assert not signed.partnership.reports.exists()


def test_roadmap_is_the_briefings_table_2_and_the_ministry_tracks_it(client, ministry_officer, analyst):
    items = list(RoadmapItem.objects.values_list("action", flat=True))
    assert items[0] == "Decision on focus fields for first Partnerships" and items[-1] == "Delivery phase"
    assert len(items) == 7
    item = RoadmapItem.objects.get(order=4)
    client.force_login(analyst)
    assert client.post(reverse("partnerships:roadmap_item", args=[item.pk]), {}).status_code == 404
    client.force_login(ministry_officer)
    token = edit_token(item, ("status", "note"))
    url = reverse("partnerships:roadmap_item", args=[item.pk])
    client.post(
        url, {f"r{item.pk}-status": "done", f"r{item.pk}-note": "Two awarded.", f"r{item.pk}-edit_token": token}
    )
    item.refresh_from_db()
    assert (item.status, item.note) == ("done", "Two awarded.")
    # A second manager's page was read before that save: the stale change is refused and named.
    stale = client.post(
        url,
        {f"r{item.pk}-status": "in_progress", f"r{item.pk}-note": "Still open?", f"r{item.pk}-edit_token": token},
        follow=True,
    )
    assert "Someone else saved this while you were editing" in stale.content.decode()
    assert "Two awarded." in stale.content.decode() and "Still open?" in stale.content.decode()
    item.refresh_from_db()
    assert (item.status, item.note) == ("done", "Two awarded.")
    # The form on the programme page checks its fields; a wrong status answers beside the field, the note kept.
    page = client.get(reverse("partnerships:programme")).content.decode()
    assert "_check" in page[page.index(f'id="id_r{item.pk}-note-field"') - 400 :][:800]
    token = edit_token(item, ("status", "note"))
    wrong = client.post(
        url, {f"r{item.pk}-status": "abandoned", f"r{item.pk}-note": "Hm.", f"r{item.pk}-edit_token": token}
    )
    text = wrong.content.decode()
    block = text[text.index(f'id="id_r{item.pk}-status-field"') :][:2000]
    assert wrong.status_code == 200 and "has-error" in text[: text.index(f'id="id_r{item.pk}-status-field"') + 80]
    assert "Select a valid choice" in block and 'value="Hm."' in text
    item.refresh_from_db()
    assert (item.status, item.note) == ("done", "Two awarded.")


def test_organisation_outside_the_partnership_cannot_own_an_action(client, signed, applicant_a):
    client.force_login(applicant_a)
    stranger = OrganisationFactory()
    response = client.post(
        reverse("partnerships:plans", args=[signed.partnership.pk]),
        {
            "form": "action",
            "action-title": "Pilot",
            "action-owner": stranger.pk,
            "action-starts": "2026-01-01",
            "action-ends": "2026-06-01",
            "action-status": "planned",
        },
    )
    assert response.status_code == 200 and not signed.partnership.actions.exists()


def test_api_shows_members_their_partnership_and_outsiders_nothing(client, signed, applicant_a, applicant_b):
    client.force_login(applicant_a)
    listed = client.get("/api/partnerships").json()
    assert [p["acronym"] for p in listed] == ["PART"] and Decimal(listed[0]["total_grant"]) == 410000
    detail = client.get(f"/api/partnerships/{signed.partnership_id}").json()
    assert [Decimal(y["grant"]) for y in detail["years"]][:3] == [80000, 80000, 70000]
    assert Decimal(detail["years"][0]["released"]) == 40000 and len(detail["milestones"]) == 4
    client.force_login(applicant_b)
    assert client.get("/api/partnerships").json() == []
    assert client.get(f"/api/partnerships/{signed.partnership_id}").status_code == 404
    client.logout()
    assert client.get("/api/partnerships").status_code == 401


def test_agreement_pdf_states_the_terms_and_the_grants(client, signed, applicant_a):
    import io

    from pypdf import PdfReader

    client.force_login(applicant_a)
    response = client.get(reverse("partnerships:agreement_pdf", args=[signed.partnership.pk, 1]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Funding agreement of PART" in text and "410,000" in text and "Europe/Vilnius" in text
    assert "Innovation Partnership management trained" in text


def test_pages_in_lithuanian(client, with_evidence, ministry_officer):
    client.force_login(ministry_officer)
    partnership = with_evidence.partnership
    expected = {
        reverse("partnerships:programme"): "Inovacijų partnerysčių programa",
        reverse("partnerships:detail", args=[partnership.pk]): "Kūrimo etapo rezultatai",
        reverse("partnerships:agreement", args=[partnership.pk]): "finansavimo sutartis",
        reverse("partnerships:kpis", args=[partnership.pk]): "pagrindiniai veiklos rodikliai",
        reverse("partnerships:report", args=[partnership.pk, 1]): "metinė ataskaita",
        reverse("partnerships:projection", args=[partnership.pk]): "savarankiškumas",
        reverse("partnerships:plans", args=[partnership.pk]): "Veiksmų planas",
    }
    for url, text in expected.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="lt")
        assert response.status_code == 200 and text in response.content.decode(), url


def test_amendment_through_the_page(client, signed, ministry_officer, applicant_a):
    client.force_login(ministry_officer)
    url = reverse("partnerships:agreement", args=[signed.partnership.pk])
    form = client.get(url).context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    response = client.post(url, {**data, "duration_years": 11, "changelog": "Longer."})
    assert "The call funds partnerships for 7 to 10 years." in response.content.decode()
    assert signed.partnership.agreements.count() == 1
    response = client.post(url, {**data, "setup_years": 3, "changelog": "A third set-up year for the test bed."})
    assert response.status_code == 302
    versions = list(signed.partnership.agreements.values_list("number", "state", "setup_years"))
    assert versions == [(1, "signed", 2), (2, "draft", 3)]
    # The partnership signs the amendment, the ministry countersigns: version 1 is superseded.
    client.force_login(applicant_a)
    client.post(reverse("partnerships:sign", args=[signed.partnership.pk, 2]))
    client.force_login(ministry_officer)
    client.post(reverse("partnerships:sign", args=[signed.partnership.pk, 2]))
    assert list(signed.partnership.agreements.values_list("state", flat=True)) == ["superseded", "signed"]


def test_public_list_shows_signed_partnerships_and_money_only(client, signed, other_draft_agreement):
    # BETA's agreement is not signed: it is not public.
    page = client.get(reverse("partnerships:funded"))
    assert [r["partnership"].acronym for r in page.context["rows"]] == ["PART"]
    html = page.content.decode()
    assert "410,000" in html and "BETA" not in html and "Year 1" not in html


def test_waiting_for_you_lists_what_each_person_may_act_on(
    client, with_evidence, applicant_a, ministry_officer, reviewer
):
    report = with_evidence.partnership.reports.get()
    monitoring.submit_report(actor=applicant_a, report=report)
    client.force_login(reviewer)
    items = [i["what"] for i in client.get(reverse("partnerships:programme")).context["waiting_for_you"]]
    assert items == ["Review the report of year 1"]
    client.force_login(ministry_officer)
    items = [i["what"] for i in client.get(reverse("partnerships:programme")).context["waiting_for_you"]]
    assert items == ["Gate review: Innovation Partnership management set up", "Review the report of year 1"]
    monitoring.review_report(actor=ministry_officer, report=report, note="Fine.")
    items = [i["what"] for i in client.get(reverse("partnerships:programme")).context["waiting_for_you"]]
    assert "Decide the report of year 1" not in items  # a second person decides


def test_yearly_figures_are_read_as_written_or_refused():
    from innopart.partnerships.forms import KpiForm

    form = KpiForm({"kind": "members", "baseline": "6", "baseline_year": "2024", "targets": "8; 10,5; 1 200"})
    assert form.is_valid() and form.cleaned_data["targets"] == {1: 8, 2: Decimal("10.5"), 3: 1200}
    form = KpiForm({"kind": "product_value", "baseline": "0", "baseline_year": "2024", "targets": "450,000"})
    assert not form.is_valid() and "without separators, e.g. 450000" in form.errors["targets"][0]
    form = KpiForm({"kind": "members", "baseline": "6", "baseline_year": "2024", "targets": "8; ten"})
    assert "Year 2: “ten” is not a number." in form.errors["targets"][0]
