from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long to wait after each failed attempt; after the last step, every 12 hours.
BACKOFF = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
]
BACKOFF_AFTER = timedelta(hours=12)


def backoff(attempts: int) -> timedelta:
    """The wait before the next attempt, after `attempts` failed ones."""
    return BACKOFF[attempts - 1] if 0 < attempts <= len(BACKOFF) else BACKOFF_AFTER


class OutgoingMailQuerySet(models.QuerySet):
    def waiting(self):
        """Mails not sent yet that the worker will still try."""
        return self.filter(sent_at__isnull=True, failed_at__isnull=True)

    def due(self, now=None):
        """Waiting mails whose next attempt is now or overdue."""
        return self.waiting().filter(next_attempt_at__lte=now or timezone.now())

    def sent(self):
        return self.filter(sent_at__isnull=False)

    def failed(self):
        """Mails the worker gave up on."""
        return self.filter(failed_at__isnull=False)


class OutgoingMail(models.Model):
    """One mail to one address. The row is the queue: the worker sends it and records how."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=500)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=50,
        default="personal",
        help_text=_("What the mail is, e.g. personal (account mail), notification, newsletter."),
    )
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    failed_at = models.DateTimeField(_("gave up"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The worker's question, "what is due?", reads only the waiting rows.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
                name="outbox_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    @property
    def status(self) -> str:
        if self.sent_at:
            return "sent"
        return "failed" if self.failed_at else "waiting"

    def to_message(self) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            self.subject,
            self.body_text,
            settings.DEFAULT_FROM_EMAIL,
            [self.to],
            headers=dict(self.headers),
        )
        if self.body_html:
            message.attach_alternative(self.body_html, "text/html")
        return message
