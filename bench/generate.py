"""Generate content at real volume into the configured database, for load tests.

    .venv/bin/python bench/generate.py --scale small       # the default organisation
    .venv/bin/python bench/generate.py --scale national    # 356 municipalities
    .venv/bin/python bench/generate.py --reset             # remove what it generated

Run it after `manage.py migrate`, into the database that DATABASE_URL names (SQLite by
default); it loads the demo data first when it is missing, and refuses to run twice into
one database.

- small: in the default organisation (the demo's Asker), 200 people, 1 000 ideas of about
  300 words, 5 000 comments and 32 000 supports; the demo's initiatives and challenges.
- national: 356 municipalities (the default one and 355 made up, each at
  `<slug>.kominn.test` with service areas and themes), 100 000 people, 20 000 published
  initiatives, 200 000 ideas, 1 000 000 comments and 2 000 000 supports. The default
  organisation holds a fifth; the others are sized as Zipf's law has it.
- tiny: the national shape in three organisations, for the test that keeps this working.

Activity is skewed as it is in real life: a few people write much of it, and a few ideas
draw most of the comments and supports (one small-scale idea has about 400 comments). Idea
statuses and the share of drafts follow the demo's. Generated people have addresses at
`<organisation slug>.kominn.test` and take part only in their own organisation.

Rows are written in batches: with PostgreSQL's COPY for people, ideas, comments, supports
and follows, with bulk_create otherwise, all in one transaction. Then the search index is
rebuilt (`--no-index` leaves it out).
"""

import argparse
import itertools
import os
import random
import sys
import time
from bisect import bisect
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.text import (  # noqa: E402
    BUSINESS_KINDS,
    VOLUNTEER_GROUPS,
    Writer,
    ascii_slug,
    person_name,
)

# Generated people and municipalities are known by this domain; nothing real uses it.
DOMAIN = "kominn.test"
SEED = 2026
BATCH = 5_000


@dataclass(frozen=True)
class Scale:
    organisations: int  # in all, the default one included
    default_share: float  # of the people and content, in the default organisation
    people: int
    initiatives: int
    ideas: int
    comments: int
    supports: int
    idea_words: int  # on average
    max_comments: int  # on one idea
    max_supports: int  # on one idea
    years: int  # how far back the activity goes


SCALES = {
    "tiny": Scale(3, 0.5, 60, 12, 60, 300, 600, 40, 60, 40, 2),
    "small": Scale(1, 1.0, 200, 0, 1_000, 5_000, 32_000, 300, 400, 199, 2),
    "national": Scale(
        356, 0.2, 100_000, 20_000, 200_000, 1_000_000, 2_000_000, 300, 2_000, 5_000, 3
    ),
}

# Made-up municipality names: a first part and an ending, as Norwegian place names go.
_STARTS = (
    "Eike Bjørke Fjell Gran Hov Lille Store Nord Sør Øst Vest Ask Lind Elve Bakke Brei Fager "
    "Furu Grøn Heim Holt Kvit Lyng Mo Nes Os Rød Sand Sol Stein Strand Skog Ulve Vik Øy Berg "
    "Dal Haug Tveit"
)
_ENDS = "dal fjord vik sund berg stad heim nes ås øy land bygd haug voll eid"
PLACE_STARTS, PLACE_ENDS = _STARTS.split(), _ENDS.split()

PHASES = {
    "need": 12,
    "idea": 12,
    "development": 20,
    "implementation": 18,
    "practice": 15,
    "spreading": 8,
    "completed": 10,
    "stopped": 5,
}
APPROACHES = {"first": 25, "adopted": 50, "shared": 25}
CAPACITIES = {"citizen": 60, "employee": 25, "volunteer": 10, "business": 5}
FOLLOW_SHARE = 0.1  # of supporters who also follow the idea
REPLY_SHARE = 0.3
DELETED_SHARE = 0.01


class AlreadyGenerated(Exception):
    pass


# Numbers: shares and skew.


def apportion(total, weights, cap=None):
    """`total` split in proportion to `weights` as whole numbers (largest remainder first),
    none above `cap`; what a capped share cannot take goes to the others."""
    counts = [0] * len(weights)
    open_ = set(range(len(weights)))
    remaining = total
    while remaining > 0 and open_:
        weight = sum(weights[i] for i in open_)
        shares = {i: remaining * weights[i] / weight for i in open_}
        full = {i for i in open_ if cap is not None and counts[i] + shares[i] >= cap}
        if full:
            for i in full:
                remaining -= cap - counts[i]
                counts[i] = cap
            open_ -= full
            continue
        floors = {i: int(shares[i]) for i in open_}
        for i in open_:
            counts[i] += floors[i]
        left = remaining - sum(floors.values())
        for i in sorted(open_, key=lambda i: floors[i] - shares[i])[:left]:
            counts[i] += 1
        remaining = 0
    return counts


def zipf(count, exponent, chooser):
    """Weights for `count` things, the n-th most popular weighing 1/n^exponent, in random
    order (popularity has nothing to do with age or id)."""
    ranks = list(range(1, count + 1))
    chooser.shuffle(ranks)
    return [1 / rank**exponent for rank in ranks]


class People:
    """An organisation's people; a few of them do much of what is done."""

    def __init__(self, rows, chooser):
        self.rows = rows  # (id, capacity, affiliation)
        self.ids = [row[0] for row in rows]
        self.chooser = chooser
        self.cumulative = list(itertools.accumulate(zipf(len(rows), 0.6, chooser)))

    def active(self):
        """One person, the more active more often."""
        return self.rows[bisect(self.cumulative, self.chooser.random() * self.cumulative[-1])]

    def distinct(self, count, leave_out):
        """`count` different people, none of them `leave_out`, the more active more often."""
        chosen = {}
        if count * 2 < len(self.ids):
            for _round in range(3):
                missing = count - len(chosen)
                draws = self.chooser.choices(
                    self.ids, cum_weights=self.cumulative, k=2 * missing + 4
                )
                for person in draws:
                    if person != leave_out:
                        chosen[person] = None
                        if len(chosen) == count:
                            return list(chosen)
        sample = self.chooser.sample(self.ids, min(len(self.ids), count + len(chosen) + 1))
        for person in sample:
            if person != leave_out:
                chosen[person] = None
                if len(chosen) == count:
                    break
        return list(chosen)


# Writing rows.


class Table:
    """Rows of one model, written in batches: COPY on PostgreSQL, bulk_create elsewhere.

    Fields a row leaves out get the model's default, so a field added later with a
    default does not break the generator."""

    def __init__(self, model, *, copy, total=None, log=None):
        from django.db import connection

        self.model = model
        self.copy = copy and connection.vendor == "postgresql"
        self.rows = []
        self.count = 0
        self.total = total
        self.log = log
        self.reported = 0
        self.columns = None

    def add(self, **values):
        self.rows.append(values)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        if self.copy:
            self._copy()
        else:
            self.model.objects.bulk_create([self.model(**row) for row in self.rows])
        self.count += len(self.rows)
        self.rows = []
        if self.log and self.total and self.count - self.reported >= self.total / 10:
            self.reported = self.count
            self.log(f"  {self.model._meta.db_table}: {self.count:,} of {self.total:,}")

    def _copy(self):
        from django.db import connection

        if self.columns is None:
            given = self.rows[0].keys()
            fields = [
                field
                for field in self.model._meta.concrete_fields
                if field.attname in given or not field.primary_key
            ]
            self.attnames = [field.attname for field in fields]
            self.defaults = {
                field.attname: field.get_db_prep_save(field.get_default(), connection)
                for field in fields
                if field.attname not in given
            }
            self.columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        table = connection.ops.quote_name(self.model._meta.db_table)
        defaults, attnames = self.defaults, self.attnames
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({self.columns}) FROM STDIN") as copy,
        ):
            for row in self.rows:
                copy.write_row([row[name] if name in row else defaults[name] for name in attnames])

    def close(self):
        self.flush()
        return self.count


@contextmanager
def own_timestamps(models):
    """Let rows keep the creation and update times they are given: bulk_create would set
    auto_now(_add) fields to now."""
    changed = []
    for model in models:
        for field in model._meta.concrete_fields:
            for flag in ("auto_now", "auto_now_add"):
                if getattr(field, flag, False):
                    setattr(field, flag, False)
                    changed.append((field, flag))
    try:
        yield
    finally:
        for field, flag in changed:
            setattr(field, flag, True)


def next_id(model):
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


# The generator.


class Generator:
    def __init__(self, scale, log):
        from django.utils import timezone

        from kominn.participation.models import Idea

        self.scale = scale
        self.log = log
        self.chooser = random.Random(SEED)
        self.now = timezone.now()
        self.start = self.now - timedelta(days=365 * scale.years)
        self.writer = Writer.from_demo(self.chooser)
        self.counts = {}
        self.times = {}
        demo = Idea.objects.filter(is_example=True)
        statuses = {}
        for status in demo.filter(submitted_at__isnull=False).values_list("status", flat=True):
            statuses[status] = statuses.get(status, 0) + 1
        if not statuses:
            raise SystemExit("No demo ideas: run `manage.py load_demo` first.")
        self.statuses, self.status_weights = list(statuses), list(statuses.values())
        self.draft_share = demo.filter(submitted_at__isnull=True).count() / demo.count()

    def weighted(self, table):
        return self.chooser.choices(list(table), weights=list(table.values()))[0]

    def moment(self, after, skew=1.0):
        """A moment between `after` and now, early ones more likely when skew > 1."""
        return after + (self.now - after) * self.chooser.random() ** skew

    @contextmanager
    def timed(self, name):
        started = time.perf_counter()
        yield
        self.times[name] = time.perf_counter() - started
        self.log(f"{name}: {self.counts.get(name, 0):,} rows in {self.times[name]:.1f} s")

    def run(self):
        from kominn.accounts.models import User
        from kominn.organisations.models import Organisation, ServiceArea, Theme
        from kominn.participation.models import Challenge, Comment, Follow, Idea, Support
        from kominn.portfolio.models import Goal, GoalContribution, Initiative

        default = Organisation.objects.filter(is_default=True).first()
        if default is None:
            raise SystemExit("No default organisation: run `manage.py load_demo` first.")
        through = [Initiative.service_areas.through, Initiative.themes.through]
        models = [Organisation, ServiceArea, Theme, Goal, Challenge, Initiative, GoalContribution]
        models += [User, Idea, Comment, Support, Follow, *through]
        with own_timestamps(models):
            with self.timed("organisations"):
                self.organisations(default)
            with self.timed("goals"):
                self.goals()
            with self.timed("challenges"):
                self.challenges()
            with self.timed("initiatives"):
                self.initiatives()
            with self.timed("people"):
                self.people()
            with self.timed("ideas"):
                self.ideas()
            with self.timed("comments"):
                self.comments()
            with self.timed("supports"):
                self.supports()
        with self.timed("idea counts"):
            # The support and comment counts each idea keeps, from the rows just written.
            self.counts["idea counts"] = Idea.objects.recount()
        self.reset_sequences(models)
        return self.counts

    def organisations(self, default):
        """The default organisation and made-up municipalities, with host names, service
        areas and themes; the share of everything each one gets."""
        from kominn.organisations.models import HostName, Organisation, ServiceArea, Theme

        chooser, scale = self.chooser, self.scale
        taken = set(Organisation.objects.values_list("slug", flat=True))
        places = {
            ascii_slug(start + end): start + end for start in PLACE_STARTS for end in PLACE_ENDS
        }
        places = sorted(place for slug, place in places.items() if slug not in taken)
        places = chooser.sample(places, scale.organisations - 1)
        organisation_id = next_id(Organisation)
        new = []
        organisations = Table(Organisation, copy=False)
        for place in places:
            slug = ascii_slug(place)
            organisations.add(
                id=organisation_id,
                name=f"{place} kommune",
                slug=slug,
                contact_email=f"kominn@{slug}.{DOMAIN}",
                theme_colour=f"#{chooser.randrange(0x1000000):06X}",
            )
            new.append((organisation_id, slug))
            organisation_id += 1
        self.counts["organisations"] = organisations.close()
        hosts = Table(HostName, copy=False)
        for pk, slug in new:
            hosts.add(organisation_id=pk, name=f"{slug}.{DOMAIN}")
        hosts.close()

        area_id, theme_id = next_id(ServiceArea), next_id(Theme)
        areas, themes = Table(ServiceArea, copy=False), Table(Theme, copy=False)
        # Each municipality is organised as the default one is: its service areas (with
        # units) and themes.
        default_areas = list(ServiceArea.objects.filter(organisation=default).order_by("pk"))
        by_pk = {area.pk: area for area in default_areas}

        def depth(area):
            return 0 if area.parent_id is None else 1 + depth(by_pk[area.parent_id])

        default_areas.sort(key=depth)  # an area before the units below it
        default_themes = list(Theme.objects.filter(organisation=default))
        self.areas = {default.pk: [area.pk for area in default_areas]}
        self.units = {default.pk: [area.pk for area in default_areas if area.parent_id]}
        self.themes = {default.pk: [theme.pk for theme in default_themes]}
        for pk, _slug in new:
            self.areas[pk], self.units[pk], self.themes[pk] = [], [], []
            copied = {}
            for area in default_areas:
                copied[area.pk] = area_id
                areas.add(
                    id=area_id,
                    organisation_id=pk,
                    parent_id=copied.get(area.parent_id),
                    slug=area.slug,
                    name=area.name,
                    description=area.description,
                )
                self.areas[pk].append(area_id)
                if area.parent_id:
                    self.units[pk].append(area_id)
                area_id += 1
            for theme in default_themes:
                themes.add(id=theme_id, organisation_id=pk, slug=theme.slug, name=theme.name)
                self.themes[pk].append(theme_id)
                theme_id += 1
        areas.close()
        themes.close()

        # The default organisation takes its share; the others are sized by Zipf's law.
        self.organisation_ids = [default.pk] + [pk for pk, _slug in new]
        self.slugs = {default.pk: default.slug, **dict(new)}
        others = [1 / rank for rank in range(1, len(new) + 1)]
        rest = 1 - scale.default_share
        self.shares = [scale.default_share] + [rest * weight / sum(others) for weight in others]

    def split(self, total, minimum=0):
        """`total` spread over the organisations by their shares, each getting `minimum`."""
        count = len(self.organisation_ids)
        counts = apportion(total - minimum * count, self.shares)
        return dict(zip(self.organisation_ids, (minimum + n for n in counts), strict=True))

    def goals(self):
        """A few main goals with sub-goals, for organisations that have none."""
        from kominn.core.slugs import norwegian_slugify
        from kominn.portfolio.models import Goal

        chooser, writer = self.chooser, self.writer
        with_goals = set(Goal.objects.values_list("organisation_id", flat=True))
        goal_id = next_id(Goal)
        goals = Table(Goal, copy=False)
        for organisation_id in self.organisation_ids:
            if organisation_id in with_goals or not self.scale.initiatives:
                continue
            for order in range(chooser.randint(2, 4)):
                main = goal_id
                for parent in [None] * 1 + [main] * chooser.randint(1, 3):
                    title = writer.title()
                    made = self.start - timedelta(days=chooser.randint(30, 300))
                    goals.add(
                        id=goal_id,
                        organisation_id=organisation_id,
                        parent_id=parent,
                        title=title,
                        slug=f"{norwegian_slugify(title)[:60].strip('-')}-g{goal_id}",
                        description=writer.text(1, 3),
                        period_start=made.year,
                        period_end=made.year + 6,
                        sdgs=sorted(chooser.sample(range(1, 18), chooser.randint(1, 3))),
                        order=order,
                        is_published=True,
                        published_at=made,
                        created_at=made,
                        updated_at=made,
                    )
                    goal_id += 1
        self.counts["goals"] = goals.close()
        self.goal_ids = {}
        for pk, organisation_id in Goal.objects.values_list("pk", "organisation_id"):
            self.goal_ids.setdefault(organisation_id, []).append(pk)

    def challenges(self):
        """One to three challenges for each organisation that has none: some closed, some
        open now."""
        from kominn.core.slugs import norwegian_slugify
        from kominn.participation.models import Challenge

        chooser, writer = self.chooser, self.writer
        with_challenges = set(Challenge.objects.values_list("organisation_id", flat=True))
        challenge_id = next_id(Challenge)
        challenges = Table(Challenge, copy=False)
        today = self.now.date()
        for organisation_id in self.organisation_ids:
            if organisation_id in with_challenges:
                continue
            for _ in range(chooser.randint(1, 3)):
                title = writer.title()
                opens = self.moment(self.start).date()
                closes = opens + timedelta(days=chooser.randint(30, 90))
                made = self.now.replace(year=opens.year, month=opens.month, day=opens.day)
                goals = self.goal_ids.get(organisation_id)
                challenges.add(
                    id=challenge_id,
                    organisation_id=organisation_id,
                    title=title,
                    slug=f"{norwegian_slugify(title)[:60].strip('-')}-g{challenge_id}",
                    question=writer.title()[:290] + "?",
                    background=writer.paragraphs(80),
                    goal_id=chooser.choice(goals) if goals and chooser.random() < 0.5 else None,
                    opens_on=opens,
                    closes_on=closes,
                    outcome=writer.text(1, 3) if closes < today else "",
                    is_published=True,
                    published_at=made,
                    created_at=made - timedelta(days=7),
                    updated_at=made,
                )
                challenge_id += 1
        self.counts["challenges"] = challenges.close()
        self.challenge_periods = {}
        for pk, organisation_id, opens, closes in Challenge.objects.values_list(
            "pk", "organisation_id", "opens_on", "closes_on"
        ):
            if opens < today:
                self.challenge_periods.setdefault(organisation_id, []).append((pk, opens, closes))

    def initiatives(self):
        """Published initiatives in every phase and approach, in one to three service
        areas, with themes and contributions to their organisation's goals."""
        from kominn.core.slugs import norwegian_slugify
        from kominn.portfolio.models import GoalContribution, Initiative

        chooser, writer, scale = self.chooser, self.writer, self.scale
        initiative_id = next_id(Initiative)
        initiatives = Table(Initiative, copy=False, total=scale.initiatives, log=self.log)
        area_links = Table(Initiative.service_areas.through, copy=False)
        theme_links = Table(Initiative.themes.through, copy=False)
        contributions = Table(GoalContribution, copy=False)
        for organisation_id, count in self.split(scale.initiatives).items():
            for _ in range(count):
                title = writer.title()
                phase = self.weighted(PHASES)
                published = self.moment(self.start - timedelta(days=365))
                created = published - timedelta(days=chooser.randint(0, 60))
                ended = phase in ("completed", "stopped")
                units = self.units[organisation_id]
                initiatives.add(
                    id=initiative_id,
                    organisation_id=organisation_id,
                    title=title,
                    slug=f"{norwegian_slugify(title)[:60].strip('-')}-g{initiative_id}",
                    summary=writer.text(1, 2)[:590],
                    need=writer.paragraphs(80),
                    what_is_new=writer.paragraphs(50),
                    approach=self.weighted(APPROACHES),
                    phase=phase,
                    stop_reason=writer.text(1, 2) if phase == "stopped" else "",
                    owner_unit_id=chooser.choice(units) if units else None,
                    contact_name=person_name(chooser),
                    start_date=created.date(),
                    end_date=self.moment(published).date() if ended else None,
                    cost=chooser.randrange(50, 5000) * 1000 if chooser.random() < 0.5 else None,
                    is_published=True,
                    published_at=published,
                    created_at=created,
                    updated_at=self.moment(published),
                )
                areas = self.areas[organisation_id]
                for area in chooser.sample(areas, min(len(areas), chooser.randint(1, 3))):
                    area_links.add(initiative_id=initiative_id, servicearea_id=area)
                themes = self.themes[organisation_id]
                for theme in chooser.sample(themes, min(len(themes), chooser.randint(1, 2))):
                    theme_links.add(initiative_id=initiative_id, theme_id=theme)
                goals = self.goal_ids.get(organisation_id, [])
                for goal in chooser.sample(goals, min(len(goals), chooser.randint(0, 2))):
                    contributions.add(
                        initiative_id=initiative_id, goal_id=goal, note=writer.title()[:290]
                    )
                initiative_id += 1
        self.counts["initiatives"] = initiatives.close()
        area_links.close()
        theme_links.close()
        contributions.close()
        self.initiative_ids = {}
        for pk, organisation_id in Initiative.objects.values_list("pk", "organisation_id"):
            self.initiative_ids.setdefault(organisation_id, []).append(pk)

    def people(self):
        """People of each organisation, in every capacity, who joined before the activity
        began."""
        from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

        from kominn.accounts.models import User

        chooser = self.chooser
        user_id = next_id(User)
        people = Table(User, copy=True, total=self.scale.people, log=self.log)
        self.people_of = {}
        for organisation_id, count in self.split(self.scale.people, minimum=10).items():
            slug = self.slugs[organisation_id]
            rows = []
            for _ in range(count):
                name = person_name(chooser)
                capacity = self.weighted(CAPACITIES)
                affiliation = ""
                if capacity == "volunteer":
                    affiliation = f"{slug.capitalize()} {chooser.choice(VOLUNTEER_GROUPS)}"
                elif capacity == "business":
                    affiliation = f"{name.split()[-1]} {chooser.choice(BUSINESS_KINDS)}"
                joined = self.start - timedelta(days=4, minutes=chooser.randrange(60 * 24 * 400))
                people.add(
                    id=user_id,
                    email=f"{ascii_slug(name)}.{user_id}@{slug}.{DOMAIN}",
                    display_name=name,
                    password=f"{UNUSABLE_PASSWORD_PREFIX}{chooser.getrandbits(160):040x}",
                    is_active=True,
                    date_joined=joined,
                    email_verified_at=joined + timedelta(minutes=chooser.randint(1, 30)),
                    capacity=capacity,
                    affiliation=affiliation,
                )
                rows.append((user_id, capacity, affiliation))
                user_id += 1
            self.people_of[organisation_id] = People(rows, chooser)
        self.counts["people"] = people.close()

    def ideas(self):
        """Ideas by the organisation's people, with the demo's statuses and share of
        drafts; some answer a challenge, those taken forward may name an initiative."""
        from kominn.participation.models import Idea

        chooser, writer, scale = self.chooser, self.writer, self.scale
        idea_id = next_id(Idea)
        ideas = Table(Idea, copy=True, total=scale.ideas, log=self.log)
        self.submitted = {}
        for organisation_id, count in self.split(scale.ideas).items():
            people = self.people_of[organisation_id]
            areas, themes = self.areas[organisation_id], self.themes[organisation_id]
            initiatives = self.initiative_ids.get(organisation_id)
            challenges = self.challenge_periods.get(organisation_id)
            submitted = self.submitted[organisation_id] = []
            for _ in range(count):
                author, capacity, affiliation = people.active()
                challenge_id = None
                if chooser.random() < self.draft_share:
                    created = self.moment(self.start)
                    at = status = answered = None
                else:
                    at = self.moment(self.start, skew=0.8)
                    if challenges and chooser.random() < 0.25:
                        challenge_id, opens, closes = chooser.choice(challenges)
                        first = self.now.replace(year=opens.year, month=opens.month, day=opens.day)
                        last = min(self.now, first + (closes - opens) + timedelta(hours=12))
                        at = first + (last - first) * chooser.random()
                    created = at - timedelta(minutes=chooser.randint(5, 60 * 24 * 3))
                    status = chooser.choices(self.statuses, self.status_weights)[0]
                    answered = None
                    if status != "received":
                        answered = min(
                            at + timedelta(days=chooser.uniform(1, 60)),
                            at + (self.now - at) * 0.9,
                        )
                    submitted.append((idea_id, author, at))
                linked = status in ("taken_forward", "put_to_use") and initiatives
                words = max(20, round(chooser.gauss(scale.idea_words, scale.idea_words / 3)))
                ideas.add(
                    id=idea_id,
                    organisation_id=organisation_id,
                    title=writer.title()[:150],
                    description=writer.paragraphs(words),
                    theme_id=chooser.choice(themes) if chooser.random() < 0.85 else None,
                    service_area_id=chooser.choice(areas) if chooser.random() < 0.8 else None,
                    challenge_id=challenge_id,
                    place_name="",
                    image="",
                    thumbnail="",
                    image_alt="",
                    author_id=author,
                    capacity=capacity,
                    affiliation=affiliation,
                    status=status or "received",
                    initiative_id=chooser.choice(initiatives) if linked else None,
                    credit_author=True,
                    first_answered_at=answered,
                    hidden_reason="",
                    submitted_at=at,
                    created_at=created,
                    updated_at=answered or at or created,
                    is_example=False,
                )
                idea_id += 1
        self.counts["ideas"] = ideas.close()

    def comments(self):
        """Comments on submitted ideas, a few ideas drawing most of them; a share are
        replies, written after the comment they answer."""
        from kominn.participation.models import Comment

        chooser, writer, scale = self.chooser, self.writer, self.scale
        comment_id = next_id(Comment)
        comments = Table(Comment, copy=True, total=scale.comments, log=self.log)
        for organisation_id, total in self.split(scale.comments).items():
            people, ideas = self.people_of[organisation_id], self.submitted[organisation_id]
            weights = zipf(len(ideas), 0.85, chooser)
            for (idea_id, _author, at), count in zip(
                ideas, apportion(total, weights, scale.max_comments), strict=True
            ):
                times = sorted(self.moment(at, skew=3) for _ in range(count))
                threads = []
                for written in times:
                    parent = None
                    if threads and chooser.random() < REPLY_SHARE:
                        parent = chooser.choice(threads)
                    else:
                        threads.append(comment_id)
                    deleted = chooser.random() < DELETED_SHARE
                    comments.add(
                        id=comment_id,
                        idea_id=idea_id,
                        parent_id=parent,
                        author_id=people.active()[0],
                        body="" if deleted else writer.paragraphs(chooser.randint(8, 60)),
                        created_at=written,
                        deleted_at=self.moment(written) if deleted else None,
                        hidden_reason="",
                    )
                    comment_id += 1
        self.counts["comments"] = comments.close()

    def supports(self):
        """Supports on submitted ideas, at most one per person and idea and never the
        author's; authors follow their ideas, and some supporters do."""
        from kominn.participation.models import Follow, Support

        chooser, scale = self.chooser, self.scale
        supports = Table(Support, copy=True, total=scale.supports, log=self.log)
        follows = Table(Follow, copy=True)
        for organisation_id, total in self.split(scale.supports).items():
            people, ideas = self.people_of[organisation_id], self.submitted[organisation_id]
            cap = min(scale.max_supports, len(people.ids) - 1)
            weights = zipf(len(ideas), 0.75, chooser)
            for (idea_id, author, at), count in zip(
                ideas, apportion(total, weights, cap), strict=True
            ):
                follows.add(user_id=author, idea_id=idea_id, created_at=at)
                for person in people.distinct(count, leave_out=author):
                    supported = self.moment(at, skew=2)
                    supports.add(idea_id=idea_id, user_id=person, created_at=supported)
                    if chooser.random() < FOLLOW_SHARE:
                        follows.add(user_id=person, idea_id=idea_id, created_at=supported)
        self.counts["supports"] = supports.close()
        self.counts["follows"] = follows.close()

    def reset_sequences(self, models):
        """Rows were given their ids: move PostgreSQL's sequences past them."""
        from django.core.management.color import no_style
        from django.db import connection

        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


# Finding and removing what was generated.


def generated():
    """Querysets of everything generated, in an order in which they can be deleted."""
    from kominn.accounts.models import User
    from kominn.organisations.models import HostName, Organisation, ServiceArea, Theme
    from kominn.participation.models import Challenge, Idea
    from kominn.portfolio.models import Goal, Initiative

    people = User.objects.filter(email__endswith=f".{DOMAIN}")
    organisations = Organisation.objects.filter(
        contact_email__endswith=f".{DOMAIN}", is_default=False
    )
    mark = r"-g[0-9]+$"  # the slug ending of generated goals, challenges and initiatives
    return [
        ("ideas", Idea.objects.filter(author__in=people)),
        ("initiatives", Initiative.objects.filter(slug__regex=mark)),
        ("challenges", Challenge.objects.filter(slug__regex=mark)),
        ("sub-goals", Goal.objects.filter(slug__regex=mark, parent__isnull=False)),
        ("goals", Goal.objects.filter(slug__regex=mark)),
        ("units", ServiceArea.objects.filter(organisation__in=organisations, parent__isnull=False)),
        ("service areas", ServiceArea.objects.filter(organisation__in=organisations)),
        ("themes", Theme.objects.filter(organisation__in=organisations)),
        ("host names", HostName.objects.filter(organisation__in=organisations)),
        ("organisations", organisations),
        ("people", people),
    ]


def reset(log):
    """Delete what the generator made, and nothing else (through Django, so that what
    hangs on it goes too; at national scale dropping the database is much faster)."""
    from django.db import transaction

    from kominn.participation.models import Idea

    with transaction.atomic():
        for name, queryset in generated():
            deleted, _ = queryset.delete()
            log(f"removed {name}: {deleted:,} rows with what depended on them")
        # Generated people commented on and supported the demo's ideas too.
        Idea.objects.recount()


def run(scale_name, *, index=True, log=print):
    """Generate `scale_name` into the database; returns the counts of rows made."""
    from django.db import connection, transaction

    people = generated()[-1][1]
    if people.exists():
        raise AlreadyGenerated(
            f"This database already holds generated data ({people.count():,} people at "
            f"*.{DOMAIN}). Remove it first with `bench/generate.py --reset`, or use a fresh "
            "database."
        )
    started = time.perf_counter()
    with transaction.atomic():
        generator = Generator(SCALES[scale_name], log)
        counts = generator.run()
    times = generator.times
    if connection.vendor == "postgresql":
        analysed = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        times["analyze"] = time.perf_counter() - analysed
    times["generation"] = time.perf_counter() - started
    log(f"generated in {times['generation']:.1f} s")
    if index:
        from kominn.search import index as search_index

        indexed = time.perf_counter()
        documents = search_index.rebuild()
        times["search index"] = time.perf_counter() - indexed
        log(f"search index: {documents:,} documents in {times['search index']:.1f} s")
    times["total"] = time.perf_counter() - started
    return counts, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=list(SCALES), default="small")
    parser.add_argument("--no-index", action="store_true", help="leave the search index as it is")
    parser.add_argument(
        "--reset", action="store_true", help="remove the generated data, and nothing else"
    )
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kominn.settings")
    import django

    django.setup()

    def log(line):
        print(line, flush=True)

    from django.core.management import call_command

    from kominn.organisations.models import Organisation

    if not options.reset and not Organisation.objects.filter(is_default=True).exists():
        call_command("load_demo")
    if options.reset:
        reset(log)
        return
    try:
        counts, times = run(options.scale, index=not options.no_index, log=log)
    except AlreadyGenerated as error:
        raise SystemExit(str(error)) from None
    log(f"\n{'table':<14}{'rows':>12}{'seconds':>10}")
    for name, seconds in times.items():
        rows = f"{counts[name]:,}" if name in counts else ""
        log(f"{name:<14}{rows:>12}{seconds:>10.1f}")
    if "follows" in counts:
        log(f"{'(follows)':<14}{counts['follows']:>12,}{'':>10}")


if __name__ == "__main__":
    main()
