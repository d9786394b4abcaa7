"""The demo content: reads the TOML files in data/ and creates it through the models.

Objects are found by their natural key (a slug, an e-mail address, an idea's title and author).
What exists is left alone, so what staff changed survives; what is missing is created. What
belongs to an object (an initiative's benefits, lessons, partners, updates; an idea's comments,
answers and supports) is created together with it. `load(reset=True)` deletes the demo objects
first, so the demo is exactly what the files say.

Dates of taking part are counted from today, so the open challenge stays open whenever the demo
is loaded. Who supports an idea and when things happened within their span of days are chosen
by a seeded random generator, drawn in the same order on every run: the same every time.
"""

import random
import tomllib
from collections import Counter
from datetime import datetime, time, timedelta
from functools import cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from kominn.accounts.models import User
from kominn.collaboration import services as collaboration
from kominn.collaboration.models import (
    Answer,
    AnswerStatus,
    Need,
    NeedStatus,
    TeamMember,
    TeamTask,
    TeamUpdate,
    joined,
)
from kominn.events.models import (
    Card,
    CardGroup,
    Event,
    EventKind,
    Registration,
    RegistrationStatus,
    Vote,
    Workshop,
)
from kominn.organisations.models import (
    HostName,
    Organisation,
    PageText,
    ServiceArea,
    SharedCategory,
    Theme,
)
from kominn.participation.models import (
    Challenge,
    Comment,
    Follow,
    Idea,
    IdeaEvent,
    IdeaEventKind,
    IdeaStatus,
    Support,
)
from kominn.portfolio.models import (
    Award,
    Benefit,
    Goal,
    GoalContribution,
    Initiative,
    InitiativeImage,
    Lesson,
    Measurement,
    NewsArticle,
    Partner,
    Phase,
    PhaseChange,
    Relation,
    RelationType,
    Update,
)

from . import illustrations

DATA = Path(__file__).resolve().parent / "data"
SEED = 2026
FOLLOW_SHARE = 0.2  # about one in five supporters also follows the idea
NINE = time(9)  # the hour published things and challenges are dated at
LINKING = (IdeaStatus.TAKEN_FORWARD, IdeaStatus.PUT_TO_USE)


@cache
def read(name: str) -> dict:
    """The content of data/<name>.toml."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def unwrap(text: str | None) -> str:
    """Join the hard-wrapped lines of the data files; blank lines and list items stay."""
    lines = []
    for line in (text or "").strip().splitlines():
        line = line.strip()
        if lines and line and lines[-1] and not line.startswith("- "):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


def share_category(area, slug, reset):
    """Map a service area to the installation's shared category (the sharing bank's
    filter), unless staff have chosen one already."""
    if slug and (reset or area.shared_category_id is None):
        area.shared_category = SharedCategory.objects.filter(slug=slug).first()
        area.save(update_fields=["shared_category"])


def load_organisation(*, reset: bool = False) -> Organisation:
    """Asker kommune as the default organisation, with its service areas and themes."""
    data = read("organisation")
    spec = data["organisation"]
    fields = {
        "name": spec["name"],
        "contact_email": spec["contact_email"],
        "municipality_number": spec.get("municipality_number", ""),
        "theme_colour": spec["theme_colour"],
    }
    organisation = Organisation.objects.filter(slug=spec["slug"]).first()
    if organisation is None:
        organisation = Organisation.objects.create(slug=spec["slug"], **fields)
    elif reset:
        for name, value in fields.items():
            setattr(organisation, name, value)
        organisation.save(update_fields=list(fields))
    # Someone must be the default organisation; a default chosen by staff stays.
    if not Organisation.objects.filter(is_default=True).exclude(pk=organisation.pk).exists():
        organisation.is_default = True
        organisation.save(update_fields=["is_default"])
    for name in spec["host_names"]:
        HostName.objects.get_or_create(name=name, defaults={"organisation": organisation})

    def area(slug, parent, **fields):
        found = ServiceArea.objects.filter(organisation=organisation, slug=slug).first()
        if found is None or reset:
            ServiceArea.objects.update_or_create(
                organisation=organisation, slug=slug, defaults={"parent": parent, **fields}
            )
        return ServiceArea.objects.get(organisation=organisation, slug=slug)

    for spec in data["service_areas"]:
        main = area(spec["slug"], None, name=spec["name"], description=spec["description"])
        share_category(main, spec.get("shared_category"), reset)
        for unit in spec["units"]:
            area(unit["slug"], main, name=unit["name"])
    for spec in data["themes"]:
        if reset:
            Theme.objects.update_or_create(
                organisation=organisation, slug=spec["slug"], defaults={"name": spec["name"]}
            )
        else:
            Theme.objects.get_or_create(
                organisation=organisation, slug=spec["slug"], defaults={"name": spec["name"]}
            )
    return organisation


def load(*, reset: bool = False) -> tuple[Organisation, Counter]:
    """Create what is missing of the demo (everything, after deleting it, with `reset`).

    Returns the organisation and how many objects of each kind were created. Run it in a
    transaction."""
    organisation = load_organisation(reset=reset)
    if reset:
        delete(organisation)
    run = _Run(organisation)
    run.portfolio()
    run.participation()
    run.collaboration()
    run.events()
    for spec in read("municipalities")["municipalities"]:
        run.created.update(load_example(spec, source=organisation, reset=reset))
    return organisation, run.created


def load_example(spec: dict, *, source: Organisation, reset: bool = False) -> Counter:
    """One of the example municipalities beside Asker (data/municipalities.toml): the
    organisation, its host names, service areas, themes, own about text and initiatives,
    some shared, one adopted from an initiative of `source` (Asker). Like the rest of the
    demo: what exists is left as staff made it; `reset` makes it as the file says."""
    fields = {
        key: spec[key]
        for key in (
            "name", "language", "contact_email", "contact_address", "theme_colour", "accent_colour"
        )
    }  # fmt: skip
    organisation = Organisation.objects.filter(slug=spec["slug"]).first()
    created = Counter()
    if organisation is None:
        organisation = Organisation(slug=spec["slug"], **fields)
        organisation.full_clean()
        organisation.save()
        created["organisations"] += 1
    elif reset:
        for name, value in fields.items():
            setattr(organisation, name, value)
        organisation.full_clean()
        organisation.save(update_fields=list(fields))
    for name in spec["host_names"]:
        HostName.objects.get_or_create(name=name, defaults={"organisation": organisation})
    for model, rows in ((ServiceArea, spec["service_areas"]), (Theme, spec["themes"])):
        for row in rows:
            defaults = {key: row[key] for key in ("name", "description") if key in row}
            write = model.objects.update_or_create if reset else model.objects.get_or_create
            found, _made = write(organisation=organisation, slug=row["slug"], defaults=defaults)
            if model is ServiceArea:
                share_category(found, row.get("shared_category"), reset)
    if spec.get("about"):
        text, made = PageText.objects.get_or_create(
            organisation=organisation, page=PageText.Page.ABOUT
        )
        if made or reset or not text.body:
            text.change(unwrap(spec["about"]))
    slugs = [item["slug"] for item in spec["initiatives"]]
    if reset:
        Initiative.objects.filter(
            organisation=organisation, slug__in=slugs, is_example=True
        ).delete()
    run = _Run(organisation)
    run.areas = {area.slug: area for area in ServiceArea.objects.filter(organisation=organisation)}
    run.themes = {theme.slug: theme for theme in Theme.objects.filter(organisation=organisation)}
    run.motifs = {row["slug"]: row for row in spec["themes"] if "motif" in row}
    for item in spec["initiatives"]:
        run.initiative(item)
        adopted = item.get("adopted_from")
        initiative = run.by_slug(Initiative, item["slug"])
        target = Initiative.objects.filter(organisation=source, slug=adopted).first()
        if adopted and target is not None and run.is_new(initiative):
            run.create(
                Relation(
                    source=initiative,
                    type=RelationType.ADOPTED_FROM,
                    target=target,
                    note=item.get("adoption_note", ""),
                )
            )
    return created + run.created


def addresses(address: str) -> list[tuple[str, str]]:
    """(name, URL) of the demo's municipalities on a local server at `address` (host:port):
    Asker as the default on the address itself, the examples on their .localhost names."""
    port = address.rsplit(":", 1)[1] if ":" in address else ""
    found = [(read("organisation")["organisation"]["name"], f"http://{address}/")]
    for spec in read("municipalities")["municipalities"]:
        host = next(name for name in spec["host_names"] if name.endswith(".localhost"))
        found.append((spec["name"], f"http://{host}{':' + port if port else ''}/"))
    return found


def delete(organisation: Organisation) -> None:
    """Delete the demo's content (not the organisation, its service areas and themes)."""
    people = User.objects.filter(
        email__in=[p["email"] for p in read("participants")["participants"]]
    )
    Idea.objects.filter(organisation=organisation, author__in=people).delete()
    Comment.objects.filter(author__in=people).delete()
    people.delete()

    def slugs(name):
        return [spec["slug"] for spec in read(name)[name]]

    example = {"organisation": organisation, "is_example": True}
    Challenge.objects.filter(slug__in=slugs("challenges"), **example).delete()
    NewsArticle.objects.filter(slug__in=slugs("news"), **example).delete()
    Initiative.objects.filter(slug__in=slugs("initiatives"), **example).delete()
    goals = read("goals")["goals"]
    sub_goals = [child["slug"] for spec in goals for child in spec.get("children", [])]
    Goal.objects.filter(slug__in=sub_goals, **example).delete()
    Goal.objects.filter(slug__in=[spec["slug"] for spec in goals], **example).delete()


class _Run:
    """One loading: what it finds, what it creates, and the random draws in their order."""

    def __init__(self, organisation):
        self.organisation = organisation
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.rng = random.Random(SEED)  # noqa: S311 - repeatable demo choices, not security
        self.created = Counter()
        self._new = set()
        self.themed_ideas = 0
        self.motifs = {}  # theme slug -> its own cover motif and alt text, if any

    # Finding and creating

    def illustration(self, theme_slug, seed):
        """A cover picture for a new item of this theme (data/illustrations.toml), as a file
        and its alternative text; None for an item without a theme."""
        motif = self.motifs.get(theme_slug) or read("illustrations")["themes"].get(theme_slug)
        if motif is None:
            return None
        picture = illustrations.draw(motif["motif"], seed)
        return ContentFile(picture, name="illustration.png"), motif["alt"]

    def create(self, obj, *, clean=True):
        if clean:
            obj.full_clean()
        obj.save()
        self._new.add((type(obj), obj.pk))
        self.tally(type(obj), 1)
        return obj

    def bulk(self, objects):
        """Create the rows that belong to a new object, without validating each."""
        objects = list(objects)
        if objects:
            self.tally(type(objects[0]), len(type(objects[0]).objects.bulk_create(objects)))

    def tally(self, model, number):
        with translation.override("en"):  # for the developer running the command
            self.created[str(model._meta.verbose_name_plural)] += number

    def is_new(self, *objects) -> bool:
        """Whether this run created one of `objects`: then what links them is missing too."""
        return any((type(obj), obj.pk) in self._new for obj in objects if obj is not None)

    def by_slug(self, model, slug):
        return model.objects.filter(organisation=self.organisation, slug=slug).first()

    def at(self, day, moment):
        return timezone.make_aware(datetime.combine(day, moment))

    def between(self, start, within=timedelta(days=45)):
        """A moment after `start`, within `within` of it and not after now."""
        end = min(self.now, start + within)
        return start + (end - start) * self.rng.uniform(0.05, 1)

    # The portfolio: goals, initiatives, relations, news

    def portfolio(self):
        org = self.organisation
        self.areas = {area.slug: area for area in ServiceArea.objects.filter(organisation=org)}
        self.themes = {theme.slug: theme for theme in Theme.objects.filter(organisation=org)}
        data = read("goals")
        for order, spec in enumerate(data["goals"], start=1):
            main = self.goal(data, spec, None, order)
            for sub_order, child in enumerate(spec.get("children", []), start=1):
                self.goal(data, child, main, sub_order)
        self.goals = {goal.slug: goal for goal in Goal.objects.filter(organisation=org)}

        for spec in read("initiatives")["initiatives"]:
            self.initiative(spec)
        self.initiatives = {
            initiative.slug: initiative
            for initiative in Initiative.objects.filter(organisation=org)
        }
        for spec in read("relations")["relations"]:
            self.relation(spec)
        self.news = [self.article(spec) for spec in read("news")["news"]]

    def goal(self, data, spec, parent, order):
        goal = self.by_slug(Goal, spec["slug"])
        if goal is not None:
            return goal
        return self.create(
            Goal(
                organisation=self.organisation,
                slug=spec["slug"],
                parent=parent,
                title=spec["title"],
                description=unwrap(spec["description"]),
                period_start=spec.get("period_start", data["period_start"]),
                period_end=spec.get("period_end", data["period_end"]),
                source_title=data["source_title"],
                source_url=data["source_url"],
                sdgs=spec["sdgs"],
                order=order,
                is_published=True,
                is_example=True,
                published_at=self.at(data["published_at"], NINE),
            )
        )

    def initiative(self, spec):
        if self.by_slug(Initiative, spec["slug"]) is not None:
            return
        initiative = self.create(
            Initiative(
                organisation=self.organisation,
                slug=spec["slug"],
                title=spec["title"],
                summary=unwrap(spec.get("summary")),
                need=unwrap(spec.get("need")),
                what_is_new=unwrap(spec.get("what_is_new")),
                stop_reason=unwrap(spec.get("stop_reason")),
                approach=spec["approach"],
                innovation_type=spec["innovation_type"],
                phase=spec["phase"],
                owner_unit=self.areas[spec["owner_unit"]],
                contact_name=spec["contact_name"],
                contact_email=spec["contact_email"],
                start_date=spec.get("start_date"),
                end_date=spec.get("end_date"),
                cost=spec.get("cost"),
                funding=spec.get("funding", ""),
                shared=spec.get("shared", False),
                is_published=spec.get("is_published", True),
                is_example=True,
                published_at=self.at(spec["published_at"], NINE),
            )
        )
        initiative.service_areas.set([self.areas[slug] for slug in spec["service_areas"]])
        initiative.themes.set([self.themes[slug] for slug in spec["themes"]])
        if taken_into_use := spec.get("taken_into_use"):
            # When it went from implementation into new practice, as the innovation
            # barometer counts it; already passed on, so that nobody is told now.
            moved = self.at(taken_into_use, NINE)
            self.create(
                PhaseChange(
                    initiative=initiative,
                    from_phase=Phase.IMPLEMENTATION,
                    to_phase=Phase.PRACTICE,
                    changed_at=moved,
                    passed_on_at=moved,
                )
            )
        goals = Goal.objects.filter(organisation=self.organisation)
        self.bulk(
            GoalContribution(initiative=initiative, goal=goals.get(slug=c["goal"]), note=c["note"])
            for c in spec.get("goals", [])
        )
        for benefit in spec.get("benefits", []):
            made = Benefit.objects.create(
                initiative=initiative,
                type=benefit["type"],
                gain_type=benefit["gain_type"],
                indicator=benefit["indicator"],
                unit=benefit["unit"],
                baseline=benefit["baseline"],
                target=benefit["target"],
                description=unwrap(benefit["description"]),
            )
            self.tally(Benefit, 1)
            self.bulk(
                Measurement(benefit=made, measured_on=m["on"], value=m["value"])
                for m in benefit.get("measurements", [])
            )
        self.bulk(
            Lesson(
                initiative=initiative, title=lesson["title"], body=unwrap(lesson["body"]), order=n
            )
            for n, lesson in enumerate(spec.get("lessons", []), start=1)
        )
        self.bulk(Partner(initiative=initiative, **partner) for partner in spec.get("partners", []))
        self.bulk(
            Update(initiative=initiative, date=u["date"], title=u["title"], body=unwrap(u["body"]))
            for u in spec.get("updates", [])
        )
        self.bulk(Award(initiative=initiative, **award) for award in spec.get("awards", []))
        if cover := self.illustration(next(iter(spec["themes"]), None), spec["slug"]):
            picture, alt = cover
            InitiativeImage.objects.create(initiative=initiative, image=picture, alt_text=alt)
            self.tally(InitiativeImage, 1)

    def relation(self, spec):
        source = self.initiatives.get(spec["source"])
        target = self.initiatives.get(spec["target"]) if "target" in spec else None
        if source is None or ("target" in spec and target is None):
            return
        if not self.is_new(source, target):
            return  # a relation between two initiatives that existed is for staff to keep
        external = {key: value for key, value in spec.items() if key.startswith("external_")}
        found = Relation.objects.filter(source=source, type=spec["type"], target=target, **external)
        if not found.exists():
            self.create(
                Relation(
                    source=source, type=spec["type"], target=target, note=spec["note"], **external
                )
            )

    def article(self, spec):
        article = self.by_slug(NewsArticle, spec["slug"])
        if article is not None:
            return article
        article = self.create(
            NewsArticle(
                organisation=self.organisation,
                slug=spec["slug"],
                title=spec["title"],
                lead=unwrap(spec["lead"]),
                body=unwrap(spec["body"]),
                is_published=True,
                is_example=True,
                published_at=self.at(spec["published_at"], NINE),
            )
        )
        article.initiatives.set([self.initiatives[slug] for slug in spec["initiatives"]])
        article.goals.set([self.goals[slug] for slug in spec["goals"]])
        return article

    # Taking part: people, challenges, ideas and what was done with them

    def participation(self):
        self.people = {
            spec["key"]: self.person(spec) for spec in read("participants")["participants"]
        }
        self.challenges = {
            spec["key"]: self.challenge(spec) for spec in read("challenges")["challenges"]
        }
        specs = read("ideas")["ideas"]
        self.ideas = {spec["key"]: self.idea(spec) for spec in specs}
        activity = read("activity")
        self.comments(activity["comments"])
        self.supports_and_follows(specs)
        # Written row by row without the services: the counts kept on the ideas follow.
        Idea.objects.filter(pk__in=[idea.pk for idea in self.ideas.values()]).recount()

        for key, followers in activity["challenge_followers"].items():
            challenge = self.challenges[key]
            opened = self.at(challenge.opens_on, NINE)
            authors = [spec["author"] for spec in specs if spec.get("challenge") == key]
            for person in dict.fromkeys(authors + followers):
                self.follow(opened, user=self.people[person], challenge=challenge)
        for spec in activity["initiative_follows"]:
            initiative = self.initiatives[spec["initiative"]]
            self.follow(
                initiative.published_at, user=self.people[spec["person"]], initiative=initiative
            )
        for spec in specs:
            if spec.get("answers") and self.is_new(self.ideas[spec["key"]]):
                self.answers(self.ideas[spec["key"]], spec)

        # News that tell what came of a challenge.
        challenges = {c.slug: c for c in self.challenges.values()}
        for article, spec in zip(self.news, read("news")["news"], strict=True):
            for slug in spec.get("challenges", []):
                if self.is_new(article, challenges[slug]):
                    article.challenges.add(challenges[slug])

    # Events on initiatives and challenges, with people signed up

    def events(self):
        for spec in read("events")["events"]:
            if Event.objects.filter(organisation=self.organisation, title=spec["title"]).exists():
                continue
            starts = self.at(self.today + timedelta(days=spec["days"]), spec["at"])
            event = Event(
                organisation=self.organisation,
                initiative=self.initiatives.get(spec.get("initiative")),
                challenge=self.challenges.get(spec.get("challenge")),
                title=spec["title"],
                kind=spec.get("kind", EventKind.MEETING),
                description=unwrap(spec.get("description", "")),
                starts_at=starts,
                ends_at=starts + timedelta(hours=spec["hours"]),
                place=spec.get("place", ""),
                video_link=spec.get("video_link", ""),
                step_free_access=spec.get("step_free_access", False),
                hearing_loop=spec.get("hearing_loop", False),
                interpretation_on_request=spec.get("interpretation_on_request", False),
                accessibility_notes=spec.get("accessibility_notes", ""),
                capacity=spec.get("capacity"),
                registration_open=spec.get("registration_open", True),
            )
            # Past events are history: the form's "not in the past" does not apply.
            self.create(event, clean=False)
            capacity = event.capacity or len(spec["registered"])
            self.bulk(
                Registration(
                    event=event,
                    user=self.people[person],
                    status=RegistrationStatus.REGISTERED
                    if number < capacity
                    else RegistrationStatus.WAITING,
                    created_at=min(starts - timedelta(days=10), self.now - timedelta(days=1))
                    + timedelta(minutes=number),
                )
                for number, person in enumerate(spec["registered"])
            )

        for spec in read("events").get("workshops", []):
            self.workshop(spec)

    def workshop(self, spec):
        """A finished workshop: its cards in their groups, the votes on them, and the
        ideas the chosen cards became (as staff finishing it would make them)."""
        if Workshop.objects.filter(organisation=self.organisation, title=spec["title"]).exists():
            return
        opens = self.at(self.today + timedelta(days=spec["opens_days"]), spec["opens_at"])
        closes = opens + timedelta(hours=spec["hours"])
        challenge = self.challenges[spec["challenge"]]
        workshop = self.create(
            Workshop(
                organisation=self.organisation,
                challenge=challenge,
                event=Event.objects.filter(
                    organisation=self.organisation, title=spec.get("event", "")
                ).first(),
                title=spec["title"],
                description=unwrap(spec.get("description", "")),
                opens_at=opens,
                closes_at=closes,
                votes_per_person=spec["votes_per_person"],
            )
        )
        groups = {
            name: self.create(CardGroup(workshop=workshop, name=name)) for name in spec["groups"]
        }
        for number, card_spec in enumerate(spec["cards"]):
            author = self.people[card_spec["author"]]
            card = self.create(
                Card(
                    workshop=workshop,
                    author=author,
                    text=card_spec["text"],
                    group=groups.get(card_spec.get("group")),
                    consent_credit=card_spec.get("credit", False),
                )
            )
            posted = opens + timedelta(minutes=10 + 3 * number)
            Card.objects.filter(pk=card.pk).update(created_at=posted)
            self.bulk(
                Vote(workshop=workshop, card=card, user=self.people[person])
                for person in card_spec["votes"]
            )
            if card_spec.get("chosen"):
                idea = self.create(
                    Idea(
                        organisation=self.organisation,
                        challenge=challenge,
                        title=card_spec["text"][:150],
                        description=card_spec["text"] + f"\n\nFra verkstedet «{workshop.title}».",
                        author=author,
                        capacity=author.capacity,
                        affiliation=author.affiliation,
                        credit_author=card.consent_credit,
                        is_example=True,
                        submitted_at=closes + timedelta(minutes=30),
                    )
                )
                Idea.objects.filter(pk=idea.pk).update(created_at=closes + timedelta(minutes=30))
                Card.objects.filter(pk=card.pk).update(idea=idea)
        Workshop.objects.filter(pk=workshop.pk).update(finished_at=closes + timedelta(minutes=30))

    def person(self, spec):
        user = User.objects.filter(email__iexact=spec["email"]).first()
        if user is not None:
            return user
        joined = self.at(self.today - timedelta(days=spec["joined_days_ago"]), spec["joined_at"])
        user = User(
            email=spec["email"],
            display_name=spec["name"],
            capacity=spec["capacity"],
            affiliation=spec.get("affiliation", ""),
            is_active=True,
            date_joined=joined,
            email_verified_at=joined + timedelta(minutes=4),
        )
        user.set_unusable_password()
        return self.create(user, clean=False)

    def challenge(self, spec):
        challenge = self.by_slug(Challenge, spec["slug"])
        if challenge is not None:
            return challenge
        opens_on = self.today + timedelta(days=spec["opens_in_days"])
        challenge = self.create(
            Challenge(
                organisation=self.organisation,
                slug=spec["slug"],
                title=spec["title"],
                question=unwrap(spec["question"]),
                background=unwrap(spec["background"]),
                audience=unwrap(spec["audience"]),
                outcome=unwrap(spec.get("outcome")),
                goal=self.goals.get(spec["goal"]),
                opens_on=opens_on,
                closes_on=self.today + timedelta(days=spec["closes_in_days"]),
                is_published=True,
                is_example=True,
            )
        )
        made = self.at(opens_on - timedelta(days=10), NINE)
        Challenge.objects.filter(pk=challenge.pk).update(created_at=made, updated_at=made)
        return challenge

    def idea(self, spec):
        author = self.people[spec["author"]]
        # Some residents add a picture: every few ideas with a theme, counted in file order.
        pictured = False
        if spec.get("theme"):
            self.themed_ideas += 1
            pictured = self.themed_ideas % read("illustrations")["idea_every"] == 1
        found = Idea.objects.filter(
            organisation=self.organisation, title=spec["title"], author=author
        )
        if idea := found.first():
            return idea
        days_ago = spec["started_days_ago"] if spec.get("draft") else spec["submitted_days_ago"]
        picture, alt = None, ""
        if pictured:
            picture, alt = self.illustration(spec["theme"], spec["title"]) or (None, "")
        written = self.at(self.today - timedelta(days=days_ago), spec["written_at"])
        idea = self.create(
            Idea(
                organisation=self.organisation,
                title=spec["title"],
                author=author,
                description=unwrap(spec["description"]),
                theme=self.themes.get(spec.get("theme")),
                service_area=self.areas.get(spec.get("service_area")),
                challenge=self.challenges[spec["challenge"]] if "challenge" in spec else None,
                place_name=spec.get("place", ""),
                image=picture,
                image_alt=alt,
                capacity=author.capacity,
                affiliation=author.affiliation,
                is_example=True,
                submitted_at=None if spec.get("draft") else written,
            )
        )
        Idea.objects.filter(pk=idea.pk).update(created_at=written, updated_at=written)
        return idea

    def comments(self, specs):
        threads = {}
        for spec in specs:
            threads.setdefault(spec["idea"], []).append(spec)
        for key, thread in threads.items():
            idea = self.ideas[key]
            written = []
            for spec in thread:
                comment = self.comment(idea, spec, None)
                written.append(comment)
                written.extend(
                    self.comment(idea, reply, comment) for reply in spec.get("replies", [])
                )
            # Spread the thread over the weeks after the idea came in, in the order written.
            start = idea.submitted_at
            span = min(self.now - timedelta(hours=1), start + timedelta(days=40)) - start
            for number, comment in enumerate(written, start=1):
                moment = start + span * ((number - self.rng.uniform(0.1, 0.6)) / len(written))
                if comment is None:
                    continue
                fields = {"created_at": moment}
                if comment.deleted_at:
                    fields["deleted_at"] = min(self.now, moment + timedelta(hours=3))
                Comment.objects.filter(pk=comment.pk).update(**fields)

    def comment(self, idea, spec, parent):
        """Write a comment on an idea created in this run; other ideas keep theirs as they are."""
        if not self.is_new(idea):
            return None
        author = self.people[spec["author"]]
        comment = self.create(
            Comment(idea=idea, author=author, parent=parent, body=unwrap(spec["body"]))
        )
        if spec.get("deleted"):
            comment.delete_by_author()
        return comment

    def supports_and_follows(self, specs):
        everyone = list(self.people.values())
        for spec in specs:
            idea, author = self.ideas[spec["key"]], self.people[spec["author"]]
            if idea.is_draft:
                continue
            self.follow(idea.submitted_at, user=author, idea=idea)
            others = [person for person in everyone if person != author]
            for user in self.rng.sample(others, spec["supports"]):
                moment = self.between(idea.submitted_at)
                if (
                    self.is_new(idea, user)
                    and not Support.objects.filter(idea=idea, user=user).exists()
                ):
                    support = self.create(Support(idea=idea, user=user), clean=False)
                    Support.objects.filter(pk=support.pk).update(created_at=moment)
                if self.rng.random() < FOLLOW_SHARE:
                    self.follow(moment, user=user, idea=idea)

    def follow(self, after, **thing):
        moment = self.between(after)
        if self.is_new(*thing.values()) and not Follow.objects.filter(**thing).exists():
            follow = self.create(Follow(**thing), clean=False)
            Follow.objects.filter(pk=follow.pk).update(created_at=moment)

    # Needs and the people who answered them

    def collaboration(self):
        """Needs on initiatives and challenges, answers in every state, and the offers of
        help on initiatives and ideas as answers to their general need "Annen hjelp"."""
        activity = read("activity")
        for spec in activity["initiative_offers"]:
            initiative = self.initiatives[spec["initiative"]]
            if not self.is_new(initiative):
                continue
            need = collaboration.general_need(initiative)
            self.answer(need, initiative.published_at, {**spec, "status": "pending"})
        for spec in activity["idea_offers"]:
            idea = self.ideas[spec["idea"]]
            if not self.is_new(idea):
                continue
            need = collaboration.general_need(idea=idea)
            self.answer(need, idea.submitted_at, {**spec, "status": "pending"})
        for spec in read("needs")["needs"]:
            if "initiative" in spec:
                on = {"initiative": self.initiatives[spec["initiative"]]}
            else:
                on = {"challenge": self.challenges[spec["challenge"]]}
            found = Need.objects.filter(organisation=self.organisation, title=spec["title"], **on)
            if found.exists():
                continue
            parent = next(iter(on.values()))
            need = self.create(
                Need(
                    organisation=self.organisation,
                    title=spec["title"],
                    description=spec.get("description", ""),
                    kind=spec["kind"],
                    how_many=spec["how_many"],
                    place=spec.get("place", ""),
                    suits=joined(spec["suits"]),
                    status=spec.get("status", NeedStatus.OPEN),
                    created_at=self.between(parent.published_at),
                    **on,
                )
            )
            for answer in spec["answers"]:
                self.answer(need, need.created_at, answer)
        for spec in read("needs").get("teams", []):
            self.team(spec)

    def team(self, spec):
        """What the members of an initiative's team (those accepted to its needs) chose to
        share, and the team's tasks and updates."""
        initiative = self.initiatives[spec["initiative"]]
        if TeamTask.objects.filter(initiative=initiative).exists():
            return
        for member in spec["members"]:
            TeamMember.objects.filter(
                initiative=initiative, user=self.people[member["person"]]
            ).update(
                role=member["role"],
                show_name=member["show_name"],
                share_contact=member["share_contact"],
            )
        for task in spec["tasks"]:
            assignee = self.people.get(task.get("assignee", ""))
            self.create(
                TeamTask(
                    initiative=initiative,
                    title=task["title"],
                    description=task.get("description", ""),
                    status=task["status"],
                    assignee=assignee,
                    created_by=assignee,
                    created_at=self.between(initiative.published_at),
                )
            )
        for update in spec["updates"]:
            self.create(
                TeamUpdate(
                    initiative=initiative,
                    author=self.people[update["person"]],
                    body=update["body"],
                    created_at=self.between(initiative.published_at),
                )
            )

    def answer(self, need, after, spec):
        """One answer as it stands after the owners' decision (written directly: the demo
        tells nobody). Those accepted to a need on an initiative are on its team."""
        answer = self.create(
            Answer(
                need=need,
                user=self.people[spec["person"]],
                message=spec["message"],
                status=spec["status"],
                reply=spec.get("reply", ""),
                created_at=self.between(after),
            )
        )
        if answer.status == AnswerStatus.ACCEPTED and need.initiative_id:
            _member, created = TeamMember.objects.get_or_create(
                initiative_id=need.initiative_id,
                user=answer.user,
                defaults={"role": need.title[:100], "joined_at": answer.created_at},
            )
            self.tally(TeamMember, int(created))

    def answers(self, idea, spec):
        """The municipality's answers on a new idea, as its timeline shows them."""
        initiative = self.initiatives.get(spec.get("became"))
        previous, first = IdeaStatus.RECEIVED, None
        for answer in spec["answers"]:
            status = answer["status"]
            when = min(idea.submitted_at + timedelta(days=answer["after_days"], hours=3), self.now)
            first = first or when
            kind = IdeaEventKind.STATUS if status != previous else IdeaEventKind.ANSWER
            self.tally(IdeaEvent, 1)
            IdeaEvent.objects.create(
                idea=idea, kind=kind, status=status, previous_status=previous,
                text=unwrap(answer["text"]), created_at=when,
            )  # fmt: skip
            if initiative is not None and status in LINKING and previous not in LINKING:
                self.tally(IdeaEvent, 1)
                IdeaEvent.objects.create(
                    idea=idea, kind=IdeaEventKind.INITIATIVE, initiative=initiative,
                    phase=initiative.phase, created_at=when,
                )  # fmt: skip
            previous = status
        Idea.objects.filter(pk=idea.pk).update(
            status=previous, initiative=initiative, first_answered_at=first
        )
