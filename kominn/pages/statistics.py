"""The idea funnel: how many ideas came in, were answered, taken forward and put to use.

"The number that matters" in Asker's innovation strategy is the share of ideas that became
solutions in use. Everything here is computed by the database, one query per table whatever
the number of ideas. The queries number every counted idea of the organisation to find
the medians, which at national scale is most of the page's time; so the page keeps the
figures (`kept_idea_funnel`) under the organisation's page versions, which every change a
visitor could see replaces (kominn/core/pagecache.py): the first view after a change
computes them again, every other view reads them.

Below it, the innovation barometer: KS's questions (what was taken into use, of what type,
how, with whom, with what gains) answered from the register, in two aggregate queries.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from statistics import fmean

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, ExtractYear, RowNumber, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kominn.accounts.models import Capacity
from kominn.collaboration.models import Answer, AnswerStatus, Need, NeedStatus
from kominn.core import charts, pagecache
from kominn.core.formatting import format_number
from kominn.events.models import Event, EventStatus, Registration, RegistrationStatus
from kominn.participation.models import Challenge, Idea, IdeaStatus
from kominn.portfolio import bank
from kominn.portfolio.models import (
    IN_USE_PHASES,
    Approach,
    Benefit,
    GainType,
    Initiative,
    InnovationType,
    Partner,
    PartnerType,
    PhaseChange,
)

TAKEN_FORWARD = [IdeaStatus.TAKEN_FORWARD, IdeaStatus.PUT_TO_USE]


class DaysBetween(Func):
    """Days, with fractions, from the first datetime to the second (NULL if either is)."""

    arity = 2
    output_field = FloatField()

    def __init__(self, start, end, **extra):
        # The templates below subtract the first expression from the second.
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s))::double precision / 86400)",
            arg_joiner=" - ",
            **extra_context,
        )


@dataclass
class FunnelRow:
    label: str
    submitted: int
    answered: int
    taken_forward: int
    put_to_use: int
    median_days: float | None
    url: str = ""

    @property
    def share_put_to_use(self) -> Decimal | None:
        """Per cent of the submitted ideas that were put to use, one decimal."""
        if not self.submitted:
            return None
        share = Decimal(100 * self.put_to_use) / Decimal(self.submitted)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def median_days_rounded(self) -> Decimal | None:
        if self.median_days is None:
            return None
        return Decimal(str(self.median_days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def counted_ideas(organisation):
    """The ideas the statistics count: submitted, not hidden, and not by a blocked account."""
    return Idea.objects.for_organisation(organisation).filter(
        submitted_at__isnull=False, hidden_at__isnull=True, author__blocked_at__isnull=True
    )


def funnel(queryset, group=None, **labels):
    """The funnel of `queryset`'s ideas per value of the expression `group` (None: all).

    Returns a dict per group (group_key, the `labels` columns, the counts and median_days)
    from a single query: every idea gets its group's counts as window aggregates and its
    position by days-to-answer within the group, and only the one or two middle ideas of
    each group (or its first idea, when none is answered) are fetched; the median is
    their mean.
    """
    partition = {"partition_by": [group]} if group is not None else {}
    ranked = queryset.order_by().annotate(
        group_key=group if group is not None else Value(0),
        days=DaysBetween("submitted_at", "first_answered_at"),
        position=Window(
            RowNumber(), order_by=[F("days").asc(nulls_last=True), F("pk").asc()], **partition
        ),
        submitted=Window(Count("pk"), **partition),
        answered=Window(Count("first_answered_at"), **partition),
        taken_forward=Window(Count("pk", filter=Q(status__in=TAKEN_FORWARD)), **partition),
        put_to_use=Window(Count("pk", filter=Q(status=IdeaStatus.PUT_TO_USE)), **partition),
    )
    # With n answered ideas the median is the average of positions (n+1)//2 and (n+2)//2:
    # the same position when n is odd. Integer division in both databases.
    middle = ranked.filter(
        Q(position=(F("answered") + 1) / 2)
        | Q(position=(F("answered") + 2) / 2)
        | Q(answered=0, position=1)
    )
    fields = ["group_key", "days", "submitted", "answered", "taken_forward", "put_to_use"]
    rows = {}
    for values in middle.values(*fields, **labels):
        row = rows.setdefault(values["group_key"], {**values, "middle": []})
        if values["answered"]:
            row["middle"].append(values["days"])
    for row in rows.values():
        row["median_days"] = fmean(row["middle"]) if row["middle"] else None
    return list(rows.values())


def _row(values, label, url=""):
    counts = ("submitted", "answered", "taken_forward", "put_to_use", "median_days")
    return FunnelRow(label=label, url=url, **{name: values[name] for name in counts})


def _norwegian_order(row):
    # æ, ø and å after z, in that order.
    return row.label.casefold().translate(str.maketrans({"æ": "{", "ø": "|", "å": "}"}))


def _groups_then_rest(rows, make_row, rest_label):
    """Rows of the named groups in alphabetical order, then the row of ideas in none."""
    groups = sorted(
        (make_row(values) for values in rows if values["group_key"] is not None),
        key=_norwegian_order,
    )
    rest = [_row(values, rest_label) for values in rows if values["group_key"] is None]
    return groups + rest


def overall(organisation) -> FunnelRow:
    rows = funnel(counted_ideas(organisation))
    if not rows:
        return FunnelRow(_("All ideas"), 0, 0, 0, 0, None)
    return _row(rows[0], _("All ideas"))


def by_challenge(organisation) -> list[FunnelRow]:
    """Per published challenge, then the ideas not sent in answer to a challenge."""
    published = Challenge.objects.for_organisation(organisation).published()
    ideas = counted_ideas(organisation).filter(
        Q(challenge__isnull=True) | Q(challenge__in=published)
    )
    rows = funnel(
        ideas, F("challenge_id"), group_title=F("challenge__title"), group_slug=F("challenge__slug")
    )
    return _groups_then_rest(
        rows,
        lambda values: _row(
            values,
            values["group_title"],
            Challenge(slug=values["group_slug"]).get_absolute_url(),
        ),
        _("Not in answer to a challenge"),
    )


def by_service_area(organisation) -> list[FunnelRow]:
    """Per service area (or unit) chosen on the idea, then the ideas without one."""
    rows = funnel(
        counted_ideas(organisation), F("service_area_id"), group_name=F("service_area__name")
    )
    return _groups_then_rest(
        rows, lambda values: _row(values, values["group_name"]), _("No service area given")
    )


def by_capacity(organisation) -> list[FunnelRow]:
    """Per capacity the authors wrote in, in the usual order of capacities."""
    rows = {
        values["group_key"]: values for values in funnel(counted_ideas(organisation), F("capacity"))
    }
    return [
        _row(rows[capacity.value], capacity.label)
        for capacity in Capacity
        if capacity.value in rows
    ]


def _months_back(today: date, count: int) -> list[date]:
    """The first day of the `count` months up to and including `today`'s, oldest first."""
    months, year, month = [], today.year, today.month
    for _step in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def per_month(organisation, months=12, today=None) -> list[tuple[date, int]]:
    """Ideas submitted in each of the last `months` months (this one included), in the
    municipality's time zone, with the months without ideas as 0. One query."""
    today = today or timezone.localdate()
    wanted = _months_back(today, months)
    start = timezone.make_aware(
        datetime(wanted[0].year, wanted[0].month, 1), timezone.get_current_timezone()
    )
    counted = (
        counted_ideas(organisation)
        .filter(submitted_at__gte=start)
        .annotate(month=TruncMonth("submitted_at"))
        .order_by()
        .values("month")
        .annotate(ideas=Count("pk"))
    )
    found = {timezone.localtime(row["month"]).date(): row["ideas"] for row in counted}
    return [(month, found.get(month, 0)) for month in wanted]


def funnel_chart(row: FunnelRow) -> charts.Chart:
    steps = [
        (gettext("Submitted"), row.submitted),
        (gettext("Answered"), row.answered),
        (gettext("Taken forward"), row.taken_forward),
        (gettext("Put to use"), row.put_to_use),
    ]
    summary = ngettext(
        "Of %(submitted)s submitted idea, %(answered)s has been answered, %(taken_forward)s "
        "taken forward and %(put_to_use)s put to use: %(share)s.",
        "Of %(submitted)s submitted ideas, %(answered)s have been answered, %(taken_forward)s "
        "taken forward and %(put_to_use)s put to use: %(share)s.",
        row.submitted,
    ) % {
        "submitted": format_number(row.submitted),
        "answered": format_number(row.answered),
        "taken_forward": format_number(row.taken_forward),
        "put_to_use": format_number(row.put_to_use),
        "share": f"{format_number(row.share_put_to_use or 0)}\N{NO-BREAK SPACE}%",
    }
    return charts.horizontal_bars(
        steps,
        title=gettext("From idea to solution in use"),
        summary=summary,
        label_heading=gettext("Step"),
        value_heading=gettext("Ideas"),
    )


def month_chart(months: list[tuple[date, int]]) -> charts.Chart:
    total = sum(count for _month, count in months)
    busiest = max(months, key=lambda item: item[1])
    summary = ngettext(
        "%(total)s idea was submitted from %(first)s to %(last)s, in %(busiest)s.",
        "%(total)s ideas were submitted from %(first)s to %(last)s, the most in %(busiest)s "
        "(%(most)s).",
        total,
    ) % {
        "total": format_number(total),
        "first": date_format(months[0][0], "F Y"),
        "last": date_format(months[-1][0], "F Y"),
        "busiest": date_format(busiest[0], "F Y"),
        "most": format_number(busiest[1]),
    }
    if not total:
        summary = gettext("No ideas were submitted in the last twelve months.")
    return charts.horizontal_bars(
        [(date_format(month, "F Y"), count) for month, count in months],
        title=gettext("Ideas submitted per month, the last twelve months"),
        summary=summary,
        label_heading=gettext("Month"),
        value_heading=gettext("Ideas"),
    )


@dataclass
class CollaborationFigures:
    needs_posted: int
    needs_open: int
    needs_filled: int
    answers_accepted: int
    people: int
    people_by_capacity: list[tuple[str, int]]
    events_held: int
    attendance: int
    attendees: int
    events_upcoming: int

    @property
    def empty(self) -> bool:
        return not (self.needs_posted or self.people or self.events_held or self.events_upcoming)


def counted_needs(organisation):
    """The needs the statistics count: those anyone may see, not the "Annen hjelp" that
    catches free offers of help on an initiative (it is never filled)."""
    return Need.objects.for_organisation(organisation).on_public_pages().filter(is_general=False)


def counted_events(organisation):
    """The events the statistics count: those on initiatives or challenges anyone may see,
    not cancelled ones."""
    return (
        Event.objects.for_organisation(organisation)
        .visible()
        .filter(status=EventStatus.SCHEDULED)
        .order_by()
    )


def collaboration(organisation, now=None) -> CollaborationFigures:
    """Needs, answers, the people taking part and events, in five aggregate queries
    whatever the number of rows: each counts one table, with EXISTS in place of joins so
    that no row is counted twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    needs = counted_needs(organisation).order_by()
    still_open = Q(status=NeedStatus.OPEN) & (Q(until__isnull=True) | Q(until__gte=today))
    need_counts = needs.aggregate(
        posted=Count("pk"),
        open=Count("pk", filter=still_open),
        filled=Count("pk", filter=Q(status=NeedStatus.FILLED)),
    )
    accepted = (
        Answer.objects.filter(status=AnswerStatus.ACCEPTED, need__in=needs.values("pk"))
        .order_by()
        .count()
    )
    events = counted_events(organisation)
    event_counts = events.aggregate(
        held=Count("pk", filter=Q(ends_at__lt=now)),
        upcoming=Count("pk", filter=Q(ends_at__gte=now)),
    )
    attendance = (
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            user__blocked_at__isnull=True,
            event__in=events.filter(ends_at__lt=now).values("pk"),
        )
        .order_by()
        .aggregate(registrations=Count("pk"), people=Count("user_id", distinct=True))
    )
    # People who offered to meet a need (not withdrawn) or signed up for an event here,
    # each once, by the capacity they give on their profile.
    offered = Answer.objects.filter(
        user=OuterRef("pk"), need__in=needs.values("pk"), status__in=_TAKING_PART
    )
    signed_up = Registration.objects.filter(user=OuterRef("pk"), event__in=events.values("pk"))
    by_capacity = dict(
        get_user_model()
        .objects.filter(blocked_at__isnull=True)
        .filter(Exists(offered) | Exists(signed_up))
        .order_by()
        .values("capacity")
        .annotate(people=Count("pk"))
        .values_list("capacity", "people")
    )
    people_by_capacity = [
        (capacity.label, by_capacity.get(capacity.value, 0)) for capacity in Capacity
    ]
    return CollaborationFigures(
        needs_posted=need_counts["posted"],
        needs_open=need_counts["open"],
        needs_filled=need_counts["filled"],
        answers_accepted=accepted,
        people=sum(by_capacity.values()),
        people_by_capacity=people_by_capacity,
        events_held=event_counts["held"],
        attendance=attendance["registrations"],
        attendees=attendance["people"],
        events_upcoming=event_counts["upcoming"],
    )


_TAKING_PART = [AnswerStatus.PENDING, AnswerStatus.ACCEPTED, AnswerStatus.WAITING]


def people_chart(figures: CollaborationFigures) -> charts.Chart:
    summary = ngettext(
        "%(people)s person has taken part by offering to meet a need or signing up for an event.",
        "%(people)s people have taken part by offering to meet a need or signing up for an event.",
        figures.people,
    ) % {"people": format_number(figures.people)}
    return charts.horizontal_bars(
        figures.people_by_capacity,
        title=gettext("People taking part, by how they take part"),
        summary=summary,
        label_heading=gettext("Taking part as"),
        value_heading=gettext("People"),
    )


def idea_funnel(organisation) -> dict:
    """Everything the statistics page shows: the funnel in five queries, sharing with
    other municipalities (bank.sharing_figures) in seven, and collaboration in five."""
    everything = overall(organisation)
    together = collaboration(organisation)
    return {
        "collaboration": together,
        "people_chart": people_chart(together),
        "sharing": bank.sharing_figures(organisation),
        "overall": everything,
        "overall_rows": [everything],
        "funnel_chart": funnel_chart(everything),
        "month_chart": month_chart(per_month(organisation)),
        "by_challenge": by_challenge(organisation),
        "by_service_area": by_service_area(organisation),
        "by_capacity": by_capacity(organisation),
    }


def kept_idea_funnel(organisation) -> dict:
    """idea_funnel(organisation), kept while nothing the figures count has changed
    (pagecache.kept); the months chart ends with the current month, so the day is in
    the name."""
    return pagecache.kept(
        organisation.pk,
        f"statistics:{timezone.localdate().isoformat()}",
        lambda: idea_funnel(organisation),
    )


# The innovation barometer (docs/visitors.md#innovation-barometer): the questions of KS's
# Innovasjonsbarometeret, answered from the municipality's own register.

BAROMETER_FIRST_YEAR = 1990


@dataclass(frozen=True)
class Question:
    code: str
    title: str
    caption: str
    answers: list  # (code, label) pairs
    several: bool  # whether one initiative may give several answers


@dataclass
class BarometerRow:
    label: str
    code: str  # the service area's slug; "" for the whole municipality
    total: int
    cells: list  # {"answer", "label", "count"} for each answer of the question


def barometer_questions() -> list[Question]:
    return [
        Question(
            "innovation_type",
            _("Type of innovation"),
            _("Initiatives taken into use, by type of innovation"),
            [*InnovationType.choices, ("", _("Not stated"))],
            several=False,
        ),
        Question(
            "approach",
            _("Developed here, adopted or spread"),
            _("Initiatives taken into use, by approach"),
            list(Approach.choices),
            several=False,
        ),
        Question(
            "partner_type",
            _("Who we worked with"),
            _("Initiatives taken into use, by the kinds of partners they worked with"),
            [*PartnerType.choices, ("none", _("No partners named"))],
            several=True,
        ),
        Question(
            "gain_type",
            _("Gains"),
            _("Initiatives taken into use, by the gains their benefits are expected to give"),
            [*GainType.choices, ("none", _("No gain stated"))],
            several=True,
        ),
    ]


def default_barometer_period(today=None) -> tuple[int, int]:
    """The barometer's "the last two years": the two full years before this one, and this
    year so far."""
    year = (today or timezone.localdate()).year
    return year - 2, year


def barometer_period(params, today=None) -> tuple[tuple[int, int], str]:
    """The years `fra` to `til` (both included) from the query string, and "" — or the
    default period and what was wrong, for the page to say."""
    default = default_barometer_period(today)
    this_year = default[1]
    given = {name: (params.get(name) or "").strip() for name in ("fra", "til")}
    if not any(given.values()):
        return default, ""
    years = {}
    for name, text in given.items():
        if not text:
            continue
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            return default, gettext("Give the years as four digits, such as %(year)s.") % {
                "year": this_year
            }
        years[name] = int(text)
    start = years.get("fra", years.get("til", this_year) - 2)
    end = years.get("til", this_year)
    if not BAROMETER_FIRST_YEAR <= start <= end <= this_year:
        return default, gettext(
            "Choose a period from %(first)s to %(last)s where the first year does not come "
            "after the last."
        ) % {"first": BAROMETER_FIRST_YEAR, "last": this_year}
    return (start, end), ""


def _first_in_use():
    """When the initiative first moved into a phase where the solution is in use (from a
    phase where it was not): its PhaseChange, the one record of when it happened."""
    changes = (
        PhaseChange.objects.filter(initiative=OuterRef("pk"), to_phase__in=IN_USE_PHASES)
        .exclude(from_phase__in=IN_USE_PHASES)
        .order_by("changed_at", "pk")
        .values("changed_at")[:1]
    )
    return Subquery(changes, output_field=DateTimeField())


def taken_into_use(organisation, start: int, end: int):
    """The organisation's published initiatives in use now (new practice, spreading or
    completed) that were taken into use in the years `start` to `end`: the year of the
    first move into those phases, or, for one never moved there through KomInn (made in
    that phase), the year of its end, else its start, else its publishing."""
    year = Coalesce(
        ExtractYear(_first_in_use()),
        ExtractYear("end_date"),
        ExtractYear("start_date"),
        ExtractYear("published_at"),
    )
    return (
        Initiative.objects.for_organisation(organisation)
        .published()
        .filter(phase__in=IN_USE_PHASES)
        .alias(in_use_year=year)
        .filter(in_use_year__gte=start, in_use_year__lte=end)
        .order_by()
    )


def _barometer_counts(questions):
    """Named aggregates: the total, and for each (question, answer) the initiatives that
    give that answer, each counted once however many rows the joins make."""
    partners = Partner.objects.filter(initiative=OuterRef("pk"))
    benefits = Benefit.objects.filter(initiative=OuterRef("pk"))
    conditions = {
        "innovation_type": lambda code: Q(innovation_type=code),
        "approach": lambda code: Q(approach=code),
        "partner_type": lambda code: (
            ~Exists(partners) if code == "none" else Exists(partners.filter(type=code))
        ),
        "gain_type": lambda code: (
            ~Exists(benefits.exclude(gain_type=""))
            if code == "none"
            else Exists(benefits.filter(gain_type=code))
        ),
    }
    counts = {"total": Count("pk", distinct=True)}
    names = {}
    for question in questions:
        for number, (code, _label) in enumerate(question.answers):
            name = f"{question.code}_{number}"
            names[name] = (question.code, code)
            counts[name] = Count("pk", distinct=True, filter=conditions[question.code](code))
    return counts, names


def barometer(organisation, start: int, end: int) -> dict:
    """The barometer's answers for the period, for the whole municipality and per service
    area (a unit counts in its area), in two aggregate queries whatever the number of
    initiatives. An initiative in several areas counts once in each, and once in all."""
    questions = barometer_questions()
    counts, names = _barometer_counts(questions)
    initiatives = taken_into_use(organisation, start, end)
    everything = initiatives.aggregate(**counts)
    per_area = (
        initiatives.values(
            area_name=Coalesce("service_areas__parent__name", "service_areas__name"),
            area_slug=Coalesce("service_areas__parent__slug", "service_areas__slug"),
        )
        .annotate(**counts)
        .filter(area_slug__isnull=False)
    )

    def row(label, code, values):
        found = {names[name]: values[name] for name in names}
        return label, code, values["total"], found

    rows = [row(gettext("The whole municipality"), "", everything)]
    rows += sorted(
        (row(values["area_name"], values["area_slug"], values) for values in per_area),
        key=lambda item: item[0].casefold().translate(_NORWEGIAN),
    )
    tables = []
    for question in questions:
        table_rows = [
            BarometerRow(
                label=label,
                code=code,
                total=total,
                cells=[
                    {"answer": answer, "label": answer_label, "count": found[question.code, answer]}
                    for answer, answer_label in question.answers
                ],
            )
            for label, code, total, found in rows
        ]
        tables.append(
            {
                "question": question,
                "rows": table_rows,
                "chart": barometer_chart(question, table_rows[0], start, end),
            }
        )
    return {"start": start, "end": end, "total": everything["total"], "tables": tables}


def barometer_chart(question: Question, row: BarometerRow, start: int, end: int) -> charts.Chart:
    """The whole municipality's answers to one question, as bars (the page's table beside
    it holds the same numbers and those of each service area)."""
    summary = ngettext(
        "%(total)s initiative was taken into use from %(start)s to %(end)s.",
        "%(total)s initiatives were taken into use from %(start)s to %(end)s.",
        row.total,
    ) % {"total": format_number(row.total), "start": start, "end": end}
    if question.several:
        summary += " " + gettext("One initiative may give several answers.")
    return charts.horizontal_bars(
        [(cell["label"], cell["count"]) for cell in row.cells],
        title=gettext("%(question)s, the whole municipality") % {"question": question.title},
        summary=summary,
        label_heading=gettext("Answer"),
        value_heading=gettext("Initiatives"),
    )


_NORWEGIAN = str.maketrans({"æ": "{", "ø": "|", "å": "}"})

BAROMETER_CSV_COLUMNS = [
    "period_from",
    "period_to",
    "service_area",
    "service_area_name",
    "question",
    "answer",
    "answer_label",
    "count",
]


def barometer_csv_rows(figures: dict):
    """The barometer as rows for a CSV file, header first: one row per service area (its
    short name, "" for the whole municipality), question and answer; first for each area
    its total, as question "total", answer "taken_into_use"."""
    yield BAROMETER_CSV_COLUMNS
    period = [figures["start"], figures["end"]]
    first = figures["tables"][0]["rows"] if figures["tables"] else []
    for index, area in enumerate(first):
        where = [area.code, area.label]
        yield [*period, *where, "total", "taken_into_use", gettext("Taken into use"), area.total]
        for table in figures["tables"]:
            code = table["question"].code
            for cell in table["rows"][index].cells:
                yield [*period, *where, code, cell["answer"], str(cell["label"]), cell["count"]]
