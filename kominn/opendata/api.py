"""/api/v1/: the municipality's published content as read-only JSON, for anyone.

Scoped to the organisation of the host name, as the pages are; the records come from
records.py, which the downloads share. The OpenAPI 3.1 document at
/api/v1/openapi.json is generated from the functions and schemas here. Every error is
`{"error": {"code", "message"}}`; answers.py adds CORS, rate limits, ETags and HEAD.
"""

import re
from datetime import date, datetime
from typing import Literal

from django.http import Http404, JsonResponse, QueryDict
from django.urls import reverse
from django.utils import translation
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError

from kominn.accounts.models import Capacity
from kominn.participation.forms import IdeaFilterForm
from kominn.participation.models import IdeaStatus
from kominn.portfolio.filters import InitiativeFilterForm
from kominn.portfolio.models import Approach, Initiative, Phase, Status

from . import paging, records
from .answers import error
from .paging import Key
from .schemas import (
    BenefitPage,
    ChallengePage,
    Error,
    Funnel,
    GoalOut,
    GoalPage,
    InitiativeOut,
    InitiativePage,
    NewsPage,
)
from .schemas import IdeaPage as IdeaPageSchema

DESCRIPTION = """Read-only JSON of the municipality's published innovation work:
initiatives, goals, news, challenges, public ideas and the idea funnel. The host name
decides the municipality. Open data under NLOD 2.0 (https://data.norge.no/nlod/no/2.0).
Lists are paged with an opaque `cursor` (follow `next`) and `limit` (1–100). Errors are
`{"error": {"code": ..., "message": ...}}`. See docs/open-data.md."""

api = NinjaAPI(
    title="KomInn API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    # Ninja's Swagger page loads scripts from a CDN, which the site's CSP forbids.
    docs_url=None,
    openapi_extra={
        "info": {"license": {"name": "NLOD-2.0", "url": records.LICENSE["url"]}},
    },
)


class ApiError(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@api.exception_handler(ApiError)
def _api_error(request, exc):
    return error(exc.status, exc.code, exc.message)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    problems = []
    for problem in exc.errors:
        where = ".".join(str(part) for part in problem.get("loc", ()) if part != "query")
        problems.append(f"{where}: {problem.get('msg', 'invalid')}" if where else problem["msg"])
    return error(400, "invalid_parameter", "; ".join(problems) or "Invalid parameters.")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error(404, "not_found", "Not found.")


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return error(exc.status_code, "bad_request" if exc.status_code == 400 else "error", str(exc))


ERRORS = {400: Error, 404: Error, 406: Error, 429: Error}
ITEM_ERRORS = ERRORS
AnyValue = Query(None)
Limit = Query(20, ge=1, le=100, description="Items per page, 1–100.")
Cursor = Query(None, max_length=paging.MAX_CURSOR, description="From the previous page's `next`.")

PhaseCode = Literal[tuple(Phase.values)]
ApproachCode = Literal[tuple(Approach.values)]
StatusCode = Literal[tuple(Status.values)]
IdeaStatusCode = Literal[tuple(IdeaStatus.values)]
CapacityCode = Literal[tuple(Capacity.values)]


SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _by_slug(queryset, slug):
    """The one item with this slug, else a 404 (for text that is no slug too: NUL and
    the like never reach the database)."""
    found = queryset.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    if found is None:
        raise Http404
    return found


def _organisation(request):
    if request.organisation is None:
        raise Http404
    return request.organisation


def _page(request, queryset, keys, cursor, limit, make):
    try:
        rows, following = paging.page(queryset, keys, cursor, limit)
    except paging.InvalidCursor as exc:
        raise ApiError(400, "invalid_cursor", str(exc)) from None
    next_url = None
    if following:
        query = request.GET.copy()
        query["cursor"] = following
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"items": [make(row) for row in rows], "next": next_url}


def _form(form_class, filters, **kwargs):
    data = QueryDict(mutable=True)
    for name, value in filters.items():
        if value is not None:
            data[name] = value
    form = form_class(data, **kwargs)
    with translation.override("en"):  # the API's messages are in English
        if form.is_valid():
            return form
        message = "; ".join(
            f"{name}: {', '.join(str(m) for m in messages)}"
            for name, messages in form.errors.items()
        )
    raise ApiError(400, "invalid_parameter", message)


NEWEST = [Key("published_at", datetime, True), Key("pk", int, True)]


@api.get(
    "/initiatives",
    response={200: InitiativePage, **ERRORS},
    url_name="initiatives",
    tags=["initiatives"],
    summary="Published initiatives, newest first",
)
def list_initiatives(
    request,
    area: str | None = Query(None, max_length=100, description="Service area slug."),
    theme: str | None = Query(None, max_length=100, description="Theme slug."),
    approach: ApproachCode | None = AnyValue,
    phase: PhaseCode | None = AnyValue,
    goal: str | None = Query(None, max_length=100, description="Goal slug (with sub-goals)."),
    status: StatusCode | None = AnyValue,
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    organisation = _organisation(request)
    filters = {
        "area": area,
        "theme": theme,
        "approach": approach,
        "phase": phase,
        "goal": goal,
        "status": status,
    }
    form = _form(
        InitiativeFilterForm,
        filters,
        organisation=organisation,
        base_queryset=Initiative.objects.for_organisation(organisation).published(),
    )
    # The page's rows are read alone; their records come kept, each on its own.
    page = _page(
        request,
        form.filtered().only("pk", "published_at"),
        NEWEST,
        cursor,
        limit,
        lambda row: row.pk,
    )
    page["items"] = _initiative_records(request, organisation, page["items"])
    return page


def _initiative_records(request, organisation, ids):
    return records.initiative_records(
        organisation, ids, request.build_absolute_uri, f"{request.scheme}://{request.get_host()}"
    )


@api.get(
    "/initiatives/{slug}",
    response={200: InitiativeOut, **ITEM_ERRORS},
    url_name="initiative",
    tags=["initiatives"],
    summary="One published initiative",
)
def get_initiative(request, slug: str):
    organisation = _organisation(request)
    published = Initiative.objects.for_organisation(organisation).published().only("pk")
    found = _initiative_records(request, organisation, [_by_slug(published, slug).pk])
    if not found:  # unpublished meanwhile
        raise Http404
    return found[0]


@api.get(
    "/benefits",
    response={200: BenefitPage, **ERRORS},
    url_name="benefits",
    tags=["initiatives"],
    summary="Benefits of published initiatives, each with its dated measurements",
)
def list_benefits(request, cursor: str | None = Cursor, limit: int = Limit):
    absolute = request.build_absolute_uri
    return _page(
        request,
        records.benefits(_organisation(request)),
        [Key("pk", int)],
        cursor,
        limit,
        lambda row: records.benefit_record(row, absolute, initiative=row.initiative),
    )


@api.get(
    "/goals",
    response={200: GoalPage, **ERRORS},
    url_name="goals",
    tags=["goals"],
    summary="Published goals in their order, with their initiatives by phase and benefits added up",
)
def list_goals(request, cursor: str | None = Cursor, limit: int = Limit):
    organisation = _organisation(request)
    absolute = request.build_absolute_uri
    page = _page(
        request,
        records.goals(organisation),
        [Key("order", int), Key("title", str), Key("pk", int)],
        cursor,
        limit,
        lambda row: row,
    )
    page["items"] = records.goal_records(page["items"], organisation, absolute)
    return page


@api.get(
    "/goals/{slug}",
    response={200: GoalOut, **ITEM_ERRORS},
    url_name="goal",
    tags=["goals"],
    summary="One published goal, with what its initiatives' benefits add up to",
)
def get_goal(request, slug: str):
    organisation = _organisation(request)
    goal = _by_slug(records.goals(organisation), slug)
    return records.goal_records([goal], organisation, request.build_absolute_uri)[0]


@api.get(
    "/news",
    response={200: NewsPage, **ERRORS},
    url_name="news",
    tags=["news"],
    summary="Published news, newest first",
)
def list_news(request, cursor: str | None = Cursor, limit: int = Limit):
    absolute = request.build_absolute_uri
    return _page(
        request,
        records.news(_organisation(request)),
        NEWEST,
        cursor,
        limit,
        lambda row: records.news_record(row, absolute),
    )


@api.get(
    "/challenges",
    response={200: ChallengePage, **ERRORS},
    url_name="challenges",
    tags=["challenges"],
    summary="Published challenges, the latest to open first",
)
def list_challenges(request, cursor: str | None = Cursor, limit: int = Limit):
    absolute = request.build_absolute_uri
    return _page(
        request,
        records.challenges(_organisation(request)),
        [Key("opens_on", date, True), Key("pk", int, True)],
        cursor,
        limit,
        lambda row: records.challenge_record(row, absolute),
    )


@api.get(
    "/ideas",
    response={200: IdeaPageSchema, **ERRORS},
    url_name="ideas",
    tags=["ideas"],
    summary="Public ideas, newest first",
)
def list_ideas(
    request,
    status: IdeaStatusCode | None = AnyValue,
    theme: str | None = Query(None, max_length=100, description="Theme slug."),
    area: str | None = Query(None, max_length=100, description="Service area slug."),
    challenge: str | None = Query(None, max_length=100, description="Challenge slug."),
    capacity: CapacityCode | None = AnyValue,
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    organisation = _organisation(request)
    filters = {
        "status": status,
        "theme": theme,
        "area": area,
        "challenge": challenge,
        "capacity": capacity,
    }
    form = _form(IdeaFilterForm, filters, organisation=organisation)
    # The form orders as the list page does; the keyset gives the order here.
    queryset = form.apply(records.ideas(organisation, with_author=True)).order_by()
    absolute = request.build_absolute_uri
    return _page(
        request,
        queryset,
        [Key("submitted_at", datetime, True), Key("pk", int, True)],
        cursor,
        limit,
        lambda row: records.idea_record(row, absolute, with_author=True),
    )


@api.get(
    "/statistics/funnel",
    response={200: Funnel, **ERRORS},
    url_name="funnel",
    tags=["statistics"],
    summary="The idea funnel of /statistikk/: all ideas, per challenge, service area and capacity",
)
def get_funnel(request):
    organisation = _organisation(request)
    return {
        "license": records.LICENSE["url"],
        "items": records.funnel(organisation, request.build_absolute_uri),
    }


def index(request):
    """/api/v1/ itself: where the description and the lists are (not an operation of
    the OpenAPI document, which it points to)."""
    base = request.build_absolute_uri(reverse("api:api-root"))
    return JsonResponse(
        {
            "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
            "license": records.LICENSE["url"],
            "endpoints": [
                f"{base}{name}"
                for name in (
                    "initiatives",
                    "goals",
                    "news",
                    "challenges",
                    "ideas",
                    "benefits",
                    "statistics/funnel",
                )
            ],
        }
    )
