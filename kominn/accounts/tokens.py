"""Signed links that confirm an e-mail address.

A link names the account, the address and the account's state (password hash, address,
confirmation time). Confirming changes that state, and so does a new registration or
password, so each link works once and older links stop working.
"""

import hashlib

from django.core import signing

CONFIRM_MAX_AGE = 3 * 24 * 3600
SALT = "kominn.accounts.email"


def account_state(user) -> str:
    raw = f"{user.pk}|{user.password}|{user.email}|{user.email_verified_at}|{user.is_active}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def make_email_token(user, email: str) -> str:
    return signing.dumps(
        {"user": user.pk, "email": email, "state": account_state(user)}, salt=SALT, compress=True
    )


def read_email_token(token: str):
    """(user id, e-mail, state) from a valid, unexpired token, else None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # also expired
        return None
    return data["user"], data["email"], data.get("state")
