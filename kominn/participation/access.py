"""Loading participation's objects for a request: of the request's organisation, and only
what the person may see; else 404. Every view loads ideas, comments and challenges here."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from kominn.core.access import get_for_request, loader
from kominn.portfolio import access as portfolio_access

from . import rules
from .models import Challenge, Comment, Idea

# The idea if this person may see it (drafts are their author's).
idea = loader(Idea, "pk", check=rules.can_view_idea)
# A comment on one of the organisation's ideas.
comment = loader(Comment, "pk")


def challenge(request, slug):
    """The challenge if this person may see it: drafts are for the organisation's staff."""
    challenges = Challenge.objects.visible_to(request.user, request.organisation)
    return get_for_request(challenges, request, slug=slug)


def participant_required(view=None, *, back=None):
    """Views where a person acts (writes, supports, follows, offers help): logged in,
    active and not blocked (rules.can_take_part); else 403.

    Anonymous people are sent to log in and come back to this address, or with `back` to
    `back(request, **kwargs)`: for an action that takes only POST, the page its form is on.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                target = back(request, *args, **kwargs) if back else request.get_full_path()
                return redirect_to_login(target)
            if not rules.can_take_part(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator(view) if view else decorator


def idea_page(request, pk):
    return idea(request, pk).get_absolute_url()


def challenge_page(request, slug):
    return challenge(request, slug).get_absolute_url()


def initiative_page(request, slug):
    return portfolio_access.initiative(request, slug).get_absolute_url()
