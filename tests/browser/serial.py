"""One request at a time through Django in the browser tests' live server.

The live server answers each connection in a thread of its own, and with SQLite's
in-memory test database every thread shares one connection, which SQLite does not allow
to be used by two threads at once ("bad parameter or other API misuse"). A page's
pictures come through Django (/media/ checks who may see them) and load side by side, so
the browser tests pass every request through this lock. Static files are answered before
Django and are not held up."""

import threading

LOCK = threading.Lock()


class OneAtATimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with LOCK:
            return self.get_response(request)
