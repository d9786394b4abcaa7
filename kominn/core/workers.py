"""The loop of a worker that runs as its own process beside the web server."""

import logging
import signal
import time
from collections.abc import Callable

from django.db import close_old_connections


class Worker:
    """Runs passes every `interval` seconds until SIGTERM or SIGINT.

    A stop request lets the pass in progress finish, so what it did is recorded; a second one
    (a second Ctrl-C) stops at once. A pass may ask `worker.stopping` to end early.
    """

    def __init__(self, name: str, logger: logging.Logger):
        self.name = name
        self.logger = logger
        self.stopping = False

    def run(self, run_pass: Callable[[], object], *, interval: float) -> None:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while not self.stopping:
            try:
                # A database that restarted or dropped the connection must not end the loop.
                close_old_connections()
                run_pass()
            except Exception:
                self.logger.exception("The %s's pass failed; trying again shortly.", self.name)
            self.sleep(interval)
        close_old_connections()
        self.logger.info("%s stopped.", self.name.capitalize())

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, max(deadline - time.monotonic(), 0)))

    def _stop(self, signum, frame):
        if self.stopping:  # A second Ctrl-C stops at once.
            raise KeyboardInterrupt
        self.stopping = True
