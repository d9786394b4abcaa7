import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from kominn.core.workers import Worker
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
        logger.info("Mail worker started; a pass every %s seconds.", interval)
        # A stop request lets the pass in progress finish, so no mail is sent unrecorded.
        Worker("mail worker", logger).run(send_due, interval=interval)
