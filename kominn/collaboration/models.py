"""What initiatives, challenges and ideas need ("Vi trenger"), the people who answer, and
the skills a person says they have, so that /bidra/ can show what fits them."""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.core import images, media
from kominn.core.models import OrganisationScoped, OrganisationScopedQuerySet
from kominn.core.slugs import norwegian_slugify
from kominn.participation.models import Hideable

GENERAL_NEED_TITLE = "Annen hjelp"


class NeedKind(models.TextChoices):
    PEOPLE = "people", _("People with a skill or capacity")
    PLACE = "place", _("A place")
    EQUIPMENT = "equipment", _("Equipment")


class Capacity(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    EMPLOYEE = "employee", _("Employee")
    VOLUNTEER = "volunteer", _("Volunteer")
    BUSINESS = "business", _("Business")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class NeedQuerySet(OrganisationScopedQuerySet):
    def shown(self):
        """Not hidden by a moderator (or after many reports)."""
        return self.filter(hidden_at__isnull=True)

    def on_public_pages(self):
        """Needs shown, on an initiative, challenge or idea anyone may see."""
        now = timezone.now()
        return self.shown().filter(
            Q(initiative__is_published=True, initiative__published_at__lte=now)
            | Q(challenge__is_published=True, challenge__published_at__lte=now)
            | Q(
                idea__submitted_at__isnull=False,
                idea__hidden_at__isnull=True,
                idea__author__blocked_at__isnull=True,
            )
        )

    def open(self):
        """Open, and not past the date it was needed until."""
        today = timezone.localdate()
        return self.filter(status=NeedStatus.OPEN).filter(
            Q(until__isnull=True) | Q(until__gte=today)
        )

    def for_listing(self):
        return self.select_related("initiative", "challenge", "idea").order_by("-created_at", "-pk")

    def suiting(self, skills):
        """Needs that suit one of the person's capacities or name one of their skills:
        "Suits me" on /bidra/ and the digest of new needs."""
        match = Q(pk__in=[])
        for capacity in skills.capacity_list():
            match |= Q(suits__contains=f",{capacity},")
        for tag in skills.tag_list():
            match |= Q(title__icontains=tag) | Q(description__icontains=tag)
        return self.filter(match)


class Need(Hideable, OrganisationScoped):
    """Something an initiative, a challenge or an idea needs: people, a place, equipment."""

    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="needs",
    )
    challenge = models.ForeignKey(
        "participation.Challenge",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="needs",
    )
    idea = models.ForeignKey(
        "participation.Idea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="needs",
    )
    title = models.CharField(_("what is needed"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=NeedKind.choices, default=NeedKind.PEOPLE
    )
    how_many = models.PositiveIntegerField(_("how many"), default=1)
    until = models.DateField(_("needed until"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=200, blank=True)
    # Capacities as ",resident,volunteer,": filterable with a plain `contains` everywhere.
    suits = models.CharField(_("suits"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    # The general need that offers of help made before needs existed were moved to.
    is_general = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs_posted",
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=500, blank=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(initiative__isnull=False, challenge__isnull=True, idea__isnull=True)
                    | Q(initiative__isnull=True, challenge__isnull=False, idea__isnull=True)
                    | Q(initiative__isnull=True, challenge__isnull=True, idea__isnull=False)
                ),
                name="need_on_exactly_one_thing",
            ),
            models.CheckConstraint(condition=Q(how_many__gte=1), name="need_how_many_positive"),
        ]

    def __str__(self):
        return self.title

    @property
    def parent(self):
        return self.initiative or self.challenge or self.idea

    # Who wrote it, as moderation names the writer of what it hides or blocks.
    @property
    def author(self):
        return self.created_by

    @property
    def author_id(self):
        return self.created_by_id

    def get_absolute_url(self):
        return reverse("collaboration:need", args=[self.pk])

    def suits_labels(self):
        return [Capacity(value).label for value in self.suit_list()]

    def suit_list(self):
        return [value for value in self.suits.split(",") if value in Capacity.values]


class AnswerStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WAITING = "waiting", _("On the waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AnswerQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status__in=[AnswerStatus.DECLINED, AnswerStatus.WITHDRAWN])

    def shown(self):
        """Not hidden by a moderator, nor written by a blocked account."""
        return self.filter(hidden_at__isnull=True, user__blocked_at__isnull=True)


class Answer(Hideable, models.Model):
    """ "Jeg kan bidra": a person offering to meet a need, and the owner's reply."""

    organisation_through = "need__organisation"

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="need_answers"
    )
    message = models.TextField(_("how you can help"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.PENDING
    )
    reply = models.TextField(_("reply"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=500, blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer to a need")
        verbose_name_plural = _("answers to needs")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.user} → {self.need}"

    def get_absolute_url(self):
        return f"{self.need.get_absolute_url()}#svar-{self.pk}"

    @property
    def author(self):
        return self.user

    @property
    def author_id(self):
        return self.user_id


class SkillsQuerySet(models.QuerySet):
    def wanting_needs_digest(self):
        """People who asked for the digest of new needs and may be mailed: active, not
        blocked, with something to match needs against."""
        return self.filter(
            needs_digest_organisation__isnull=False,
            user__is_active=True,
            user__blocked_at__isnull=True,
        ).exclude(tags="", capacities="")


class Skills(models.Model):
    """What a person says they can do and in which capacities they take part."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collaboration_skills"
    )
    tags = models.CharField(
        _("skills and interests"),
        max_length=500,
        blank=True,
        help_text=_("Separate with commas, e.g. design, knitting, sensors."),
    )
    capacities = models.CharField(_("I take part as"), max_length=100, blank=True)
    # The digest of new needs that suit the person ("Nye behov som passer deg"): on when
    # this names the municipality whose needs they want, chosen on its site.
    needs_digest_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new needs by e-mail from"),
    )
    # Needs posted up to this time have been considered for the digest (mailed or found
    # not to suit); the next digest lists only those posted after it.
    needs_digest_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SkillsQuerySet.as_manager()

    def __str__(self):
        return f"{self.user}: {self.tags}"

    @property
    def has_any(self) -> bool:
        """Whether there is anything to match needs against."""
        return bool(self.tag_list() or self.capacity_list())

    def tag_list(self):
        return [tag.strip().lower() for tag in self.tags.split(",") if tag.strip()][:20]

    def capacity_list(self):
        return [value for value in self.capacities.split(",") if value in Capacity.values]


def joined(values) -> str:
    """Capacities stored as ",resident,volunteer," (empty when none)."""
    values = [value for value in values if value in Capacity.values]
    return f",{','.join(values)}," if values else ""


def locked(need):
    """The need, locked for the rest of the transaction."""
    assert transaction.get_connection().in_atomic_block
    return Need.objects.select_for_update().get(pk=need.pk)


# --- The team of an initiative -----------------------------------------------------------
# Accepted people join the team of the initiative whose need they answered. The
# initiative's editors own the team (rules.is_team_owner); members are rows here.

TEAM_TEXT_MAX = 2000


class TeamMember(models.Model):
    """A person on an initiative's team, with what they do there and what they share."""

    organisation_through = "initiative__organisation"

    initiative = models.ForeignKey(
        "portfolio.Initiative", on_delete=models.CASCADE, related_name="team_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    role = models.CharField(
        _("role on the team"),
        max_length=100,
        blank=True,
        help_text=_("For example “Test panel” or “Photographer”."),
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    show_name = models.BooleanField(
        _("Show my name on the initiative's public page"), default=False
    )
    share_contact = models.BooleanField(
        _("Show my e-mail address to the rest of the team"), default=False
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="team_member_once"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.initiative}"


class TeamUpdateQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(hidden_at__isnull=True)


class TeamUpdate(Hideable, models.Model):
    """A short post on the team page: what happened, what is next."""

    organisation_through = "initiative__organisation"

    initiative = models.ForeignKey(
        "portfolio.Initiative", on_delete=models.CASCADE, related_name="team_updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_updates"
    )
    body = models.TextField(_("update"), max_length=TEAM_TEXT_MAX)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("why it is hidden"), max_length=500, blank=True)

    objects = TeamUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("team update")
        verbose_name_plural = _("team updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        """Its place on the team page (seen by the team alone)."""
        return (
            reverse("collaboration:team", args=[self.initiative.slug]) + f"#oppdatering-{self.pk}"
        )


class TaskStatus(models.TextChoices):
    TODO = "todo", _("To do")
    DOING = "doing", _("In progress")
    DONE = "done", _("Done")


class TeamTask(models.Model):
    """Something the team is to do, with who does it."""

    organisation_through = "initiative__organisation"

    initiative = models.ForeignKey(
        "portfolio.Initiative", on_delete=models.CASCADE, related_name="team_tasks"
    )
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), max_length=TEAM_TEXT_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_tasks",
        verbose_name=_("who does it"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_tasks_created",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("team task")
        verbose_name_plural = _("team tasks")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title


class TeamFile(models.Model):
    """A file the team shares; only the team and its owners may download it."""

    organisation_through = "initiative__organisation"

    initiative = models.ForeignKey(
        "portfolio.Initiative", on_delete=models.CASCADE, related_name="team_files"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=media.RandomName("team"),
        validators=[images.validate_attachment],
        db_index=True,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_files",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("team file")
        verbose_name_plural = _("team files")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.title

    def download_name(self):
        suffix = PurePosixPath(self.file.name).suffix
        return f"{norwegian_slugify(self.title)[:80] or 'fil'}{suffix}"
