"""What every open data answer (the API and the downloads) has in common: the JSON error
body, CORS for any web page, rate limits per client address counted in the shared
cache, `ETag` and `Last-Modified` with 304, HEAD, and caching headers that keep the
page cache out of the way (an API answer is never kept as a page: the rate limit and
content negotiation must see every request). Behind those, an answer's body is kept under
the organisation's page versions (`kept`), which every change a visitor could see
replaces, so a list is built once per change rather than once per request; it is kept
where pages are (the `pages` cache), as big as they are and read as often.
"""

import hashlib
import json
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from kominn.core import pagecache
from kominn.core.ratelimit import client_address

from .records import LICENSE

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
EXPOSED_HEADERS = "ETag, Last-Modified, Link, Retry-After, X-RateLimit-Limit"
WINDOW_SECONDS = 60


def error(status, code, message, **headers):
    response = HttpResponse(
        json.dumps({"error": {"code": code, "message": message}}),
        status=status,
        content_type="application/json",
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def license_link(response):
    response["Link"] = f'<{LICENSE["url"]}>; rel="license"'
    return response


def _retry_after(request):
    """None while the client's address is under its limit; else the seconds until the
    current window ends. Counted per window in the `default` cache, which every process
    shares."""
    limit = settings.KOMINN_API_RATE_LIMIT
    if limit <= 0:
        return None
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"rate:opendata:{client_address(request)}:{window}"
    cache.add(key, 0, WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # gone between the two calls
        cache.set(key, 1, WINDOW_SECONDS + 5)
        count = 1
    if count <= limit:
        return None
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))


def _accepts_json(request) -> bool:
    """Whether the Accept header allows JSON (a header that cannot be read does not)."""
    if not request.headers.get("Accept", "").strip():
        return True
    return request.accepts("application/json")


def _changed_at(request) -> float:
    """When the current version of the organisation's content was first served: kept
    under the page versions, which every change a visitor could see replaces."""
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return 0.0
    return pagecache.kept(organisation.pk, "opendata:changed-at", time.time)


def open_data(view=None, *, negotiate=True):
    """Wrap a view (the API's, or a download) in what every open data answer does.

    With `negotiate`, a request whose Accept header excludes JSON, or cannot be read,
    gets a 406."""

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = _answer(view, request, negotiate, *args, **kwargs)
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = (
                    "public, max-age=0, must-revalidate"
                    if response.status_code in (200, 304)
                    else "no-store"
                )
            patch_vary_headers(response, ["Accept"])
            return response

        return wrapped

    return decorate(view) if view is not None else decorate


def _answer(view, request, negotiate, *args, **kwargs):
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Allow"] = ALLOWED_METHODS
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response["Access-Control-Allow-Headers"] = (
            "Accept, Accept-Language, If-None-Match, If-Modified-Since"
        )
        response["Access-Control-Max-Age"] = "86400"
        return response
    if request.method not in ("GET", "HEAD"):
        return error(
            405, "method_not_allowed", "Only GET, HEAD and OPTIONS.", Allow=ALLOWED_METHODS
        )
    retry = _retry_after(request)
    if retry is not None:
        response = error(
            429,
            "rate_limited",
            f"Too many requests from this address; try again in {retry} seconds.",
            Retry_After=str(retry),
        )
        response["X-RateLimit-Limit"] = str(settings.KOMINN_API_RATE_LIMIT)
        return response
    if negotiate and not _accepts_json(request):
        return error(406, "not_acceptable", "This API answers in application/json only.")
    head = request.method == "HEAD"
    if head:
        request.method = "GET"
    try:
        response = _kept(view, request, *args, **kwargs)
    finally:
        if head:
            request.method = "HEAD"
    if response.status_code == 200:
        license_link(response)
        response = _conditional(request, response)
    if head:
        if response.streaming:
            response.streaming_content = iter(())
        else:
            response.content = b""
    return response


def _kept(view, request, *args, **kwargs):
    """The view's answer; a 200 with a body is kept for the page cache's period under the
    organisation's versions, the language and what the body depends on (scheme and host
    make its addresses, Accept its format in the catalogue)."""
    organisation = getattr(request, "organisation", None)
    if organisation is None or settings.KOMINN_PAGE_CACHE_SECONDS <= 0:
        return view(request, *args, **kwargs)
    made = {}

    def compute():
        made["response"] = response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            return response.content, response["Content-Type"]
        return None

    what = "\n".join(
        [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            request.headers.get("Accept", ""),
        ]
    )
    name = "opendata:answer:" + hashlib.sha256(what.encode()).hexdigest()
    body = pagecache.kept(
        organisation.pk, name, compute, timeout=settings.KOMINN_PAGE_CACHE_SECONDS, store="pages"
    )
    if "response" in made:
        return made["response"]
    if body is None:  # kept as nothing to keep: an error or a stream
        return view(request, *args, **kwargs)
    content, content_type = body
    return HttpResponse(content, content_type=content_type)


def _conditional(request, response):
    changed_at = int(_changed_at(request))
    if response.streaming:
        # Not read ahead: a weak tag of what the content is made from instead.
        etag = response.get("ETag")
    else:
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    if etag:
        response["ETag"] = etag
    if changed_at:
        response["Last-Modified"] = http_date(changed_at)
    return get_conditional_response(
        request, etag=etag, last_modified=changed_at or None, response=response
    )


def version_etag(request) -> str:
    """A weak ETag for a download streamed without being read ahead: the organisation's
    page versions (replaced on any change), the address and the page cache's period
    (what changes with the clock alone, such as news dated in the future)."""
    organisation = getattr(request, "organisation", None)
    versions = pagecache.current_versions(organisation.pk) if organisation else "none"
    period = int(time.time() // max(settings.KOMINN_PAGE_CACHE_SECONDS, 60))
    text = f"{versions}\n{request.get_full_path()}\n{period}"
    return 'W/"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'
