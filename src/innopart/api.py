"""The JSON API (django-ninja): open calls for everyone, and the signed-in user's own applications."""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja import Path as PathParam
from ninja.security import SessionAuth

from innopart.accounts.api_auth import TokenAuth
from innopart.accounts.models import TokenScope
from innopart.applications.models import Application
from innopart.applications.selectors import applications_of_user, plan_summary
from innopart.calls.selectors import published_calls
from innopart.core.schemas import Invalid, Message

api = NinjaAPI(
    title="Innopart API",
    version="1",
    urls_namespace="api",
    description=(
        "Read-only. The observatory's open data and the published calls need no sign-in. A program reads its "
        "owner's applications or partnerships with a personal API token (made on the API tokens page, sent as "
        "`Authorization: Bearer ipt_...`) that has the matching scope; the browser's session works too."
    ),
)
MINE = [TokenAuth(TokenScope.APPLICATIONS), SessionAuth()]


class CriterionOut(Schema):
    code: str
    name: str
    weight: int
    threshold: float


class CallOut(Schema):
    slug: str
    version: int
    title: str
    title_lt: str = ""
    summary: str
    summary_lt: str = ""
    description: str = ""
    description_lt: str = ""
    thematic_fields: list[str]
    total_budget: Decimal
    max_grant: Decimal
    min_years: int
    max_years: int
    min_awards: int
    max_awards: int
    time_zone: str
    publication_date: date
    deadline: datetime
    award_date: date
    start_date: date
    eligibility: dict[str, int]
    coordinator_countries: list[str]
    criteria: list[CriterionOut]
    is_open: bool


class ApplicationOut(Schema):
    id: int
    call: str
    acronym: str
    title: str
    state: str
    coordinator: str
    partners: int
    submitted_at: datetime | None
    total_grant: Decimal | None = None


def _call_out(call) -> CallOut:
    v = call.published_version
    return CallOut(
        slug=call.slug,
        version=v.number,
        # English and Lithuanian as written: a client chooses; an empty one was not written in that language.
        title=v.title,
        title_lt=v.title_lt,
        summary=v.summary,
        summary_lt=v.summary_lt,
        description=v.description,
        description_lt=v.description_lt,
        thematic_fields=[f.code for f in v.thematic_fields.all()],
        total_budget=v.total_budget,
        max_grant=v.max_grant,
        min_years=v.min_years,
        max_years=v.max_years,
        min_awards=v.min_awards,
        max_awards=v.max_awards,
        time_zone=v.time_zone,
        publication_date=v.publication_date,
        deadline=v.deadline,
        award_date=v.award_date,
        start_date=v.start_date,
        eligibility=v.eligibility,
        coordinator_countries=v.coordinator_countries,
        criteria=[
            CriterionOut(code=c["code"], name=str(c["name"]), weight=c["weight"], threshold=c["threshold"])
            for c in v.criteria_rows()
        ],
        is_open=call.is_open(),
    )


@api.get("/calls", response=list[CallOut], tags=["calls"], summary="Published calls")
def list_calls(request):
    return [_call_out(c) for c in published_calls()]


@api.get(
    "/calls/{slug}", response={200: CallOut, 404: Message, 422: Invalid}, tags=["calls"], summary="One published call"
)
def get_call(request, slug: str = PathParam(..., pattern=r"^[-a-zA-Z0-9_]{1,100}$")):
    call = published_calls().filter(slug=slug).first()
    if call is None:
        raise Http404
    return _call_out(call)


@api.get(
    "/me/applications",
    response={200: list[ApplicationOut], 401: Message, 403: Message},
    auth=MINE,
    tags=["applications"],
    summary="The signed-in user's applications",
)
def my_applications(request):
    return [_application_out(a) for a in applications_of_user(request.auth)]


@api.get(
    "/me/applications/{pk}",
    response={200: ApplicationOut, 401: Message, 403: Message, 404: Message, 422: Invalid},
    auth=MINE,
    tags=["applications"],
    summary="One of the signed-in user's applications",
)
def my_application(request, pk: int):
    application = applications_of_user(request.auth).filter(pk=pk).select_related("call__published_version").first()
    if application is None:
        raise Http404
    return _application_out(application, with_plan=True)


def _application_out(a: Application, with_plan: bool = False) -> ApplicationOut:
    return ApplicationOut(
        id=a.pk,
        call=a.call.slug,
        acronym=a.acronym,
        title=a.title,
        state=a.state,
        coordinator=a.coordinator.name,
        partners=a.partner_count,
        submitted_at=a.submitted_at,
        total_grant=plan_summary(a).total_grant if with_plan else None,
    )


from innopart.observatory.api import router as observatory_router  # noqa: E402  (after the API object exists)
from innopart.partnerships.api import router as partnerships_router  # noqa: E402

api.add_router("/", partnerships_router)
api.add_router("/observatory", observatory_router)
