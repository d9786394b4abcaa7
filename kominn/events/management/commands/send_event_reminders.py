from django.core.management.base import BaseCommand

from kominn.events.services import send_reminders


class Command(BaseCommand):
    help = (
        "Remind those signed up for events that start within the next 24 hours, once per "
        "event and start time. Run it hourly (it is in KOMINN_SCHEDULE)."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Queued {sent} event reminder(s).")
