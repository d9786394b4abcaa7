from django.core.management.base import BaseCommand

from kominn.participation import notify


class Command(BaseCommand):
    help = (
        "Tell followers of initiatives and challenges about news on them that has become "
        "visible since the last run (each article once). Run every few minutes."
    )

    def handle(self, *args, **options):
        count = notify.notify_published_news()
        self.stdout.write(f"{count} news article(s) told to their followers.")
