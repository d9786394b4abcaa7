"""Signed links for confirming an e-mail address. They expire and name the address."""

from django.core import signing

CONFIRM_MAX_AGE = 3 * 24 * 3600


def make_email_token(user, email: str) -> str:
    return signing.dumps(
        {"user": user.pk, "email": email}, salt="kominn.accounts.email", compress=True
    )


def read_email_token(token: str):
    """(user id, e-mail) from a valid token, else None."""
    try:
        data = signing.loads(token, salt="kominn.accounts.email", max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # also expired
        return None
    return data["user"], data["email"]
