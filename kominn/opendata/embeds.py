"""Views made to be framed on the municipality's own website: its latest initiatives, and
an invitation to share an idea. Only the origins the organisation lists (and KomInn
itself) may frame them; every other page keeps the site's `frame-ancestors 'none'` and
X-Frame-Options: DENY.

Nothing in them posts: a form in a frame on another site would go without the session
and CSRF cookies (SameSite), so every link leads to KomInn itself, at the top level."""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.csp import CSP

from kominn.participation.models import Challenge
from kominn.portfolio.models import Initiative

DEFAULT_COUNT = 5
MAX_COUNT = 10
MAX_CHALLENGES = 5


def framable(view):
    """The view's page may be framed by the organisation's listed origins, and only them."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        organisation = request.organisation
        origins = organisation.embed_origin_list() if organisation else []
        response._csp_config = settings.SECURE_CSP | {"frame-ancestors": [CSP.SELF, *origins]}
        response.xframe_options_exempt = True
        return response

    return wrapped


def _count(value: str | None) -> int:
    """?antall=: how many to show, from 1 to MAX_COUNT; anything else gives the default."""
    try:
        return min(max(int(value), 1), MAX_COUNT)
    except (TypeError, ValueError):
        return DEFAULT_COUNT


@framable
def latest_initiatives(request):
    initiatives = (
        Initiative.objects.for_organisation(request.organisation)
        .published()
        .order_by("-published_at", "-pk")[: _count(request.GET.get("antall"))]
    )
    return render(request, "opendata/embed_latest.html", {"initiatives": initiatives})


@framable
def share_idea(request):
    challenges = (
        Challenge.objects.for_organisation(request.organisation)
        .published()
        .open_on(timezone.localdate())
        .order_by("closes_on", "pk")[:MAX_CHALLENGES]
    )
    return render(request, "opendata/embed_share_idea.html", {"challenges": challenges})
