"""The idea list and a long discussion at a real municipality's volume.

    .venv/bin/python bench/idea_list_bench.py                     # SQLite and PostgreSQL
    .venv/bin/python bench/idea_list_bench.py --engine sqlite --requests 10

Each engine runs in its own process on a scratch database with DEBUG off: a temporary
SQLite file, and on PostgreSQL the database named by BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/kominn_idea_bench), dropped and created anew. It holds
the demo and bench/generate.py's small scale: in the default organisation 1,000 ideas of
about 300 words, 5,000 comments (one idea has about 400) and 32,000 supports.

It prints the median (p50) and p95 time of the pages, fetched in-process with Django's
test client: the idea list's first page in each order, a deep page, and the idea with the
most comments (its size too), rendered each time; and the median when a visitor gets the
page from the page cache (kominn/core/pagecache.py, in memory, with the versions in the
database cache). Not part of `make test`.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import recreate_postgres  # noqa: E402

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/kominn_idea_bench"


def run_engine(engine, requests):
    env = dict(os.environ, DEBUG="0", ALLOWED_HOSTS="testserver", SECRET_KEY="bench-" * 10)
    with tempfile.TemporaryDirectory(prefix="kominn-bench-") as var_dir:
        env["KOMINN_VAR_DIR"] = var_dir
        if engine == "postgresql":
            url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
            recreate_postgres(url)
            env["DATABASE_URL"] = url
        else:
            env.pop("DATABASE_URL", None)
        out = subprocess.run(
            [sys.executable, __file__, "--worker", "--requests", str(requests)],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


# The worker: runs inside Django on the scratch database.


def worker(requests):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kominn.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Static files are not what is timed: no collected manifest is needed.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=sys.stderr)
    from django.db.models import Count

    from bench import generate
    from kominn.participation.models import Idea

    generate.run("small", index=False, log=lambda line: print(line, file=sys.stderr))
    most_comments = Idea.objects.published().annotate(n=Count("comments")).order_by("-n")
    long_thread = most_comments.first()
    comments = long_thread.comments.count()

    from django.core.cache import caches
    from django.test import Client, override_settings

    client = Client()
    pages = {
        "list, newest": "/ideer/",
        "list, most supported": "/ideer/?sort=supported",
        "list, most discussed": "/ideer/?sort=discussed",
        "list, page 40 of 50": "/ideer/?side=40",
        f"idea with {comments} comments": long_thread.get_absolute_url(),
    }

    def timed(url):
        client.get(url, secure=True)  # warm up caches and connections
        times, size = [], 0
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url, secure=True)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            size = len(response.content)
        return sorted(times), size

    results = {}
    for name, url in pages.items():
        with override_settings(KOMINN_PAGE_CACHE_SECONDS=0):
            times, size = timed(url)
        caches["pages"].clear()
        cached, _size = timed(url)
        results[name] = {
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1),
            "kb": round(size / 1024),
            "cached_p50_ms": round(statistics.median(cached) * 1000, 2),
        }
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.requests)
        return
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    for engine in engines:
        results = run_engine(engine, args.requests)
        print(f"\n{engine}: p50 / p95 over {args.requests} requests; p50 from the page cache")
        for name, figures in results.items():
            print(
                f"  {name:<28} {figures['p50_ms']:>8.1f} ms {figures['p95_ms']:>8.1f} ms"
                f" {figures['kb']:>6} KB {figures['cached_p50_ms']:>8.2f} ms cached"
            )


if __name__ == "__main__":
    main()
