"""Load the demo data idempotently: every object is looked up by its natural key first."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from innopart.accounts.models import RoleAssignment, User
from innopart.applications import services as application_services
from innopart.applications.enums import SectionKind
from innopart.applications.models import Application
from innopart.calls import services as call_services
from innopart.calls.models import Call, ThematicField
from innopart.organisations.models import Membership, Organisation

from . import data
from .consortia import attach_letter, plan_cells
from .people import demo_user
from .texts import TEXTS

VILNIUS = "Europe/Vilnius"


def load_demo(progress=lambda step, total, label: None) -> dict:
    from .pilot import load_pilot

    steps = [
        ("organisations", _organisations),
        ("users", _users),
        ("thematic fields", _fields),
        ("call", _call),
        ("applications", _applications),
        ("pilot round", load_pilot),
        ("regional statistics", _regional_statistics),
        ("industrial-change index", _industrial_change),
        ("diagnosis of Lithuania", _diagnosis),
        ("stress test", _stress_tests),
        ("partner directory", _directory),
        ("matchmaking event", _matchmaking_event),
    ]
    context: dict = {}
    for number, (label, step) in enumerate(steps, start=1):
        with transaction.atomic():
            step(context)
        progress(number, len(steps), label)
    return context


def _regional_statistics(ctx: dict) -> None:
    from innopart.observatory.importers import load_shipped

    # The real Eurostat data, not a demo sample: the same loader as `innopart import observatory-data`.
    ctx["statistics"] = load_shipped()


def _industrial_change(ctx: dict) -> None:
    from innopart.observatory import change_index
    from innopart.observatory.models import IndexRun

    # Computed in-process (under a second, 1,000 replications) so the demo opens with results; once.
    if IndexRun.objects.filter(state=IndexRun.State.DONE).exists():
        return
    run = IndexRun.objects.create(spec=change_index.shipped_spec(), note="Shipped specification")
    ctx["index_run"] = change_index.run(run.pk)


def _diagnosis(ctx: dict) -> None:
    from . import diagnosis

    ctx["diagnosis"] = diagnosis.load(ctx)


def _stress_tests(ctx: dict) -> None:
    from . import diagnosis

    diagnosis.load_stress_tests(ctx)


def _directory(ctx: dict) -> None:
    from innopart.matchmaking.models import PartnerPost

    from . import directory

    ctx["directory"] = directory.load()
    if PartnerPost.objects.exists():
        return
    fields = list(ThematicField.objects.order_by("code"))
    authors = ctx["users"]["adviser@mita.example"]
    invented = Organisation.objects.filter(is_fictional=True, is_contactable=True).order_by("name")[:6]
    for n, org in enumerate(invented):
        PartnerPost.objects.create(
            organisation=org,
            kind=PartnerPost.Kind.SEEKING if n % 2 else PartnerPost.Kind.OFFERING,
            thematic_field=fields[n % len(fields)],
            title=("Looking for a research partner in " if n % 2 else "Offering pilot capacity in ") + org.name,
            text="Invented demo post: " + (org.capabilities or "competence to share") + ".",
            created_by=authors,
        )


def _matchmaking_event(ctx: dict) -> None:
    from innopart.matchmaking import events
    from innopart.matchmaking.models import Event

    if Event.objects.exists():
        return
    adviser = ctx["users"]["adviser@mita.example"]
    start = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=30), time(9, 0)), timezone.get_default_timezone()
    )
    event = events.create_event(
        actor=adviser,
        event=Event(
            title="Innovation Partnership matchmaking day",
            call=ctx["call"],
            starts_at=start,
            time_zone="Europe/Vilnius",
            slots=12,
            slot_minutes=20,
            tables=10,
            location="Vilnius",
        ),
    )
    findable = list(Organisation.objects.filter(is_contactable=True).order_by("name")[:60])
    registrations = [
        events.register(actor=adviser, event=event, organisation=org, unavailable=[] if i % 4 else [0, 1])
        for i, org in enumerate(findable)
    ]
    n = len(registrations)
    for i, source in enumerate(registrations):
        for step in (1, 3, 5):  # each asks three others; i -> i+1 and i+1 -> ... make some requests mutual
            target = registrations[(i + step) % n]
            events.request_meeting(actor=adviser, source=source, target=target)
        if i % 3 == 0:
            events.request_meeting(actor=adviser, source=registrations[(i + 1) % n], target=source)
    events.plan(actor=adviser, event=event, time_limit=2.0)
    events.confirm(actor=adviser, event=event)
    ctx["event"] = event
    _advice(ctx, adviser)


def _advice(ctx: dict, adviser) -> None:
    """The ineligible draft asked MITA's adviser for help: the adviser's comments and checks are in the demo."""
    from innopart.matchmaking import advice

    draft = Application.objects.filter(call=ctx["call"], acronym="TEXLOOP").first()
    if draft is None or draft.advice.exists():
        return
    advice.grant(actor=_coordinator_user(ctx, draft.coordinator), application=draft, adviser=adviser)
    advice.comment(
        actor=adviser,
        application=draft,
        section="",
        text="The consortium has no research organisation yet: the call requires one. The partner suggestions list "
        "institutes with textile recycling competence.",
    )
    advice.tick(actor=adviser, application=draft, item="rule:min_research", ok=False, note="No research partner yet")


def _organisations(ctx: dict) -> None:
    orgs = {}
    for key, name, short, type_, country, nace, fictional, capabilities in data.ORGANISATIONS:
        org, _ = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "type": type_,
                "country": country,
                "nace_codes": nace,
                "is_fictional": fictional,
                "capabilities": capabilities,
                # Invented organisations consent to partner search; real bodies are named only, never listed.
                "is_contactable": fictional,
            },
        )
        orgs[key] = org
    for cluster, members in data.CLUSTER_MEMBERS.items():
        for member in members:
            orgs[member].clusters.add(orgs[cluster])
    ctx["orgs"] = orgs


def _users(ctx: dict) -> None:
    users = {}
    for email, full_name, roles, memberships in data.USERS:
        user = demo_user(email, full_name)
        for role in roles:
            RoleAssignment.objects.get_or_create(user=user, role=role)
        for org_key, org_role in memberships:
            Membership.objects.get_or_create(user=user, organisation=ctx["orgs"][org_key], defaults={"role": org_role})
        users[email] = user
    ctx["users"] = users


def _fields(ctx: dict) -> None:
    ctx["fields"] = {
        code: ThematicField.objects.get_or_create(code=code, defaults={"name_en": en, "name_lt": lt})[0]
        for code, en, lt in data.THEMATIC_FIELDS
    }


def _call(ctx: dict) -> None:
    call = Call.objects.filter(slug=data.CALL_SLUG).first()
    if call is None:
        manager = ctx["users"]["manager@eimin.example"]
        today = timezone.localdate()
        deadline_day = today + timedelta(days=200)
        deadline = timezone.make_aware(datetime.combine(deadline_day, time(15, 0)), timezone.get_default_timezone())
        award = deadline_day + timedelta(days=120)
        call = call_services.create_call(
            actor=manager,
            slug=data.CALL_SLUG,
            thematic_fields=list(ctx["fields"].values()),
            data={
                **data.CALL_TEXT,
                "total_budget": Decimal("15000000"),
                "max_grant": Decimal("5000000"),
                "time_zone": VILNIUS,
                "publication_date": today,
                "deadline": deadline,
                "award_date": award,
                "start_date": award.replace(day=1) + timedelta(days=62),
            },
        )
        call_services.publish_call(actor=manager, call=call)
    ctx["call"] = Call.objects.select_related("published_version").get(pk=call.pk)


def _coordinator_user(ctx: dict, org: Organisation) -> User:
    return next(u for u in ctx["users"].values() if u.memberships.filter(organisation=org).exists())


def _applications(ctx: dict) -> None:
    call, orgs = ctx["call"], ctx["orgs"]
    for acronym, title, coord_key, field, state, duration, yearly_cost, partners, texts in data.APPLICATIONS:
        if Application.objects.filter(call=call, acronym=acronym).exists():
            continue
        coordinator = orgs[coord_key]
        user = _coordinator_user(ctx, coordinator)
        application = application_services.start_application(
            actor=user,
            call=call,
            coordinator=coordinator,
            title=title,
            acronym=acronym,
            thematic_field=ctx["fields"][field],
        )
        application.summary = f"{title} (demonstration application: all partners' roles are illustrative)."
        application.save(update_fields=["summary"])
        for key, key_partner in partners:
            partner = application_services.add_partner(
                actor=user,
                application=application,
                organisation=orgs[key],
                is_key_partner=key_partner,
                contribution=orgs[key].capabilities,
            )
            if state == data.SUBMITTED or (texts and key != "agrovita"):
                attach_letter(partner, acronym)
        if texts:
            bodies = TEXTS[texts](acronym, title)
            for section in application.sections.all():
                application_services.save_section(
                    actor=user, section=section, body=bodies[section.kind], expected_version=section.version
                )
        elif acronym == "WOOD40":
            section = application.sections.get(kind=SectionKind.STRATEGIC_RELEVANCE)
            application_services.save_section(
                actor=user,
                section=section,
                expected_version=section.version,
                body="Robotised, data-driven furniture production in Lithuania.",
            )
        application_services.save_plan(
            actor=user,
            application=application,
            duration_years=duration,
            cells=plan_cells(duration, yearly_cost),
            expected_version=0,
        )
        if state == data.SUBMITTED:
            application_services.submit_application(actor=user, application=application)
