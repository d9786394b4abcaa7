from django.core.management.base import BaseCommand

from kominn.participation.services import pass_on_phase_changes


class Command(BaseCommand):
    help = (
        "Put initiatives' phase changes on the timeline of the ideas they came from and tell "
        "the ideas' authors and followers (each change once). Run every few minutes."
    )

    def handle(self, *args, **options):
        count = pass_on_phase_changes()
        self.stdout.write(f"{count} phase change(s) passed on to the ideas they concern.")
