from django.core.management.base import BaseCommand

from kominn.collaboration.digest import send_needs_digests


class Command(BaseCommand):
    help = (
        "Mail each person who asked for it the new open needs that suit them (as “Suits me” "
        "on /bidra/ finds them), posted since their last digest, in one e-mail through the "
        "outbox. Nobody gets an empty mail, and no need is mailed twice. Run it once a day "
        "(it is in KOMINN_SCHEDULE)."
    )

    def handle(self, *args, **options):
        sent = send_needs_digests()
        self.stdout.write(f"Queued {sent} needs digest(s).")
