"""The newsletter: people who signed up (double opt-in) and the issues staff send them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.core.models import OrganisationScoped, OrganisationScopedQuerySet

# What a person agrees to when signing up. Change the text, change the version: every
# subscription stores the text it was given with, in the language it was shown in.
CONSENT_VERSION = "2026-11"
CONSENT_TEXT = _(
    "Yes, send me the newsletter from %(organisation)s about its innovation work, new "
    "challenges and what became of the ideas, by e-mail. My address is used for nothing "
    "else, and every newsletter has a link to unsubscribe."
)


def consent_text(organisation) -> str:
    """The consent text as shown now, in the active language."""
    return CONSENT_TEXT % {"organisation": organisation.name}


class SubscriptionQuerySet(OrganisationScopedQuerySet):
    def confirmed(self):
        """Subscriptions that get the newsletter: confirmed and not unsubscribed."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def for_email(self, email):
        return self.filter(email__iexact=email.strip())


class Subscription(OrganisationScoped):
    """One address that signed up for one organisation's newsletter.

    One row per address and organisation, whatever the case of the address: signing up
    again reuses it, so an address cannot be signed up twice.
    """

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=10, default="nb")
    created_at = models.DateTimeField(_("first signed up"), auto_now_add=True)
    consented_at = models.DateTimeField(_("consent given"), default=timezone.now)
    consent_text = models.TextField(_("consent text"))
    consent_version = models.CharField(_("consent version"), max_length=20)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscription")
        verbose_name_plural = _("newsletter subscriptions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("email"), name="newsletter_email_once_per_organisation"
            )
        ]

    def __str__(self):
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def status(self) -> str:
        if self.unsubscribed_at:
            return "unsubscribed"
        return "confirmed" if self.confirmed_at else "pending"

    def unsubscribe(self):
        """Stop the newsletter; nothing changes when it is stopped already."""
        if self.unsubscribed_at is None:
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["unsubscribed_at"])


class NewsletterIssueQuerySet(OrganisationScopedQuerySet):
    def sent(self):
        return self.filter(sent_at__isnull=False)


class NewsletterIssue(OrganisationScoped):
    """One newsletter, written by staff and sent once to the confirmed subscribers."""

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Markdown. Links, lists and headings are kept; HTML is not.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    recipient_count = models.PositiveIntegerField(_("recipients"), null=True, blank=True)

    objects = NewsletterIssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(recipient_count__isnull=False),
                name="newsletter_sent_issue_has_recipient_count",
            )
        ]

    def __str__(self):
        return self.subject

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
