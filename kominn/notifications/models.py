"""Notifications: what happened to a person's ideas, comments and what they follow.

Every notification is kept in the database and listed on the person's own page. Whether it
also goes out by e-mail, at once or in a daily digest, is the person's choice per kind; the
choice in force when the notification was made is stored with it (`delivery`).

A notification knows no domain: it points at what it is about (`target`, and the `subject`
that happened to it) and keeps the target's title and the links as they were when it was
made. The app that sent it words it, in the reader's language, through the message it
registered (kominn/notifications/messages.py).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kominn.core.i18n import in_language

from . import messages


class NotificationKind(models.TextChoices):
    STATUS = "status", _("Status changes and answers on your ideas")
    COMMENT = "comment", _("Comments on your ideas")
    REPLY = "reply", _("Replies to your comments")
    NEWS = "news", _("News on what you follow")
    CHALLENGE_IDEA = "challenge_idea", _("New ideas in challenges you follow")
    OFFER = "offer", _("Offers of help on your ideas and initiatives")
    ADOPTION = "adoption", _("Other municipalities taking your initiatives into use")
    NEED_REPLY = "need_reply", _("Replies to your offers to meet a need")


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
    NotificationKind.ADOPTION: Delivery.IMMEDIATELY,
    NotificationKind.NEED_REPLY: Delivery.IMMEDIATELY,
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
        """What the list and the digest show, in one query whatever the number of rows:
        with what the sending apps say may no longer be shown (see `messages.states`)."""
        return self.select_related("actor").annotate(**messages.states())

    def awaiting_digest(self):
        """Daily-digest notifications not yet mailed."""
        return self.filter(delivery=Delivery.DAILY, mailed_at__isnull=True)

    def about(self, target):
        """The notifications whose target is `target`."""
        return self.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        )


class Notification(models.Model):
    """One thing a person is told about, in the list on the site and perhaps by e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    # What it is about (an idea, a challenge, an initiative): digests group by it. The
    # sending app's models delete their notifications with them (a GenericRelation): a
    # notification about something gone would lead nowhere.
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    # What happened to it (a comment, an offer, an answer, a news article), if not itself.
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # As it was when the notification was made.
    target_title = models.CharField(_("about"), max_length=300)
    target_url = models.CharField(_("address"), max_length=500)
    url = models.CharField(_("leads to"), max_length=500)
    # Which of the sending app's messages words it, and the values the words need.
    message = models.CharField(_("message"), max_length=60)
    params = models.JSONField(_("values"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("caused by"),
    )
    # What was written (a comment, an answer, an offer, a news lead), kept as it was sent.
    excerpt = models.TextField(_("text"), blank=True)
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
            models.Index(fields=["target_type", "target_id"], name="notification_target"),
            models.Index(fields=["subject_type", "subject_id"], name="notification_subject"),
        ]

    def __str__(self):
        return f"{self.recipient} · {self.get_kind_display()}"

    def get_absolute_url(self):
        """Where the notification leads: the comment, the offers, the idea or the news."""
        return in_language(self.url)

    def get_target_url(self):
        """The address of what the notification is about, in the reader's language."""
        return in_language(self.target_url)

    @property
    def is_unread(self):
        return self.read_at is None

    def mark_read(self):
        if self.read_at is None:
            self.read_at = timezone.now()
            self.save(update_fields=["read_at"])

    @property
    def actor_name(self):
        return self.actor.display_name if self.actor_id else gettext("Someone")

    # Set by `for_list()`; False on a notification loaded without it.
    title_withheld = False
    excerpt_withheld = False
    withdrawn = False

    @property
    def summary(self):
        """One sentence saying what happened, in the active language."""
        return messages.get(self.message).summary(self)

    @property
    def link(self):
        """(words, path in the reader's language) of a second thing it names, or None."""
        found = messages.get(self.message).link(self)
        return (found[0], in_language(found[1])) if found else None

    @property
    def mail_subject(self):
        """The subject of the mail sent at once, in the active language."""
        return messages.get(self.message).subject(self)

    @property
    def shown_excerpt(self):
        """What was written, when it may still be shown: never hidden or deleted text."""
        return "" if self.excerpt_withheld else self.excerpt
