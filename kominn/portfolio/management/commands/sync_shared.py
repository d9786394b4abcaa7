from django.core.management.base import BaseCommand, CommandError

from kominn.portfolio import peers


class Command(BaseCommand):
    help = (
        "Bring the sharing bank's copy of other KomInn installations' shared initiatives up "
        "to date from their feeds (--peer, or the KOMINN_SHARING_PEERS setting). A peer that "
        "fails changes nothing and is logged; the others go on. Run from cron, e.g. hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--peer",
            action="append",
            default=[],
            metavar="URL",
            help="A peer's feed, e.g. https://kominn.example.no/deling/eksport.json "
            "(repeatable; default: KOMINN_SHARING_PEERS).",
        )
        parser.add_argument(
            "--timeout", type=float, default=None, help="Seconds to wait for a peer (10)."
        )
        parser.add_argument(
            "--forget",
            action="append",
            default=[],
            metavar="URL",
            help="Take this peer and its initiatives out of the bank (repeatable).",
        )

    def handle(self, *args, peer, timeout, forget, **options):
        urls = peers.configured_peers(peer)
        if not peer and urls:
            # Run from the setting: a peer taken out of it leaves the bank too.
            forget = [*forget, *peers.unconfigured_peers(urls)]
        for url in forget:
            removed = peers.forget_peer(url)
            self.stdout.write(f"{url}: forgotten, {removed} removed.")
        urls = [url for url in urls if url not in forget]
        if not urls:
            if forget:
                return
            self.stdout.write("No peers: give --peer or set KOMINN_SHARING_PEERS.")
            return
        failed = 0
        for url in urls:
            result = peers.sync_peer(url, timeout=timeout)
            if result.ok:
                self.stdout.write(
                    f"{url}: {result.added} added, {result.updated} updated, "
                    f"{result.removed} removed."
                )
            else:
                failed += 1
                for message in result.errors:
                    self.stderr.write(f"{url}: {message}")
        if failed:
            raise CommandError(
                f"{failed} of {len(urls)} peer(s) failed; the bank keeps their last copy."
            )
