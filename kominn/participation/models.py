"""Ideas, challenges and taking part: comments, support, following and offers of help."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.accounts.models import Capacity
from kominn.core import images, media
from kominn.core.models import (
    OrganisationScoped,
    OrganisationScopedQuerySet,
    Publishable,
    PublishableQuerySet,
)
from kominn.core.slugs import norwegian_slugify
from kominn.portfolio.models import Phase

TITLE_MAX = 150
TEXT_MAX = 10_000
COMMENT_MAX = 3_000
COMMENT_EDIT_MINUTES = 15
# Top-level comments on one page of an idea's discussion, each with its replies: the
# thread's share of a page's time, for visitors and most of all for people logged in,
# whose comments carry their tools (docs/benchmarks.md).
COMMENTS_PER_PAGE = 20


class Hideable:
    """Hiding by a moderator, or automatically after many reports until a moderator
    decides. Moderation decides when; these are the only ways content is hidden or shown."""

    def hide(self, reason, *, by=None) -> bool:
        """Hide it, with the reason shown in its place. `by` is the moderator; without one
        it is hidden automatically, which leaves hidden content as it is. Returns whether
        it was hidden now."""
        with transaction.atomic():
            # Locked, so that of two reports arriving at once only one hides it.
            hidden_at = (
                type(self)
                ._default_manager.select_for_update()
                .values_list("hidden_at", flat=True)
                .get(pk=self.pk)
            )
            if by is None and hidden_at is not None:
                return False
            self.hidden_at, self.hidden_reason = timezone.now(), reason
            self.save(update_fields=["hidden_at", "hidden_reason"])
        return True

    def restore(self, reason="", *, by=None) -> None:
        """Show it again."""
        self.hidden_at, self.hidden_reason = None, ""
        self.save(update_fields=["hidden_at", "hidden_reason"])


class ChallengeQuerySet(PublishableQuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Challenge(Publishable):
    """A question the municipality asks, open for ideas for a while.

    Published like the portfolio's content: a draft, or a future publish date, is for
    the organisation's staff only.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=100, blank=True)
    question = models.CharField(_("the question"), max_length=300)
    background = models.TextField(_("background"), blank=True, help_text=_("Markdown."))
    audience = models.CharField(_("who it is for"), max_length=300, blank=True)
    goal = models.ForeignKey(
        "portfolio.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenges",
        verbose_name=_("goal"),
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    outcome = models.TextField(
        _("what came of it"),
        blank=True,
        help_text=_("Markdown. Shown when the challenge is closed."),
    )
    # News about the challenge. The link is participation's, so the portfolio stands
    # without it; the table keeps the name it had when the field sat on NewsArticle.
    news = models.ManyToManyField(
        "portfolio.NewsArticle",
        blank=True,
        related_name="challenges",
        db_table="portfolio_newsarticle_challenges",
        verbose_name=_("news"),
    )

    # Deleting it deletes the notifications about it: they would lead nowhere.
    notifications_about = GenericRelation(
        "notifications.Notification",
        content_type_field="target_type",
        object_id_field="target_id",
    )

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-opens_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="challenge_slug_unique_per_org"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:challenge", args=[self.slug])

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A challenge cannot close before it opens.")})

    @property
    def state(self):
        today = timezone.localdate()
        if today < self.opens_on:
            return "upcoming"
        if today <= self.closes_on:
            return "open"
        return "closed"

    @property
    def is_open(self):
        return self.state == "open"


class IdeaStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    TAKEN_FORWARD = "taken_forward", _("Taken forward")
    PUT_TO_USE = "put_to_use", _("Put to use")
    PARKED = "parked", _("On the shelf")
    NOT_PURSUED = "not_pursued", _("Not pursued")


PUBLIC_IDEA = Q(submitted_at__isnull=False, hidden_at__isnull=True, author__blocked_at__isnull=True)
# The part of PUBLIC_IDEA on the idea's own row: the condition of the list's indexes.
LISTED_IDEA = Q(submitted_at__isnull=False, hidden_at__isnull=True)


class IdeaQuerySet(OrganisationScopedQuerySet):
    def published(self):
        """Ideas shown in public lists and counts: submitted (not drafts), not hidden by a
        moderator or after many reports, and not by a blocked account."""
        return self.filter(PUBLIC_IDEA)

    def submitted(self):
        """Every submitted idea, hidden ones too: for staff and moderators."""
        return self.filter(submitted_at__isnull=False)

    def visible_to(self, user, organisation):
        """The organisation's public ideas, and all of the user's own ideas."""
        queryset = self.for_organisation(organisation)
        if user.is_authenticated:
            return queryset.filter(PUBLIC_IDEA | Q(author=user))
        return queryset.published()

    def not_drafts_of_others(self, user):
        """Submitted ideas, and the user's own drafts: a draft is its author's alone, staff
        and superusers included."""
        mine = Q(author=user) if user.is_authenticated else Q(pk__in=[])
        return self.filter(Q(submitted_at__isnull=False) | mine)

    def awaiting_answer(self):
        """Public ideas without a first answer, those waiting longest first."""
        return (
            self.published().filter(first_answered_at__isnull=True).order_by("submitted_at", "pk")
        )

    def for_list(self):
        return self.select_related("author", "theme", "service_area", "challenge")

    def recount(self) -> int:
        """Set the kept support and comment counts of these ideas from the rows: after
        bulk writes (the demo, benchmarks) and for repair. Every other change moves the
        counts in its own transaction. Returns the number of ideas."""
        supports = (
            Support.objects.filter(idea=OuterRef("pk"))
            .order_by()
            .values("idea")
            .annotate(n=Count("pk"))
            .values("n")
        )
        comments = (
            Comment.objects.shown()
            .filter(idea=OuterRef("pk"))
            .order_by()
            .values("idea")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.update(
            support_count=Coalesce(Subquery(supports), Value(0)),
            comment_count=Coalesce(Subquery(comments), Value(0)),
        )

    def add_to_counts(self, *, supports=0, comments=0) -> None:
        """Move the kept counts of these ideas by the given numbers, in the database
        (F expressions), so that changes at the same moment all count."""
        changes = {}
        for field, change in (("support_count", supports), ("comment_count", comments)):
            if change > 0:
                changes[field] = F(field) + change
            elif change < 0:
                # Never below zero, should rows have been written around these methods
                # (the count is then repaired by recount()).
                changes[field] = Greatest(F(field) + change, Value(0))
        if changes:
            self.update(**changes)


class Idea(Hideable, OrganisationScoped):
    """An idea from an employee, citizen, volunteer or business."""

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX, help_text=_("Markdown."))
    theme = models.ForeignKey(
        "organisations.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("theme"),
    )
    service_area = models.ForeignKey(
        "organisations.ServiceArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("service area"),
    )
    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("challenge"),
    )
    place_name = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("E.g. a street, school or area.")
    )
    image = models.ImageField(
        _("image"),
        upload_to=media.RandomName("ideas"),
        blank=True,
        validators=[images.validate_upload],
        db_index=True,
        width_field="image_width",
        height_field="image_height",
    )
    thumbnail = models.ImageField(
        upload_to=media.RandomName("ideas/small"), editable=False, blank=True, db_index=True
    )
    medium = models.ImageField(
        upload_to=media.RandomName("ideas/medium"), editable=False, blank=True, db_index=True
    )
    image_width = models.PositiveIntegerField(editable=False, null=True)
    image_height = models.PositiveIntegerField(editable=False, null=True)
    image_alt = models.CharField(_("alternative text"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ideas",
        verbose_name=_("author"),
    )
    capacity = models.CharField(_("written as"), max_length=20, choices=Capacity.choices)
    affiliation = models.CharField(_("organisation or company"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.RECEIVED
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("became the initiative"),
    )
    credit_author = models.BooleanField(
        _("name me if it becomes an initiative"),
        default=True,
        help_text=_("The initiative it leads to then credits the idea by your display name."),
    )
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    # When the responsible editors were reminded that the first answer is overdue.
    overdue_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by a moderator, or automatically after enough distinct reports, until a
    # moderator decides. Hidden content is left out of every public list.
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_example = models.BooleanField(_("example data"), default=False)
    # Kept on the row, so that lists sort by them without counting: every support given
    # or taken back, and every comment shown or no longer shown (`Comment.objects.shown()`), moves
    # them in the same transaction. `Idea.objects.recount()` sets them from the rows.
    support_count = models.PositiveIntegerField(_("supports"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)

    # Deleting it deletes the notifications about it: they would lead nowhere.
    notifications_about = GenericRelation(
        "notifications.Notification",
        content_type_field="target_type",
        object_id_field="target_id",
    )
    # Deleting it deletes the notifications that tell of it, and what they quote.
    notifications_of = GenericRelation(
        "notifications.Notification",
        content_type_field="subject_type",
        object_id_field="subject_id",
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            models.Index(fields=["organisation", "-submitted_at"]),
            # The public idea list in each of its orders (forms.SORTS), read in index
            # order and stopped after a page; the condition leaves drafts and hidden
            # ideas out of them.
            models.Index(
                fields=["organisation", "-submitted_at", "-id"],
                condition=LISTED_IDEA,
                name="idea_list_newest",
            ),
            models.Index(
                fields=["organisation", "-support_count", "-submitted_at", "-id"],
                condition=LISTED_IDEA,
                name="idea_list_supported",
            ),
            models.Index(
                fields=["organisation", "-comment_count", "-submitted_at", "-id"],
                condition=LISTED_IDEA,
                name="idea_list_discussed",
            ),
        ]
        permissions = [("answer_idea", _("Can answer ideas and change their status"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        slug = norwegian_slugify(self.title)[:60]
        if slug:
            return reverse("participation:idea", args=[self.pk, slug])
        return reverse("participation:idea", args=[self.pk])

    @property
    def is_draft(self):
        return self.submitted_at is None

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for those who cannot see it.")}
            )

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            self.image, medium, small = images.process_cover(self.image)
            self.medium, self.thumbnail = medium or "", small or ""
        elif not self.image:
            self.thumbnail = self.medium = ""
        super().save(*args, **kwargs)

    @property
    def responsive(self):
        """The idea's image (its cover on cards and its page) in the widths stored."""
        return images.responsive(
            full=self.image,
            medium=self.medium,
            small=self.thumbnail,
            width=self.image_width,
            height=self.image_height,
            alt=self.image_alt,
        )

    def submit(self):
        """Publish a draft."""
        if self.submitted_at is None:
            self.submitted_at = timezone.now()
            self.save(update_fields=["submitted_at", "updated_at"])

    @transaction.atomic
    def hide(self, reason, *, by=None) -> bool:
        """Hide the idea; a moderator's hiding, with its reason, is on the idea's timeline."""
        hidden = super().hide(reason, by=by)
        if hidden and by is not None:
            IdeaEvent.objects.create(idea=self, kind=IdeaEventKind.HIDDEN, text=reason, actor=by)
        return hidden

    @transaction.atomic
    def restore(self, reason="", *, by=None) -> None:
        """Show the idea again; the timeline says so when it said the idea was hidden."""
        on_timeline = (
            self.hidden_at is not None
            and self.events.filter(kind__in=[IdeaEventKind.HIDDEN, IdeaEventKind.RESTORED])
            .values_list("kind", flat=True)
            .last()
            == IdeaEventKind.HIDDEN
        )
        super().restore(reason, by=by)
        if on_timeline:
            IdeaEvent.objects.create(idea=self, kind=IdeaEventKind.RESTORED, text=reason, actor=by)

    @property
    def capacity_label(self):
        label = self.get_capacity_display()
        return f"{label}, {self.affiliation}" if self.affiliation else label

    @property
    def capacity_in_sentence(self):
        """E.g. "frivillig, Asker Røde Kors": the capacity in lower case inside a sentence,
        the organisation's or company's name as its people write it."""
        label = self.get_capacity_display().lower()
        return f"{label}, {self.affiliation}" if self.affiliation else label

    @property
    def answer_due(self):
        """When the response promise says the first answer is due (None for drafts)."""
        if self.submitted_at is None:
            return None
        return self.submitted_at + timedelta(days=settings.KOMINN_ANSWER_DAYS)

    @property
    def answer_overdue(self):
        return (
            self.first_answered_at is None
            and self.answer_due is not None
            and (self.answer_due < timezone.now())
        )

    @property
    def days_waiting(self):
        return (timezone.now() - self.submitted_at).days if self.submitted_at else 0


class CommentQuerySet(models.QuerySet):
    def shown(self):
        """Comments counted with their idea: not deleted, not hidden, not by a blocked
        account."""
        return self.filter(
            deleted_at__isnull=True, hidden_at__isnull=True, author__blocked_at__isnull=True
        )

    def top_level(self):
        return self.filter(parent=None)

    def count_author_again(self, author, *, shown: bool) -> None:
        """Take `author`'s comments out of their ideas' comment counts when the account is
        blocked (`shown=False`), or put them back when it is unblocked. Call it in the
        transaction that blocks or unblocks, after the change."""
        mine = self.filter(author=author)
        # Locked, so that hiding, restoring or deleting one of them at the same moment
        # is counted either before or after this, never twice.
        list(mine.select_for_update().values_list("pk", flat=True))
        per_idea = (
            mine.filter(deleted_at__isnull=True, hidden_at__isnull=True)
            .order_by()
            .values("idea")
            .annotate(n=Count("pk"))
        )
        for row in per_idea:
            Idea.objects.filter(pk=row["idea"]).add_to_counts(
                comments=row["n"] if shown else -row["n"]
            )


class Comment(Hideable, models.Model):
    """A comment on an idea, or a reply to one (one level of replies)."""

    # A comment belongs to its idea's organisation (see kominn.core.access).
    organisation_through = "idea__organisation"

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    # Kept without an author when a person deletes their account and contributions, if
    # others have replied to it; then shown as deleted.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    # Blank only once deleted by its author; the comment form requires text.
    body = models.TextField(_("comment"), max_length=COMMENT_MAX, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=500, blank=True)

    # Deleting it deletes the notifications that tell of it, and what they quote.
    notifications_of = GenericRelation(
        "notifications.Notification",
        content_type_field="subject_type",
        object_id_field="subject_id",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            # An idea's discussion, a page of top-level comments at a time.
            models.Index(
                fields=["idea", "created_at", "id"],
                condition=Q(parent=None),
                name="comment_thread_page",
            ),
        ]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        """The comment on its idea's page, on the page of the discussion that holds it."""
        page = self.thread_page()
        query = f"?kommentarer={page}" if page > 1 else ""
        return f"{self.idea.get_absolute_url()}{query}#kommentar-{self.pk}"

    def thread_page(self) -> int:
        """The page of the idea's discussion that shows this comment (replies are shown
        with the comment they answer)."""
        root = self.parent if self.parent_id else self
        earlier = (
            Comment.objects.top_level()
            .filter(idea_id=self.idea_id)
            .filter(
                Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk)
            )
            .count()
        )
        return earlier // COMMENTS_PER_PAGE + 1

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError(_("Replies go to a comment, not to another reply."))
        if self.parent_id and self.parent.idea_id != self.idea_id:
            raise ValidationError(_("A reply belongs to the same idea as its comment."))

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    def can_still_be_edited(self):
        age = timezone.now() - self.created_at
        return not self.is_deleted and age.total_seconds() < COMMENT_EDIT_MINUTES * 60

    def delete_by_author(self):
        """Leave "slettet" in place, so the replies keep their context."""

        def delete():
            self.body = ""
            self.deleted_at = timezone.now()
            self.save(update_fields=["body", "deleted_at"])

        self._keeping_count(delete)

    def hide(self, reason, *, by=None) -> bool:
        return self._keeping_count(lambda: super(Comment, self).hide(reason, by=by))

    def restore(self, reason="", *, by=None) -> None:
        self._keeping_count(lambda: super(Comment, self).restore(reason, by=by))

    def _keeping_count(self, change):
        """Make the change, and move the idea's comment count when it showed or stopped
        showing the comment. The row is locked first, so that two changes at once (two
        moderators, a moderator and the author) count once."""
        with transaction.atomic():
            shown = Comment.objects.shown().filter(pk=self.pk)
            list(Comment.objects.select_for_update().filter(pk=self.pk).values_list("pk"))
            before = shown.exists()
            result = change()
            after = shown.exists()
            if before != after:
                Idea.objects.filter(pk=self.idea_id).add_to_counts(comments=1 if after else -1)
        return result


class Support(models.Model):
    """One person's support for an idea. The database keeps it to one per person."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_support_per_person")
        ]

    def __str__(self):
        return f"{self.user} → {self.idea}"


class Follow(models.Model):
    """Following an idea, a challenge or an initiative, to hear what happens to it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(idea__isnull=False, challenge__isnull=True, initiative__isnull=True)
                    | Q(idea__isnull=True, challenge__isnull=False, initiative__isnull=True)
                    | Q(idea__isnull=True, challenge__isnull=True, initiative__isnull=False)
                ),
                name="follow_exactly_one_thing",
            ),
            models.UniqueConstraint(fields=["user", "idea"], name="follow_idea_once"),
            models.UniqueConstraint(fields=["user", "challenge"], name="follow_challenge_once"),
            models.UniqueConstraint(fields=["user", "initiative"], name="follow_initiative_once"),
        ]

    def __str__(self):
        return f"{self.user} → {self.idea or self.challenge or self.initiative}"


class Offer(models.Model):
    """An offer of help ("Jeg vil bidra") on an idea or an initiative, as made before offers
    became answers to the general need "Annen hjelp" (collaboration's migrations 0002 and
    0003 moved every one there). No longer made; kept as it was, with what tells of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offers"
    )
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="offers"
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="offers",
    )
    message = models.TextField(_("how you would like to help"), max_length=1000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    # Deleting it deletes the notifications that tell of it, and what they quote.
    notifications_of = GenericRelation(
        "notifications.Notification",
        content_type_field="subject_type",
        object_id_field="subject_id",
    )

    class Meta:
        verbose_name = _("offer of help")
        verbose_name_plural = _("offers of help")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(idea__isnull=False, initiative__isnull=True)
                | Q(idea__isnull=True, initiative__isnull=False),
                name="offer_on_exactly_one_thing",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.idea or self.initiative}"


class IdeaEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    STATUS = "status", _("Status changed")
    ANSWER = "answer", _("Answered")
    INITIATIVE = "initiative", _("Linked to an initiative")
    PHASE = "phase", _("The initiative changed phase")
    HIDDEN = "hidden", _("Hidden by a moderator")
    RESTORED = "restored", _("Restored by a moderator")


class IdeaEvent(models.Model):
    """One entry in an idea's public timeline: what happened to it, when, and why."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20, choices=IdeaEventKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=IdeaStatus.choices, blank=True)
    previous_status = models.CharField(
        _("previous status"), max_length=20, choices=IdeaStatus.choices, blank=True
    )
    # The municipality's public answer (Markdown), or a moderator's reason.
    text = models.TextField(_("answer"), blank=True, max_length=TEXT_MAX)
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea_events",
    )
    phase = models.CharField(_("phase"), max_length=30, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea_events",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    # Deleting it deletes the notifications that tell of it, and what they quote.
    notifications_of = GenericRelation(
        "notifications.Notification",
        content_type_field="subject_type",
        object_id_field="subject_id",
    )

    class Meta:
        verbose_name = _("idea event")
        verbose_name_plural = _("idea events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "created_at"])]

    def __str__(self):
        return f"{self.idea} · {self.get_kind_display()}"

    def get_phase_label(self):
        return Phase(self.phase).label if self.phase in Phase.values else self.phase
