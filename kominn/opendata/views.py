from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from . import dcat

TURTLE = "text/turtle"
JSON_LD = "application/ld+json"
# What each media type a client may ask for is answered with; the first is the default.
OFFERED = {TURTLE: TURTLE, JSON_LD: JSON_LD, "application/json": JSON_LD}
FORMATS = {"ttl": TURTLE, "turtle": TURTLE, "jsonld": JSON_LD, "json-ld": JSON_LD}


class BadRequest(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def index(request):
    """Åpne data: what is published, under which licence, and how to get it."""
    base = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "opendata/index.html",
        {
            "base": base,
            "datasets": dcat.DATASETS,
            "catalogue_url": dcat.catalogue_uri(base),
            "licence_url": dcat.LICENCE_PAGE,
        },
    )


@require_safe
def catalogue(request):
    """The DCAT-AP-NO catalogue, in Turtle or JSON-LD as the request asks (?format=ttl or
    jsonld, else its Accept header; Turtle when it names neither)."""
    try:
        media_type = _chosen_format(request)
        if request.organisation is None:
            raise BadRequest(404, "not_found", "No organisation answers on this host.")
    except BadRequest as error:
        response = JsonResponse(
            {"error": {"code": error.code, "message": error.message}}, status=error.status
        )
        return _for_everyone(response)
    graph = dcat.catalogue(request.organisation, request.build_absolute_uri("/"))
    body = dcat.turtle(graph) if media_type == TURTLE else dcat.json_ld(graph)
    return _for_everyone(HttpResponse(body, content_type=f"{media_type}; charset=utf-8"))


def _for_everyone(response):
    response["Access-Control-Allow-Origin"] = "*"
    patch_vary_headers(response, ["Accept"])
    # The page cache keeps pages by address alone, not by Accept: ask every time.
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


def _chosen_format(request) -> str:
    requested = request.GET.get("format")
    if requested is not None:
        if requested.lower() not in FORMATS:
            raise BadRequest(400, "bad_format", "format must be ttl or jsonld.")
        return FORMATS[requested.lower()]
    return negotiate(request.headers.get("Accept", ""))


def negotiate(accept: str) -> str:
    """The offered media type that `accept` (an HTTP Accept header) prefers: the highest
    quality, then the most specific range, then the client's order, then ours."""
    if not accept.strip():
        return TURTLE
    best = None  # (quality, specificity, -position, -our order), media type
    for position, media_range in enumerate(accept.split(",")):
        if not media_range.strip():
            continue
        kind, quality = _media_range(media_range)
        for order, offered in enumerate(OFFERED):
            specificity = _matches(kind, offered)
            if specificity is None or quality == 0:
                continue
            candidate = ((quality, specificity, -position, -order), OFFERED[offered])
            if best is None or candidate[0] > best[0]:
                best = candidate
    if best is None:
        raise BadRequest(
            406, "not_acceptable", "The catalogue is served as text/turtle or application/ld+json."
        )
    return best[1]


def _media_range(media_range: str) -> tuple[str, float]:
    kind, *parameters = (part.strip() for part in media_range.split(";"))
    kind = kind.lower()
    if kind.count("/") != 1 or not all(kind.split("/")) or " " in kind:
        raise BadRequest(400, "bad_accept", "The Accept header is malformed.")
    quality = 1.0
    for parameter in parameters:
        name, _equals, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value.strip())
            except ValueError:
                quality = -1
            if not 0 <= quality <= 1:
                raise BadRequest(400, "bad_accept", "A quality (q) must be between 0 and 1.")
    return kind, quality


def _matches(kind: str, offered: str) -> int | None:
    """How specifically the range `kind` names `offered`: 2 exactly, 1 by type/*, 0 */*."""
    if kind == offered:
        return 2
    main, sub = kind.split("/")
    if sub == "*" and offered.startswith(main + "/"):
        return 1
    if main == "*" and sub == "*":
        return 0
    return None
