"""An EU-size competition for load tests and benchmarks: `innopart demo --scale eu` (or `--scale N` applications).

One closed call with N consortium applications (3-10 partners each, drawn from 2N invented organisations), an
expert pool of 3N experts with expertise words, economic sections, affiliations (which create conflicts of
interest) and past affiliations, the panels formed by the platform's own optimisation (k = 3), and three submitted
reviews per application with their scores. Everything is invented and labelled so ("Scale" in every name, the
organisations marked fictional): these are load-test figures, never evidence.

Rows are written with bulk inserts (the services' per-object checks would take hours at this size); the panels
go through ``evaluation.services.form_panels``, the same code the ministry's button runs. Deterministic (seeded).
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from innopart.accounts.enums import Role
from innopart.accounts.models import RoleAssignment, User
from innopart.applications.enums import ApplicationState, PartnerRole, SectionKind
from innopart.applications.models import Application, Partner, Section, Snapshot
from innopart.calls import services as call_services
from innopart.calls.enums import Criterion
from innopart.calls.models import Call, CallVersion, ThematicField
from innopart.core import audit
from innopart.evaluation import services as evaluation_services
from innopart.evaluation.enums import ConflictLevel, Phase, ReviewState, Sector
from innopart.evaluation.models import Assignment, Declaration, Evaluation, Juror, PastAffiliation, Review, Score
from innopart.organisations.enums import MemberRole, OrganisationType
from innopart.organisations.models import Membership, Organisation

from . import data

SLUG = "scale-competition"
EU = {"applications": 5000}


def _listed(text: str) -> list[str]:
    return text.split()


BATCH = 2000
COUNTRIES = _listed("AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK")
NACE = _listed(
    "01.11 10.51 13.10 17.21 20.14 21.10 22.21 24.10 25.62 26.11 27.11 28.41 29.10 30.30 35.11 38.32 "
    "41.20 46.90 49.41 52.10 58.29 62.01 63.11 71.12 72.11 72.19 73.11 85.42 86.10"
)
TOPICS = _listed(
    "robotics photonics biotechnology bioeconomy textiles recycling hydrogen batteries semiconductors lasers "
    "logistics agrifood dairy forestry timber construction mobility aerospace maritime fisheries tourism "
    "pharmaceuticals diagnostics medtech software cybersecurity blockchain analytics quantum materials polymers "
    "packaging chemicals fertilisers energy storage solar wind geothermal water wastewater circular design "
    "fashion furniture printing electronics sensors automation machining welding additive ceramics glass "
    "metals steel aluminium mining railways ports aviation space satellites telecom broadband gaming media "
    "education healthcare ageing nutrition vaccines genomics proteins enzymes algae insects cereals vineyards"
)


def load_scale(applications: int = EU["applications"], *, seed: int = 0, progress=lambda step, total, label: None):
    """Create the competition once (a second run with the same size finds it and returns it)."""
    existing = Call.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    rng = random.Random(seed)  # noqa: S311  (invented load-test data, not a secret)
    manager = User.objects.get(email="manager@eimin.example")
    steps = [
        ("call", lambda ctx: _call(ctx, manager)),
        ("organisations", lambda ctx: _organisations(ctx, rng, 2 * applications)),
        ("applicants", lambda ctx: _applicants(ctx, rng, applications)),
        ("applications", lambda ctx: _applications(ctx, rng, applications)),
        ("experts", lambda ctx: _experts(ctx, rng, 3 * applications, manager)),
        ("panels", lambda ctx: _panels(ctx, manager)),
        ("reviews", lambda ctx: _reviews(ctx, rng)),
    ]
    ctx: dict = {}
    for number, (label, step) in enumerate(steps, start=1):
        with transaction.atomic():
            step(ctx)
        progress(number, len(steps), label)
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner: before autovacuum's next pass it believed the call had ten
        # applications and sorted 30,000 rows on disk for a page of the application list.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return ctx["call"]


def _call(ctx: dict, manager) -> None:
    today = timezone.localdate()
    deadline_day = today + timedelta(days=60)
    deadline = timezone.make_aware(datetime.combine(deadline_day, time(17, 0)), timezone.get_default_timezone())
    call = call_services.create_call(
        actor=manager,
        slug=SLUG,
        thematic_fields=list(ThematicField.objects.all()),
        data={
            **data.CALL_TEXT,
            "title": "Scale test: an EU-size Innovation Partnership Competition (invented data)",
            "total_budget": Decimal("900000000"),
            "max_grant": Decimal("5000000"),
            "time_zone": "Europe/Brussels",
            "publication_date": today,
            "deadline": deadline,
            "award_date": deadline_day + timedelta(days=120),
            "start_date": deadline_day + timedelta(days=180),
        },
    )
    call_services.publish_call(actor=manager, call=call)
    call.refresh_from_db()
    # The submissions are over: the deadline moves to yesterday (a generator's shortcut; people cannot do this).
    CallVersion.objects.filter(pk=call.published_version_id).update(deadline=timezone.now() - timedelta(days=1))
    ctx["call"] = Call.objects.select_related("published_version").get(pk=call.pk)
    ctx["password"] = make_password(data.PASSWORD)
    audit.record(actor=manager, obj=call, action="demo.scale_generated", changes={"slug": SLUG})


def _organisations(ctx: dict, rng: random.Random, count: int) -> None:
    types = [t for t in OrganisationType.values if t != OrganisationType.OTHER]
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Scale Organisation {i:05d}",
                short_name=f"SCALE{i:05d}",
                type=types[i % len(types)],
                country=rng.choice(COUNTRIES),
                nace_codes=rng.sample(NACE, rng.randint(1, 3)),
                is_fictional=True,
                is_contactable=False,
            )
            for i in range(count)
        ],
        batch_size=BATCH,
    )
    ctx["organisations"] = list(
        Organisation.objects.filter(name__startswith="Scale Organisation ")
        .order_by("name")
        .values_list("pk", flat=True)
    )


def _applicants(ctx: dict, rng: random.Random, count: int) -> None:
    users = [
        User(email=f"applicant{i:05d}@scale.example", full_name=f"Scale Applicant {i:05d}", password=ctx["password"])
        for i in range(count)
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    ids = list(User.objects.filter(email__endswith="@scale.example").order_by("email").values_list("pk", flat=True))
    RoleAssignment.objects.bulk_create([RoleAssignment(user_id=u, role=Role.APPLICANT) for u in ids], batch_size=BATCH)
    coordinators = ctx["organisations"][:count]
    Membership.objects.bulk_create(
        [
            Membership(user_id=u, organisation_id=o, role=MemberRole.MANAGER)
            for u, o in zip(ids, coordinators, strict=True)
        ],
        batch_size=BATCH,
    )
    ctx["applicants"] = ids


def _applications(ctx: dict, rng: random.Random, count: int) -> None:
    call, orgs = ctx["call"], ctx["organisations"]
    fields = list(ThematicField.objects.order_by("code"))
    submitted = timezone.now() - timedelta(days=2)
    rows = []
    for i in range(count):
        topics = rng.sample(TOPICS, 6)
        rows.append(
            Application(
                call=call,
                coordinator_id=orgs[i],
                title=f"Scale partnership {i:05d}: {' and '.join(topics[:2])}",
                acronym=f"SCALE{i:05d}",
                thematic_field=fields[i % len(fields)],
                summary=f"A value chain in {', '.join(topics)}, invented for load tests.",
                duration_years=rng.choice([7, 8, 10]),
                state=ApplicationState.SUBMITTED,
                created_by_id=ctx["applicants"][i],
                submitted_at=submitted,
            )
        )
    Application.objects.bulk_create(rows, batch_size=BATCH)
    apps = list(Application.objects.filter(call=call).order_by("acronym"))
    partners, sections, snapshots = [], [], []
    for i, app in enumerate(apps):
        size = rng.randint(2, 9)
        others = [o for o in rng.sample(orgs, size + 1) if o != app.coordinator_id][:size]
        members = [(app.coordinator_id, PartnerRole.COORDINATOR)] + [(o, PartnerRole.PARTNER) for o in others]
        partners += [
            Partner(application=app, organisation_id=o, role=r, added_by_id=app.created_by_id) for o, r in members
        ]
        bodies = {kind: f"{SectionKind(kind).label}: {app.summary}" for kind in SectionKind.values}
        sections += [
            Section(application=app, kind=kind, body=body, version=1, updated_by_id=app.created_by_id)
            for kind, body in bodies.items()
        ]
        snapshots.append(
            Snapshot(
                application=app,
                number=1,
                call_version_id=call.published_version_id,
                data={
                    "title": app.title,
                    "acronym": app.acronym,
                    "thematic_field": app.thematic_field.code,
                    "summary": app.summary,
                    "coordinator": f"Scale Organisation {i:05d}",
                    "partners": [],
                    "sections": bodies,
                    "duration_years": app.duration_years,
                    "plan": [],
                    "own_share": {},
                },
                created_by_id=app.created_by_id,
            )
        )
    for model, objects in ((Partner, partners), (Section, sections), (Snapshot, snapshots)):
        model.objects.bulk_create(objects, batch_size=BATCH)
    ctx["applications"] = apps


def _experts(ctx: dict, rng: random.Random, count: int, manager) -> None:
    users = [
        User(email=f"expert{i:05d}@scale.example", full_name=f"Scale Expert {i:05d}", password=ctx["password"])
        for i in range(count)
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    ids = list(
        User.objects.filter(email__startswith="expert", email__endswith="@scale.example")
        .order_by("email")
        .values_list("pk", flat=True)
    )
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user_id=u, role=Role.JURY_MEMBER) for u in ids], batch_size=BATCH
    )
    evaluation = evaluation_services.evaluation_for(ctx["call"])
    orgs = ctx["organisations"]
    sectors = [Sector.INDUSTRY] * 6 + [Sector.ACADEMIA] * 2 + [Sector.AGENCY, Sector.OTHER]
    Juror.objects.bulk_create(
        [
            Juror(
                evaluation=evaluation,
                user_id=u,
                sector=Sector.INDUSTRY if i == 0 else rng.choice(sectors),
                affiliation_id=rng.choice(orgs) if rng.random() < 0.3 else None,
                expertise=" ".join(rng.sample(TOPICS, 5)),
                nace_codes=rng.sample(NACE, rng.randint(1, 2)),
                is_chair=i == 0,
                appointed_by=manager,
            )
            for i, u in enumerate(ids)
        ],
        batch_size=BATCH,
    )
    jurors = list(evaluation.jurors.order_by("pk").values_list("pk", flat=True))
    ended = timezone.localdate() - timedelta(days=400)
    PastAffiliation.objects.bulk_create(
        [PastAffiliation(juror_id=j, organisation_id=rng.choice(orgs), ended_on=ended) for j in jurors[::10]],
        batch_size=BATCH,
    )
    ctx["evaluation"] = evaluation


def _panels(ctx: dict, manager) -> None:
    evaluation = ctx["evaluation"]
    evaluation_services.form_panels(actor=manager, evaluation=evaluation, panel_size=3, max_load=2)


def _reviews(ctx: dict, rng: random.Random) -> None:
    evaluation = ctx["evaluation"]
    pairs = list(Assignment.objects.filter(juror__evaluation=evaluation).values_list("juror_id", "application_id"))
    now = timezone.now()
    Declaration.objects.bulk_create(
        [Declaration(juror_id=j, application_id=a, level=ConflictLevel.NONE) for j, a in pairs], batch_size=BATCH
    )
    Review.objects.bulk_create(
        [Review(juror_id=j, application_id=a, state=ReviewState.SUBMITTED, submitted_at=now) for j, a in pairs],
        batch_size=BATCH,
    )
    reviews = Review.objects.filter(juror__evaluation=evaluation).values_list("pk", flat=True)
    Score.objects.bulk_create(
        [
            Score(
                review_id=r,
                criterion=c,
                score=Decimal(rng.randint(4, 10)) / 2,
                justification="Invented for load tests.",
            )
            for r in reviews
            for c in Criterion.values
        ],
        batch_size=BATCH,
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(phase=Phase.INDIVIDUAL)
