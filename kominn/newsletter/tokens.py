"""Signed links in newsletter mail.

The confirmation link names the subscription and the moment consent was given; signing
up again gives a new moment, so only the newest link confirms, and it expires after
NEWSLETTER_CONFIRM_DAYS. The unsubscribe link names only the subscription and never
expires: it must work from any newsletter, however old.
"""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "kominn.newsletter.confirm"
UNSUBSCRIBE_SALT = "kominn.newsletter.unsubscribe"


def make_confirm_token(subscription) -> str:
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    return signer.sign_object({"id": subscription.pk, "at": subscription.consented_at.isoformat()})


def read_confirm_token(token: str, *, max_age=None):
    """(subscription id, consent time as ISO text) from a valid, unexpired token, else None."""
    if max_age is None:
        max_age = settings.NEWSLETTER_CONFIRM_DAYS * 24 * 3600
    try:
        data = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token, max_age=max_age)
    except signing.BadSignature:  # also expired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return None
    return data["id"], data.get("at")


def make_unsubscribe_token(subscription) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(subscription.pk)


def read_unsubscribe_token(token: str):
    """The subscription id from a valid token, else None."""
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return pk if isinstance(pk, int) else None
