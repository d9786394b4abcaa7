"""Lighthouse scores of KomInn's main pages, served as in production.

    .venv/bin/python scripts/lighthouse.py            # what `make lighthouse` runs
    .venv/bin/python scripts/lighthouse.py --only idea

Starts the app server exactly as `make serve` does (gunicorn from scripts/serve.py, with
DEBUG=0, WhiteNoise and the collected, compressed static files) on a free port on 127.0.0.1,
against the database that DATABASE_URL names (the demo data must be loaded). Then it runs
npm's `lighthouse` (a devDependency in package.json; never fetched here, `npx --no-install`)
with Debian's Chromium on the front page, the initiatives, one initiative, the ideas, one
idea and the statistics, as a phone on a throttled connection (Lighthouse's default), and
prints per page the four scores and the bytes transferred, with PASS or FAIL against the
targets: performance at least 98, accessibility, best practices and SEO 100, and at most
150 KB transferred for the first view. Exits non-zero when a page misses a target.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from loadtest import free_port, start_server, stop_server  # noqa: E402
from loadtest import server_environment as loadtest_environment  # noqa: E402

HOST = "127.0.0.1"
CHROMIUM_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_KB = 150


@dataclass
class Page:
    name: str
    path: str


def find_chromium() -> str | None:
    if configured := os.environ.get("CHROMIUM_PATH"):
        return configured if Path(configured).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def npx() -> str | None:
    return shutil.which("npx")


def lighthouse_version() -> str | None:
    """The installed lighthouse's version, or None: npx may not download it."""
    if npx() is None:
        return None
    result = subprocess.run(
        [npx(), "--no-install", "lighthouse", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() if result.returncode == 0 else None


def server_environment() -> dict:
    """Production settings for a local run (those of `make loadtest`, without its floor)."""
    env = loadtest_environment()
    env.pop("KOMINN_LOADTEST")
    return env


def choose_pages() -> list[Page]:
    """The pages to score, from the database: the lists and the newest item of each kind."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kominn.settings")
    django.setup()
    from django.urls import reverse

    from kominn.organisations.models import Organisation
    from kominn.participation.models import Idea
    from kominn.portfolio.models import Initiative

    organisation = Organisation.objects.for_host(HOST)
    if organisation is None:
        sys.exit("No default organisation: load the demo data first (manage.py load_demo).")
    initiative = (
        Initiative.objects.for_organisation(organisation).published().order_by("-published_at")
    ).first()
    idea = (
        Idea.objects.for_organisation(organisation).published().order_by("-submitted_at")
    ).first()
    if initiative is None or idea is None:
        sys.exit("The database lacks a published initiative or idea: load the demo data.")
    return [
        Page("front page", reverse("pages:home")),
        Page("initiatives", reverse("portfolio:initiatives")),
        Page("an initiative", initiative.get_absolute_url()),
        Page("ideas", reverse("participation:ideas")),
        Page("an idea", idea.get_absolute_url()),
        Page("statistics", reverse("pages:statistics")),
    ]


def run_lighthouse(url: str, chromium: str, attempts: int = 3) -> dict:
    """Lighthouse's JSON report of one page. Lighthouse now and then fails to record a
    page load on a busy machine (NO_NAVSTART, NO_FCP); such a run is tried again."""
    for attempt in range(1, attempts + 1):
        result = subprocess.run(
            [
                npx(), "--no-install", "lighthouse", url,
                "--output=json", "--output-path=stdout", "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROMIUM_FLAGS}",
            ],
            cwd=ROOT,
            env={**os.environ, "CHROME_PATH": chromium},
            capture_output=True,
            text=True,
        )  # fmt: skip
        if result.returncode == 0:
            return json.loads(result.stdout)
        if attempt == attempts:
            raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        print(f"     (lighthouse did not finish {url}; trying again)", flush=True)
    raise AssertionError("unreachable")


def summarise(report: dict) -> dict:
    """The four scores (0–100, None when Lighthouse could not score) and the kilobytes
    the page and everything it loads took over the network."""
    scores = {}
    for category in CATEGORIES:
        score = report["categories"].get(category, {}).get("score")
        scores[category] = None if score is None else round(score * 100)
    weight = report["audits"].get("total-byte-weight", {}).get("numericValue")
    scores["kb"] = None if weight is None else round(weight / 1024, 1)
    return scores


def misses(scores: dict) -> list[str]:
    """The targets a page misses, in words."""
    missed = [
        f"{category} {scores[category]} < {target}"
        for category, target in TARGETS.items()
        if scores[category] is None or scores[category] < target
    ]
    if scores["kb"] is None or scores["kb"] > MAX_KB:
        missed.append(f"{scores['kb']} KB > {MAX_KB} KB")
    return missed


def print_table(rows, out=sys.stdout) -> None:
    header = f"{'page':<16} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'KB':>7}  result"
    print(header, file=out)
    print("-" * len(header), file=out)
    for page, scores in rows:
        cells = [scores[category] for category in CATEGORIES]
        shown = " ".join(f"{'–' if cell is None else cell:>5}" for cell in cells)
        missed = misses(scores)
        verdict = "PASS" if not missed else "FAIL: " + "; ".join(missed)
        print(f"{page.name:<16} {shown} {scores['kb']:>7}  {verdict}  {page.path}", file=out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="", help="score only pages whose name has this text")
    args = parser.parse_args(argv)

    version = lighthouse_version()
    if version is None:
        sys.exit(
            "Lighthouse is not installed. It is a devDependency in package.json: run "
            "`make install` (npm ci). This task never downloads it."
        )
    chromium = find_chromium()
    if chromium is None:
        sys.exit("No Chromium found: apt-get install chromium, or set CHROMIUM_PATH.")

    env = server_environment()
    os.environ.update({key: env[key] for key in env if key not in os.environ})
    pages = [page for page in choose_pages() if args.only.lower() in page.name.lower()]

    from django.conf import settings
    from django.db import connection

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        sys.exit(
            f"No collected static files in {settings.STATIC_ROOT}: run "
            "`DEBUG=0 SECRET_KEY=x python manage.py collectstatic --no-input` "
            "(make lighthouse does)."
        )
    connection.close()
    port = free_port()
    log_path = Path(settings.VAR_DIR) / "lighthouse-server.log"
    print(
        f"Lighthouse {version} with {chromium}, against gunicorn (DEBUG=0) on {HOST}:{port}; "
        "a phone on a throttled connection",
        flush=True,
    )
    server = start_server(port, 2, 4, env, log_path)
    rows = []
    try:
        for page in pages:
            # One visit first, so the page cache holds the page, as for most visitors.
            url = f"http://{HOST}:{port}{page.path}"
            urllib.request.urlopen(url, timeout=30).read()  # nosec B310 - http on our own host
            rows.append((page, summarise(run_lighthouse(url, chromium))))
    finally:
        stop_server(server)
    print_table(rows)
    return 1 if any(misses(scores) for _page, scores in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
