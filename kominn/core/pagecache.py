"""Pages for visitors kept ready, and never shown once anything on them has changed.

A visitor without a session gets a page from the page cache (the `pages` cache: Redis
when REDIS_URL is set, else each process's memory), kept under the request's host,
language, path and query string, and under the current *versions*: one per organisation
and one for every organisation. The versions live in the `default` cache, which every
process and app server shares, and any change a visitor could see replaces its
organisation's version with a new random token (`bump`), so a page is only ever found
under the versions that were current when it was rendered. A version is read before the
page is rendered, so a page is never kept under a version newer than its content.

Apps say which of their models visitors see (`watch`) and which they do not (`unseen`)
in their AppConfig.ready(); a test walks every model to keep the two lists complete.
"""

import hashlib
import logging
import re
import secrets
import threading
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

EVERY = "every"
WATCHED = {}
UNSEEN = set()
_unseen_fields = {}

# What a kept page holds in place of the two things that differ between responses: the
# CSP nonce (new for every response, and the header must name the body's) and the CSRF
# token in forms (tied to each visitor's own cookie).
NONCE_MARK = "\x00kominn-csp-nonce\x00"
CSRF_MARK = "\x00kominn-csrf-token\x00"
CSRF_FIELD = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")([^"]*)(")')

# What a view says on its response about who may frame it and its Content-Security-Policy
# (csp_override, xframe_options_exempt; the embeds set them per organisation). The
# middlewares that turn them into headers run after this one, so a kept page keeps them
# and a page served from the cache carries them again: else it would get the site's
# `frame-ancestors 'none'` and X-Frame-Options: DENY.
POLICY_ATTRIBUTES = ("_csp_config", "_csp_ro_config", "xframe_options_exempt")

_local = threading.local()


# Versions


def _version_key(scope) -> str:
    return f"kominn:page-version:{scope}"


def _new_version(scope) -> None:
    _forget_versions()
    try:
        cache.set(_version_key(scope), secrets.token_hex(8), timeout=None)
    except Exception:
        # Pages may then be kept up to KOMINN_PAGE_CACHE_SECONDS too long; the change
        # itself must not fail because the cache is away.
        logger.exception("Could not mark pages of %s as changed", scope)


def bump(organisation_id=None) -> None:
    """Every kept page of this organisation (of every organisation when None) is stale.

    Done at once, and again once the transaction commits: until then other processes
    still read the old rows, and a page one of them renders in the meantime must not be
    kept under the version that follows the change. (At once, too, so code that runs
    inside a transaction that commits later, or never, as in tests, sees its change.)
    """
    scope = EVERY if organisation_id is None else organisation_id
    _new_version(scope)
    if connection.in_atomic_block:
        pending = getattr(_local, "pending", None)
        if pending is None:
            pending = _local.pending = set()
        pending.add(scope)
        transaction.on_commit(_flush, robust=True)


def bump_every() -> None:
    bump(None)


def _flush() -> None:
    pending = getattr(_local, "pending", set())
    _local.pending = set()
    for scope in pending:
        _new_version(scope)


def _forget_versions() -> None:
    read = getattr(_local, "versions", None)
    if read is not None:
        read.clear()


def current_versions(organisation_id) -> str:
    """The versions pages of this organisation are kept under now. Within a request they
    are read once (the page cache's middleware keeps what it read until the answer is
    made, and forgets it on any change): a part kept later in the same request is then
    computed after the versions were read, so it is never kept under a version newer
    than what it shows, as with pages."""
    read = getattr(_local, "versions", None)
    if read is not None and organisation_id in read:
        return read[organisation_id]
    versions = _read_versions(organisation_id)
    if read is not None:
        read[organisation_id] = versions
    return versions


def _read_versions(organisation_id) -> str:
    keys = [_version_key(EVERY), _version_key(organisation_id)]
    found = cache.get_many(keys)
    for key in keys:
        if found.get(key) is None:
            cache.add(key, secrets.token_hex(8), timeout=None)
            # Should it be gone again at once, a token nobody will find keeps this
            # page from being kept under a version that might come back.
            found[key] = cache.get(key) or secrets.token_hex(8)
    return ".".join(found[key] for key in keys)


def kept(organisation_id, name: str, compute, *, timeout=24 * 60 * 60, store="default"):
    """What `compute()` returns, kept in the `default` cache under the organisation's
    current versions, the language and `name`: so computed again after any change a
    visitor could see, as a kept page is. For parts of pages that cost much to compute
    and are the same for everyone who sees them (the statistics' figures, related work),
    and so also for people logged in, whose pages are never kept. Whole answers go in
    the `pages` cache with the pages (`store`): each process's memory without Redis."""
    kept_in = caches[store]
    try:
        key = _kept_key(organisation_id, name)
        value = kept_in.get(key)
    except Exception:
        # Without the cache the part is computed each time; the page still answers.
        logger.exception("The kept part %s could not be read", name)
        return compute()
    if value is None:
        value = compute()
        try:
            kept_in.set(key, value, timeout)
        except Exception:
            logger.exception("The kept part %s could not be kept", name)
    return value


def _kept_key(organisation_id, name: str) -> str:
    versions = current_versions(organisation_id)
    return ":".join(["kominn:kept", str(organisation_id), get_language() or "", name, versions])


def kept_as_pages(organisation_id, name: str, compute):
    """kept(), for parts that change with the clock too (what only its publishing time
    publishes): also computed again in every period of the page cache, and kept no
    longer, so they show such content when kept pages do. Computed each time when
    pages are not kept (KOMINN_PAGE_CACHE_SECONDS 0)."""
    period = settings.KOMINN_PAGE_CACHE_SECONDS
    if period <= 0:
        return compute()
    return kept(organisation_id, _in_period(name, period), compute, timeout=period)


def _in_period(name: str, period: int) -> str:
    """`name` in the current period of the page cache: a new name when the period ends."""
    return f"{name}:{int(time.time() // period)}"


def kept_each_as_pages(organisation_id, name: str, ids, compute) -> list:
    """kept_as_pages() for the items of a list, each kept on its own under its id: one
    read of the cache for them all, and `compute(missing)` ({id: value}) only for the
    ids not kept. So a list's page that is not kept itself (another filter, another
    cursor) is made of what the pages before it already computed. The values in the
    order of `ids`, leaving out the ids `compute` gave nothing for."""
    ids = list(ids)
    period = settings.KOMINN_PAGE_CACHE_SECONDS
    if period <= 0 or not ids:
        computed = compute(ids) if ids else {}
        return [computed[id_] for id_ in ids if id_ in computed]
    try:
        prefix = _kept_key(organisation_id, _in_period(name, period))
        keys = {id_: f"{prefix}:{id_}" for id_ in ids}
        found = cache.get_many(list(keys.values()))
    except Exception:
        logger.exception("The kept parts %s could not be read", name)
        computed = compute(ids)
        return [computed[id_] for id_ in ids if id_ in computed]
    values = {id_: found[key] for id_, key in keys.items() if key in found}
    missing = [id_ for id_ in ids if id_ not in values]
    if missing:
        computed = compute(missing)
        values.update(computed)
        try:
            cache.set_many({keys[id_]: value for id_, value in computed.items()}, period)
        except Exception:
            logger.exception("The kept parts %s could not be kept", name)
    return [values[id_] for id_ in ids if id_ in values]


# Which changes make pages stale


def watch(model, organisation="organisation_id", *, unseen_fields=()) -> None:
    """Visitors see this model's rows: saving or deleting one (or changing its many-to-many
    links) makes the pages of its organisation stale.

    `organisation` says where the row's organisation is: an attribute path such as
    "idea.organisation_id", several to try in turn, or None for a row that shows on
    every organisation's pages (a person's name). A save that changes only
    `unseen_fields` (a log-in's time) changes nothing a visitor sees.
    """
    single = organisation is None or isinstance(organisation, str)
    WATCHED[model] = (organisation,) if single else tuple(organisation)
    uid = f"pagecache-{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(
            _linked, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
        )
    _unseen_fields[model] = frozenset(unseen_fields)


def unseen(*models) -> None:
    """No visitor sees these models' rows, or their changes mark pages stale otherwise
    (said where they are declared)."""
    UNSEEN.update(models)


def organisation_of(instance):
    """The organisation id a watched row shows under; None for every organisation."""
    for path in WATCHED[type(instance)]:
        if path is None:
            return None
        value = instance
        try:
            for name in path.split("."):
                value = getattr(value, name)
                if value is None:
                    break
        except ObjectDoesNotExist:
            # Deleted along with what it hangs on: to be sure, every organisation.
            return None
        if value is not None:
            return value
    return None


def _saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if update_fields and frozenset(update_fields) <= _unseen_fields.get(sender, frozenset()):
        return
    bump(organisation_of(instance))


def _deleted(sender, instance, **kwargs):
    bump(organisation_of(instance))


def _linked(sender, instance, action, **kwargs):
    if action.startswith("post_") or action == "pre_clear":
        bump(organisation_of(instance) if type(instance) in WATCHED else None)


# The middleware


class PageCacheMiddleware:
    """Serves and keeps anonymous pages; says how browsers and proxies may keep responses.

    Kept: GET and HEAD requests without a session or messages cookie whose answer is a
    200 that sets no cookie, starts no session, carries no message and was not marked
    uncacheable by its view. Such a page tells caches `public` but to ask again every
    time (`max-age=0, must-revalidate`), with an ETag and Last-Modified, answered with a
    304 while the page is unchanged. A page with a form for a visitor is kept too, with
    the visitor's own CSRF token put in each time; it is `private, no-store` over HTTP.
    Everything else for a logged-in person, or that sets a cookie, is `private, no-store`
    unless its view said otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _local.versions = {}
        try:
            return self._respond(request)
        finally:
            _local.versions = None

    def _respond(self, request):
        key = _key(request) if _anonymous(request) else None
        if key:
            try:
                entry = caches["pages"].get(key)
            except Exception:
                logger.exception("The page cache did not answer")
                entry = key = None
            if entry:
                return _answer(request, _replay(request, entry), entry)
        response = self.get_response(request)
        if key and _storable(request, response):
            entry = _entry(request, response)
            if entry:
                try:
                    caches["pages"].set(key, entry, settings.KOMINN_PAGE_CACHE_SECONDS)
                except Exception:
                    logger.exception("The page cache did not keep a page")
                return _answer(request, response, entry)
        # A view that said how its answer may be kept (an uploaded file) knows best.
        if _personal(request, response) and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _anonymous(request) -> bool:
    return (
        settings.KOMINN_PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and getattr(request, "organisation", None) is not None
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "Authorization" not in request.headers
    )


def _key(request):
    try:
        versions = current_versions(request.organisation.pk)
    except Exception:
        logger.exception("The page versions could not be read")
        return None
    where = "\n".join(
        [
            request.scheme,
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
        ]
    )
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"kominn:page:{request.organisation.pk}:{versions}:{digest}"


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not (session is not None and session.modified)
        and not (messages is not None and getattr(messages, "_queued_messages", None))
    )


def _entry(request, response):
    try:
        content = response.content.decode(response.charset)
    except UnicodeDecodeError:
        return None  # not text: a file, served as it is
    nonce = get_nonce(request)
    if nonce:
        content = content.replace(str(nonce), NONCE_MARK)
    forms = _uses_csrf(request)
    if forms:
        content, count = CSRF_FIELD.subn(rf"\1{CSRF_MARK}\3", content)
        if not count:
            # The token went somewhere else than a form's field: not safe to keep.
            return None
    policy = {
        name: getattr(response, name) for name in POLICY_ATTRIBUTES if hasattr(response, name)
    }
    # A browser that asks again keeps the headers it has on a 304: a page whose policy
    # changed (an origin added to the embeds' list) must not match the one it kept.
    tagged = content + (repr(sorted(policy.items())) if policy else "")
    return {
        "content": content,
        "charset": response.charset,
        "headers": [(k, v) for k, v in response.items() if k.lower() != "content-length"],
        "policy": policy,
        "etag": '"' + hashlib.sha256(tagged.encode()).hexdigest()[:32] + '"',
        "stored_at": datetime.now(UTC).timestamp(),
        "forms": forms,
    }


def _replay(request, entry) -> HttpResponse:
    content = entry["content"]
    if NONCE_MARK in content:
        content = content.replace(NONCE_MARK, str(get_nonce(request)))
    if entry["forms"]:
        # A token per form, as rendering would give; they set the visitor's CSRF cookie
        # as rendering would.
        content = CSRF_FIELD.sub(lambda m: m[1] + get_token(request) + m[3], content)
    response = HttpResponse(content.encode(entry["charset"]))
    for name, value in entry["headers"]:
        response[name] = value
    for name, value in entry.get("policy", {}).items():
        setattr(response, name, value)
    return response


def _answer(request, response, entry):
    if entry["forms"]:
        patch_cache_control(response, private=True, no_store=True)
        return response
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    # A person who logs in must get their own page, not the anonymous one a browser kept.
    patch_vary_headers(response, ["Cookie"])
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["stored_at"])
    answer = get_conditional_response(
        request,
        etag=entry["etag"],
        last_modified=int(entry["stored_at"]),
        response=response,
    )
    if answer.status_code == 304:
        # The browser keeps the body it has, and with it the CSP header that names its
        # nonce; a new header here would name another and block the page's own styles.
        answer._csp_config = answer._csp_ro_config = {}
        # Nor may it get an X-Frame-Options: DENY that a page made to be framed has not.
        if getattr(response, "xframe_options_exempt", False):
            answer.xframe_options_exempt = True
    return answer


def _personal(request, response) -> bool:
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    return (
        (user is not None and user.is_authenticated)
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        # Messages are shown once, to the person they were for.
        or "messages" in request.COOKIES
        or bool(response.cookies)
        or (session is not None and session.modified)
        or _uses_csrf(request)
    )


def _uses_csrf(request) -> bool:
    # Set by get_token(), which every {% csrf_token %} calls.
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
