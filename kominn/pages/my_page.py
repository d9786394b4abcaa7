"""Min side: a person's own ideas and drafts, what they support, follow and wrote, and
their offers of help, in this organisation.

Every list starts from the person's own rows (each table's index on the person), is
ordered newest first and read a page at a time, so the page costs as much for a person
with two ideas on a site with a million as on an empty one.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kominn.collaboration.models import Answer, AnswerStatus
from kominn.core.access import can_view_unpublished, is_public
from kominn.participation.models import COMMENTS_PER_PAGE, Comment, Follow, Idea, Support

PER_PAGE = 10


@dataclass
class Section:
    """One list on the page, with its own page number in the query string."""

    parameter: str
    page: Page
    previous_url: str | None
    next_url: str | None


def _section(request, parameter, queryset) -> Section:
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get(parameter))

    def url(number):
        query = request.GET.copy()
        query[parameter] = number
        return f"?{query.urlencode()}#{parameter}"

    return Section(
        parameter=parameter,
        page=page,
        previous_url=url(page.previous_page_number()) if page.has_previous() else None,
        next_url=url(page.next_page_number()) if page.has_next() else None,
    )


def _idea_visible_to(user, prefix="idea__"):
    """Ideas the person may see: public ones, and their own (drafts, hidden)."""
    return Q(
        **{
            f"{prefix}submitted_at__isnull": False,
            f"{prefix}hidden_at__isnull": True,
            f"{prefix}author__blocked_at__isnull": True,
        }
    ) | Q(**{f"{prefix}author": user})


def ideas(user, organisation):
    """The person's ideas, drafts first, then the newest sent."""
    return (
        Idea.objects.for_organisation(organisation)
        .filter(author=user)
        .select_related("initiative")
        .order_by(F("submitted_at").desc(nulls_first=True), "-created_at", "-pk")
    )


def supports(user, organisation):
    return (
        Support.objects.filter(user=user, idea__organisation=organisation)
        .filter(_idea_visible_to(user))
        .select_related("idea")
        .order_by("-created_at", "-pk")
    )


def _published(user, organisation, prefix):
    """Challenges or initiatives the person may see: published, or any for its staff."""
    if can_view_unpublished(user, organisation):
        return Q()
    return Q(**{f"{prefix}is_published": True, f"{prefix}published_at__lte": timezone.now()})


def follows(user, organisation):
    """What the person follows, of what they may see: ideas, challenges and initiatives."""
    return (
        Follow.objects.filter(user=user)
        .filter(
            (Q(idea__organisation=organisation) & _idea_visible_to(user))
            | (
                Q(challenge__organisation=organisation)
                & _published(user, organisation, "challenge__")
            )
            | (
                Q(initiative__organisation=organisation)
                & _published(user, organisation, "initiative__")
            )
        )
        .select_related("idea", "challenge", "initiative")
        .order_by("-created_at", "-pk")
    )


def comments(user, organisation):
    """The person's comments (not the ones they deleted), each with the page of its idea's
    discussion that shows it (as Comment.thread_page, for the rows on the page only)."""
    earlier = (
        Comment.objects.filter(idea=OuterRef("idea"), parent=None)
        .filter(
            Q(created_at__lt=OuterRef("root_created"))
            | Q(created_at=OuterRef("root_created"), pk__lt=OuterRef("root_pk"))
        )
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Comment.objects.filter(author=user, idea__organisation=organisation, deleted_at=None)
        .filter(_idea_visible_to(user))
        .select_related("idea")
        .annotate(
            root_created=Coalesce("parent__created_at", "created_at"),
            root_pk=Coalesce("parent_id", "pk"),
        )
        .annotate(earlier=Coalesce(Subquery(earlier), Value(0)))
        .order_by("-created_at", "-pk")
    )


def comment_url(comment) -> str:
    page = comment.earlier // COMMENTS_PER_PAGE + 1
    query = f"?kommentarer={page}" if page > 1 else ""
    return f"{comment.idea.get_absolute_url()}{query}#kommentar-{comment.pk}"


def offers(user, organisation):
    """The person's offers of help: their answers to needs (the general need "Annen hjelp"
    holds the free offers on initiatives and ideas), on what they may see, but not the
    ones they took back."""
    return (
        Answer.objects.filter(user=user, need__organisation=organisation)
        .exclude(status=AnswerStatus.WITHDRAWN)
        .filter(
            (Q(need__idea__isnull=False) & _idea_visible_to(user, "need__idea__"))
            | (
                Q(need__challenge__isnull=False)
                & _published(user, organisation, "need__challenge__")
            )
            | (
                Q(need__initiative__isnull=False)
                & _published(user, organisation, "need__initiative__")
            )
        )
        .select_related("need__idea", "need__challenge", "need__initiative")
        .order_by("-created_at", "-pk")
    )


def sections(request) -> dict:
    user, organisation = request.user, request.organisation
    found = {
        "ideas": _section(request, "ideer", ideas(user, organisation)),
        "supports": _section(request, "stottet", supports(user, organisation)),
        "follows": _section(request, "folger", follows(user, organisation)),
        "comments": _section(request, "kommentarer", comments(user, organisation)),
        "offers": _section(request, "bidrag", offers(user, organisation)),
    }
    for comment in found["comments"].page:
        comment.url = comment_url(comment)
    staff = can_view_unpublished(user, organisation)
    for idea in found["ideas"].page:
        idea.initiative_visible = idea.initiative is not None and (
            staff or is_public(idea.initiative)
        )
    return found
