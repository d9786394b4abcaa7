"""Measure search and related items against the labelled set in kominn/search/evaluation.json."""

import json
from collections import defaultdict
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from kominn.organisations.models import Organisation
from kominn.participation.models import Idea
from kominn.portfolio.models import Initiative
from kominn.search import index, services
from kominn.search.models import Document, address

EVALUATION = Path(__file__).resolve().parents[2] / "evaluation.json"
K = 5


def recall_at(found, expected, k=K):
    """The share of the expected items among the first k (of at most k expected)."""
    return len(set(found[:k]) & set(expected)) / min(len(expected), k)


def reciprocal_rank(found, expected):
    return next((1 / rank for rank, key in enumerate(found, 1) if key in expected), 0.0)


class Command(BaseCommand):
    help = "Print recall@5 and MRR of search and of related items on the labelled demo queries."

    def add_arguments(self, parser):
        parser.add_argument(
            "--load-demo", action="store_true", help="Load the demo data first (load_demo)."
        )
        parser.add_argument("--file", default=str(EVALUATION), help="The labelled set.")
        parser.add_argument(
            "--misses", action="store_true", help="List the queries that missed something."
        )

    def handle(self, *args, **options):
        if options["load_demo"]:
            call_command("load_demo", stdout=StringIO())
        organisation = Organisation.objects.filter(is_default=True).first()
        if organisation is None:
            raise CommandError("No default organisation: load the demo data (--load-demo).")
        index.rebuild()
        labelled = json.loads(Path(options["file"]).read_text())
        self.keys = {
            address(kind, object_id, slug, title): f"{kind}:{title}"
            for kind, object_id, slug, title in Document.objects.filter(
                organisation=organisation
            ).values_list("kind", "object_id", "slug", "title")
        }
        known = set(self.keys.values())
        for item in labelled["search"] + labelled["related"]:
            missing = [key for key in item["expected"] if key not in known]
            if missing:
                raise CommandError(f"Not in the demo data: {missing}. Load it (--load-demo).")
        vendor = connection.vendor
        self.stdout.write(f"Engine: {vendor} ({connection.settings_dict['NAME']})")
        searches = [
            (item, self._search(organisation, item["query"])) for item in labelled["search"]
        ]
        self._report("search", searches, options["misses"], lambda item: item["query"])
        related = [(item, self._related(item["source"])) for item in labelled["related"]]
        self._report("related", related, options["misses"], lambda item: item["source"])

    def _search(self, organisation, query):
        result = services.search(organisation=organisation, query=query)
        return [self.keys.get(item.url, item.url) for item in result.results]

    def _related(self, source):
        kind, title = source.split(":", 1)
        if kind == "initiative":
            items = services.similar_initiatives(Initiative.objects.get(title=title))
        else:
            items = services.related_to_idea(Idea.objects.get(title=title))
        return [self.keys.get(item.url, item.url) for item in items]

    def _report(self, name, pairs, misses, label):
        by_category = defaultdict(list)
        for item, found in pairs:
            scores = (recall_at(found, item["expected"]), reciprocal_rank(found, item["expected"]))
            by_category[item["category"]].append(scores)
            by_category["all"].append(scores)
            if misses and scores[0] < 1:
                self.stdout.write(f"  miss {label(item)!r}: got {found[:K]}")
        for category, scores in sorted(by_category.items(), key=lambda pair: pair[0] != "all"):
            recall = sum(score[0] for score in scores) / len(scores)
            mrr = sum(score[1] for score in scores) / len(scores)
            indent = "" if category == "all" else "  "
            title = name if category == "all" else category
            self.stdout.write(
                f"{indent}{title:<14} {len(scores):>3} queries   recall@{K} {recall:.3f}   "
                f"MRR {mrr:.3f}"
            )
