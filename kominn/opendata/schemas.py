"""The API's response shapes, from which the OpenAPI document describes every field.

Version policy (docs/open-data.md): fields may be added to /api/v1/, never removed or
changed; a change that breaks clients is /api/v2/.
"""

from ninja import Schema
from pydantic import Field


class Coded(Schema):
    code: str = Field(description="Stable code (English, snake_case).")
    label: str = Field(description="Label in the municipality's language.")


class Named(Schema):
    slug: str
    name: str


class Ref(Schema):
    slug: str
    title: str
    url: str = Field(description="Address of the page on the municipality's KomInn site.")


class ErrorDetail(Schema):
    code: str = Field(
        description="invalid_parameter, invalid_cursor, bad_request, not_found, "
        "not_acceptable, method_not_allowed or rate_limited."
    )
    message: str = Field(description="What was wrong, in English.")


class Error(Schema):
    error: ErrorDetail


class Page(Schema):
    next: str | None = Field(
        description="Address of the next page (the same filters, with its cursor), or null "
        "on the last page."
    )


# Initiatives


class MeasurementOut(Schema):
    date: str = Field(description="ISO 8601 date of the measurement.")
    value: float
    note: str


class BenefitOut(Schema):
    id: int
    type: Coded = Field(description="economic, quality, climate or others.")
    gain_type: Coded | None = Field(
        description="The gain of KS's innovation barometer it is: quality, efficiency, "
        "employees, citizen_influence, business or other; null when not given."
    )
    indicator: str
    unit: str
    baseline: float | None
    target: float | None
    description: str
    measurements: list[MeasurementOut] = Field(description="Oldest first.")


class BenefitWithInitiative(BenefitOut):
    initiative: Ref


class GoalContributionOut(Ref):
    note: str = Field(description="How the initiative contributes to the goal.")


class PartnerOut(Schema):
    name: str
    type: Coded
    role: str
    url: str


class LessonOut(Schema):
    title: str
    body: str = Field(description="Markdown.")


class AwardOut(Schema):
    name: str
    year: int
    result: Coded
    url: str


class LinkOut(Schema):
    title: str
    url: str


class RelatedInitiative(Ref):
    municipality: str | None = Field(
        None, description="For an initiative of another municipality in the sharing bank."
    )


class RelationOut(Schema):
    type: Coded = Field(description="builds_on, adopted_from, part_of or related.")
    initiative: RelatedInitiative | None = Field(
        description="The initiative in KomInn, or null for one elsewhere (external_*)."
    )
    external_title: str
    external_organisation: str
    external_url: str
    note: str


class IncomingRelation(Schema):
    type: Coded
    initiative: Ref


class AdoptionOut(Schema):
    municipality: str
    title: str
    url: str | None


class IdeaRef(Schema):
    id: int
    title: str
    url: str


class InitiativeOut(Schema):
    slug: str
    title: str
    url: str
    summary: str
    need: str = Field(description="Markdown.")
    what_is_new: str = Field(description="Markdown.")
    approach: Coded = Field(description="first, adopted or shared.")
    innovation_type: Coded | None = Field(
        description="The type of innovation (KS's innovation barometer): service, product, "
        "process or communication; null when not given."
    )
    phase: Coded = Field(
        description="need, idea, development, implementation, practice, spreading, "
        "completed or stopped."
    )
    status: Coded = Field(description="ongoing, completed or stopped (from the phase).")
    stop_reason: str
    service_areas: list[Named]
    owner_unit: Named | None
    themes: list[Named]
    goals: list[GoalContributionOut]
    start_date: str | None
    end_date: str | None
    cost: float | None = Field(description="NOK.")
    funding: str
    partners: list[PartnerOut]
    benefits: list[BenefitOut]
    lessons: list[LessonOut]
    awards: list[AwardOut]
    links: list[LinkOut]
    relations: list[RelationOut] = Field(description="From this initiative to others.")
    related_from: list[IncomingRelation] = Field(
        description="This municipality's initiatives that relate to this one."
    )
    adopted_by: list[AdoptionOut] = Field(
        description="Other municipalities' initiatives adopted from this one."
    )
    from_ideas: list[IdeaRef] = Field(description="Public ideas this initiative came from.")
    shared: bool = Field(description="Shared with other municipalities in the sharing bank.")
    is_example: bool = Field(description="Invented example content, not real work.")
    published_at: str
    updated_at: str


class InitiativePage(Page):
    items: list[InitiativeOut]


class BenefitPage(Page):
    items: list[BenefitWithInitiative]


# Goals


class PhaseCount(Schema):
    phase: Coded
    initiatives: int


class RollupRow(Schema):
    indicator: str
    unit: str
    averaged: bool = Field(description="A level (%, points): averaged, not summed.")
    initiatives: int
    benefits: int
    counted: int = Field(description="Benefits with a baseline, a measurement and a target.")
    baseline: float | None
    latest: float | None
    target: float | None


class GoalOut(Schema):
    slug: str
    title: str
    url: str
    description: str = Field(description="Markdown.")
    parent: Ref | None
    sub_goals: list[Ref]
    period_start: int | None
    period_end: int | None
    source_title: str
    source_url: str
    sdgs: list[int] = Field(description="UN sustainable development goals, 1–17.")
    initiative_count: int = Field(
        description="Published initiatives that contribute (a main goal counts its sub-goals')."
    )
    phases: list[PhaseCount]
    benefits: list[RollupRow] = Field(
        description="What the contributing initiatives' benefits add up to, per indicator "
        "and unit (only benefits with a baseline, a measurement and a target are added)."
    )
    published_at: str
    updated_at: str


class GoalPage(Page):
    items: list[GoalOut]


# News and challenges


class NewsOut(Schema):
    slug: str
    title: str
    url: str
    lead: str
    body: str = Field(description="Markdown.")
    initiatives: list[Ref]
    goals: list[Ref]
    published_at: str
    updated_at: str


class NewsPage(Page):
    items: list[NewsOut]


class ChallengeOut(Schema):
    slug: str
    title: str
    url: str
    question: str
    background: str = Field(description="Markdown.")
    audience: str
    goal: Ref | None
    opens_on: str
    closes_on: str
    state: str = Field(description="upcoming, open or closed.")
    outcome: str = Field(description="Markdown.")
    published_at: str
    updated_at: str


class ChallengePage(Page):
    items: list[ChallengeOut]


# Ideas


class Author(Schema):
    display_name: str


class IdeaOut(Schema):
    id: int
    title: str
    url: str
    description: str = Field(description="Markdown.")
    status: Coded = Field(
        description="received, under_review, taken_forward, put_to_use, parked or not_pursued."
    )
    capacity: Coded = Field(description="citizen, employee, volunteer or business.")
    theme: Named | None
    service_area: Named | None
    challenge: Ref | None
    initiative: Ref | None = Field(description="The initiative the idea became.")
    place_name: str
    support_count: int
    comment_count: int
    submitted_at: str
    first_answered_at: str | None
    author: Author | None = Field(
        description="The author's display name, only when they agreed to be named; otherwise null."
    )


class IdeaPage(Page):
    items: list[IdeaOut]


# The funnel


class FunnelRow(Schema):
    grouping: str = Field(description="overall, challenge, service_area or capacity.")
    group: str
    group_url: str | None
    submitted: int
    answered: int
    taken_forward: int
    put_to_use: int
    share_put_to_use: float | None = Field(description="Per cent, one decimal.")
    median_days_to_first_answer: float | None


class Funnel(Schema):
    license: str
    items: list[FunnelRow]
