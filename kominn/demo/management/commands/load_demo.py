from django.core.management.base import BaseCommand
from django.db import transaction

from kominn.demo import loader
from kominn.search import index as search_index


class Command(BaseCommand):
    help = (
        "Load KomInn's demo data (Asker kommune and its content) from kominn/demo/data: creates "
        "what is missing and leaves what exists as it is. --reset restores the demo content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo content, changes included, and load it again from the files.",
        )

    def handle(self, *args, reset=False, **options):
        with transaction.atomic():
            organisation, created = loader.load(reset=reset)
        # The receivers kept the index in step; a rebuild makes its word counts exact.
        search_index.rebuild()
        if created:
            summary = "created " + ", ".join(f"{n} {name}" for name, n in created.items())
        else:
            summary = "nothing was missing"
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready for {organisation.name}: {summary}.")
        )
