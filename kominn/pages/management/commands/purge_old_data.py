from django.core.management.base import BaseCommand

from kominn.pages.retention import purge


class Command(BaseCommand):
    help = (
        "Delete personal data past the time the privacy statement promises: unconfirmed "
        "newsletter sign-ups after 7 days, sent or failed mail after 30 days, photos kept for "
        "idea forms that were never sent after a day. Run daily."
    )

    def handle(self, *args, **options):
        counts = purge()
        self.stdout.write(
            f"Deleted {counts['newsletter_signups']} unconfirmed newsletter sign-up(s), "
            f"{counts['mails']} old mail(s) and {counts['pending_photos']} pending photo(s)."
        )
