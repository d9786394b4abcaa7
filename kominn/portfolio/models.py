"""The innovation portfolio: goals, initiatives with everything learned from them, and news."""

import re
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.core import images, media, pagecache
from kominn.core.access import can_view, is_public
from kominn.core.models import (
    Publishable,
    PublishableQuerySet,
)
from kominn.core.slugs import norwegian_slugify


class Approach(models.TextChoices):
    """The three ways to innovate (innovasjonsmåte), as the KS barometer asks."""

    FIRST = "first", _("First mover")
    ADOPTED = "adopted", _("Adopted from others")
    SHARED = "shared", _("Shared and spread")


class Phase(models.TextChoices):
    """KS's roadmap and OECD's lifecycle, blended, plus two end states."""

    NEED = "need", _("Need and insight")
    IDEA = "idea", _("Idea")
    DEVELOPMENT = "development", _("Development and testing")
    IMPLEMENTATION = "implementation", _("Implementation")
    PRACTICE = "practice", _("New practice")
    SPREADING = "spreading", _("Sharing and spreading")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


# The phases an ongoing initiative moves through, in order.
PHASE_LINE = [
    Phase.NEED,
    Phase.IDEA,
    Phase.DEVELOPMENT,
    Phase.IMPLEMENTATION,
    Phase.PRACTICE,
    Phase.SPREADING,
]
ENDED_PHASES = [Phase.COMPLETED, Phase.STOPPED]


class InnovationType(models.TextChoices):
    """What kind of innovation it is, in the words of KS's innovation barometer: new or
    substantially changed services, products, processes or ways of organising the work,
    or ways of communicating with the outside world (docs/visitors.md#innovation-barometer)."""

    SERVICE = "service", _("Service")
    PRODUCT = "product", _("Product")
    PROCESS = "process", _("Process or way of organising the work")
    COMMUNICATION = "communication", _("Way of communicating with the outside world")


# The phases in which the solution is in use: new practice, being spread, or completed
# (a completed initiative went through every phase). What the barometer counts as
# "taken into use" is the first move into one of them.
IN_USE_PHASES = [Phase.PRACTICE, Phase.SPREADING, Phase.COMPLETED]


class Status(models.TextChoices):
    """Derived from the phase: whether the work goes on."""

    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


STATUS_FILTERS = {
    Status.ONGOING: ~Q(phase__in=ENDED_PHASES),
    Status.COMPLETED: Q(phase=Phase.COMPLETED),
    Status.STOPPED: Q(phase=Phase.STOPPED),
}


def validate_sdgs(value):
    if not isinstance(value, list) or any(
        not isinstance(number, int) or not 1 <= number <= 17 for number in value
    ):
        raise ValidationError(_("Give the UN sustainable development goals as numbers 1 to 17."))


class Goal(Publishable):
    """A strategic goal (hovedmål) or a sub-goal (delmål) below it."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("main goal"),
        help_text=_("Empty for a main goal; the main goal for a sub-goal."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    period_start = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    source_title = models.CharField(_("source document"), max_length=200, blank=True)
    source_url = models.URLField(_("link to source document"), blank=True)
    sdgs = models.JSONField(
        _("UN sustainable development goals"),
        default=list,
        blank=True,
        validators=[validate_sdgs],
        help_text=_("Numbers 1–17, e.g. [7, 11, 13]."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="goal_slug_unique_per_org"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portfolio:goal", args=[self.slug])

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("A sub-goal must belong to a main goal.")})
        if self.parent_id and self.pk and self.children.exists():
            raise ValidationError(
                {"parent": _("This goal has sub-goals of its own, so it must stay a main goal.")}
            )


def validate_summary(value):
    # A sentence ends where the next word starts with a capital letter, so that
    # abbreviations such as "bl.a." and "ca. 2 mill. kr" do not count as endings.
    sentences = [part for part in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"])", value.strip()) if part]
    if len(sentences) > 3:
        raise ValidationError(
            _("Keep the summary to at most three sentences (this has %(count)d)."),
            params={"count": len(sentences)},
        )


class Peer(models.Model):
    """Another KomInn installation whose shared initiatives this one's sharing bank shows,
    read-only: fetched from its feed by `manage.py sync_shared` (kominn/portfolio/peers.py).
    Its municipalities are organisations here with no host name, so no site serves them;
    they hold only the peer's initiatives."""

    url = models.URLField(_("feed address"), max_length=500, unique=True)
    host = models.CharField(_("host name"), max_length=253)
    organisations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name=_("municipalities")
    )
    synced_at = models.DateTimeField(_("last synchronised"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("peer installation")
        verbose_name_plural = _("peer installations")
        ordering = ["host"]

    def __str__(self):
        return self.host


class InitiativeQuerySet(PublishableQuerySet):
    def for_status(self, status):
        return self.filter(STATUS_FILTERS[status])

    def for_goal(self, goal):
        """Initiatives that contribute to the goal or to one of its published sub-goals."""
        # A semi-join (IN), not a join: no DISTINCT over every column of every initiative
        # of the goal, and the list's order and limit apply to the initiatives alone.
        sub_goals = Goal.objects.published().filter(parent=goal)
        return self.filter(
            pk__in=GoalContribution.objects.filter(Q(goal=goal) | Q(goal__in=sub_goals)).values(
                "initiative_id"
            )
        )

    def for_list(self):
        """What a list of initiatives shows, in a fixed number of queries."""
        return self.select_related("owner_unit").prefetch_related("service_areas", "images")

    def in_sharing_bank(self):
        """What the sharing bank shows, from every organisation on the installation:
        published, not dated in the future, and shared by its organisation. The one
        deliberate read across organisations; it names both conditions itself."""
        return self.filter(is_published=True, published_at__lte=timezone.now(), shared=True)

    def approach_overview(self):
        """Each approach with its number of initiatives and one example: the one with the
        most awards and nominations, else the latest. Only awarded initiatives (few) are
        grouped to find the first; the latest come from the publishing-date index. Three
        queries as a rule, whatever the number of initiatives."""
        counts = dict(self.order_by().values_list("approach").annotate(n=Count("*")))
        awarded = (
            self.filter(pk__in=Award.objects.values("initiative_id"))
            .annotate(award_count=Count("awards"))
            .order_by("-award_count", "-published_at", "-pk")
        )
        examples = {}
        for initiative in awarded:
            examples.setdefault(initiative.approach, initiative)
        wanted = {approach for approach in Approach if counts.get(approach)} - set(examples)
        if wanted:
            # The latest of each approach is nearly always among the latest few dozen.
            for initiative in self.order_by("-published_at", "-pk")[:50]:
                if initiative.approach in wanted:
                    examples.setdefault(initiative.approach, initiative)
            for approach in wanted - set(examples):
                examples[approach] = (
                    self.filter(approach=approach).order_by("-published_at").first()
                )
        return [
            {
                "approach": approach,
                "label": approach.label,
                "count": counts.get(approach, 0),
                "example": examples.get(approach),
            }
            for approach in Approach
        ]


class Initiative(Publishable):
    """A piece of innovation or improvement work (tiltak)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=100, blank=True)
    summary = models.TextField(
        _("summary"),
        max_length=600,
        validators=[validate_summary],
        help_text=_("At most three sentences; shown in lists."),
    )
    need = models.TextField(_("need or problem"), blank=True, help_text=_("Markdown."))
    what_is_new = models.TextField(_("what is new"), blank=True, help_text=_("Markdown."))
    approach = models.CharField(_("approach"), max_length=20, choices=Approach.choices)
    innovation_type = models.CharField(
        _("type of innovation"),
        max_length=20,
        choices=InnovationType.choices,
        blank=True,
        help_text=_(
            "What is new: a service, a product, a process or way of organising the work, or a "
            "way of communicating with the outside world (as KS's innovation barometer asks)."
        ),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.NEED)
    stop_reason = models.TextField(
        _("why it stopped"),
        blank=True,
        help_text=_("For a stopped initiative: why. What did not work is valuable learning."),
    )
    service_areas = models.ManyToManyField(
        "organisations.ServiceArea",
        related_name="initiatives",
        verbose_name=_("service areas"),
        help_text=_("Every service area the work involves."),
    )
    themes = models.ManyToManyField(
        "organisations.Theme", blank=True, related_name="initiatives", verbose_name=_("themes")
    )
    goals = models.ManyToManyField(
        Goal,
        through="GoalContribution",
        blank=True,
        related_name="initiatives",
        verbose_name=_("goals"),
    )
    owner_unit = models.ForeignKey(
        "organisations.ServiceArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_initiatives",
        verbose_name=_("owner unit"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (NOK)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    funding = models.CharField(_("funding"), max_length=300, blank=True)
    shared = models.BooleanField(
        _("share with other municipalities"),
        default=False,
        help_text=_(
            "Shown in the sharing bank (/deling/) on every municipality's site once published, "
            "with its contact person, so others can take it into use."
        ),
    )

    # Where it came from on another KomInn installation: the address of the shared
    # initiative there, for one imported (kept one draft per organisation and source) and
    # for a peer's initiative in the sharing bank, which then names its peer.
    source_url = models.URLField(_("fetched from"), max_length=500, blank=True, editable=False)
    peer = models.ForeignKey(
        Peer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="initiatives",
        verbose_name=_("peer installation"),
    )

    # Deleting it deletes the notifications about it: they would lead nowhere.
    notifications_about = GenericRelation(
        "notifications.Notification",
        content_type_field="target_type",
        object_id_field="target_id",
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="initiative_slug_unique_per_org"
            ),
            models.UniqueConstraint(
                fields=["peer", "source_url"],
                condition=Q(peer__isnull=False),
                name="one_copy_per_peer_initiative",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "is_published", "-published_at"]),
            # The approach overview: its counts from the index alone, the latest of each.
            models.Index(
                fields=["organisation", "approach", "is_published", "-published_at"],
                name="initiative_by_approach",
            ),
            # The sharing bank: the few shared and published initiatives of every
            # organisation, newest first, without reading the ones not shared.
            models.Index(
                fields=["-published_at", "id"],
                condition=Q(shared=True, is_published=True),
                name="initiative_in_sharing_bank",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portfolio:initiative", args=[self.slug])

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            # The pages of the initiatives this one was taken into use from, in other
            # organisations, list it ("Tatt i bruk av") with its phase: kept pages of
            # those organisations are stale now too.
            for organisation_id in set(
                self.relations_from.filter(type=RelationType.ADOPTED_FROM, target__isnull=False)
                .exclude(target__organisation_id=self.organisation_id)
                .values_list("target__organisation_id", flat=True)
            ):
                pagecache.bump(organisation_id)

    @property
    def cover(self):
        """The first of its images, shown on its card and at the top of its page; from the
        images prefetched with it, when they are."""
        return next(iter(self.images.all()), None)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot come before the start.")})
        if self.phase == Phase.STOPPED and not self.stop_reason.strip():
            raise ValidationError(
                {"stop_reason": _("Say why the initiative stopped; others learn from it.")}
            )

    @property
    def status(self):
        if self.phase == Phase.COMPLETED:
            return Status.COMPLETED
        if self.phase == Phase.STOPPED:
            return Status.STOPPED
        return Status.ONGOING

    def phase_line(self):
        """The ongoing phases, each marked done, current or ahead, for the visual phase line."""
        # A completed initiative went through every phase; where a stopped one stopped
        # is not recorded, so no phase is shown as done for it.
        if self.phase == Phase.COMPLETED:
            position = len(PHASE_LINE)
        elif self.phase == Phase.STOPPED:
            position = -1
        else:
            position = PHASE_LINE.index(self.phase)
        return [
            {
                "phase": phase,
                "label": phase.label,
                "state": "done"
                if index < position
                else "current"
                if index == position
                else "ahead",
            }
            for index, phase in enumerate(PHASE_LINE)
        ]

    @transaction.atomic
    def change_phase(self, phase, *, actor):
        """Move the initiative to `phase` and record the move as a PhaseChange.

        The one way a phase changes once the initiative exists (the admin calls it too), so
        every move is recorded and those who build on the portfolio can pass it on. Returns
        the PhaseChange, or None when the initiative already was in `phase`.
        """
        # The stored phase, not this object's: it may have been set before the call.
        previous = (
            Initiative.objects.select_for_update()
            .filter(pk=self.pk)
            .values_list("phase", flat=True)
            .get()
        )
        self.phase = phase
        self.save(update_fields=["phase", "updated_at"])
        if previous == phase:
            return None
        return PhaseChange.objects.create(
            initiative=self, from_phase=previous, to_phase=phase, actor=actor
        )

    def in_sharing_bank(self) -> bool:
        return self.shared and is_public(self)

    def shared_categories(self):
        """The shared categories of its service areas (for a unit without one, its
        area's), from the areas prefetched with their categories."""
        found = {}
        for area in self.service_areas.all():
            category = area.shared_category
            if category is None and area.parent_id:
                category = area.parent.shared_category
            if category is not None:
                found[category.pk] = category
        return sorted(found.values(), key=lambda category: (category.order, category.name))

    def get_sharing_url(self):
        return reverse("portfolio:shared_initiative", args=[self.organisation.slug, self.slug])

    def relations_both_ways(self, user):
        """Typed relations from this initiative and to it, phrased from this end,
        leaving out initiatives the user may not see. An initiative of another
        municipality is linked to in the sharing bank, and only while it is there;
        adoptions by other municipalities are listed by `adopted_by` instead."""
        outgoing = []
        for relation in self.relations_from.all():
            other = relation.target
            if other is None or other.organisation_id == self.organisation_id:
                if other is None or can_view(user, other):
                    url = other.get_absolute_url() if other else None
                    outgoing.append(
                        _relation_item(relation.get_type_display(), relation, other, url)
                    )
            elif other.in_sharing_bank():
                outgoing.append(
                    _relation_item(
                        relation.get_type_display(), relation, other, other.get_sharing_url()
                    )
                )
        incoming = [
            _relation_item(
                relation.inverse_label,
                relation,
                relation.source,
                relation.source.get_absolute_url(),
            )
            for relation in self.relations_to.all()
            if relation.source.organisation_id == self.organisation_id
            and can_view(user, relation.source)
        ]
        return outgoing + incoming

    def adopted_by(self):
        """Other municipalities' published initiatives adopted from this one (from the
        prefetched incoming relations, their sources and organisations joined): each with
        the address of its sharing bank page when it is shared itself, else None."""
        return [
            {
                "initiative": relation.source,
                "organisation": relation.source.organisation,
                "url": relation.source.get_sharing_url()
                if relation.source.in_sharing_bank()
                else None,
            }
            for relation in self.relations_to.all()
            if relation.type == RelationType.ADOPTED_FROM
            and relation.source.organisation_id != self.organisation_id
            and is_public(relation.source)
        ]


def _relation_item(label, relation, other, url):
    return {"label": label, "relation": relation, "other": other, "url": url}


class PhaseChangeQuerySet(models.QuerySet):
    def not_passed_on(self):
        """Changes not yet passed on to the apps that build on the portfolio, oldest first."""
        return self.filter(passed_on_at__isnull=True).order_by("changed_at", "pk")


class PhaseChange(models.Model):
    """An initiative moved from one phase to another: who moved it, and when.

    Written only by Initiative.change_phase. Participation passes each change on (the
    timeline of the ideas the initiative came from, and their followers) and marks it
    passed on, so the portfolio needs to know nothing of who cares.
    """

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="phase_changes"
    )
    from_phase = models.CharField(_("from phase"), max_length=20, choices=Phase.choices)
    to_phase = models.CharField(_("to phase"), max_length=20, choices=Phase.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    passed_on_at = models.DateTimeField(_("passed on"), null=True, blank=True, editable=False)

    objects = PhaseChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["changed_at", "pk"]
        indexes = [
            models.Index(
                fields=["changed_at"],
                condition=Q(passed_on_at__isnull=True),
                name="phasechange_not_passed_on",
            )
        ]

    def __str__(self):
        return f"{self.initiative} · {self.from_phase} → {self.to_phase}"

    def claim(self, now=None) -> bool:
        """Mark the change passed on. False when another run claimed it first, so two
        simultaneous runs pass each change on once."""
        now = now or timezone.now()
        claimed = PhaseChange.objects.filter(pk=self.pk, passed_on_at__isnull=True).update(
            passed_on_at=now
        )
        if claimed:
            self.passed_on_at = now
        return bool(claimed)


class GoalContribution(models.Model):
    """How an initiative contributes to a goal."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, verbose_name=_("goal"))
    note = models.CharField(_("how it contributes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("contribution to a goal")
        verbose_name_plural = _("contributions to goals")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "goal"], name="one_contribution_per_goal")
        ]

    def __str__(self):
        return f"{self.initiative} → {self.goal}"

    def clean(self):
        if (
            self.goal_id
            and self.initiative_id
            and (self.goal.organisation_id != self.initiative.organisation_id)
        ):
            raise ValidationError({"goal": _("Choose one of your own organisation's goals.")})


class PartnerType(models.TextChoices):
    CITIZENS = "citizens", _("Citizens")
    VOLUNTARY = "voluntary", _("Voluntary sector")
    BUSINESS = "business", _("Business")
    RESEARCH = "research", _("Research")
    MUNICIPALITY = "municipality", _("Other municipalities")
    STATE = "state", _("State agencies")


class Partner(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=PartnerType.choices)
    role = models.CharField(_("role"), max_length=300, blank=True)
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["type", "name"]

    def __str__(self):
        return self.name


class BenefitType(models.TextChoices):
    ECONOMIC = "economic", _("Economic")
    QUALITY = "quality", _("Quality")
    CLIMATE = "climate", _("Climate and environment")
    OTHERS = "others", _("For others")


class GainType(models.TextChoices):
    """The gains KS's innovation barometer asks about (docs/visitors.md#innovation-barometer).
    Beside the benefit's own type: that says what is measured (economic, climate, ...),
    this which of the barometer's gains it is; economic savings are efficiency there."""

    QUALITY = "quality", _("Better quality")
    EFFICIENCY = "efficiency", _("Higher efficiency or lower costs")
    EMPLOYEES = "employees", _("Greater employee satisfaction")
    CITIZEN_INFLUENCE = "citizen_influence", _("Citizen influence and participation")
    BUSINESS = "business", _("Value for business")
    OTHER = "other", _("Other gains")


class Benefit(models.Model):
    """A benefit (gevinst): an indicator measured from a baseline (nullpunkt) to a target."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="benefits")
    type = models.CharField(_("type"), max_length=20, choices=BenefitType.choices)
    gain_type = models.CharField(
        _("gain (innovation barometer)"),
        max_length=20,
        choices=GainType.choices,
        blank=True,
        help_text=_(
            "Which of the gains KS's innovation barometer asks about this benefit is: better "
            "quality, higher efficiency or lower costs, employee satisfaction, citizen "
            "influence, value for business, or other."
        ),
    )
    indicator = models.CharField(
        _("indicator"), max_length=200, help_text=_("What is measured, e.g. “CO₂ emissions”.")
    )
    unit = models.CharField(
        _("unit"), max_length=50, help_text=_("E.g. “tonnes CO₂e per year” or “NOK per year”.")
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["type", "indicator"]

    def __str__(self):
        return f"{self.indicator} ({self.unit})"

    def latest_measurement(self):
        # Works on prefetched measurements without another query.
        measurements = list(self.measurements.all())
        return max(measurements, key=lambda m: m.measured_on) if measurements else None


class Measurement(models.Model):
    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "measured_on"], name="one_measurement_per_benefit_and_date"
            )
        ]

    def __str__(self):
        return f"{self.measured_on}: {self.value}"


class Lesson(models.Model):
    """A lesson learned (erfaring), for others who try the same."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class Award(models.Model):
    class Result(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        WON = "won", _("Won")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="awards")
    name = models.CharField(_("award"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        verbose_name = _("award or nomination")
        verbose_name_plural = _("awards and nominations")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.name} {self.year}"


class InitiativeImage(models.Model):
    # An image belongs to its initiative's organisation (see kominn.core.access).
    organisation_through = "initiative__organisation"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("image"),
        upload_to=media.RandomName("initiatives"),
        validators=[images.validate_upload],
        db_index=True,
        width_field="width",
        height_field="height",
    )
    thumbnail = models.ImageField(
        upload_to=media.RandomName("initiatives/small"), editable=False, blank=True, db_index=True
    )
    medium = models.ImageField(
        upload_to=media.RandomName("initiatives/medium"), editable=False, blank=True, db_index=True
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the image shows, for those who cannot see it. Required."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_(
            "The image with the lowest number is the cover: shown on the initiative's card "
            "and at the top of its page."
        ),
    )

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            self.image, medium, small = images.process_cover(self.image)
            self.medium, self.thumbnail = medium or "", small or ""
        super().save(*args, **kwargs)

    @property
    def responsive(self):
        return images.responsive(
            full=self.image,
            medium=self.medium,
            small=self.thumbnail,
            width=self.width,
            height=self.height,
            alt=self.alt_text,
        )

    @staticmethod
    def in_sharing_bank():
        """The images of initiatives in the sharing bank, which every municipality's site
        shows (as a Q, for the /media/ view)."""
        return Q(
            initiative__shared=True,
            initiative__is_published=True,
            initiative__published_at__lte=timezone.now(),
        )


class Attachment(models.Model):
    organisation_through = "initiative__organisation"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=media.RandomName("attachments"),
        validators=[images.validate_attachment],
        db_index=True,
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def download_name(self):
        """The file name a browser saves it as: its title, as the stored name is random."""
        suffix = PurePosixPath(self.file.name).suffix
        return f"{norwegian_slugify(self.title)[:80] or 'vedlegg'}{suffix}"


class Link(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("web address"))

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.title


class Update(models.Model):
    """An entry in the initiative's timeline."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title


class RelationType(models.TextChoices):
    BUILDS_ON = "builds_on", _("Builds on")
    ADOPTED_FROM = "adopted_from", _("Adopted from")
    PART_OF = "part_of", _("Part of")
    RELATED = "related", _("Related to")


INVERSE_LABELS = {
    RelationType.BUILDS_ON: _("Built on by"),
    RelationType.ADOPTED_FROM: _("Adopted by"),
    RelationType.PART_OF: _("Includes"),
    RelationType.RELATED: _("Related to"),
}


class Relation(models.Model):
    """A typed link from one initiative to another, here or in another municipality."""

    source = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="relations_from")
    type = models.CharField(_("relation"), max_length=20, choices=RelationType.choices)
    target = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="relations_to",
        verbose_name=_("initiative"),
    )
    external_title = models.CharField(
        _("initiative elsewhere"),
        max_length=200,
        blank=True,
        help_text=_("For “adopted from” an initiative outside KomInn: its name."),
    )
    external_organisation = models.CharField(_("who runs it"), max_length=200, blank=True)
    external_url = models.URLField(_("link to it"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=False) | ~Q(external_title=""),
                name="relation_has_a_target",
            ),
            models.UniqueConstraint(
                fields=["source", "type", "target"], name="one_relation_per_type_and_target"
            ),
        ]

    def __str__(self):
        return (
            f"{self.source} {self.get_type_display().lower()} {self.target or self.external_title}"
        )

    @property
    def inverse_label(self):
        return INVERSE_LABELS[self.type]

    def clean(self):
        if self.target_id is None and not self.external_title:
            raise ValidationError(_("Choose an initiative in KomInn, or name one elsewhere."))
        if self.target_id is not None and self.external_title:
            raise ValidationError(
                _("Choose an initiative in KomInn or name one elsewhere, not both.")
            )
        if self.target_id is None and self.type != RelationType.ADOPTED_FROM:
            raise ValidationError(
                _("Only “adopted from” can point to an initiative outside KomInn.")
            )
        if self.target_id is not None and self.target_id == self.source_id:
            raise ValidationError(_("An initiative cannot relate to itself."))
        if (
            self.target_id is not None
            and self.target.organisation_id != self.source.organisation_id
            # Taking another municipality's shared initiative into use links to it.
            and not (self.type == RelationType.ADOPTED_FROM and self.target.shared)
        ):
            raise ValidationError(
                _("An initiative in another municipality is named and linked as “elsewhere”.")
            )


class NewsArticle(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=100, blank=True)
    lead = models.TextField(_("lead"), max_length=500)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    image = models.ImageField(
        _("image"),
        upload_to=media.RandomName("news"),
        blank=True,
        validators=[images.validate_upload],
        db_index=True,
    )
    thumbnail = models.ImageField(
        upload_to=media.RandomName("news/small"), editable=False, blank=True, db_index=True
    )
    image_alt = models.CharField(_("alternative text"), max_length=300, blank=True)
    initiatives = models.ManyToManyField(
        Initiative, blank=True, related_name="news", verbose_name=_("initiatives")
    )
    goals = models.ManyToManyField(Goal, blank=True, related_name="news", verbose_name=_("goals"))
    # The challenges a news article is about are linked from participation's side
    # (Challenge.news, reverse name `challenges`): the portfolio stands without it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("author"),
    )
    # Set by the notifications' news pass once the article is visible and the followers of
    # what it is about are told, so they are told once (kominn/participation/notify.py).
    followers_notified_at = models.DateTimeField(
        _("followers told"), null=True, blank=True, editable=False
    )

    # Deleting it deletes the notifications that tell of it, and what they quote.
    notifications_of = GenericRelation(
        "notifications.Notification",
        content_type_field="subject_type",
        object_id_field="subject_id",
    )

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="news_slug_unique_per_org"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portfolio:news_article", args=[self.slug])

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for those who cannot see it.")}
            )

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            self.image, self.thumbnail = images.process(self.image)
        elif not self.image:
            self.thumbnail = ""
        super().save(*args, **kwargs)
