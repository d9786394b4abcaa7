from django.core.management.base import BaseCommand
from django.db import transaction

from kominn.organisations import demo as organisation_demo


class Command(BaseCommand):
    help = "Load KomInn's demo data (Asker kommune and its content). Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            asker = organisation_demo.load()
        areas = asker.servicearea_set.count()
        themes = asker.theme_set.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {asker.name}, {areas} service areas, {themes} themes."
            )
        )
