from django.core.management.base import BaseCommand

from kominn.notifications import services


class Command(BaseCommand):
    help = (
        "Queue the daily digest mails: each person's notifications that wait for the digest, "
        "grouped by idea, challenge or initiative. Run once a day (e.g. 07:00). Safe to run "
        "again: nothing is mailed twice and nobody gets an empty digest."
    )

    def handle(self, *args, **options):
        count = services.send_digests()
        self.stdout.write(f"{count} digest(s) queued.")
