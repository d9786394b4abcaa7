import sys
import time

from django.core.management.base import BaseCommand

from kominn.search import index

BAR = 30


class Command(BaseCommand):
    help = (
        "Remake the search index (documents and vocabulary) from all content, with a progress bar."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        interactive = sys.stdout.isatty() and options["verbosity"] > 0
        last_reported = [-1]

        def progress(done, total):
            if options["verbosity"] == 0:
                return
            share = done / total if total else 1
            filled = int(BAR * share)
            line = f"[{'#' * filled}{'.' * (BAR - filled)}] {share:4.0%} {done}/{total}"
            if interactive:
                self.stdout.write("\r" + line, ending="")
                self.stdout.flush()
            elif int(share * 10) != last_reported[0]:
                # Not a terminal (a log): a line per tenth, not a line per batch.
                last_reported[0] = int(share * 10)
                self.stdout.write(line)

        documents = index.rebuild(progress=progress)
        if interactive:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {documents} documents in "
                f"{time.perf_counter() - started:.1f} s."
            )
        )
