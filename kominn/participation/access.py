"""Loading participation's objects for a request: of the request's organisation, and only
what the person may see; else 404. Every view loads ideas, comments and challenges here."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from kominn.accounts import login_reasons
from kominn.core.access import get_for_request, loader
from kominn.portfolio import access as portfolio_access

from . import rules
from .models import Challenge, Comment, Idea

_any_idea = loader(Idea, "pk")


class HiddenIdea(Http404):
    """A hidden idea, asked for by someone who may not see it: not found, though its page
    shows the moderator's notice in its place (with no title)."""

    def __init__(self, idea):
        super().__init__()
        self.idea = idea


def idea(request, pk, *, queryset=None):
    """The idea if this person may see it (rules.can_view_idea: drafts are their author's,
    a hidden idea its author's and the organisation's staff's); else 404, raised before
    anything, such as a redirect to the address with its title, could tell what it is."""
    queryset = Idea.objects.select_related("author") if queryset is None else queryset
    found = _any_idea(request, pk, queryset=queryset)
    if rules.can_view_idea(request.user, found):
        return found
    if found.is_draft:
        raise Http404
    raise HiddenIdea(found)


def _on_visible_idea(user, comment):
    return rules.can_view_idea(user, comment.idea)


# A comment on one of the organisation's ideas that this person may see. A hidden comment
# is found too: its notice stays in its place, and replies still go to it; what it says
# is for those rules.can_see_hidden lets see it.
_comment = loader(Comment, "pk", check=_on_visible_idea)


def comment(request, pk, *, queryset=None):
    queryset = Comment.objects.all() if queryset is None else queryset
    return _comment(request, pk, queryset=queryset.select_related("author", "idea__author"))


def challenge(request, slug):
    """The challenge if this person may see it: drafts are for the organisation's staff."""
    challenges = Challenge.objects.visible_to(request.user, request.organisation)
    return get_for_request(challenges, request, slug=slug)


def participant_required(view=None, *, back=None):
    """Views where a person acts (writes, supports, follows, offers help): logged in,
    active and not blocked (rules.can_take_part); else 403.

    Anonymous people are sent to log in and come back to this address, or with `back` to
    `back(request, **kwargs)`: for an action that takes only POST, the page its form is on,
    with the action named so that the log-in page can say why (accounts.login_reasons).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                if back is None:
                    return redirect_to_login(request.get_full_path())
                # The log-in page says what they were doing: `next` is only the page.
                action = request.resolver_match.view_name if request.resolver_match else ""
                target = back(request, *args, **kwargs)
                return redirect(login_reasons.login_url(target, key=action))
            if not rules.can_take_part(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator(view) if view else decorator


def posted_next(request, *args, **kwargs):
    """The local page a form named in `next` (where it was), else the front page."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def idea_page(request, pk):
    return idea(request, pk).get_absolute_url()


def challenge_page(request, slug):
    return challenge(request, slug).get_absolute_url()


def initiative_page(request, slug):
    return portfolio_access.initiative(request, slug).get_absolute_url()
