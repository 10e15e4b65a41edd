"""The access matrix's data: the demo identities, who may use each view (ACCESS), which demo object each address
points at (ARGS), and the fixture that loads the demo. Used by test_access_matrix and test_hostile_pages."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

IDENTITIES = {
    "anonymous": None,
    "administrator": "admin@innopart.example",
    "manager": "manager@eimin.example",
    "adviser": "adviser@mita.example",
    "analyst": "analyst@eimin.example",
    "observer": "observer@innopart.example",
    "coordinator": "coordinator@nemunas.example",  # coordinates FOODCIRCLE and the funded AGRIVAL partnership
    "partner": "partner@ktu.example",  # a partner (KTU) in both
    "outsider": "newcomer@linas.example",  # another consortium's applicant; owns the draft TEXLOOP
    "chair": "chair@jury.example",  # chairs the pilot round's jury
    "juror": "juror@jury.example",
}
SIGNED_IN = frozenset(IDENTITIES) - {"anonymous"}
EVERYONE = frozenset(IDENTITIES)
NOBODY: frozenset[str] = frozenset()
MINISTRY = frozenset({"manager"})
CONSORTIUM = frozenset({"coordinator", "partner"})
JURY = frozenset({"chair", "juror"})
ANALYSTS = frozenset({"analyst", "manager"})  # diagnoses and the stress test are written by analysts and the ministry
STRESS_READERS = ANALYSTS | {"adviser", "observer"}


@dataclass(frozen=True)
class Rule:
    allowed: frozenset
    post_only: bool = False  # the view answers POST only: refused identities get an empty POST


def rule(*groups, post_only: bool = False) -> Rule:
    return Rule(frozenset().union(*groups), post_only)


# Who may use each view. Filled from the roles' purpose (briefing and docs/roles), then checked against the code.
ACCESS: dict[str, Rule] = {
    # Public: the front page, calls, results, the observatory, funded partnerships, the API's public reads.
    "core:home": rule(EVERYONE),
    "workspace:start": rule(SIGNED_IN),
    "core:audit": rule({"administrator"}),
    "ops:operations": rule({"administrator"}),
    "set_language": rule(EVERYONE),
    "javascript-catalog": rule(EVERYONE),
    "accounts:login": rule(EVERYONE),
    "accounts:logout": rule(EVERYONE, post_only=True),
    "accounts:password_reset": rule(EVERYONE),
    "accounts:password_reset_done": rule(EVERYONE),
    "accounts:password_reset_confirm": rule(EVERYONE),
    "accounts:password_reset_complete": rule(EVERYONE),
    "api:api-root": rule(NOBODY),  # the API's prefix, not an endpoint
    "api:openapi-json": rule(EVERYONE),
    "api:openapi-view": rule(EVERYONE),
    "api:list_calls": rule(EVERYONE),
    "api:get_call": rule(EVERYONE),
    "api:list_partnerships": rule(SIGNED_IN),
    "api:get_partnership": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "api:my_applications": rule(SIGNED_IN),
    "api:my_application": rule(CONSORTIUM),
    "api:regions": rule(EVERYONE),
    "api:region": rule(EVERYONE),
    "api:indicators": rule(EVERYONE),
    "api:indicator": rule(EVERYONE),
    "api:observations": rule(EVERYONE),
    "api:index": rule(EVERYONE),
    "api:stars": rule(EVERYONE),
    "accounts:api_tokens": rule(SIGNED_IN),
    "accounts:revoke_token": rule({"coordinator"}, post_only=True),  # the token's owner only
    # Calls: read by all; designed and published by the ministry.
    "calls:list": rule(EVERYONE),
    "calls:detail": rule(EVERYONE),
    "calls:manage_list": rule(MINISTRY),
    "calls:create": rule(MINISTRY),
    "calls:edit": rule(MINISTRY),
    "calls:manage_detail": rule(MINISTRY),
    "calls:publish": rule(MINISTRY, post_only=True),
    "calls:correct": rule(MINISTRY, post_only=True),
    # Applications: the consortium writes; the ministry reads submitted ones.
    "applications:dashboard": rule(SIGNED_IN),
    "applications:start": rule(CONSORTIUM, {"outsider"}),
    "applications:detail": rule(CONSORTIUM, MINISTRY),
    "applications:edit_details": rule({"outsider"}),
    "applications:section": rule({"outsider"}),
    "applications:partners": rule({"outsider"}),
    "applications:eligibility_preview": rule({"outsider"}),
    "applications:edit_partner": rule({"outsider"}),
    "applications:remove_partner": rule({"outsider"}, post_only=True),
    "applications:letter": rule(CONSORTIUM, MINISTRY),
    "applications:plan": rule({"outsider"}),
    "applications:submit": rule({"outsider"}, post_only=True),
    "applications:withdraw": rule({"outsider"}, post_only=True),
    "applications:snapshot": rule(CONSORTIUM, MINISTRY),
    "applications:ministry_list": rule(MINISTRY),
    # Selection: the ministry runs it, the jury scores, the observer reads, applicants get their letters.
    "evaluation:manage_jury": rule(MINISTRY, {"observer"}),
    "evaluation:start_scoring": rule(MINISTRY, post_only=True),
    "evaluation:ranking": rule(MINISTRY, {"observer"}),
    "evaluation:ranking_uncertainty": rule(MINISTRY, {"observer"}),
    "evaluation:publish": rule(MINISTRY, post_only=True),
    "evaluation:request_letters": rule(MINISTRY, post_only=True),
    "evaluation:letter_batch": rule(MINISTRY),
    "evaluation:panel_run": rule(MINISTRY, {"observer"}),
    "evaluation:letters_zip": rule(MINISTRY),
    "evaluation:jury_home": rule(SIGNED_IN),  # one's own juries; empty for anyone on none
    "evaluation:jury_call": rule(JURY),
    "evaluation:chair_advance": rule({"chair"}, post_only=True),
    "evaluation:rule": rule({"chair"}, post_only=True),
    "evaluation:override": rule({"chair"}, post_only=True),
    "evaluation:jury_application": rule(JURY),
    "evaluation:ask": rule(JURY, post_only=True),
    "evaluation:revise": rule(JURY, post_only=True),
    "evaluation:consensus": rule({"chair"}, post_only=True),
    "evaluation:questions": rule(CONSORTIUM),
    "evaluation:letter": rule(CONSORTIUM, MINISTRY),
    "evaluation:letter_pdf": rule(CONSORTIUM, MINISTRY),
    "evaluation:results": rule(EVERYONE),
    # Observatory: open data for everyone; analysts import, define peer groups and the index.
    "observatory:catalogue": rule(EVERYONE),
    "observatory:upload": rule({"analyst"}, MINISTRY),
    "observatory:refreshes": rule({"analyst"}, MINISTRY),
    "observatory:region_pdf": rule(EVERYONE),
    "observatory:edit_indicator": rule({"analyst"}, MINISTRY),
    "observatory:chart_download": rule(EVERYONE),
    "observatory:refresh": rule({"analyst"}, MINISTRY),
    "observatory:new_peer_group": rule({"analyst", "adviser"}, MINISTRY),
    "observatory:peer_group": rule({"analyst"}),
    "observatory:edit_peer_group": rule({"analyst"}),
    "observatory:delete_peer_group": rule({"analyst"}, post_only=True),
    "observatory:map": rule(EVERYONE),
    "observatory:compare": rule(EVERYONE),
    "observatory:industrial_change": rule(EVERYONE),
    "observatory:edit_index": rule({"analyst"}),
    "observatory:index_run": rule(EVERYONE),
    "observatory:region": rule(EVERYONE),
    # Diagnosis and the stress test: analysts and the ministry write, published work is public.
    "diagnosis:stress_overview": rule(STRESS_READERS),
    "diagnosis:stress_compare": rule(STRESS_READERS),
    "diagnosis:stress_questions": rule(STRESS_READERS),
    "diagnosis:stress_question_new": rule(ANALYSTS),
    "diagnosis:stress_question": rule(ANALYSTS),
    "diagnosis:stress_assessment": rule(STRESS_READERS),
    "diagnosis:list": rule(EVERYONE),
    "diagnosis:new": rule(ANALYSTS),
    "diagnosis:detail": rule(EVERYONE),
    "diagnosis:edit": rule(ANALYSTS),
    "diagnosis:publish": rule(ANALYSTS, post_only=True),
    "diagnosis:briefing": rule(EVERYONE),
    "diagnosis:briefing_pdf": rule(EVERYONE),
    "diagnosis:add": rule(ANALYSTS),
    "diagnosis:part": rule(ANALYSTS),
    "diagnosis:delete": rule(ANALYSTS, post_only=True),
    # Matchmaking and support.
    "matchmaking:find_partners": rule({"outsider"}),
    "matchmaking:call_questions": rule(EVERYONE),
    "matchmaking:manage_questions": rule(MINISTRY),
    "matchmaking:posts": rule(SIGNED_IN),
    "matchmaking:contacts": rule(SIGNED_IN),
    "matchmaking:contact_new": rule({"coordinator", "partner", "outsider"}),
    "matchmaking:answer": rule({"coordinator"}, post_only=True),
    "matchmaking:applicant_advice": rule({"outsider"}),
    "matchmaking:resolve": rule({"outsider"}, post_only=True),
    "matchmaking:adviser_home": rule({"adviser"}),
    "matchmaking:adviser_application": rule({"adviser"}),
    "matchmaking:events": rule(SIGNED_IN),
    "matchmaking:event": rule(SIGNED_IN),
    "matchmaking:request_meeting": rule(SIGNED_IN, post_only=True),
    "matchmaking:plan": rule(MINISTRY, {"adviser"}, post_only=True),
    "matchmaking:calendar": rule({"coordinator"}),
    "matchmaking:schedule_pdf": rule({"coordinator"}),
    # Partnerships: the consortium reports, the ministry and the agency monitor, the public sees the portfolio.
    "partnerships:list": rule(SIGNED_IN),
    # Both awarded demo applications have their partnership already: the page refuses to prepare a second one.
    "partnerships:prepare": rule(NOBODY),
    "partnerships:detail": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "partnerships:agreement": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "partnerships:sign": rule({"coordinator"}, MINISTRY, post_only=True),
    "partnerships:agreement_pdf": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "partnerships:milestone": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "partnerships:evidence": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "partnerships:report": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "partnerships:kpis": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "partnerships:export_kpis": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "partnerships:projection": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "partnerships:pay": rule(MINISTRY),
    "partnerships:plans": rule(CONSORTIUM, MINISTRY, {"adviser", "observer"}),
    "partnerships:status": rule(CONSORTIUM, post_only=True),
    "partnerships:programme": rule(MINISTRY, {"adviser", "observer"}),
    "partnerships:funded": rule(EVERYONE),
    "core:style_guide": rule(EVERYONE),
    "partnerships:public": rule(EVERYONE),
    "partnerships:roadmap_item": rule(MINISTRY, post_only=True),
    "partnerships:export_portfolio": rule(MINISTRY, {"adviser", "observer"}),
    "partnerships:export_payments": rule(MINISTRY, {"adviser", "observer"}),
    # Organisations: each member edits its own profile.
    "organisations:mine": rule(SIGNED_IN),
    "organisations:edit": rule({"coordinator"}),
}


def _patterns():
    def walk(patterns, namespace=None):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                yield f"{namespace}:{entry.name}" if namespace else entry.name, entry

    return dict(walk(get_resolver().url_patterns))


class Demo:
    """The demo objects the addresses point at, looked up once the demo is loaded."""

    def __init__(self):
        from innopart.accounts import tokens
        from innopart.accounts.models import User
        from innopart.applications.models import Application
        from innopart.diagnosis.models import Diagnosis, Objective, StressAssessment, StressQuestion
        from innopart.evaluation.models import Declaration, LetterBatch, PanelRun
        from innopart.matchmaking.models import AdviserComment, ContactRequest, Event, Registration
        from innopart.observatory.models import DatasetRefresh, IndexRun, Indicator, PeerGroup
        from innopart.organisations.models import Organisation
        from innopart.partnerships.models import RoadmapItem

        self.application = Application.objects.get(acronym="FOODCIRCLE")
        self.awarded = Application.objects.get(acronym="AGRIVAL")
        self.partnership = self.awarded.partnership
        self.partner = self.application.partners.exclude(role="coordinator").first()
        self.draft = Application.objects.get(acronym="TEXLOOP")
        self.draft_partner = self.draft.partners.exclude(role="coordinator").first()
        self.pilot = self.awarded.call.slug
        self.call = self.application.call.slug
        self.diagnosis = Diagnosis.objects.first()
        self.objective = Objective.objects.filter(diagnosis=self.diagnosis).first()
        self.question = StressQuestion.objects.first()
        self.assessment = StressAssessment.objects.first()
        self.declaration = Declaration.objects.first()
        self.comment = AdviserComment.objects.get(application=self.draft)
        self.event = Event.objects.first()
        self.registration = Registration.objects.get(event=self.event, organisation=self.application.coordinator)
        self.run = IndexRun.objects.first()
        self.roadmap = RoadmapItem.objects.first()
        self.group = PeerGroup.objects.get(slug="analysts-group")
        self.organisation = self.application.coordinator
        self.contactable = Organisation.objects.filter(is_contactable=True, memberships__isnull=True).first()
        self.milestone = self.partnership.milestones.exclude(evidence="").first() or self.partnership.milestones.first()
        self.tranche = self.partnership.tranches.first()
        self.action = self.partnership.actions.first()
        self.contact = ContactRequest.objects.first()
        self.letter_batch = LetterBatch.objects.first()
        self.refresh = DatasetRefresh.objects.create(
            dataset="nama_10r_2gdp",
            indicator=Indicator.objects.get(code="gdp_mio_eur"),
            state=DatasetRefresh.State.FAILED,
            error="A failure only analysts and the ministry may read.",
        )
        self.chart_key = _a_chart()
        owner = User.objects.get(email=IDENTITIES["coordinator"])
        self.token = tokens.make(user=owner, name="A program", scopes=[], days=None)[0]
        self.panel_run = PanelRun.objects.first() or PanelRun.objects.create(
            evaluation=self.letter_batch.evaluation,
            requested_by=self.letter_batch.requested_by,
            panel_size=3,
            state=PanelRun.State.FAILED,
            reasons=["A reason only the ministry may read."],
        )


def _a_chart() -> str:
    """The key of a chart as a page draws it: the map of one shipped indicator."""
    import re

    from innopart.observatory.charts import choropleth
    from innopart.observatory.models import Observation

    values = dict(
        Observation.objects.filter(indicator__code="employment_rate_15_64", year=2019, region__level=2).values_list(
            "region__code", "value"
        )
    )
    svg = choropleth(values, title="Employment rate", subtitle="2019", no_data="", decimals=1)
    return re.search(r"/observatory/charts/([0-9a-f]{64})\.svg", svg).group(1)


ARGS: dict[str, object] = {
    "calls:detail": lambda d: {"slug": d.call},
    "calls:manage_detail": lambda d: {"slug": d.call},
    "calls:edit": lambda d: {"slug": d.call},
    "calls:publish": lambda d: {"slug": d.call},
    "calls:correct": lambda d: {"slug": d.call},
    "api:get_call": lambda d: {"slug": d.call},
    "api:my_application": lambda d: {"pk": d.application.pk},
    "api:get_partnership": lambda d: {"pk": d.partnership.pk},
    "api:region": lambda d: {"code": "LT01"},
    "api:indicator": lambda d: {"code": "berd_pct_gdp"},
    "accounts:revoke_token": lambda d: {"pk": d.token.pk},
    "accounts:password_reset_confirm": lambda d: {"uidb64": "MQ", "token": "set-password"},
    "applications:start": lambda d: {"slug": d.call},
    "applications:detail": lambda d: {"pk": d.application.pk},
    "applications:edit_details": lambda d: {"pk": d.draft.pk},
    "applications:section": lambda d: {"pk": d.draft.pk, "kind": "strategic_relevance"},
    "applications:partners": lambda d: {"pk": d.draft.pk},
    "applications:eligibility_preview": lambda d: {"pk": d.draft.pk},
    "applications:edit_partner": lambda d: {"pk": d.draft.pk, "partner_pk": d.draft_partner.pk},
    "applications:remove_partner": lambda d: {"pk": d.draft.pk, "partner_pk": d.draft_partner.pk},
    "applications:letter": lambda d: {"pk": d.application.pk, "partner_pk": d.partner.pk},
    "applications:plan": lambda d: {"pk": d.draft.pk},
    "applications:submit": lambda d: {"pk": d.draft.pk},
    "applications:withdraw": lambda d: {"pk": d.draft.pk},
    "applications:snapshot": lambda d: {"pk": d.application.pk, "number": 1},
    "applications:ministry_list": lambda d: {"slug": d.call},
    "evaluation:manage_jury": lambda d: {"slug": d.pilot},
    "evaluation:start_scoring": lambda d: {"slug": d.pilot},
    "evaluation:ranking": lambda d: {"slug": d.pilot},
    "evaluation:ranking_uncertainty": lambda d: {"slug": d.pilot},
    "evaluation:publish": lambda d: {"slug": d.pilot},
    "evaluation:request_letters": lambda d: {"slug": d.pilot},
    "evaluation:letter_batch": lambda d: {"slug": d.pilot, "pk": d.letter_batch.pk},
    "evaluation:panel_run": lambda d: {"slug": d.pilot, "pk": d.panel_run.pk},
    "evaluation:letters_zip": lambda d: {"slug": d.pilot, "pk": d.letter_batch.pk},
    "evaluation:jury_call": lambda d: {"slug": d.pilot},
    "evaluation:chair_advance": lambda d: {"slug": d.pilot},
    "evaluation:rule": lambda d: {"slug": d.pilot, "pk": d.declaration.pk},
    "evaluation:override": lambda d: {"slug": d.pilot},
    "evaluation:jury_application": lambda d: {"slug": d.pilot, "pk": d.awarded.pk},
    "evaluation:ask": lambda d: {"slug": d.pilot, "pk": d.awarded.pk},
    "evaluation:revise": lambda d: {"slug": d.pilot, "pk": d.awarded.pk},
    "evaluation:consensus": lambda d: {"slug": d.pilot, "pk": d.awarded.pk, "criterion": "potential"},
    "evaluation:questions": lambda d: {"pk": d.awarded.pk},
    "evaluation:letter": lambda d: {"pk": d.awarded.pk},
    "evaluation:letter_pdf": lambda d: {"pk": d.awarded.pk},
    "evaluation:results": lambda d: {"slug": d.pilot},
    "observatory:peer_group": lambda d: {"slug": d.group.slug},
    "observatory:edit_peer_group": lambda d: {"slug": d.group.slug},
    "observatory:delete_peer_group": lambda d: {"slug": d.group.slug},
    "observatory:index_run": lambda d: {"pk": d.run.pk},
    "observatory:refresh": lambda d: {"pk": d.refresh.pk},
    "observatory:region_pdf": lambda d: {"code": "LT01"},
    "observatory:edit_indicator": lambda d: {"code": "gdp_mio_eur"},
    "observatory:chart_download": lambda d: {"key": d.chart_key, "fmt": "csv"},
    "observatory:region": lambda d: {"code": "LT01"},
    "diagnosis:stress_question": lambda d: {"pk": d.question.pk},
    "diagnosis:stress_assessment": lambda d: {"pk": d.assessment.pk},
    "diagnosis:detail": lambda d: {"slug": d.diagnosis.slug},
    "diagnosis:edit": lambda d: {"slug": d.diagnosis.slug},
    "diagnosis:publish": lambda d: {"slug": d.diagnosis.slug},
    "diagnosis:briefing": lambda d: {"slug": d.diagnosis.slug},
    "diagnosis:briefing_pdf": lambda d: {"slug": d.diagnosis.slug},
    "diagnosis:add": lambda d: {"slug": d.diagnosis.slug, "kind": "objective"},
    "diagnosis:part": lambda d: {"slug": d.diagnosis.slug, "kind": "objective", "pk": d.objective.pk},
    "diagnosis:delete": lambda d: {"slug": d.diagnosis.slug, "kind": "objective", "pk": d.objective.pk},
    "matchmaking:find_partners": lambda d: {"pk": d.draft.pk},
    "matchmaking:call_questions": lambda d: {"slug": d.call},
    "matchmaking:manage_questions": lambda d: {"slug": d.call},
    "matchmaking:answer": lambda d: {"pk": d.contact.pk},
    "matchmaking:applicant_advice": lambda d: {"pk": d.draft.pk},
    "matchmaking:resolve": lambda d: {"pk": d.draft.pk, "comment": d.comment.pk},
    "matchmaking:adviser_application": lambda d: {"pk": d.draft.pk},
    "matchmaking:event": lambda d: {"pk": d.event.pk},
    "matchmaking:request_meeting": lambda d: {"pk": d.event.pk},
    "matchmaking:plan": lambda d: {"pk": d.event.pk},
    "matchmaking:calendar": lambda d: {"pk": d.event.pk, "registration": d.registration.pk},
    "matchmaking:schedule_pdf": lambda d: {"pk": d.event.pk, "registration": d.registration.pk},
    "partnerships:prepare": lambda d: {"application_pk": d.awarded.pk},
    "partnerships:detail": lambda d: {"pk": d.partnership.pk},
    "partnerships:public": lambda d: {"pk": d.partnership.pk},
    "partnerships:agreement": lambda d: {"pk": d.partnership.pk},
    "partnerships:sign": lambda d: {"pk": d.partnership.pk, "number": 1},
    "partnerships:agreement_pdf": lambda d: {"pk": d.partnership.pk, "number": 1},
    "partnerships:milestone": lambda d: {"pk": d.partnership.pk, "milestone_pk": d.milestone.pk},
    "partnerships:evidence": lambda d: {"pk": d.partnership.pk, "kind": "milestone", "item_pk": d.milestone.pk},
    "partnerships:report": lambda d: {"pk": d.partnership.pk, "year": 1},
    "partnerships:kpis": lambda d: {"pk": d.partnership.pk},
    "partnerships:export_kpis": lambda d: {"pk": d.partnership.pk, "fmt": "csv"},
    "partnerships:projection": lambda d: {"pk": d.partnership.pk},
    "partnerships:pay": lambda d: {"pk": d.partnership.pk, "tranche_pk": d.tranche.pk},
    "partnerships:plans": lambda d: {"pk": d.partnership.pk},
    "partnerships:status": lambda d: {"pk": d.partnership.pk, "kind": "action", "item_pk": d.action.pk},
    "partnerships:roadmap_item": lambda d: {"pk": d.roadmap.pk},
    "partnerships:export_portfolio": lambda d: {"fmt": "csv"},
    "partnerships:export_payments": lambda d: {"fmt": "csv"},
    "organisations:edit": lambda d: {"pk": d.organisation.pk},
}


# Views that read which object from the query string.
QUERY = {"matchmaking:contact_new": lambda d: f"?to={d.contactable.pk}"}


def _address(name: str, demo: Demo) -> str:
    pattern = _patterns()[name]
    url = reverse(name, kwargs=ARGS[name](demo)) if pattern.pattern.converters else reverse(name)
    return url + (QUERY[name](demo) if name in QUERY else "")


def _outcome(response) -> str:
    if response.status_code == 500:
        return "error"
    if response.status_code in (401,) or (
        response.status_code in (301, 302, 303) and "/accounts/login/" in response.get("Location", "")
    ):
        return "login"
    if response.status_code in (403, 404):
        return "denied"
    if response.status_code == 405:
        return "method"
    return "ok" if response.status_code < 400 else f"status {response.status_code}"
