"""Keeping personal data no longer than the privacy statement says.

The durations here are the ones /personvern/ promises; change both together.
"""

from datetime import timedelta

from django.utils import timezone

from kominn.newsletter.models import Subscription
from kominn.outbox.models import OutgoingMail

UNCONFIRMED_SIGNUP_DAYS = 7
SENT_MAIL_DAYS = 30


def purge(*, now=None) -> dict:
    """Delete newsletter sign-ups never confirmed within a week, and mail sent (or given
    up on) more than a month ago: its bodies hold addresses and personal links."""
    now = now or timezone.now()
    signups, _ = Subscription.objects.filter(
        confirmed_at__isnull=True,
        created_at__lt=now - timedelta(days=UNCONFIRMED_SIGNUP_DAYS),
    ).delete()
    cutoff = now - timedelta(days=SENT_MAIL_DAYS)
    sent, _ = OutgoingMail.objects.filter(sent_at__lt=cutoff).delete()
    failed, _ = OutgoingMail.objects.filter(failed_at__lt=cutoff).delete()
    return {"newsletter_signups": signups, "mails": sent + failed}
