"""The open data as plain records: the one place that turns the domain's QuerySets into
dicts of JSON types (strings, numbers, lists, None), which the API and the downloads
both serve.

Only what any visitor may see on the municipality's own pages: published content of the
request's organisation, through the QuerySets' own `published()` and
`for_organisation()`. Never a person: no contact name or e-mail of an initiative, no
author of news, and of an idea's author only the display name, and only in the API
and only when the author agreed to be named (`credit_author`); the downloads of ideas
name no author at all.

Each `*_queryset` reads its list in a fixed number of queries, whatever the number of
rows (the prefetches below), and each `*_record` reads no more.
"""

import hashlib
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from kominn.accounts.models import Capacity
from kominn.core import pagecache
from kominn.core.access import is_public
from kominn.pages import statistics
from kominn.participation.models import Challenge, Idea, IdeaStatus
from kominn.portfolio.models import (
    Approach,
    Award,
    Benefit,
    BenefitType,
    GainType,
    Goal,
    GoalContribution,
    Initiative,
    InnovationType,
    Measurement,
    NewsArticle,
    PartnerType,
    Phase,
    Relation,
    RelationType,
    Status,
)
from kominn.portfolio.rollup import benefit_figures, goal_phase_counts, roll_up_figures

LICENSE = {
    "name": "Norsk lisens for offentlige data (NLOD) 2.0",
    "url": "https://data.norge.no/nlod/no/2.0",
}


def choice(value, choices):
    """A coded value with its label in the site's language: {"code", "label"}."""
    if value in (None, ""):
        return None
    return {"code": str(value), "label": str(dict(choices.choices).get(value, value))}


def number(value):
    """Decimals as JSON numbers (two decimals at most in the domain)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def when(value):
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _ref(item, absolute, title_field="title"):
    return {
        "slug": item.slug,
        "title": getattr(item, title_field),
        "url": absolute(item.get_absolute_url()),
    }


def _named(item):
    return {"slug": item.slug, "name": item.name} if item is not None else None


# Initiatives


def initiatives(organisation):
    """The organisation's published initiatives with everything their records show."""
    published_goals = Goal.objects.published()
    return (
        Initiative.objects.for_organisation(organisation)
        .published()
        .select_related("owner_unit")
        .prefetch_related(
            "service_areas",
            "themes",
            "partners",
            Prefetch("benefits", Benefit.objects.prefetch_related("measurements")),
            "lessons",
            "awards",
            "links",
            Prefetch(
                "goalcontribution_set",
                GoalContribution.objects.filter(goal__in=published_goals)
                .select_related("goal")
                .order_by("goal__order", "goal__title"),
            ),
            Prefetch(
                "relations_from",
                Relation.objects.select_related("target__organisation").order_by("pk"),
            ),
            Prefetch(
                "relations_to",
                Relation.objects.select_related("source__organisation").order_by("pk"),
            ),
            # Participation links ideas to the initiatives they became.
            Prefetch("ideas", Idea.objects.published().order_by("submitted_at", "pk")),
        )
    )


def initiative_records(organisation, ids, absolute, address):
    """The records of these published initiatives, in this order. Each is kept on its
    own, as kept pages are (`pagecache.kept_each_as_pages`), under the address the API
    answers at (`address`: scheme and host), which its links start with."""

    def compute(missing):
        rows = initiatives(organisation).filter(pk__in=missing)
        return {row.pk: initiative_record(row, absolute) for row in rows}

    where = hashlib.sha256(address.encode()).hexdigest()[:32]
    return pagecache.kept_each_as_pages(
        organisation.pk, f"opendata:initiative:{where}", ids, compute
    )


def _relation_target(relation, initiative, absolute):
    other = relation.target
    if other is None:
        return None
    if other.organisation_id == initiative.organisation_id:
        return _ref(other, absolute) if is_public(other) else False
    if other.in_sharing_bank():
        return {
            "slug": other.slug,
            "title": other.title,
            "url": absolute(other.get_sharing_url()),
            "municipality": other.organisation.name,
        }
    return False


def _relations(initiative, absolute):
    """Typed relations from this initiative to others here, in the sharing bank or
    elsewhere; those to initiatives no visitor may see are left out."""
    found = []
    for relation in initiative.relations_from.all():
        target = _relation_target(relation, initiative, absolute)
        if target is False:
            continue
        found.append(
            {
                "type": choice(relation.type, RelationType),
                "initiative": target,
                "external_title": relation.external_title,
                "external_organisation": relation.external_organisation,
                "external_url": relation.external_url,
                "note": relation.note,
            }
        )
    return found


def _related_from(initiative, absolute):
    """Published initiatives of this organisation that point to this one."""
    return [
        {"type": choice(relation.type, RelationType), "initiative": _ref(relation.source, absolute)}
        for relation in initiative.relations_to.all()
        if relation.source.organisation_id == initiative.organisation_id
        and is_public(relation.source)
    ]


def _adopted_by(initiative, absolute):
    return [
        {
            "municipality": item["organisation"].name,
            "title": item["initiative"].title,
            "url": absolute(item["url"]) if item["url"] else None,
        }
        for item in initiative.adopted_by()
    ]


def benefit_record(benefit, absolute, *, initiative=None):
    record = {
        "id": benefit.pk,
        "type": choice(benefit.type, BenefitType),
        "gain_type": choice(benefit.gain_type, GainType),
        "indicator": benefit.indicator,
        "unit": benefit.unit,
        "baseline": number(benefit.baseline),
        "target": number(benefit.target),
        "description": benefit.description,
        "measurements": [
            {"date": when(m.measured_on), "value": number(m.value), "note": m.note}
            for m in benefit.measurements.all()
        ],
    }
    if initiative is not None:
        record = {"initiative": _ref(initiative, absolute), **record}
    return record


def initiative_record(initiative, absolute):
    """One initiative as the API and the downloads give it. `absolute` makes a path into
    an address (request.build_absolute_uri)."""
    areas = sorted(initiative.service_areas.all(), key=lambda area: area.name)
    return {
        "slug": initiative.slug,
        "title": initiative.title,
        "url": absolute(initiative.get_absolute_url()),
        "summary": initiative.summary,
        "need": initiative.need,
        "what_is_new": initiative.what_is_new,
        "approach": choice(initiative.approach, Approach),
        "innovation_type": choice(initiative.innovation_type, InnovationType),
        "phase": choice(initiative.phase, Phase),
        "status": choice(initiative.status, Status),
        "stop_reason": initiative.stop_reason,
        "service_areas": [_named(area) for area in areas],
        "owner_unit": _named(initiative.owner_unit),
        "themes": [_named(theme) for theme in sorted(initiative.themes.all(), key=_by_name)],
        "goals": [
            {**_ref(c.goal, absolute), "note": c.note}
            for c in initiative.goalcontribution_set.all()
        ],
        "start_date": when(initiative.start_date),
        "end_date": when(initiative.end_date),
        "cost": number(initiative.cost),
        "funding": initiative.funding,
        "partners": [
            {
                "name": partner.name,
                "type": choice(partner.type, PartnerType),
                "role": partner.role,
                "url": partner.url,
            }
            for partner in initiative.partners.all()
        ],
        "benefits": [benefit_record(b, absolute) for b in initiative.benefits.all()],
        "lessons": [
            {"title": lesson.title, "body": lesson.body} for lesson in initiative.lessons.all()
        ],
        "awards": [
            {
                "name": award.name,
                "year": award.year,
                "result": choice(award.result, Award.Result),
                "url": award.url,
            }
            for award in initiative.awards.all()
        ],
        "links": [{"title": link.title, "url": link.url} for link in initiative.links.all()],
        "relations": _relations(initiative, absolute),
        "related_from": _related_from(initiative, absolute),
        "adopted_by": _adopted_by(initiative, absolute),
        "from_ideas": [
            {"id": idea.pk, "title": idea.title, "url": absolute(idea.get_absolute_url())}
            for idea in initiative.ideas.all()
        ],
        "shared": initiative.shared,
        "is_example": initiative.is_example,
        "published_at": when(initiative.published_at),
        "updated_at": when(initiative.updated_at),
    }


def _by_name(item):
    return item.name


# Benefits across initiatives


def benefits(organisation):
    """Benefits of the organisation's published initiatives, each with its measurements."""
    return (
        Benefit.objects.filter(
            initiative__in=Initiative.objects.for_organisation(organisation).published()
        )
        .select_related("initiative")
        .prefetch_related(Prefetch("measurements", Measurement.objects.order_by("measured_on")))
    )


def benefit_rows(benefit, absolute):
    """A benefit as rows for a table: one per measurement (one with the measurement's
    columns empty for a benefit not measured yet)."""
    record = benefit_record(benefit, absolute, initiative=benefit.initiative)
    base = {
        "initiative_slug": record["initiative"]["slug"],
        "initiative_title": record["initiative"]["title"],
        "initiative_url": record["initiative"]["url"],
        "benefit_id": record["id"],
        "benefit_type": record["type"]["code"],
        "benefit_type_label": record["type"]["label"],
        "gain_type": (record["gain_type"] or {}).get("code", ""),
        "gain_type_label": (record["gain_type"] or {}).get("label", ""),
        "indicator": record["indicator"],
        "unit": record["unit"],
        "baseline": record["baseline"],
        "target": record["target"],
    }
    measurements = record["measurements"] or [{"date": None, "value": None, "note": ""}]
    return [
        {**base, "measured_on": m["date"], "value": m["value"], "note": m["note"]}
        for m in measurements
    ]


# Goals


def goals(organisation):
    return Goal.objects.for_organisation(organisation).published().select_related("parent")


def goal_records(goal_list, organisation, absolute):
    """Goals with the published initiatives that contribute (a main goal counts its
    sub-goals'), by phase, and what their benefits add up to per indicator and unit
    (portfolio's roll-up, as on the goal's page): four queries for the whole list."""
    visible = Initiative.objects.for_organisation(organisation).published()
    every_goal = list(goals(organisation))
    counts = goal_phase_counts(every_goal, visible)
    shown = {goal.pk for goal in every_goal}
    children = {}
    for goal in every_goal:
        children.setdefault(goal.parent_id, []).append(goal)
    wanted = {goal.pk for goal in goal_list}
    wanted |= {child.pk for pk in list(wanted) for child in children.get(pk, [])}
    contributions = GoalContribution.objects.filter(goal__in=wanted, initiative__in=visible)
    members = {}
    for goal_id, initiative_id in contributions.values_list("goal_id", "initiative_id"):
        members.setdefault(goal_id, set()).add(initiative_id)
    figures = benefit_figures(contributions.values("initiative_id")) if members else []
    records = []
    for goal in goal_list:
        phases = counts.get(goal.pk, {})
        parent = goal.parent if goal.parent_id in shown else None
        initiative_ids = set(members.get(goal.pk, ()))
        for child in children.get(goal.pk, []):
            initiative_ids |= members.get(child.pk, set())
        rollup = roll_up_figures([row for row in figures if row[0] in initiative_ids])
        records.append(
            {
                "slug": goal.slug,
                "title": goal.title,
                "url": absolute(goal.get_absolute_url()),
                "description": goal.description,
                "parent": _ref(parent, absolute) if parent else None,
                "sub_goals": [_ref(child, absolute) for child in children.get(goal.pk, [])],
                "period_start": goal.period_start,
                "period_end": goal.period_end,
                "source_title": goal.source_title,
                "source_url": goal.source_url,
                "sdgs": list(goal.sdgs or []),
                "initiative_count": sum(phases.values()),
                "phases": [
                    {"phase": choice(phase, Phase), "initiatives": phases[phase]}
                    for phase in Phase
                    if phases.get(phase)
                ],
                "benefits": [
                    {
                        "indicator": row["indicator"],
                        "unit": row["unit"],
                        "averaged": row["averaged"],
                        "initiatives": row["initiative_count"],
                        "benefits": row["benefits"],
                        "counted": row["counted"],
                        "baseline": number(row["baseline"]),
                        "latest": number(row["latest"]),
                        "target": number(row["target"]),
                    }
                    for row in rollup
                ],
                "published_at": when(goal.published_at),
                "updated_at": when(goal.updated_at),
            }
        )
    return records


# News and challenges


def news(organisation):
    return (
        NewsArticle.objects.for_organisation(organisation)
        .published()
        .prefetch_related(
            Prefetch("initiatives", Initiative.objects.published().order_by("title")),
            Prefetch("goals", Goal.objects.published().order_by("title")),
        )
    )


def news_record(article, absolute):
    return {
        "slug": article.slug,
        "title": article.title,
        "url": absolute(article.get_absolute_url()),
        "lead": article.lead,
        "body": article.body,
        "initiatives": [_ref(item, absolute) for item in article.initiatives.all()],
        "goals": [_ref(item, absolute) for item in article.goals.all()],
        "published_at": when(article.published_at),
        "updated_at": when(article.updated_at),
    }


CHALLENGE_STATES = {"upcoming": "upcoming", "open": "open", "closed": "closed"}


def challenges(organisation):
    return Challenge.objects.for_organisation(organisation).published().select_related("goal")


def challenge_record(challenge, absolute):
    goal = challenge.goal if challenge.goal and is_public(challenge.goal) else None
    return {
        "slug": challenge.slug,
        "title": challenge.title,
        "url": absolute(challenge.get_absolute_url()),
        "question": challenge.question,
        "background": challenge.background,
        "audience": challenge.audience,
        "goal": _ref(goal, absolute) if goal else None,
        "opens_on": when(challenge.opens_on),
        "closes_on": when(challenge.closes_on),
        "state": challenge.state,
        "outcome": challenge.outcome,
        "published_at": when(challenge.published_at),
        "updated_at": when(challenge.updated_at),
    }


# Ideas


def ideas(organisation, *, with_author=False):
    """Public ideas: submitted, not hidden, not by a blocked account. The author is read
    only for the API's credit (display name, with consent)."""
    related = ["theme", "service_area", "challenge", "initiative"]
    if with_author:
        related.append("author")
    return Idea.objects.for_organisation(organisation).published().select_related(*related)


def idea_record(idea, absolute, *, with_author=False):
    """An idea without its author, or with `with_author` the author's display name when
    they agreed to be named (None otherwise)."""
    initiative = idea.initiative
    if initiative is not None and not (
        initiative.organisation_id == idea.organisation_id and is_public(initiative)
    ):
        initiative = None
    challenge = idea.challenge if idea.challenge and is_public(idea.challenge) else None
    record = {
        "id": idea.pk,
        "title": idea.title,
        "url": absolute(idea.get_absolute_url()),
        "description": idea.description,
        "status": choice(idea.status, IdeaStatus),
        "capacity": choice(idea.capacity, Capacity),
        "theme": _named(idea.theme),
        "service_area": _named(idea.service_area),
        "challenge": _ref(challenge, absolute) if challenge else None,
        "initiative": _ref(initiative, absolute) if initiative else None,
        "place_name": idea.place_name,
        "support_count": idea.support_count,
        "comment_count": idea.comment_count,
        "submitted_at": when(idea.submitted_at),
        "first_answered_at": when(idea.first_answered_at),
    }
    if with_author:
        credited = idea.credit_author and idea.author.display_name
        record["author"] = {"display_name": idea.author.display_name} if credited else None
    return record


# The funnel


def funnel(organisation, absolute):
    """The idea funnel of /statistikk/ as rows: all ideas, then per challenge, per service
    area and per capacity. Kept as the statistics page keeps its figures."""

    def compute():
        return {
            "overall": [statistics.overall(organisation)],
            "challenge": statistics.by_challenge(organisation),
            "service_area": statistics.by_service_area(organisation),
            "capacity": statistics.by_capacity(organisation),
        }

    if organisation is None:
        return []
    groups = pagecache.kept(organisation.pk, "opendata:funnel", compute)
    rows = []
    for grouping, found in groups.items():
        for row in found:
            rows.append(
                {
                    "grouping": grouping,
                    "group": str(row.label),
                    "group_url": absolute(row.url) if row.url else None,
                    "submitted": row.submitted,
                    "answered": row.answered,
                    "taken_forward": row.taken_forward,
                    "put_to_use": row.put_to_use,
                    "share_put_to_use": number(row.share_put_to_use),
                    "median_days_to_first_answer": number(row.median_days_rounded),
                }
            )
    return rows
