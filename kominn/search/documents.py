"""What each kind of content puts in the search index, and whether visitors may see it.

Search shows public content only, to everyone (staff included): published portfolio
content whose publish date has come, submitted ideas that are not hidden and whose author
is not blocked. Drafts stay out of search even for the people who may open them.
"""

from django.db.models import Prefetch

from kominn.organisations.models import ServiceArea
from kominn.participation.models import Challenge, Idea
from kominn.portfolio.models import Goal, Initiative, Lesson, NewsArticle

from . import text
from .models import Document, Kind


def _ids(values) -> str:
    return " " + " ".join(str(value) for value in sorted(set(values))) + " " if values else ""


class AreaTree:
    """Service areas with their parents, so a unit's work counts for its area too."""

    def __init__(self):
        self.parents = dict(ServiceArea.objects.values_list("pk", "parent_id"))

    def with_parents(self, area_ids):
        found = set()
        for area_id in area_ids:
            while area_id is not None and area_id not in found:
                found.add(area_id)
                area_id = self.parents.get(area_id)
        return found


def _document(kind, item, *, title, body, **fields):
    body = " ".join(part for part in body if part)
    return Document(
        organisation_id=item.organisation_id,
        kind=kind,
        object_id=item.pk,
        title=title,
        body=body,
        stemmed_title=text.stemmed(title),
        stemmed_body=text.stemmed(body),
        **fields,
    )


def initiative_fields(initiative, tree):
    return {
        "slug": initiative.slug,
        "phase": initiative.phase,
        "status": initiative.status,
        "areas": _ids(tree.with_parents(area.pk for area in initiative.service_areas.all())),
        "themes": _ids(theme.pk for theme in initiative.themes.all()),
        "is_public": initiative.is_published,
        "published_at": initiative.published_at,
    }


def for_initiative(initiative, tree):
    """The initiative's document and one for each of its lessons learned."""
    fields = initiative_fields(initiative, tree)
    documents = [
        _document(
            Kind.INITIATIVE,
            initiative,
            title=initiative.title,
            body=[
                initiative.summary,
                text.plain(initiative.need),
                text.plain(initiative.what_is_new),
                initiative.stop_reason,
            ],
            **fields,
        )
    ]
    for lesson in initiative.lessons.all():
        lesson.organisation_id = initiative.organisation_id
        documents.append(
            _document(
                Kind.LESSON,
                lesson,
                title=lesson.title,
                body=[text.plain(lesson.body)],
                parent_id=initiative.pk,
                **fields,
            )
        )
    return documents


def for_goal(goal, tree):
    return [
        _document(
            Kind.GOAL,
            goal,
            title=goal.title,
            body=[text.plain(goal.description)],
            slug=goal.slug,
            is_public=goal.is_published,
            published_at=goal.published_at,
        )
    ]


def for_news(article, tree):
    return [
        _document(
            Kind.NEWS,
            article,
            title=article.title,
            body=[article.lead, text.plain(article.body)],
            slug=article.slug,
            is_public=article.is_published,
            published_at=article.published_at,
        )
    ]


def for_challenge(challenge, tree):
    return [
        _document(
            Kind.CHALLENGE,
            challenge,
            title=challenge.title,
            body=[
                challenge.question,
                text.plain(challenge.background),
                challenge.audience,
                text.plain(challenge.outcome),
            ],
            slug=challenge.slug,
            is_public=challenge.is_published,
            published_at=challenge.published_at,
        )
    ]


def for_idea(idea, tree):
    return [
        _document(
            Kind.IDEA,
            idea,
            title=idea.title,
            body=[text.plain(idea.description), idea.place_name],
            status=idea.status,
            areas=_ids(tree.with_parents([idea.service_area_id] if idea.service_area_id else [])),
            themes=_ids([idea.theme_id] if idea.theme_id else []),
            is_public=(
                idea.submitted_at is not None
                and idea.hidden_at is None
                and idea.author.blocked_at is None
            ),
            published_at=idea.submitted_at or idea.created_at,
        )
    ]


# Each indexed model: how to load it with what its documents need, and how to make them.
SOURCES = {
    Initiative: (
        lambda: Initiative.objects.prefetch_related(
            "service_areas", "themes", Prefetch("lessons", Lesson.objects.order_by("pk"))
        ),
        for_initiative,
    ),
    Goal: (lambda: Goal.objects.all(), for_goal),
    NewsArticle: (lambda: NewsArticle.objects.all(), for_news),
    Challenge: (lambda: Challenge.objects.all(), for_challenge),
    Idea: (lambda: Idea.objects.select_related("author"), for_idea),
}
