"""Throttling of failed logins, without letting anyone lock a victim out.

Failures are counted per (account, address) pair and per address, never per account
alone: an attacker guessing passwords from elsewhere slows only themselves, and the
account's owner logging in from their own address is not affected. Counts live in the
cache, which every process and app server shares (the database, or Redis).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from kominn.core.ratelimit import client_address

PAIR_LIMIT = 5  # failures for one account from one address
# Failures from one address, whatever the accounts, come from the setting
# KOMINN_LOGIN_ADDRESS_LIMIT: a municipality whose staff share one address may raise it.
WINDOW_SECONDS = 15 * 60


def _keys(email: str, address: str) -> tuple[str, str]:
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"login-fail:pair:{account}:{address}", f"login-fail:address:{address}"


def is_throttled(email: str, address: str) -> bool:
    pair, by_address = _keys(email, address)
    counts = cache.get_many([pair, by_address])
    return (
        counts.get(pair, 0) >= PAIR_LIMIT
        or counts.get(by_address, 0) >= settings.KOMINN_LOGIN_ADDRESS_LIMIT
    )


def record_failure(email: str, address: str) -> None:
    for key in _keys(email, address):
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)


def clear(email: str, address: str) -> None:
    cache.delete(_keys(email, address)[0])


def allow(key: str, limit: int, window_seconds: int) -> bool:
    """Count one more event under `key`; False once more than `limit` fall in the window."""
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count <= limit


def may_send_mail(request, email: str) -> bool:
    """Whether KomInn may mail `email` now, on this request's behalf: a few mails an hour
    to one address, and a limited number from one client, so nobody can flood a mailbox."""
    target = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    to_ok = allow(f"mail:to:{target}", 3, 3600)
    from_ok = allow(f"mail:from:{client_address(request)}", 20, 3600)
    return to_ok and from_ok
