import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from kominn.outbox.worker import send_due

logger = logging.getLogger("kominn.outbox")


class Command(BaseCommand):
    help = (
        "Send the queued mail: every KOMINN_MAIL_WORKER_INTERVAL seconds, or once with "
        "--once. Run it as its own process beside the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due, then stop.")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between passes (default: KOMINN_MAIL_WORKER_INTERVAL).",
        )

    def handle(self, *args, once=False, interval=None, **options):
        if once:
            sent = send_due()
            self.stdout.write(f"Sent {sent} mail(s).")
            return
        interval = settings.KOMINN_MAIL_WORKER_INTERVAL if interval is None else interval
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        logger.info("Mail worker started; a pass every %s seconds.", interval)
        while not self.stopping:
            try:
                # A database that restarted or dropped the connection must not end the loop.
                close_old_connections()
                send_due()
            except Exception:
                logger.exception("The mail worker's pass failed; trying again shortly.")
            self._sleep(interval)
        close_old_connections()
        logger.info("Mail worker stopped.")

    def _stop(self, signum, frame):
        if self.stopping:  # A second Ctrl-C stops at once.
            raise KeyboardInterrupt
        # The pass in progress finishes, so no mail is sent without being recorded.
        self.stopping = True

    def _sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, max(deadline - time.monotonic(), 0)))
