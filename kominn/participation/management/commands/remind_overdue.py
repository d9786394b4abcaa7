from django.core.management.base import BaseCommand

from kominn.participation.services import remind_overdue


class Command(BaseCommand):
    help = (
        "Remind the responsible editors, once per idea, of ideas that have waited longer "
        "than KOMINN_ANSWER_DAYS for a first answer. Run it daily (or hourly)."
    )

    def handle(self, *args, **options):
        reminded = remind_overdue()
        self.stdout.write(f"Reminded editors of {reminded} overdue idea(s).")
