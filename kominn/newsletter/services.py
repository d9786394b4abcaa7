"""Signing up, confirming, unsubscribing and sending an issue. Mail goes through the outbox."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kominn.core import i18n, markdown
from kominn.outbox.services import absolute_url, queue_mail

from . import tokens
from .models import CONSENT_VERSION, NewsletterIssue, Subscription, consent_text


class AlreadySent(Exception):
    """The issue has been sent; it is never sent twice."""


def _url_builder(build_url, organisation):
    return build_url or (lambda path: absolute_url(path, organisation))


def unsubscribe_url(subscription, build_url=None) -> str:
    build = _url_builder(build_url, subscription.organisation)
    return build(
        reverse("newsletter:unsubscribe", args=[tokens.make_unsubscribe_token(subscription)])
    )


@transaction.atomic
def sign_up(*, organisation, email: str, language: str, build_url=None) -> None:
    """Record a sign-up and mail the address, saying nothing to the caller about it.

    A new, unconfirmed or unsubscribed address gets the current consent text stored and
    a link to confirm (which replaces any older link). A confirmed address keeps its
    consent and gets a mail saying it is already signed up.
    """
    email = email.strip()
    subscription = Subscription.objects.for_organisation(organisation).for_email(email).first()
    if subscription is None:
        subscription = _create(organisation=organisation, email=email, language=language)
    elif subscription.is_active:
        _mail_already_subscribed(subscription, build_url)
        return
    else:
        # Unconfirmed, or unsubscribed: like new, with consent given now.
        subscription.email = email
        subscription.language = language
        subscription.confirmed_at = None
        subscription.unsubscribed_at = None
        _give_consent(subscription)
        subscription.save()
    _mail_confirmation(subscription, build_url)


def _give_consent(subscription):
    subscription.consented_at = timezone.now()
    subscription.consent_text = consent_text(subscription.organisation)
    subscription.consent_version = CONSENT_VERSION


def _create(*, organisation, email, language):
    subscription = Subscription(organisation=organisation, email=email, language=language)
    _give_consent(subscription)
    # Uniqueness is left to the database: a check here would race the other sign-up.
    subscription.full_clean(validate_unique=False, validate_constraints=False)
    try:
        # Two sign-ups for the same address at once: the database keeps one row.
        with transaction.atomic():
            subscription.save()
    except IntegrityError:
        subscription = Subscription.objects.for_organisation(organisation).for_email(email).get()
    return subscription


def _mail_confirmation(subscription, build_url):
    build = _url_builder(build_url, subscription.organisation)
    with translation.override(subscription.language):
        url = build(reverse("newsletter:confirm", args=[tokens.make_confirm_token(subscription)]))
        queue_mail(
            to=subscription.email,
            subject=_("Confirm that you want the newsletter from %(organisation)s")
            % {"organisation": subscription.organisation.name},
            template="newsletter/email/confirm",
            context={
                "confirm_url": url,
                "consent_text": subscription.consent_text,
                "confirm_days": settings.NEWSLETTER_CONFIRM_DAYS,
            },
            organisation=subscription.organisation,
        )


def _mail_already_subscribed(subscription, build_url):
    with translation.override(subscription.language):
        queue_mail(
            to=subscription.email,
            subject=_("You already get the newsletter from %(organisation)s")
            % {"organisation": subscription.organisation.name},
            template="newsletter/email/already_subscribed",
            context={},
            unsubscribe_url=unsubscribe_url(subscription, build_url),
            organisation=subscription.organisation,
        )


def find_for_confirmation(token: str):
    """The subscription a confirmation link is for, if the link is valid and the newest
    one; else None. An unsubscribed address needs a new sign-up, not an old link."""
    found = tokens.read_confirm_token(token)
    if found is None:
        return None
    pk, consented_at = found
    subscription = Subscription.objects.select_related("organisation").filter(pk=pk).first()
    if (
        subscription is None
        or subscription.unsubscribed_at is not None
        or subscription.consented_at.isoformat() != consented_at
    ):
        return None
    return subscription


def confirm(subscription) -> None:
    """Start the newsletter for a subscription found by find_for_confirmation."""
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])


def find_for_unsubscribe(token: str):
    """(valid, subscription) for an unsubscribe link. The subscription is None when the
    link is valid but the row is gone (deleted by staff): there is nothing to stop."""
    pk = tokens.read_unsubscribe_token(token)
    if pk is None:
        return False, None
    return True, Subscription.objects.filter(pk=pk).first()


def send_issue(*, issue: NewsletterIssue, sent_by, build_url=None) -> int:
    """Queue the issue for every confirmed subscriber of its organisation, once.

    Returns the number of mails queued. Raises AlreadySent if the issue was sent before,
    also when two people press "send" at the same moment: the issue is claimed with one
    conditional UPDATE before anything is queued, all in one transaction.
    """
    with transaction.atomic():
        claimed = NewsletterIssue.objects.filter(pk=issue.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), sent_by=sent_by, recipient_count=0
        )
        if not claimed:
            raise AlreadySent
        issue.refresh_from_db()
        organisation = issue.organisation
        body_html = markdown.render(issue.body)
        subscriptions = (
            Subscription.objects.for_organisation(organisation).confirmed().order_by("pk")
        )
        count = 0
        for subscription in subscriptions.iterator():
            with i18n.addresses_of(organisation), translation.override(subscription.language):
                queue_mail(
                    to=subscription.email,
                    subject=issue.subject,
                    template="newsletter/email/issue",
                    context={"issue": issue, "body_html": body_html},
                    unsubscribe_url=unsubscribe_url(subscription, build_url),
                    kind="newsletter",
                    organisation=organisation,
                )
            count += 1
        issue.recipient_count = count
        issue.save(update_fields=["recipient_count"])
    return count
