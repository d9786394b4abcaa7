"""Keeping personal data no longer than the privacy statement says.

The durations here are the ones /personvern/ promises; change both together.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from kominn.newsletter.models import Subscription
from kominn.outbox.models import OutgoingMail
from kominn.participation import uploads

UNCONFIRMED_SIGNUP_DAYS = 7
UNSUBSCRIBED_DAYS = 30
SENT_MAIL_DAYS = 30


def purge(*, now=None) -> dict:
    """Delete newsletter sign-ups not confirmed within a week of the consent (a new sign-up
    renews it), addresses unsubscribed for a month, and mail sent (or given up on) more
    than a month ago: its bodies hold addresses and personal links. Photos kept for
    idea forms that came back with errors and were never sent go after a day."""
    now = now or timezone.now()
    days = max(UNCONFIRMED_SIGNUP_DAYS, settings.NEWSLETTER_CONFIRM_DAYS)
    signups, _ = Subscription.objects.filter(
        Q(confirmed_at__isnull=True, consented_at__lt=now - timedelta(days=days))
        | Q(unsubscribed_at__lt=now - timedelta(days=UNSUBSCRIBED_DAYS))
    ).delete()
    cutoff = now - timedelta(days=SENT_MAIL_DAYS)
    sent, _ = OutgoingMail.objects.filter(sent_at__lt=cutoff).delete()
    failed, _ = OutgoingMail.objects.filter(failed_at__lt=cutoff).delete()
    pending = uploads.purge(now=now)
    return {"newsletter_signups": signups, "mails": sent + failed, "pending_photos": pending}
