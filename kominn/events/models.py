"""Events (meetings, workshops, open days) on an initiative or a challenge, and the people
signed up for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.core import markdown
from kominn.core.models import OrganisationScoped, OrganisationScopedQuerySet


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
