from django.core.management.base import BaseCommand
from django.db import transaction

from kominn.demo import loader, staff
from kominn.search import index as search_index


class Command(BaseCommand):
    help = (
        "Load KomInn's demo data (Asker kommune and its content, and two example municipalities "
        "beside it) from kominn/demo/data: creates "
        "what is missing and leaves what exists as it is. --reset restores the demo content. "
        "With DEBUG on it also makes demo staff (an editor, a moderator, an administrator) "
        "and prints their log-ins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo content, changes included, and load it again from the files.",
        )
        parser.add_argument(
            "--address",
            default="",
            help="host:port the local server runs on (make run gives it): print each demo "
            "municipality's address on it",
        )

    def handle(self, *args, reset=False, address="", **options):
        with transaction.atomic():
            organisation, created = loader.load(reset=reset)
            accounts = staff.ensure(organisation)
        # The receivers kept the index in step; a rebuild makes its word counts exact.
        search_index.rebuild()
        if created:
            summary = "created " + ", ".join(f"{n} {name}" for name, n in created.items())
        else:
            summary = "nothing was missing"
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready for {organisation.name}: {summary}.")
        )
        if accounts:
            # A local run only (DEBUG on): staff to log in as, at /konto/logg-inn/ or /admin/.
            self.stdout.write(f"Demo staff (passwords kept in {staff.passwords_file()}):")
            for role, email, password in accounts:
                self.stdout.write(f"  {role:<14} {email:<28} {password}")
        if address:
            self.stdout.write("The demo's municipalities:")
            for name, url in loader.addresses(address):
                self.stdout.write(f"  {name:<28} {url}")
