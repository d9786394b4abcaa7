"""The address the site is being served at, for links made while a request is answered.

Mail is written deep inside services (an answer, a comment), far from the request. A link
in it must lead back to where the person is: on a local run that is http://127.0.0.1:8000,
not the demo organisation's production host. The middleware keeps the request's own
address (scheme and host) for as long as the request is answered, and
`kominn.outbox.services.absolute_url` reads it.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_served_at: ContextVar[str | None] = ContextVar("served_at", default=None)


def served_at() -> str | None:
    """ "http://127.0.0.1:8000" while a request on that address is answered, else None."""
    return _served_at.get()


@contextmanager
def serving(base: str | None):
    token = _served_at.set(base.rstrip("/") if base else None)
    try:
        yield
    finally:
        _served_at.reset(token)


class ServedAtMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with serving(f"{request.scheme}://{request.get_host()}"):
            return self.get_response(request)
