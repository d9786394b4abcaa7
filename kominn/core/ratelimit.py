"""Limits on how fast one account or one address may post, counted in the cache."""

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            # The load balancer appends the address it saw; earlier entries can be forged.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


# action -> (per account, per address) within an hour
LIMITS = {
    "idea": (5, 60),
    "comment": (30, 200),
    "offer": (10, 60),
    "registration": (20, 100),
    # Workshops: cards are short and many in a session, often from one address (the room's
    # network); votes are taken back and given
    # again while people make up their minds.
    "card": (30, 600),
    "vote": (120, 3000),
}
WINDOW_SECONDS = 3600


def per_account(action) -> int:
    """How many times an hour one account may do `action`."""
    return LIMITS[action][0]


def _keys(action, request, per_account):
    keys = [(f"rate:{action}:address:{client_address(request)}", LIMITS[action][1])]
    if per_account:
        keys.append((f"rate:{action}:user:{request.user.pk}", LIMITS[action][0]))
    return keys


def allowed(action, request, *, per_account=True) -> bool:
    """Whether the address (and with `per_account` the account) is under its limit. Counts
    in a cache are checked and raised in two steps, so requests at the same moment may
    pass together; a limit that must be exact is counted in the database instead."""
    keys = _keys(action, request, per_account)
    counts = cache.get_many([key for key, _ in keys])
    return all(counts.get(key, 0) < limit for key, limit in keys)


def record(action, request, *, per_account=True) -> None:
    for key, _limit in _keys(action, request, per_account):
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)
