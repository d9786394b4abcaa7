import logging

from django.core.management.base import BaseCommand

from kominn.core.scheduler import run_due, schedule
from kominn.core.workers import Worker

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
        logger.info(
            "Scheduler started: %s.",
            ", ".join(
                f"{job.command} every {job.every_minutes} min"
                if job.every_minutes
                else f"{job.command} daily at {job.daily_at:%H:%M}"
                for job in jobs
            ),
        )
        # A stop request ends the pass after the job in progress, so its run is recorded.
        worker = Worker("scheduler", logger)
        worker.run(lambda: run_due(should_stop=lambda: worker.stopping), interval=interval)
