import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from kominn.core.scheduler import run_due, schedule

logger = logging.getLogger("kominn.scheduler")


class Command(BaseCommand):
    help = (
        "Run the periodic jobs in KOMINN_SCHEDULE when they are due, in place of cron: "
        "a pass every --interval seconds, or once with --once. Safe to run beside every "
        "app server: a job runs once per due time, whichever scheduler takes it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due, then stop.")
        parser.add_argument(
            "--interval", type=float, default=20, help="Seconds between passes (default: 20)."
        )

    def handle(self, *args, once=False, interval=20, **options):
        jobs = schedule()  # A schedule that does not parse stops the start, not a pass.
        if once:
            ran = run_due()
            self.stdout.write(f"Ran {len(ran)} job(s): {', '.join(ran) or 'none due'}.")
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        logger.info(
            "Scheduler started: %s.",
            ", ".join(
                f"{job.command} every {job.every_minutes} min"
                if job.every_minutes
                else f"{job.command} daily at {job.daily_at:%H:%M}"
                for job in jobs
            ),
        )
        while not self.stopping:
            try:
                # A database that restarted or dropped the connection must not end the loop.
                close_old_connections()
                run_due(should_stop=lambda: self.stopping)
            except Exception:
                logger.exception("The scheduler's pass failed; trying again shortly.")
            self._sleep(interval)
        close_old_connections()
        logger.info("Scheduler stopped.")

    def _stop(self, signum, frame):
        if self.stopping:  # A second Ctrl-C stops at once.
            raise KeyboardInterrupt
        # The job in progress finishes, so its run is recorded.
        self.stopping = True

    def _sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, max(deadline - time.monotonic(), 0)))
