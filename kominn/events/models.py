"""Events (meetings, workshops, open days) on an initiative or a challenge, and the people
signed up for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.core import markdown
from kominn.core.models import OrganisationScoped, OrganisationScopedQuerySet


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    WORKSHOP = "workshop", _("Workshop")
    OPEN_DAY = "open_day", _("Open day")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(OrganisationScopedQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended, the soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        """Events that have ended, the latest first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def visible(self):
        """Events whose initiative or challenge visitors may see."""
        now = timezone.now()
        return self.filter(
            models.Q(
                initiative__is_published=True,
                initiative__published_at__lte=now,
            )
            | models.Q(challenge__is_published=True, challenge__published_at__lte=now)
        )

    def for_list(self):
        return self.select_related("initiative", "challenge")


class Event(OrganisationScoped):
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("initiative"),
    )
    challenge = models.ForeignKey(
        "participation.Challenge",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("challenge"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.MEETING
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    interpretation_on_request = models.BooleanField(_("interpretation on request"), default=False)
    accessibility_notes = models.TextField(_("more about accessibility"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    # When the notice of a cancellation went out, so that it goes out once.
    cancellation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The starts_at the day-before reminder was sent for; moving the event sends it again.
    reminder_sent_for = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["organisation", "ends_at", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(initiative__isnull=True) ^ models.Q(challenge__isnull=True),
                name="event_on_initiative_or_challenge",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event", args=[self.pk])

    @property
    def subject(self):
        """The initiative or challenge the event is on."""
        return self.initiative or self.challenge

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def description_html(self):
        return markdown.render(self.description)

    def is_past(self, now=None):
        return self.ends_at < (now or timezone.now())

    def clean(self):
        errors = {}
        if self.initiative_id and self.challenge_id:
            errors["challenge"] = _("Choose an initiative or a challenge, not both.")
        elif not self.initiative_id and not self.challenge_id:
            errors["initiative"] = _("Choose the initiative or the challenge the event is on.")
        subject = self.subject if (self.initiative_id or self.challenge_id) else None
        if subject is not None and self.organisation_id is None:
            self.organisation_id = subject.organisation_id
        if subject is not None and subject.organisation_id != self.organisation_id:
            errors["initiative"] = _("The initiative or challenge belongs to another municipality.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.starts_at and self._state.adding and self.starts_at < timezone.now():
            errors["starts_at"] = _("A new event cannot start in the past.")
        if self.video_link and not self.video_link.lower().startswith(("http://", "https://")):
            errors["video_link"] = _("The video link must start with http:// or https://.")
        if not self.place and not self.video_link:
            errors["place"] = _("Give a place, a video link, or both.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("The capacity must be at least 1, or empty for no limit.")
        if errors:
            raise ValidationError(errors)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")


class Registration(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)

    organisation_through = "event__organisation"

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")
        ]

    def __str__(self):
        return f"{self.user} – {self.event}"


# --- Workshops ------------------------------------------------------------------------
# During a window, participants post short ideas as cards, staff group them and everyone
# spends a fixed number of votes; the cards staff choose become ideas in the challenge.

CARD_MAX = 300


class WorkshopState(models.TextChoices):
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    FINISHED = "finished", _("Finished")


class Workshop(OrganisationScoped):
    challenge = models.ForeignKey(
        "participation.Challenge",
        on_delete=models.CASCADE,
        related_name="workshops",
        verbose_name=_("challenge"),
    )
    # People sign up through the event, and get its calendar file and reminder.
    event = models.OneToOneField(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop",
        verbose_name=_("event"),
        help_text=_("A workshop event on the same challenge, for signing up."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    opens_at = models.DateTimeField(_("cards and votes open"))
    closes_at = models.DateTimeField(_("cards and votes close"))
    votes_per_person = models.PositiveSmallIntegerField(_("votes per person"), default=3)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("finished by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="workshop_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(votes_per_person__gte=1), name="workshop_has_votes"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:workshop", args=[self.challenge.slug, self.pk])

    @property
    def description_html(self):
        return markdown.render(self.description)

    def state(self, now=None) -> str:
        """Finished once staff have chosen its cards; else by the window."""
        if self.finished_at is not None:
            return WorkshopState.FINISHED
        now = now or timezone.now()
        if now < self.opens_at:
            return WorkshopState.UPCOMING
        if now < self.closes_at:
            return WorkshopState.OPEN
        return WorkshopState.CLOSED

    @property
    def current_state(self):
        return self.state()

    def get_state_display(self):
        return WorkshopState(self.state()).label

    def is_open(self, now=None) -> bool:
        return self.state(now) == WorkshopState.OPEN

    def clean(self):
        errors = {}
        if self.challenge_id and self.organisation_id is None:
            self.organisation_id = self.challenge.organisation_id
        if self.challenge_id and self.challenge.organisation_id != self.organisation_id:
            errors["challenge"] = _("The challenge belongs to another municipality.")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The workshop must close after it opens.")
        if self.votes_per_person is not None and self.votes_per_person < 1:
            errors["votes_per_person"] = _("Give each person at least one vote.")
        if self.event_id:
            if self.event.challenge_id != self.challenge_id:
                errors["event"] = _("Choose an event on the same challenge.")
            elif self.event.kind != EventKind.WORKSHOP:
                errors["event"] = _("Choose an event of the kind workshop.")
        if errors:
            raise ValidationError(errors)


class CardGroup(models.Model):
    """A heading staff put cards under."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="groups", verbose_name=_("workshop")
    )
    name = models.CharField(_("name"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    organisation_through = "workshop__organisation"

    class Meta:
        verbose_name = _("card group")
        verbose_name_plural = _("card groups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "name"], name="card_group_name_unique")
        ]

    def __str__(self):
        return self.name


class CardQuerySet(models.QuerySet):
    def shown(self):
        """Cards neither hidden nor written by a blocked account."""
        return self.filter(hidden_at__isnull=True, author__blocked_at__isnull=True)


class Card(models.Model):
    """A short idea posted during a workshop."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="cards", verbose_name=_("workshop")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="workshop_cards",
        verbose_name=_("author"),
    )
    text = models.CharField(_("text"), max_length=CARD_MAX)
    group = models.ForeignKey(
        CardGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cards",
        verbose_name=_("group"),
    )
    consent_credit = models.BooleanField(_("my name may stand on the idea"), default=False)
    idea = models.ForeignKey(
        "participation.Idea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_cards",
        verbose_name=_("became the idea"),
    )
    # Hidden by a moderator or staff, as ideas and comments are (Idea.hide()).
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    organisation_through = "workshop__organisation"
    objects = CardQuerySet.as_manager()

    class Meta:
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return f"{self.workshop.get_absolute_url()}#lapp-{self.pk}"

    def hide(self, reason, *, by=None) -> bool:
        """Hide the card, with the reason shown in its place. Without `by` (hidden
        automatically), a card already hidden stays as it was. Returns whether it was
        hidden now."""
        with transaction.atomic():
            hidden_at = (
                Card.objects.select_for_update().values_list("hidden_at", flat=True).get(pk=self.pk)
            )
            if by is None and hidden_at is not None:
                return False
            self.hidden_at, self.hidden_reason = timezone.now(), reason
            self.save(update_fields=["hidden_at", "hidden_reason"])
        return True

    def restore(self, reason="", *, by=None) -> None:
        """Show the card again."""
        self.hidden_at, self.hidden_reason = None, ""
        self.save(update_fields=["hidden_at", "hidden_reason"])


class Vote(models.Model):
    """One of a person's votes in a workshop, on one card (one vote per card)."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="votes", verbose_name=_("workshop")
    )
    card = models.ForeignKey(
        Card, on_delete=models.CASCADE, related_name="votes", verbose_name=_("card")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="workshop_votes",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    organisation_through = "workshop__organisation"

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["card", "user"], name="one_vote_per_card_and_person")
        ]
        indexes = [models.Index(fields=["workshop", "user"])]

    def __str__(self):
        return f"{self.user} – {self.card}"
