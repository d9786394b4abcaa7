"""What each kind of content puts in the search index, and whether visitors may see it.

Search shows public content only, to everyone (staff included): published portfolio
content whose publish date has come, submitted ideas that are not hidden and whose author
is not blocked. Drafts stay out of search even for the people who may open them.
Initiatives and ideas also get the keys that relate them to each other (keys.py).
"""

from collections import Counter

from django.db.models import Prefetch

from kominn.organisations.models import ServiceArea
from kominn.participation.models import Challenge, Idea
from kominn.portfolio.models import Goal, GoalContribution, Initiative, Lesson, NewsArticle

from . import keys, text
from .models import Document, Kind


def _ids(values) -> str:
    return " " + " ".join(str(value) for value in sorted(set(values))) + " " if values else ""


class Context:
    """What making documents needs besides the objects: service areas with their parents,
    so that a unit's work counts for its area too, and the vocabulary that related work
    splits compounds by (None: the documents are made only to count their words, without
    stems or keys)."""

    def __init__(self, vocabulary=None):
        self.parents = dict(ServiceArea.objects.values_list("pk", "parent_id"))
        self.vocabulary = vocabulary

    @property
    def counting(self):
        return self.vocabulary is None

    def with_parents(self, area_ids):
        found = set()
        for area_id in area_ids:
            while area_id is not None and area_id not in found:
                found.add(area_id)
                area_id = self.parents.get(area_id)
        return found

    def area_keys(self, area_ids):
        """A service area as tagged counts fully; the area a tagged unit belongs to, less."""
        tagged = set(area_ids)
        found = Counter()
        for area_id in self.with_parents(tagged):
            found[keys.area(area_id)] = keys.DIRECT if area_id in tagged else keys.INDIRECT
        return found


def facet_word(name, value) -> str:
    """A facet value as a word of the scope: "area12", "theme4", "phasepractice",
    "statusunderreview"."""
    return name + "".join(character for character in str(value) if character.isalnum())


def scope(document) -> str:
    """What SQLite's full-text index narrows by before it ranks (see engines.py): a public
    idea of organisation 3 is found by "p3" (public there) and "p3idea" (a public idea
    there), and by its facet values ("area12", "theme4", "statusreceived"), so that a
    chosen facet narrows the documents before they are ranked; no search looks for
    documents that are not public."""
    if not document.is_public:
        return ""
    organisation_id = document.organisation_id
    words = [f"p{organisation_id}", f"p{organisation_id}{document.kind}"]
    words += [facet_word("area", area) for area in document.areas.split()]
    words += [facet_word("theme", theme) for theme in document.themes.split()]
    words += [
        facet_word(name, value)
        for name in ("phase", "status")
        if (value := getattr(document, name))
    ]
    if document.shared:
        # In the sharing bank: found there from every organisation.
        words += ["bank", f"bank{document.kind}"]
    return " ".join(words)


def _document(kind, item, context, *, title, body, related=None, **fields):
    body = " ".join(part for part in body if part)
    counting = context.counting
    document = Document(
        organisation_id=item.organisation_id,
        kind=kind,
        object_id=item.pk,
        title=title,
        body=body,
        stemmed_title="" if counting else text.stemmed(title),
        stemmed_body="" if counting else text.stemmed(body),
        related=keys.dump(related) if related else "",
        **fields,
    )
    document.scope = scope(document)
    return document


def _links(*groups):
    return Counter({key: keys.DIRECT for group in groups for key in group})


def initiative_keys(initiative, context):
    contributions = list(initiative.goalcontribution_set.all())
    found = keys.words(
        [
            (initiative.title, 3),
            (initiative.summary, 2),
            (text.plain(initiative.need), 1),
            (text.plain(initiative.what_is_new), 1),
            *((contribution.note, 1) for contribution in contributions),
        ],
        context.vocabulary,
    )
    linked = {initiative.pk}
    linked |= {relation.target_id for relation in initiative.relations_from.all()}
    linked |= {relation.source_id for relation in initiative.relations_to.all()}
    return (
        found
        + _links(
            [keys.goal(contribution.goal_id) for contribution in contributions],
            [keys.theme(theme.pk) for theme in initiative.themes.all()],
            [keys.initiative(pk) for pk in linked if pk is not None],
        )
        + context.area_keys(area.pk for area in initiative.service_areas.all())
    )


def idea_keys(idea, context):
    found = keys.words([(idea.title, 3), (text.plain(idea.description), 1)], context.vocabulary)
    challenge = idea.challenge
    return (
        found
        + _links(
            [keys.challenge(challenge.pk)] if challenge else [],
            [keys.goal(challenge.goal_id)] if challenge and challenge.goal_id else [],
            [keys.theme(idea.theme_id)] if idea.theme_id else [],
            [keys.initiative(idea.initiative_id)] if idea.initiative_id else [],
        )
        + context.area_keys([idea.service_area_id] if idea.service_area_id else [])
    )


def initiative_fields(initiative, context):
    fields = {
        "slug": initiative.slug,
        "phase": initiative.phase,
        "status": initiative.status,
        "is_public": initiative.is_published,
        "shared": initiative.shared and initiative.is_published,
        "published_at": initiative.published_at,
    }
    if not context.counting:
        areas = context.with_parents(area.pk for area in initiative.service_areas.all())
        fields["areas"] = _ids(areas)
        fields["themes"] = _ids(theme.pk for theme in initiative.themes.all())
    return fields


def for_initiative(initiative, context):
    """The initiative's document and one for each of its lessons learned."""
    fields = initiative_fields(initiative, context)
    documents = [
        _document(
            Kind.INITIATIVE,
            initiative,
            context,
            title=initiative.title,
            body=[
                initiative.summary,
                text.plain(initiative.need),
                text.plain(initiative.what_is_new),
                initiative.stop_reason,
            ],
            related=None if context.counting else initiative_keys(initiative, context),
            **fields,
        )
    ]
    for lesson in initiative.lessons.all():
        lesson.organisation_id = initiative.organisation_id
        documents.append(
            _document(
                Kind.LESSON,
                lesson,
                context,
                title=lesson.title,
                body=[text.plain(lesson.body)],
                parent_id=initiative.pk,
                **fields,
            )
        )
    return documents


def for_goal(goal, context):
    return [
        _document(
            Kind.GOAL,
            goal,
            context,
            title=goal.title,
            body=[text.plain(goal.description)],
            slug=goal.slug,
            is_public=goal.is_published,
            published_at=goal.published_at,
        )
    ]


def for_news(article, context):
    return [
        _document(
            Kind.NEWS,
            article,
            context,
            title=article.title,
            body=[article.lead, text.plain(article.body)],
            slug=article.slug,
            is_public=article.is_published,
            published_at=article.published_at,
        )
    ]


def for_challenge(challenge, context):
    return [
        _document(
            Kind.CHALLENGE,
            challenge,
            context,
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


def for_idea(idea, context):
    return [
        _document(
            Kind.IDEA,
            idea,
            context,
            title=idea.title,
            body=[text.plain(idea.description), idea.place_name],
            related=None if context.counting else idea_keys(idea, context),
            status=idea.status,
            areas=_ids(
                context.with_parents([idea.service_area_id] if idea.service_area_id else [])
            ),
            themes=_ids([idea.theme_id] if idea.theme_id else []),
            is_public=(
                idea.submitted_at is not None
                and idea.hidden_at is None
                and idea.author.blocked_at is None
            ),
            published_at=idea.submitted_at or idea.created_at,
        )
    ]


def _initiatives(counting=False):
    lessons = Prefetch("lessons", Lesson.objects.order_by("pk"))
    if counting:
        return Initiative.objects.prefetch_related(lessons)
    return Initiative.objects.prefetch_related(
        "service_areas",
        "themes",
        "relations_from",
        "relations_to",
        Prefetch("goalcontribution_set", GoalContribution.objects.order_by("pk")),
        lessons,
    )


def _ideas(counting=False):
    return Idea.objects.select_related("author", *([] if counting else ["challenge"]))


# Each indexed model: how to load it with what its documents need (`counting`: only their
# words, see Context), and how to make them.
SOURCES = {
    Initiative: (_initiatives, for_initiative),
    Goal: (lambda counting=False: Goal.objects.all(), for_goal),
    NewsArticle: (lambda counting=False: NewsArticle.objects.all(), for_news),
    Challenge: (lambda counting=False: Challenge.objects.all(), for_challenge),
    Idea: (_ideas, for_idea),
}
