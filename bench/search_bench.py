"""Search at national scale: generate documents, build the index, time searches.

    .venv/bin/python bench/search_bench.py                 # both engines, 100 000 documents
    .venv/bin/python bench/search_bench.py --engine sqlite --documents 20000

Each engine runs in its own process on a scratch database: a temporary SQLite file, and
on PostgreSQL a database named by BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/kominn_search_bench), dropped and created anew. The
text is Norwegian: words and sentences from the demo data, recombined, with compounds made
from its nouns so that the vocabulary is as large as a whole country's would be.

The documents belong to many organisations, as in one installation for the whole
country: by default 100, sized as Zipf's law has it, so that the largest (where the
searches run) holds about a fifth of them, more than Oslo's share of Norway's people.
`--organisations 1` puts everything in one organisation: the worst case. As real content
is, they are linked: most initiatives contribute to a goal or two of their organisation,
one in five has a relation to another, a third of the ideas answer a challenge and one in
ten became an initiative (related items use these links).

It prints, per engine: the index build time and size, and p50/p95 latency of the search
service (matching, facets, the page's results with snippets: what /sok/ waits for) over a
fixed mix of queries, and of related items (an initiative's two lists, an idea's list).
Not part of `make test`: run it with `make bench`.
"""

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import recreate_postgres  # noqa: E402
from bench.text import Writer  # noqa: E402

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/kominn_search_bench"

QUERIES = [
    "skole",
    "skoler",
    "barnehagen",
    "solceller",
    "solcellepanel",
    "ladestasjon",
    "elbiler i hjemmetjenesten",
    "ensomhet blant eldre",
    "velferdsteknologi",
    "barnehgae",
    "velferdsteknolgi",
    "hjemmetjenseten",
    "ombruk av møbler",
    "digitale tjenester",
    "gratis utlån",
    "utstyrsutlån",
    "sykehjem",
    "frivillige",
    "klimagass",
    "LED",
    "Yggeset",
    "overvann",
    "personvern",
    "automatisering",
    "kvantedatamaskin",
    "sykkelvei",
    "matsvinn",
    "skole barnehage sykehjem",
    "bibilotek",
    "trygg skolevei",
]
# The same queries narrowed by a facet, as after a click in the facet list.
FACETED = [("skole", {"type": "idea"}), ("sykehjem", {"type": "initiative"})]
ROUNDS = 5

SHARES = {"initiative": 0.25, "lesson": 0.25, "idea": 0.4, "news": 0.05, "challenge": 0.03}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_engine(engine, documents, organisations, keep=None):
    env = dict(os.environ)
    if keep:
        var_dir = Path(keep) / engine
        var_dir.mkdir(parents=True, exist_ok=True)
        scratch = contextlib.nullcontext(str(var_dir))
    else:
        scratch = tempfile.TemporaryDirectory(prefix="kominn-bench-")
    with scratch as var_dir:
        env["KOMINN_VAR_DIR"] = var_dir
        kept = keep and (Path(var_dir) / "generated").exists()
        if engine == "postgresql":
            url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
            if not kept:
                recreate_postgres(url)
            env["DATABASE_URL"] = url
        else:
            env.pop("DATABASE_URL", None)
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                "--documents",
                str(documents),
                "--organisations",
                str(organisations),
                *(["--reuse"] if kept else []),
            ],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        if keep:
            (Path(var_dir) / "generated").touch()
    return json.loads(out.strip().splitlines()[-1])


# The worker: runs inside Django on the scratch database.


def worker(documents, organisations, reuse=False):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kominn.settings")
    import django

    django.setup()
    from django.core.management import call_command

    log = sys.stderr
    call_command("migrate", verbosity=0)

    from django.db import connection

    from kominn.search import index
    from kominn.search.models import Document

    if reuse:
        # --keep: the database of an earlier run, generated and indexed; time it again.
        made, build_seconds, size = Document.objects.count(), 0.0, database_size(connection)
        print(f"reusing {made} indexed documents", file=log)
    else:
        call_command("load_demo", stdout=log)
        started = time.perf_counter()
        counts = generate(documents, organisations)
        print(f"generated {counts} in {time.perf_counter() - started:.0f} s", file=log)
        size_before = database_size(connection)
        started = time.perf_counter()
        made = index.rebuild()
        build_seconds = time.perf_counter() - started
        size = (
            database_size(connection) - size_before
            if connection.vendor == "sqlite"
            else (database_size(connection))
        )
        print(f"index: {made} documents in {build_seconds:.1f} s", file=log)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_document")
            cursor.execute("VACUUM ANALYZE search_word")
    search, hits = time_searches()
    related = time_related()
    result = {
        "engine": connection.vendor,
        "searched_documents": Document.objects.filter(organisation__is_default=True).count(),
        "documents": made,
        "build_seconds": round(build_seconds, 1),
        "index_mb": round(size / 1e6, 1),
        "search_p50_ms": round(percentile(search.wall, 0.5), 1),
        "search_p95_ms": round(percentile(search.wall, 0.95), 1),
        "search_max_ms": round(max(search.wall), 1),
        "search_cpu_p50_ms": round(percentile(search.cpu, 0.5), 1),
        "search_cpu_p95_ms": round(percentile(search.cpu, 0.95), 1),
        "median_matches": int(statistics.median(hits)),
        "max_matches": max(hits),
        "related_p50_ms": round(percentile(related.wall, 0.5), 1),
        "related_p95_ms": round(percentile(related.wall, 0.95), 1),
        "related_cpu_p50_ms": round(percentile(related.cpu, 0.5), 1),
        "related_cpu_p95_ms": round(percentile(related.cpu, 0.95), 1),
    }
    print(json.dumps(result))


def database_size(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_total_relation_size('search_document') "
                "+ pg_total_relation_size('search_word')"
            )
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0]


class Clock:
    """Times a call twice: wall-clock milliseconds, and the CPU time it took, in this
    process and, on PostgreSQL, in the database's server process for this connection
    (its /proc/<pid>/schedstat, in nanoseconds). On a machine busy with other work the wall
    clock includes waiting for a core; the CPU time is what the search itself costs, and
    is about what a quiet machine would show. Reading disk is not CPU time: the tables
    are warm by then."""

    def __init__(self):
        from django.db import connection

        self.backend = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                path = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
            if path.exists():
                self.backend = path
        self.wall, self.cpu = [], []

    def _cpu_ns(self):
        used = time.process_time_ns()
        if self.backend:
            used += int(self.backend.read_text().split()[0])
        return used

    def time(self, call, *args, **kwargs):
        cpu, started = self._cpu_ns(), time.perf_counter()
        result = call(*args, **kwargs)
        self.wall.append((time.perf_counter() - started) * 1000)
        self.cpu.append((self._cpu_ns() - cpu) / 1e6)
        return result


def time_searches():
    from kominn.organisations.models import Organisation
    from kominn.search import services

    organisation = Organisation.objects.get(is_default=True)
    mix = [(query, {}) for query in QUERIES] + FACETED
    for query, choices in mix:  # warm up caches, as a running site has them
        services.search(organisation=organisation, query=query, choices=choices)
    clock, hits, by_query = Clock(), [], {}
    for _round in range(ROUNDS):
        for query, choices in mix:
            result = clock.time(
                services.search, organisation=organisation, query=query, choices=choices
            )
            elapsed = clock.wall[-1], clock.cpu[-1]
            hits.append(result.total)
            label = query + "".join(f" [{name}={value}]" for name, value in choices.items())
            by_query.setdefault(label, []).append(elapsed)
    for measure, name in ((0, "median ms"), (1, "median CPU ms")):
        slowest = sorted(
            (
                (statistics.median(value[measure] for value in values), label)
                for label, values in by_query.items()
            ),
            reverse=True,
        )[:5]
        print(
            f"slowest searches ({name}): "
            + ", ".join(f"{label} {ms:.0f}" for ms, label in slowest),
            file=sys.stderr,
        )
    return clock, hits


def time_related():
    from kominn.participation.models import Idea
    from kominn.portfolio.models import Initiative
    from kominn.search import services

    chooser = random.Random(7)
    initiative_ids = list(
        Initiative.objects.published()
        .filter(organisation__is_default=True)
        .values_list("pk", flat=True)
    )
    idea_ids = list(
        Idea.objects.published().filter(organisation__is_default=True).values_list("pk", flat=True)
    )
    initiatives = Initiative.objects.prefetch_related("relations_from", "relations_to").in_bulk(
        chooser.sample(initiative_ids, 100)
    )
    ideas = Idea.objects.in_bulk(chooser.sample(idea_ids, 100))
    services.related_to_initiative(next(iter(initiatives.values())))
    clock = Clock()
    for initiative in initiatives.values():
        clock.time(services.related_to_initiative, initiative)
    for idea in ideas.values():
        clock.time(services.related_to_idea, idea)
    return clock


def generate(total, organisation_count):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from kominn.organisations.models import Organisation, ServiceArea, Theme
    from kominn.participation.models import Challenge, Idea, IdeaStatus
    from kominn.portfolio.models import (
        Approach,
        Goal,
        GoalContribution,
        Initiative,
        Lesson,
        NewsArticle,
        Phase,
        Relation,
        RelationType,
    )

    chooser = random.Random(2026)
    organisation = Organisation.objects.get(is_default=True)
    owners = [organisation] + [
        Organisation.objects.create(
            name=f"Benk kommune {number}", slug=f"benk-{number}", contact_email="benk@example.no"
        )
        for number in range(1, organisation_count)
    ]
    # Zipf's law: the n-th largest organisation has 1/n of the largest one's documents.
    weights = [1 / rank for rank in range(1, organisation_count + 1)]

    def owner():
        return chooser.choices(owners, weights)[0]

    def same_organisation(items):
        by_owner = {}
        for item in items:
            by_owner.setdefault(item.organisation_id, []).append(item)
        return by_owner

    writer = Writer.from_demo(chooser)
    areas = list(ServiceArea.objects.filter(organisation=organisation))
    themes = list(Theme.objects.filter(organisation=organisation))
    now = timezone.now()
    today = now.date()
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(email=f"benk{number}@example.no", display_name=f"Benk {number}", password="!")
            for number in range(500)
        ]
    )
    n = {kind: int(total * share) for kind, share in SHARES.items()}
    n["goal"] = total - sum(n.values())
    batch = 5000

    # Goals and challenges first: initiatives contribute to goals, ideas answer challenges.
    goals = Goal.objects.bulk_create(
        [
            Goal(
                organisation=owner(),
                title=writer.title(),
                slug=f"benk-mal-{number}",
                description=writer.text(1, 3),
                is_published=True,
                published_at=now,
            )
            for number in range(n["goal"])
        ],
        batch_size=batch,
    )
    goals_of = same_organisation(goals)
    challenges = Challenge.objects.bulk_create(
        [
            Challenge(
                organisation=owner(),
                title=writer.title(),
                slug=f"benk-utfordring-{number}",
                question=writer.title()[:290],
                background=writer.text(2, 4),
                opens_on=today,
                closes_on=today,
                is_published=True,
                published_at=now,
            )
            for number in range(n["challenge"])
        ],
        batch_size=batch,
    )
    challenges_of = same_organisation(challenges)

    initiatives = []
    for number in range(n["initiative"]):
        initiatives.append(
            Initiative(
                organisation=owner(),
                title=writer.title(),
                slug=f"benk-tiltak-{number}",
                summary=writer.text(1, 2),
                need=writer.text(2, 5),
                what_is_new=writer.text(1, 3),
                approach=chooser.choice(Approach.values),
                phase=chooser.choice(Phase.values),
                stop_reason="Stoppet.",
                is_published=chooser.random() < 0.95,
                published_at=now,
            )
        )
    Initiative.objects.bulk_create(initiatives, batch_size=batch)
    initiatives_of = same_organisation(initiatives)
    through = Initiative.service_areas.through
    through.objects.bulk_create(
        [
            through(initiative_id=initiative.pk, servicearea_id=area.pk)
            for initiative in initiatives
            for area in chooser.sample(areas, 2)
        ],
        batch_size=batch,
    )
    theme_through = Initiative.themes.through
    theme_through.objects.bulk_create(
        [
            theme_through(initiative_id=initiative.pk, theme_id=chooser.choice(themes).pk)
            for initiative in initiatives
        ],
        batch_size=batch,
    )
    # Most initiatives contribute to a goal or two of their organisation, with a note.
    GoalContribution.objects.bulk_create(
        [
            GoalContribution(initiative=initiative, goal=goal, note=writer.title()[:290])
            for initiative in initiatives
            if initiative.organisation_id in goals_of
            for goal in chooser.sample(
                goals_of[initiative.organisation_id],
                min(chooser.randint(0, 2), len(goals_of[initiative.organisation_id])),
            )
        ],
        batch_size=batch,
    )
    # One in five builds on, is part of or is related to another of its organisation's.
    linked = set()
    relations = []
    for initiative in initiatives:
        target = chooser.choice(initiatives_of[initiative.organisation_id])
        pair = (initiative.pk, target.pk)
        if chooser.random() < 0.2 and target.pk != initiative.pk and pair not in linked:
            linked.add(pair)
            relations.append(
                Relation(
                    source=initiative,
                    target=target,
                    type=chooser.choice(
                        [RelationType.BUILDS_ON, RelationType.PART_OF, RelationType.RELATED]
                    ),
                )
            )
    Relation.objects.bulk_create(relations, batch_size=batch)
    Lesson.objects.bulk_create(
        [
            Lesson(
                initiative=initiatives[number % len(initiatives)],
                title=writer.title(),
                body=writer.text(1, 4),
            )
            for number in range(n["lesson"])
        ],
        batch_size=batch,
    )
    ideas = []
    for _ in range(n["idea"]):
        home = owner()
        own_challenges = challenges_of.get(home.pk)
        ideas.append(
            Idea(
                organisation=home,
                title=writer.title()[:150],
                description=writer.text(1, 5),
                author=chooser.choice(users),
                capacity="citizen",
                status=chooser.choice(IdeaStatus.values),
                service_area=chooser.choice(areas),
                theme=chooser.choice(themes),
                # A third answer a challenge; one in ten became an initiative.
                challenge=(
                    chooser.choice(own_challenges)
                    if own_challenges and chooser.random() < 0.3
                    else None
                ),
                initiative=(
                    chooser.choice(initiatives_of[home.pk])
                    if home.pk in initiatives_of and chooser.random() < 0.1
                    else None
                ),
                submitted_at=now if chooser.random() < 0.97 else None,
            )
        )
    Idea.objects.bulk_create(ideas, batch_size=batch)
    NewsArticle.objects.bulk_create(
        [
            NewsArticle(
                organisation=owner(),
                title=writer.title(),
                slug=f"benk-nyhet-{number}",
                lead=writer.text(1, 2)[:490],
                body=writer.text(3, 8),
                is_published=True,
                published_at=now,
            )
            for number in range(n["news"])
        ],
        batch_size=batch,
    )
    return n


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=100)
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="keep each engine's scratch database (under DIR; on PostgreSQL the one "
        "BENCH_DATABASE_URL names) and, when DIR holds one from an earlier run, time it "
        "again without generating and indexing: for timing a change to the search itself",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        worker(options.documents, options.organisations, options.reuse)
        return
    engines = ["sqlite", "postgresql"] if options.engine == "both" else [options.engine]
    results = [
        run_engine(engine, options.documents, options.organisations, options.keep)
        for engine in engines
    ]
    print(
        f"\nSearch benchmark: {options.documents} generated documents in "
        f"{options.organisations} organisations; searching the largest"
    )
    queries = len(QUERIES) + len(FACETED)
    print(f"{queries} queries x {ROUNDS} rounds; related: 100 initiatives + 100 ideas\n")
    rows = [
        ("documents indexed", "documents", ""),
        ("  in the organisation searched", "searched_documents", ""),
        ("index build", "build_seconds", " s"),
        ("index size", "index_mb", " MB"),
        ("search p50", "search_p50_ms", " ms"),
        ("search p95", "search_p95_ms", " ms"),
        ("search max", "search_max_ms", " ms"),
        ("matches per query (median / max)", None, ""),
        ("related items p50", "related_p50_ms", " ms"),
        ("related items p95", "related_p95_ms", " ms"),
        ("CPU time: search p50", "search_cpu_p50_ms", " ms"),
        ("CPU time: search p95", "search_cpu_p95_ms", " ms"),
        ("CPU time: related items p50", "related_cpu_p50_ms", " ms"),
        ("CPU time: related items p95", "related_cpu_p95_ms", " ms"),
    ]
    print(f"{'':34}" + "".join(f"{result['engine']:>14}" for result in results))
    for label, key, unit in rows:
        if key is None:
            values = [f"{r['median_matches']} / {r['max_matches']}" for r in results]
        else:
            values = [f"{r[key]}{unit}" for r in results]
        print(f"{label:34}" + "".join(f"{value:>14}" for value in values))


if __name__ == "__main__":
    main()
