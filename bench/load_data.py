"""The people bench/load.py plays, made in the load database (Django is set up by the caller).

Applicants with a draft on the demo's open call, jurors of the EU-size competition with a review back in draft,
the ministry, and for the deadline rush complete drafts on a call of their own (one built through the services,
the others copied from it row by row). Sessions are written straight into the session store with the server's
SECRET_KEY, as a signed-in browser would hold them.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.utils import timezone

from innopart.accounts.models import RoleAssignment, User
from innopart.applications import services as app_services
from innopart.applications.models import Application, Partner, PlanLine, Section
from innopart.calls.models import Call, CallVersion
from innopart.core.models import AuditEntry
from innopart.demo import data as demo_data
from innopart.demo.scale import SLUG
from innopart.evaluation.models import Assignment, Review
from innopart.organisations.models import Membership, Organisation

RUSH_SLUG = "load-rush"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def session_for(user: User) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(24 * 3600)
    store.save()
    return store.session_key


def actors(*, clients: int, rush: int) -> dict:
    scale = Call.objects.get(slug=SLUG)
    manager = User.objects.get(email="manager@eimin.example")
    return {
        "scale_slug": SLUG,
        "manager_session": session_for(manager),
        "applicants": _applicants(clients),
        "jurors": _jurors(scale, clients),
        "rush_call": _rush_call(manager).pk if rush else None,
        "rush": _rush_drafts(rush, manager) if rush else [],
        "media_root": settings.MEDIA_ROOT,
    }


def _applicants(count: int) -> list[dict]:
    call = Call.objects.get(slug=demo_data.CALL_SLUG)
    found = []
    for i in range(count):
        user = User.objects.get(email=f"applicant{i:05d}@scale.example")
        organisation = Membership.objects.filter(user=user).select_related("organisation").first().organisation
        application = Application.objects.filter(call=call, created_by=user).first()
        if application is None:
            application = app_services.start_application(
                actor=user,
                call=call,
                coordinator=organisation,
                title=f"Load-test draft {i}",
                acronym=f"LOAD{i:03d}",
                thematic_field=call.published_version.thematic_fields.first(),
            )
        found.append({"session": session_for(user), "application": application.pk})
    return found


def _jurors(scale: Call, count: int) -> list[dict]:
    found = []
    for assignment in Assignment.objects.filter(application__call=scale).select_related("juror__user")[:count]:
        Review.objects.filter(juror=assignment.juror, application_id=assignment.application_id).update(
            state="draft", submitted_at=None
        )
        found.append({"session": session_for(assignment.juror.user), "application": assignment.application_id})
    return found


def _rush_call(manager) -> Call:
    from tests.factories import published_call

    call = Call.objects.filter(slug=RUSH_SLUG).first()
    return call or published_call(manager, slug=RUSH_SLUG, title="Load test: the deadline rush (invented)")


def _rush_drafts(count: int, manager) -> list[dict]:
    """``count`` complete drafts on the rush call, each with its own coordinator and person; earlier runs' drafts
    are made drafts again (their snapshots and submission audit rows removed first would falsify the audit log, so
    a run that finds submitted ones makes new ones instead)."""
    from tests.factories import eligible_partners, make_application, member

    call = Call.objects.get(slug=RUSH_SLUG)
    CallVersion.objects.filter(pk=call.published_version_id).update(deadline=timezone.now() + timedelta(days=30))
    existing = Application.objects.filter(call=call, state="draft", acronym__startswith="RUSH")
    if existing.count() >= count:
        return [
            {"session": session_for(a.created_by), "application": a.pk}
            for a in existing.select_related("created_by").order_by("pk")[:count]
        ]
    run = Application.objects.filter(call=call).count()
    with transaction.atomic():
        template_user = User.objects.create_user(f"rush-template-{run}@load.example", demo_data.PASSWORD)
        RoleAssignment.objects.create(user=template_user, role="applicant")
        template_org = member(
            template_user,
            Organisation.objects.create(
                name=f"Rush template {run} UAB", type="sme", country="LT", nace_codes=["10.51"]
            ),
        )
        template = make_application(
            template_user, call, template_org, complete=True, partners=eligible_partners(), acronym=f"RUSHT{run}"
        )
        password = template_user.password
        users = User.objects.bulk_create(
            [
                User(email=f"rush{run}-{i:04d}@load.example", full_name=f"Rush {i}", password=password)
                for i in range(count)
            ]
        )
        users = list(User.objects.filter(email__startswith=f"rush{run}-").order_by("email"))
        RoleAssignment.objects.bulk_create([RoleAssignment(user=u, role="applicant") for u in users])
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Rush {run} organisation {i:04d} UAB", type="sme", country="LT", nace_codes=["10.51"]
                )
                for i in range(count)
            ]
        )
        orgs = list(Organisation.objects.filter(name__startswith=f"Rush {run} organisation ").order_by("name"))
        Membership.objects.bulk_create(
            [Membership(user=u, organisation=o, role="manager") for u, o in zip(users, orgs, strict=True)]
        )
        Application.objects.bulk_create(
            [
                Application(
                    call=call,
                    coordinator=o,
                    title=template.title,
                    acronym=f"RUSH{run}-{i:04d}",
                    thematic_field=template.thematic_field,
                    summary=template.summary,
                    duration_years=template.duration_years,
                    created_by=u,
                )
                for i, (u, o) in enumerate(zip(users, orgs, strict=True))
            ]
        )
        apps = list(Application.objects.filter(call=call, acronym__startswith=f"RUSH{run}-").order_by("acronym"))
        partners = list(template.partners.all())
        Partner.objects.bulk_create(
            [
                Partner(
                    application=a,
                    organisation=o if p.role == "coordinator" else p.organisation,
                    role=p.role,
                    contribution=p.contribution,
                    is_key_partner=p.is_key_partner,
                    commitment_letter=p.commitment_letter.name,
                    letter_uploaded_at=p.letter_uploaded_at,
                    added_by=u,
                )
                for a, u, o in zip(apps, users, orgs, strict=True)
                for p in partners
            ]
        )
        sections = list(template.sections.all())
        Section.objects.bulk_create(
            [
                Section(application=a, kind=s.kind, body=s.body, version=s.version, updated_by=u)
                for a, u in zip(apps, users, strict=True)
                for s in sections
            ]
        )
        lines = list(template.plan_lines.all())
        PlanLine.objects.bulk_create(
            [
                PlanLine(application=a, kind=line.kind, category=line.category, year=line.year, amount=line.amount)
                for a in apps
                for line in lines
            ]
        )
    return [{"session": session_for(u), "application": a.pk} for a, u in zip(apps, users, strict=True)]


def set_rush_deadline(call_id: int, *, seconds_from_now: float):
    deadline = timezone.now() + timedelta(seconds=seconds_from_now)
    call = Call.objects.get(pk=call_id)
    CallVersion.objects.filter(pk=call.published_version_id).update(deadline=deadline)
    return deadline


def rush_outcome(application_ids: list[int], deadline) -> dict:
    apps = Application.objects.filter(pk__in=application_ids)
    accepted = list(apps.filter(state="submitted").values_list("pk", "submitted_at"))
    refused = list(apps.exclude(state="submitted").values_list("pk", flat=True))
    accepted_ids = [pk for pk, _ in accepted]
    with_snapshot = set(
        Application.objects.filter(pk__in=accepted_ids, snapshots__isnull=False).values_list("pk", flat=True)
    )
    audit_rows = AuditEntry.objects.filter(
        object_type="applications.application", object_id__in=[str(pk) for pk in accepted_ids], to_state="submitted"
    ).count()
    return {
        "accepted": accepted_ids,
        "refused": refused,
        "accepted_in_time": all(at <= deadline for _, at in accepted),
        "complete": len(with_snapshot) == len(accepted_ids),
        "refused_drafts": not Application.objects.filter(pk__in=refused).exclude(state="draft").exists()
        and not Application.objects.filter(pk__in=refused, snapshots__isnull=False).exists(),
        "audit_rows": audit_rows,
    }
