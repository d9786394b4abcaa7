"""Why a visitor is asked to log in, said on the log-in and registration pages.

Accounts knows no domain. An app whose pages or actions need a log-in registers, in its
AppConfig.ready(), what to say for each of its views:

    login_reasons.register("participation:idea_new", _("Log in to share an idea"))

The reason comes from the view `next` leads to, or from the `grunn` parameter when an
action that takes only POST sends the visitor back to the page its form is on (`next` is
then that page, not the action). Either way the text is looked up here, never taken from
the request, so an address cannot make the page say anything else.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve

PARAMETER = "grunn"

_reasons: dict[str, str] = {}


def register(view_name: str, message) -> None:
    """Say `message` (lazily translated) when a visitor is sent to log in on their way to
    the view named `view_name` ("namespace:name")."""
    _reasons[view_name] = message


def is_known(key: str) -> bool:
    return key in _reasons


def reason(*, next_url: str = "", key: str = ""):
    """What to tell the visitor, or None. `next_url` must already be a safe local address."""
    if key in _reasons:
        return _reasons[key]
    if not next_url:
        return None
    try:
        match = resolve(urlsplit(next_url).path)
    except Resolver404:
        return None
    return _reasons.get(match.view_name)


def login_url(next_url: str, *, key: str = "") -> str:
    """The log-in page's address, to come back to `next_url`, saying why with `key`."""
    query = QueryDict(mutable=True)
    query["next"] = next_url
    if key in _reasons:
        query[PARAMETER] = key
    # Slashes and colons kept as they are, as Django's redirect_to_login does.
    return f"{resolve_url(settings.LOGIN_URL)}?{query.urlencode(safe='/:')}"
