from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kominn.organisations.models import Organisation
from kominn.portfolio import exchange, services
from kominn.portfolio.models import Peer


class Command(BaseCommand):
    help = (
        "Import an initiative exported by another KomInn installation (a file, or the "
        "address of its eksport.json) into a municipality here, as a draft adopted from it."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A JSON file, or an http(s) address of one.")
        parser.add_argument(
            "--organisation", required=True, help="The short name of the municipality here."
        )

    @translation.override("en")
    def handle(self, *args, source, organisation, **options):
        # A peer installation's municipality here holds only that peer's copies.
        target = (
            Organisation.objects.filter(slug=organisation)
            .exclude(pk__in=Peer.organisations.through.objects.values("organisation_id"))
            .first()
        )
        if target is None:
            raise CommandError(f"No organisation with the short name “{organisation}”.")
        try:
            if urlsplit(source).scheme in {"http", "https"}:
                document = exchange.fetch_json(source)
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"No file “{source}”.")
                if path.stat().st_size > exchange.MAX_BYTES:
                    raise exchange.DocumentError("The file is larger than 2 MB.")
                document = exchange.parse_json(path.read_bytes())
            draft, created = services.import_initiative(document=document, organisation=target)
        except (exchange.DocumentError, exchange.FetchError) as error:
            raise CommandError(f"Not imported: {error}") from None
        if created:
            self.stdout.write(
                f"Imported “{draft.title}” as a draft in {target.name} (id {draft.pk})."
            )
        else:
            self.stdout.write(
                f"Already imported in {target.name}: the draft “{draft.title}” (id {draft.pk})."
            )
