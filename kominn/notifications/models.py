"""Notifications: what happened to a person's ideas, comments and what they follow.

Every notification is kept in the database and listed on the person's own page. Whether it
also goes out by e-mail, at once or in a daily digest, is the person's choice per kind; the
choice in force when the notification was made is stored with it (`delivery`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    STATUS = "status", _("Status changes and answers on your ideas")
    COMMENT = "comment", _("Comments on your ideas")
    REPLY = "reply", _("Replies to your comments")
    NEWS = "news", _("News on what you follow")
    CHALLENGE_IDEA = "challenge_idea", _("New ideas in challenges you follow")
    OFFER = "offer", _("Offers of help on your ideas and initiatives")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("E-mail at once")
    DAILY = "daily", _("One e-mail a day with everything new")
    OFF = "off", _("No e-mail – only under Notifications here")


# What the municipality answers on your own idea is always mailed at once: it is the reply
# to something you sent in, not news you signed up for.
FIXED_DELIVERY = {NotificationKind.STATUS: Delivery.IMMEDIATELY}

# Things said to you personally come at once; news about what you follow comes once a day.
DEFAULT_DELIVERY = {
    NotificationKind.COMMENT: Delivery.IMMEDIATELY,
    NotificationKind.REPLY: Delivery.IMMEDIATELY,
    NotificationKind.OFFER: Delivery.IMMEDIATELY,
    NotificationKind.NEWS: Delivery.DAILY,
    NotificationKind.CHALLENGE_IDEA: Delivery.DAILY,
}

CHOOSABLE_KINDS = [kind for kind in NotificationKind if kind not in FIXED_DELIVERY]


class NotificationPreferenceQuerySet(models.QuerySet):
    def deliveries(self, user_ids, kind) -> dict:
        """How each of the users wants this kind delivered: user id → Delivery."""
        if kind in FIXED_DELIVERY:
            return dict.fromkeys(user_ids, FIXED_DELIVERY[kind])
        chosen = dict(
            self.filter(user_id__in=user_ids, kind=kind).values_list("user_id", "delivery")
        )
        return {user_id: chosen.get(user_id, DEFAULT_DELIVERY[kind]) for user_id in user_ids}

    def for_user(self, user) -> dict:
        """Every choosable kind with the user's delivery for it, defaults filled in."""
        chosen = dict(self.filter(user=user).values_list("kind", "delivery"))
        return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in CHOOSABLE_KINDS}


class NotificationPreference(models.Model):
    """A person's choice for one kind of notification. No row means the default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=[(k.value, k.label) for k in CHOOSABLE_KINDS]
    )
    delivery = models.CharField(_("e-mail"), max_length=20, choices=Delivery.choices)

    objects = NotificationPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}: {self.delivery}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        """Mark the unread ones read; returns how many."""
        return self.unread().update(read_at=timezone.now())

    def for_list(self):
        """What the list and the digest show, in one query whatever the number of rows."""
        return self.select_related(
            "idea",
            "comment",
            "challenge",
            "initiative",
            "news",
            "offer",
            "event__initiative",
            "actor",
        )

    def awaiting_digest(self):
        """Daily-digest notifications not yet mailed."""
        return self.filter(delivery=Delivery.DAILY, mailed_at__isnull=True)


class Notification(models.Model):
    """One thing a person is told about, in the list on the site and perhaps by e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    # What it is about. Deleting the thing deletes the notification: it would lead nowhere.
    idea = models.ForeignKey(
        "participation.Idea", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        "participation.Comment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    challenge = models.ForeignKey(
        "participation.Challenge",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    news = models.ForeignKey(
        "portfolio.NewsArticle", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    offer = models.ForeignKey(
        "participation.Offer", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    event = models.ForeignKey(
        "participation.IdeaEvent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("caused by"),
    )
    # The municipality's answer with a status change, kept as it was when sent.
    text = models.TextField(_("text"), blank=True)
    delivery = models.CharField(
        _("e-mail"), max_length=20, choices=Delivery.choices, default=Delivery.OFF
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_list"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(delivery="daily", mailed_at__isnull=True),
                name="notification_digest",
            ),
        ]

    def __str__(self):
        return f"{self.recipient} · {self.get_kind_display()}"

    def get_absolute_url(self):
        """Where the notification leads: the comment, the offers, the idea or the news."""
        if self.news_id:
            return self.news.get_absolute_url()
        if self.comment_id:
            return f"{self.idea.get_absolute_url()}#kommentar-{self.comment_id}"
        if self.offer_id and self.idea_id:
            return f"{self.idea.get_absolute_url()}#bidra"
        if self.offer_id and self.initiative_id:
            return f"{self.initiative.get_absolute_url()}#delta"
        return (self.idea or self.initiative or self.challenge).get_absolute_url()

    @property
    def is_unread(self):
        return self.read_at is None

    def mark_read(self):
        if self.read_at is None:
            self.read_at = timezone.now()
            self.save(update_fields=["read_at"])

    @property
    def item(self):
        """What the notification is about, for grouping a digest: the idea, the challenge
        (for a new idea in it) or the initiative or challenge that news was about."""
        if self.kind == NotificationKind.CHALLENGE_IDEA:
            return self.challenge
        return self.idea or self.initiative or self.challenge or self.news

    @property
    def actor_name(self):
        return self.actor.display_name if self.actor_id else gettext("Someone")

    @property
    def idea_title(self):
        """The idea's title; once a moderator hides the idea, only its author still sees it."""
        if self.idea_id is None:
            return None
        if self.idea.hidden_at and self.idea.author_id != self.recipient_id:
            return gettext("(hidden idea)")
        return self.idea.title

    @property
    def summary(self):
        """One sentence saying what happened, in the active language."""
        kind = NotificationKind
        if self.kind == kind.COMMENT:
            return gettext("%(person)s commented on your idea “%(idea)s”") % {
                "person": self.actor_name,
                "idea": self.idea_title,
            }
        if self.kind == kind.REPLY:
            return gettext("%(person)s replied to your comment on “%(idea)s”") % {
                "person": self.actor_name,
                "idea": self.idea_title,
            }
        if self.kind == kind.OFFER:
            return gettext("%(person)s wants to help with “%(item)s”") % {
                "person": self.actor_name,
                "item": self.idea_title or self.initiative,
            }
        if self.kind == kind.CHALLENGE_IDEA:
            return gettext("New idea in the challenge “%(challenge)s”: “%(idea)s”") % {
                "challenge": self.challenge,
                "idea": self.idea_title,
            }
        if self.news_id:
            return gettext("News about “%(item)s”: %(title)s") % {
                "item": self.initiative or self.challenge or self.idea_title,
                "title": self.news,
            }
        what = self.event_summary
        if self.kind == kind.STATUS:
            return gettext("Your idea “%(idea)s”: %(what)s") % {
                "idea": self.idea_title,
                "what": what,
            }
        return gettext("The idea “%(idea)s” that you follow: %(what)s") % {
            "idea": self.idea_title,
            "what": what,
        }

    @property
    def event_summary(self):
        from kominn.participation.models import IdeaEventKind

        event = self.event
        if event is None:
            return gettext("news from the municipality")
        if event.kind == IdeaEventKind.STATUS and event.status:
            return gettext("the status is now %(status)s") % {"status": event.get_status_display()}
        if event.kind == IdeaEventKind.INITIATIVE and event.initiative_id:
            return gettext("it became the initiative “%(initiative)s”") % {
                "initiative": event.initiative
            }
        if event.kind == IdeaEventKind.PHASE and event.phase:
            from kominn.portfolio.models import Phase

            label = dict(Phase.choices).get(event.phase, event.phase)
            return gettext("its initiative is now in the phase %(phase)s") % {"phase": label}
        return gettext("a new answer from the municipality")

    @property
    def excerpt(self):
        """What was written, when it may still be shown: never hidden or deleted text."""
        if self.comment_id:
            comment = self.comment
            return "" if comment.is_deleted or comment.hidden_at else comment.body
        if self.offer_id:
            return self.offer.message
        if self.news_id:
            return self.news.lead
        return self.text
