"""The demo's finished selection: a pilot round of the competition, run to the end through the real services.

Its call closed in 2022; a jury of seven with an industry majority declared conflicts (two are detected from
affiliations, one potential conflict is cleared by the chair), scored, asked and answered clarification questions,
agreed a consensus, and the ministry awarded two partnerships and published the results. Every applicant has a
decision letter.
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from innopart.accounts.models import RoleAssignment, User
from innopart.applications import services as application_services
from innopart.applications.enums import SectionKind
from innopart.applications.models import Application
from innopart.calls import services as call_services
from innopart.calls.enums import Criterion
from innopart.calls.models import Call
from innopart.evaluation import services as evaluation
from innopart.evaluation.enums import Phase
from innopart.evaluation.models import Juror

from . import data
from .consortia import attach_letter, plan_cells
from .people import demo_user
from .texts import TEXTS

SLUG = "ipc-2022-pilot"
ZONE = timezone.get_default_timezone()

JURY = [
    # email, name, sector, affiliation, chair, past affiliation (organisation, ended on)
    ("chair@jury.example", "Demo Jury Chair", "industry", None, True, None),
    ("juror@jury.example", "Demo Jury Member (works at Robotika)", "industry", "robotika", False, None),
    ("juror2@jury.example", "Demo Jury Member 2", "industry", None, False, None),
    ("juror3@jury.example", "Demo Jury Member 3 (formerly Agrovita)", "industry", None, False, ("agrovita", None)),
    ("juror4@jury.example", "Demo Jury Member 4 (LINPRA)", "industry", "linpra", False, None),
    ("juror5@jury.example", "Demo Jury Member 5 (Ministry)", "ministry", "eimin", False, None),
    ("juror6@jury.example", "Demo Jury Member 6 (MITA)", "agency", "mita", False, None),
]

# acronym, title, coordinator, field, partners (key partner flag), consensus scores in Criterion order
PILOT = [
    (
        "AGRIVAL",
        "Higher-value uses of agri-food residues",
        "nemunas",
        "circular-economy",
        [("agrovita", False), ("ekorecycle", False), ("lammc", False), ("nordicpack", True), ("ktu", False)],
        (4.5, 4.0, 4.0, 3.5),
    ),
    (
        "ROBOLINE",
        "Robotic production lines for manufacturing SMEs",
        "bsmc",
        "industry-4-0",
        [("robotika", False), ("dataforge", False), ("bmw", False), ("vilniustech", False), ("scandi", True)],
        (4.5, 4.5, 4.0, 4.0),
    ),
    (
        "PHOTON",
        "Photonics for precision manufacturing",
        "lasertech",
        "industry-4-0",
        [("ftmc", False), ("vu", False), ("bmw", True), ("dataforge", False)],
        (4.0, 4.0, 4.5, 3.5),
    ),
    (
        "GREENPACK",
        "Packaging from green chemistry",
        "circult",
        "circular-economy",
        [("greenchem", False), ("biopack", False), ("lammc", False), ("nordicpack", True)],
        (3.5, 4.0, 3.5, 4.0),
    ),
    (
        "WOODSMART",
        "Smart wood processing",
        "woodline",
        "industry-4-0",
        [("lei", False), ("robotika", False), ("verslo", False), ("ktu", False), ("scandi", True)],
        (3.0, 3.5, 3.5, 3.0),
    ),
]

ADVICE = {
    Criterion.POTENTIAL: (
        "A clear market vision backed by letters from buyers.",
        "The technological roadmap beyond the third year is thin.",
        "Quantify the market and show which steps of the value chain stay in Lithuania.",
    ),
    Criterion.NETWORK: (
        "The consortium combines companies, research and an international partner.",
        "Few SMEs beyond the founding members are engaged.",
        "Show how SMEs outside the consortium will join, with numbers and a timetable.",
    ),
    Criterion.IMPLEMENTATION: (
        "A staffed coordination office and pilot projects in year one.",
        "Milestones after the set-up phase are vague.",
        "Tie each milestone to a measurable output and an owner.",
    ),
    Criterion.FUTURE: (
        "Own income from services grows every year.",
        "The plan relies on EU funds that are not yet secured.",
        "Add a fallback for EU funding and explain how fees will be set.",
    ),
}


def _local(*args) -> datetime:
    return timezone.make_aware(datetime(*args), ZONE)


def load_pilot(ctx: dict) -> None:
    if Call.objects.filter(slug=SLUG).exists():
        return
    manager = ctx["users"]["manager@eimin.example"]
    call = call_services.create_call(
        actor=manager,
        slug=SLUG,
        thematic_fields=list(ctx["fields"].values()),
        data={
            "title": "Innovation Partnership Competition, pilot round 2022",
            "title_lt": "Inovacijų partnerysčių konkursas, 2022 m. bandomasis etapas",
            "summary": "The pilot round: two partnerships awarded in autumn 2022.",
            "summary_lt": "Bandomasis etapas: dvi partnerystės finansuotos 2022 m. rudenį.",
            "description": data.CALL_TEXT["description"],
            "description_lt": data.CALL_TEXT["description_lt"],
            "total_budget": Decimal("10000000"),
            "max_grant": Decimal("5000000"),
            "time_zone": "Europe/Vilnius",
            "publication_date": date(2022, 1, 15),
            "deadline": _local(2022, 6, 2, 15, 0),
            "award_date": date(2022, 10, 1),
            "start_date": date(2023, 1, 1),
        },
    )
    call_services.publish_call(actor=manager, call=call, now=_local(2022, 1, 15, 9, 0))
    call = Call.objects.select_related("published_version").get(pk=call.pk)
    applications = {}
    for acronym, title, coordinator_key, field, partners, _scores in PILOT:
        applications[acronym] = _submitted_application(ctx, call, acronym, title, coordinator_key, field, partners)
    run = evaluation.evaluation_for(call)
    jurors = {}
    for email, name, sector, affiliation, chair, past in JURY:
        user = _user(email, name, "jury_chair" if chair else "jury_member")
        # The earlier affiliation ended a little over a year ago: still inside the three-year window.
        past_rows = [(ctx["orgs"][past[0]], timezone.localdate() - timezone.timedelta(days=400))] if past else []
        jurors[email] = Juror.objects.filter(evaluation=run, user=user).first() or evaluation.appoint_juror(
            actor=manager,
            evaluation=run,
            user=user,
            sector=sector,
            affiliation=ctx["orgs"][affiliation] if affiliation else None,
            is_chair=chair,
            past_affiliations=past_rows,
            expertise="Demonstration juror",
        )
    evaluation.change_phase(actor=manager, evaluation=run, to=Phase.INDIVIDUAL)
    _declare_and_score(run, jurors, applications)
    chair = jurors["chair@jury.example"]
    run.clarification_deadline = timezone.now() + timezone.timedelta(days=14)
    run.save(update_fields=["clarification_deadline"])
    evaluation.change_phase(actor=chair.user, evaluation=run, to=Phase.CLARIFICATION)
    _clarify(ctx, run, jurors, applications)
    evaluation.change_phase(actor=chair.user, evaluation=run, to=Phase.CONSENSUS)
    for acronym, *_rest, scores in PILOT:
        for criterion, score in zip(Criterion, scores, strict=True):
            strengths, weaknesses, improvement = ADVICE[criterion]
            evaluation.record_consensus(
                actor=chair.user,
                evaluation=run,
                application=applications[acronym],
                criterion=criterion.value,
                score=Decimal(str(score)),
                strengths=strengths,
                weaknesses=weaknesses,
                improvement=improvement,
                dissent="One juror would have scored half a point higher." if acronym == "PHOTON" else "",
            )
    evaluation.change_phase(actor=chair.user, evaluation=run, to=Phase.DECISION)
    evaluation.award(
        actor=manager,
        evaluation=run,
        awarded=[applications["ROBOLINE"], applications["AGRIVAL"]],
        reserve=[applications["PHOTON"]],
        password=data.PASSWORD,
    )
    for acronym, name in (("ROBOLINE", "Demo Coordinator of ROBOLINE"), ("AGRIVAL", "Demo Coordinator of AGRIVAL")):
        application = applications[acronym]
        application.refresh_from_db()
        evaluation.appoint_coordinator(
            actor=manager,
            application=application,
            full_name=name,
            email=f"{acronym.lower()}@partnership.example",
            organisation=application.coordinator,
        )
    evaluation.publish_results(
        actor=manager,
        evaluation=run,
        password=data.PASSWORD,
        announcement="Demo statement: the ministry thanks every consortium that applied. Unsuccessful applicants "
        "read the jury's advice in their decision letters and may apply again in the next round.",
        announcement_lt="Demonstracinis pranešimas: ministerija dėkoja visiems paraiškas pateikusiems konsorciumams. "
        "Nelaimėję pareiškėjai vertinimo komisijos patarimus ras sprendimų raštuose ir gali teikti paraiškas kitame "
        "etape.",
    )
    from .partnerships import load_partnerships

    load_partnerships(ctx, applications)


def _user(email: str, name: str, role: str) -> User:
    user = demo_user(email, name)
    RoleAssignment.objects.get_or_create(user=user, role=role)
    return user


def _submitted_application(ctx, call, acronym, title, coordinator_key, field, partners) -> Application:
    orgs = ctx["orgs"]
    coordinator = orgs[coordinator_key]
    user = next(u for u in ctx["users"].values() if u.memberships.filter(organisation=coordinator).exists())
    application = application_services.start_application(
        actor=user,
        call=call,
        coordinator=coordinator,
        title=title,
        acronym=acronym,
        thematic_field=ctx["fields"][field],
        now=_local(2022, 3, 1, 10, 0),
    )
    for key, key_partner in partners:
        partner = application_services.add_partner(
            actor=user,
            application=application,
            organisation=orgs[key],
            is_key_partner=key_partner,
            contribution=orgs[key].capabilities,
        )
        attach_letter(partner, acronym)
    bodies = TEXTS["generic"](acronym, title)
    for section in application.sections.all():
        application_services.save_section(
            actor=user, section=section, body=bodies[SectionKind(section.kind)], expected_version=section.version
        )
    application_services.save_plan(
        actor=user, application=application, duration_years=8, cells=plan_cells(8, 450_000), expected_version=0
    )
    application_services.submit_application(actor=user, application=application, now=_local(2022, 5, 20, 12, 0))
    application.refresh_from_db()
    return application


def _declare_and_score(run, jurors, applications) -> None:
    from innopart.evaluation import selectors

    for number, juror in enumerate(jurors.values()):
        juror = selectors.juror_of(juror.user, run)
        for acronym, *_rest, consensus in PILOT:
            application = applications[acronym]
            if selectors.access(juror, application).blocked:
                continue  # detected affiliation conflicts: the juror never sees the application
            potential = juror.user.email == "juror6@jury.example" and acronym == "PHOTON"
            evaluation.declare(
                actor=juror.user,
                juror=juror,
                application=application,
                level="potential" if potential else "none",
                reason="MITA advised the consortium on its partner search." if potential else "",
            )
            if potential:
                from innopart.evaluation.models import Declaration

                chair = jurors["chair@jury.example"]
                evaluation.rule(
                    actor=chair.user,
                    declaration=Declaration.objects.get(juror=juror, application=application),
                    conflicted=False,
                    reason="Advice on partner search is the agency's public task.",
                )
            juror = selectors.juror_of(juror.user, run)
            scores = {}
            for i, (criterion, agreed) in enumerate(zip(Criterion, consensus, strict=True)):
                # Jurors differ in a fixed pattern (some stricter, some milder), so that the consensus is a real
                # agreement and the calibration view has something to show.
                shift = (0.0, 0.5, -0.5, 0.0, -0.5, 0.5, 0.0)[number] + (0.5, 0.0, -0.5, 0.0)[(number + i) % 4] / 2
                shift = round(shift * 2) / 2
                value = min(5.0, max(0.0, agreed + shift))
                strengths, weaknesses, improvement = ADVICE[criterion]
                scores[criterion.value] = {
                    "score": value,
                    "justification": f"{strengths} {weaknesses}",
                    "strengths": strengths,
                    "weaknesses": weaknesses,
                    "improvement": improvement,
                }
            evaluation.save_review(actor=juror.user, juror=juror, application=application, scores=scores, submit=True)


def _clarify(ctx, run, jurors, applications) -> None:
    from innopart.evaluation import selectors
    from innopart.evaluation.models import Score

    juror = selectors.juror_of(jurors["juror2@jury.example"].user, run)
    application = applications["PHOTON"]
    question = evaluation.ask(
        actor=juror.user,
        juror=juror,
        application=application,
        criteria=[Criterion.IMPLEMENTATION.value],
        text="Who will lead the coordination office in the first year, and how many hours a week are planned?",
    )
    coordinator = next(
        u for u in ctx["users"].values() if u.memberships.filter(organisation=application.coordinator).exists()
    )
    evaluation.answer(
        actor=coordinator,
        question=question,
        text="Our operations director leads it at 50% from month one; a second manager joins in "
        "month six after the coordination managers' training.",
    )
    score = Score.objects.get(
        review__juror=juror, review__application=application, criterion=Criterion.IMPLEMENTATION.value
    )
    evaluation.revise_score(
        actor=juror.user, score=score, value=min(Decimal(5), score.score + Decimal("0.5")), question=question
    )
