from django.core.management.base import BaseCommand
from django.db import transaction

from kominn.organisations import demo as organisation_demo
from kominn.participation import demo as participation_demo
from kominn.portfolio import demo as portfolio_demo
from kominn.search import index as search_index


class Command(BaseCommand):
    help = "Load KomInn's demo data (Asker kommune and its content). Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            asker = organisation_demo.load()
            counts = {
                "service areas": asker.servicearea_set.count(),
                "themes": asker.theme_set.count(),
                **portfolio_demo.load(asker),
                **participation_demo.load(asker),
            }
        # The receivers kept the index in step; a rebuild makes its word counts exact.
        search_index.rebuild()
        summary = ", ".join(f"{number} {name.replace('_', ' ')}" for name, number in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready for {asker.name}: {summary}."))
