"""Load-test KomInn's production server page by page, against a hello-world floor.

    .venv/bin/python scripts/loadtest.py                      # what `make loadtest` runs
    .venv/bin/python scripts/loadtest.py --duration 10 --connections 50 --workers 2

Starts the app server exactly as `make serve` does (gunicorn from scripts/serve.py, with
DEBUG=0 and WhiteNoise) on a free port on 127.0.0.1, against the database that DATABASE_URL
names, with KOMINN_LOADTEST=1 so that /__floor__/ answers "Hello, world" through the same
middleware. Then it loads each page in turn for --duration seconds with wrk (or, without
wrk, a small Python generator) and prints, per page, requests a second, p50 and p99 latency
and the share of the floor's requests a second; then each worker's memory, and PASS or FAIL
for the targets of docs/benchmarks.md.

Anonymous pages are measured twice: as served (from the page cache, when there is one) and
uncached, with a query parameter that differs on every request (`_lt=…`), which a cache
keyed by the whole address misses. Logged-in pages are measured with a session made in the
database for a generated person before the run (and deleted after). Runs only on loopback.
"""

import argparse
import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import serve  # noqa: E402

HOST = "127.0.0.1"
BUST_PARAMETER = "_lt"
NAN = float("nan")
FEW_REQUESTS = 20  # fewer in one measurement say little

# The targets: shares of the floor's requests a second, and latency and memory.
CACHED_SHARE = 0.50
UNCACHED_SHARE = 0.05
LOGGED_IN_SHARE = 0.03
SMALL_IDEA_LIST_SHARE = 0.02
P99_MS = 100
P99_CONNECTIONS = 50
WORKER_MB = 200
SETTLED_SECONDS = 0.1  # a hello-world answered within this: nothing is queued ahead of it
FLOOR_EVERY = 6  # measurements between two of the floor
NATIONAL_IDEAS = 100_000  # a database with this many ideas is at national scale


@dataclass
class Page:
    name: str
    path: str
    logged_in: bool = False


@dataclass
class Result:
    page: Page
    mode: str  # "floor", "cached", "uncached" or "logged in"
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    share: float = 0.0  # of the floor's requests a second
    floors: list = field(default_factory=list)  # the floor's runs around this one
    notes: list = field(default_factory=list)

    @property
    def floor_rate(self) -> float:
        return statistics.mean(f.requests_per_second for f in self.floors) if self.floors else 0


# The server --------------------------------------------------------------------------


def server_environment() -> dict:
    """Production settings for a local run, unless the caller's environment sets them."""
    env = dict(os.environ)
    env.setdefault("DEBUG", "0")
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    env.setdefault("ALLOWED_HOSTS", HOST)
    env.setdefault("KOMINN_PLAIN_HTTP", "1")
    env.setdefault("DATABASE_CONN_MAX_AGE", "60")  # as `make serve`
    env["KOMINN_LOADTEST"] = "1"
    # The load comes from one address: the API's limit per address would answer 429.
    env.setdefault("KOMINN_API_RATE_LIMIT", "0")
    return env


def api_next_page(path: str) -> str:
    """The address of a list's second page in the API (its cursor is opaque)."""
    import json
    from urllib.parse import urlsplit

    from django.test import Client

    response = Client(HTTP_HOST=HOST).get(path)
    following = urlsplit(json.loads(response.content).get("next") or path)
    return f"{following.path}?{following.query}" if following.query else following.path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(port: int, workers: int, threads: int, env: dict, log_path: Path):
    command = serve.app_server(f"{HOST}:{port}", workers, threads)
    # The access log stays on, as in production, but nobody reads it here.
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The server did not start; see {log_path}:\n{log_path.read_text()[-2000:]}")
        try:
            status, _length = fetch(port, "/helse/")
            if status == 200 and len(worker_pids(server.pid)) == workers:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    sys.exit(f"The server did not answer /helse/ within a minute; see {log_path}")


def stop_server(server) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's children, from /proc."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses; the parent follows the last ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == master:
            pids.append(int(entry.name))
    return sorted(pids)


def memory_kb(pid: int) -> dict:
    """VmRSS from status, and Pss (shared pages split between the processes) if readable."""
    found = {}
    for path, key in ((f"/proc/{pid}/status", "VmRSS:"), (f"/proc/{pid}/smaps_rollup", "Pss:")):
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    found[key.rstrip(":")] = int(line.split()[1])
        except OSError:
            pass
    return found


def fetch(port: int, path: str, headers: dict | None = None) -> tuple[int, int]:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


# What to measure ---------------------------------------------------------------------


def busted(path: str, number: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{BUST_PARAMETER}={number}"


def choose_pages(query: str):
    """The pages to measure, from the database: returns (pages, facts about the data)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kominn.settings")
    django.setup()
    from django.db import connection
    from django.db.models import F, Func
    from django.urls import reverse

    from kominn.organisations.models import Organisation
    from kominn.participation.models import Idea
    from kominn.portfolio.models import Goal, Initiative

    organisation = Organisation.objects.for_host(HOST)
    if organisation is None:
        sys.exit("No default organisation: load the demo data first (manage.py load_demo).")
    ideas = Idea.objects.for_organisation(organisation).published()
    idea_count = ideas.count()
    few = ideas.filter(comment_count__gte=1, comment_count__lte=5).order_by("-submitted_at").first()
    many = (
        ideas.annotate(distance=Func(F("comment_count") - 400, function="ABS"))
        .order_by("distance", "-pk")
        .first()
    )
    initiative = (
        Initiative.objects.for_organisation(organisation).published().order_by("-published_at")
    ).first()
    goal = (
        Goal.objects.for_organisation(organisation)
        .published()
        .filter(parent__isnull=True)
        .order_by("pk")
        .first()
    )
    api_ideas_next = api_next_page(reverse("api:ideas"))
    missing = [
        what
        for what, found in [
            ("an idea with 1–5 comments", few),
            ("an idea", many),
            ("a published initiative", initiative),
            ("a published main goal", goal),
        ]
        if found is None
    ]
    if missing:
        sys.exit(f"The database lacks {', '.join(missing)}: load the demo data or generate.")
    from django.conf import settings

    # The idea list shows 20 a page, and no more than KOMINN_LIST_MAX_PAGES pages.
    last_page = max(min((idea_count + 19) // 20, settings.KOMINN_LIST_MAX_PAGES), 1)
    ideas_path = reverse("participation:ideas")
    pages = [
        Page("front page", reverse("pages:home")),
        Page("initiatives", reverse("portfolio:initiatives")),
        Page("an initiative", initiative.get_absolute_url()),
        Page("ideas", ideas_path),
        Page(
            f"ideas, last page ({last_page})", f"{reverse('participation:ideas')}?side={last_page}"
        ),
        Page(f"an idea, {few.comment_count} comments", few.get_absolute_url()),
        Page(f"an idea, {many.comment_count} comments", many.get_absolute_url()),
        Page("goals", reverse("portfolio:goals")),
        Page("a goal", goal.get_absolute_url()),
        Page(f"search '{query}'", f"{reverse('search:search')}?q={quote_plus(query)}"),
        Page("statistics", reverse("pages:statistics")),
        Page("initiative feed", reverse("portfolio:initiative_feed")),
        Page("news feed", reverse("portfolio:news_feed")),
        Page("sitemap", reverse("sitemap")),
        # The open data API (never kept by the page cache: its "cached" run is uncached too).
        Page("API: initiatives", reverse("api:initiatives")),
        Page("API: an initiative", reverse("api:initiative", args=[initiative.slug])),
        Page("API: ideas", reverse("api:ideas")),
        Page("API: ideas after a cursor", api_ideas_next),
        Page(f"logged in: an idea, {many.comment_count} comments", many.get_absolute_url(), True),
        Page("logged in: my account", reverse("accounts:profile"), True),
    ]
    facts = {
        "engine": connection.vendor,
        "organisation": organisation.name,
        "ideas": Idea.objects.count(),
        "public ideas here": idea_count,
        "person": few.author,
    }
    return pages, facts


def log_in(person) -> tuple[str, callable]:
    """A session for `person`, made in the database: (the cookie header, its removal)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", session.delete


# The load generators -----------------------------------------------------------------

WRK_SCRIPT = """
local path = %(path)s
local bust = %(bust)s
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

if bust then
  local separator = path:find("?", 1, true) and "&" or "?"
  function request()
    counter = counter + 1
    return wrk.format(nil, path .. separator .. "%(parameter)s=" .. id .. "-" .. counter)
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "LOADTEST %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
"""


def lua_string(text: str) -> str:
    return (
        '"' + "".join(c if c.isalnum() or c in "/?=&-_.%' " else f"\\{ord(c)}" for c in text) + '"'
    )


def run_wrk(port, path, bust, headers, duration, connections, threads):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            WRK_SCRIPT
            % {
                "path": lua_string(path),
                "bust": "true" if bust else "false",
                "parameter": BUST_PARAMETER,
            }
        )
    try:
        command = ["wrk", f"-t{min(threads, connections)}", f"-c{connections}"]
        # wrk counts whole seconds.
        command += [f"-d{max(round(duration), 1)}s", "--timeout", "60s", "-s", script.name]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        command.append(f"http://{HOST}:{port}{path}")
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    match = re.search(r"^LOADTEST (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.M)
    if not match:
        sys.exit(f"wrk said:\n{output}")
    requests, duration_us, p50_us, p99_us, errors = map(int, match.groups())
    if not requests:
        return 0.0, NAN, NAN, 0, errors
    return requests / (duration_us / 1e6), p50_us / 1000, p99_us / 1000, requests, errors


def run_python(port, path, bust, headers, duration, connections, threads):
    """A small generator for machines without wrk: one thread per connection, each keeping
    its connection alive. It needs CPU itself, so it understates the server's rate."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + duration

    def client(number):
        mine, failed, count = [], 0, 0
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        while time.monotonic() < deadline:
            count += 1
            target = busted(path, f"{number}-{count}") if bust else path
            began = time.perf_counter()
            try:
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = 200 <= response.status < 400
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=60)
                ok = False
            if ok:
                mine.append(time.perf_counter() - began)
            else:
                failed += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    workers = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - start
    if len(latencies) < 2:
        return 0.0, NAN, NAN, len(latencies), errors[0]
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return len(latencies) / elapsed, cuts[49] * 1000, cuts[98] * 1000, len(latencies), errors[0]


# The run -----------------------------------------------------------------------------


def measure(run, port, page, mode, cookie, args):
    headers = {}
    if cookie:
        headers["Cookie"] = cookie
    bust = mode == "uncached"
    rate, p50, p99, requests, errors = run(
        port, page.path, bust, headers, args.duration, args.connections, args.threads
    )
    settle(port)
    return Result(page, mode, rate, p50, p99, requests, errors)


def floor_latency(port) -> float:
    began = time.perf_counter()
    with contextlib.suppress(TimeoutError):  # still busy: a minute is slow enough
        fetch(port, "/__floor__/")
    return time.perf_counter() - began


def settle(port, timeout=600):
    """Wait until the server has worked off the requests still queued when the load
    generator stopped (it does not wait for them), so that they do not slow the next
    measurement: until two hello-worlds in a row are answered about as fast as when idle."""
    global idle_latency
    if idle_latency is None:
        idle_latency = statistics.median(floor_latency(port) for _ in range(5))
    quick_enough = max(SETTLED_SECONDS, 3 * idle_latency)
    deadline = time.monotonic() + timeout
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        quick = quick + 1 if floor_latency(port) < quick_enough else 0


idle_latency = None  # a hello-world's, measured after the warm-up


def warm_up(port, pages, cookie):
    """Each page answers 200 (a logged-in page too: no redirect to the log-in page), and is
    in every worker's caches of templates and translations before it is timed."""
    for page in pages:
        headers = {"Cookie": cookie} if page.logged_in else {}
        for number in range(2):
            status, _length = fetch(port, page.path, headers)
            if status != 200:
                sys.exit(f"{page.name} ({page.path}) answered {status}, not 200.")
            if not page.logged_in and number == 0:
                fetch(port, busted(page.path, "warm"), headers)


def milliseconds(value: float) -> str:
    return f"{value:>8.1f}" if value == value else f"{'–':>8}"  # NaN: no request finished


def print_table(results, out):
    print(
        f"{'page':<40} {'mode':<10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'floor/s':>8} {'of floor':>8}",
        file=out,
    )
    for result in results:
        note = f"  {'; '.join(result.notes)}" if result.notes else ""
        print(
            f"{result.page.name:<40} {result.mode:<10} {result.requests_per_second:>8.1f} "
            f"{milliseconds(result.p50_ms)} {milliseconds(result.p99_ms)} "
            f"{result.floor_rate:>8.0f} {result.share:>8.1%}{note}",
            file=out,
        )


def is_national(facts) -> bool:
    return facts["engine"] == "postgresql" and facts["ideas"] >= NATIONAL_IDEAS


def is_small(facts) -> bool:
    return 500 <= facts["public ideas here"] <= 5_000


def judge(results, memory, facts, connections):
    """(target, verdict, whether it applies to this run, detail) for each of the issue's
    targets. The verdict is given also where the target does not apply, for information."""
    national = is_national(facts)
    rows = []

    def share_target(label, chosen, minimum, applies):
        if not chosen:
            return
        worst = min(chosen, key=lambda r: r.share)
        below = [f"{r.page.name} {r.share:.1%}" for r in chosen if r.share < minimum]
        detail = f"lowest {worst.share:.1%} ({worst.page.name})"
        if below:
            detail = f"{len(below)} of {len(chosen)} below: {', '.join(below)}"
        rows.append((label, "FAIL" if below else "PASS", applies, detail))

    share_target(
        f"anonymous pages from the cache >= {CACHED_SHARE:.0%} of the floor",
        [r for r in results if r.mode == "cached"],
        CACHED_SHARE,
        national,
    )
    share_target(
        f"uncached anonymous pages >= {UNCACHED_SHARE:.0%} of the floor",
        [r for r in results if r.mode == "uncached"],
        UNCACHED_SHARE,
        national,
    )
    share_target(
        f"logged-in pages >= {LOGGED_IN_SHARE:.0%} of the floor",
        [r for r in results if r.mode == "logged in"],
        LOGGED_IN_SHARE,
        national,
    )
    share_target(
        f"idea list uncached at the small volume (1 000 ideas) >= {SMALL_IDEA_LIST_SHARE:.0%} "
        "of the floor, on SQLite and PostgreSQL",
        [r for r in results if r.mode == "uncached" and r.page.name == "ideas"],
        SMALL_IDEA_LIST_SHARE,
        is_small(facts),
    )
    pages = [r for r in results if r.mode != "floor"]
    if pages:
        slow = [f"{r.page.name} ({r.mode}) {r.p99_ms:.0f}" for r in pages if not r.p99_ms < P99_MS]
        worst = max(pages, key=lambda r: r.p99_ms)
        detail = f"highest {worst.p99_ms:.0f} ms ({worst.page.name}, {worst.mode})"
        if slow:
            detail = f"{len(slow)} of {len(pages)} at or above: {', '.join(slow)}"
        rows.append(
            (
                f"p99 < {P99_MS} ms at {P99_CONNECTIONS} connections for every page"
                + ("" if connections == P99_CONNECTIONS else f" (this run: {connections})"),
                "FAIL" if slow else "PASS",
                national and connections == P99_CONNECTIONS,
                detail,
            )
        )
    largest = max((kb.get("VmRSS", 0) for kb in memory.values()), default=0) / 1024
    rows.append(
        (
            f"memory per worker < {WORKER_MB} MB after the run",
            "PASS" if largest < WORKER_MB else "FAIL",
            national,
            f"largest RSS {largest:.0f} MB",
        )
    )
    return rows


def print_targets(rows, facts, out):
    where = (
        "national scale on PostgreSQL"
        if is_national(facts)
        else f"{facts['engine']}, {facts['ideas']:,} ideas"
    )
    print(
        f"Targets (this run: {where}; the issue sets the idea list's at the small volume and "
        "the others at national scale on PostgreSQL; a verdict in brackets is for "
        "information only, as the target is not for this run):",
        file=out,
    )
    for label, verdict, applies, detail in rows:
        shown = verdict if applies else f"({verdict})"
        print(f"  {shown:<6} {label}: {detail}", file=out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--duration", type=float, default=5, help="seconds per page (5; whole seconds with wrk)"
    )
    parser.add_argument("--connections", type=int, default=P99_CONNECTIONS, help="(50)")
    parser.add_argument("--threads", type=int, default=2, help="load generator threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--server-threads", type=int, default=4, help="per worker (4)")
    parser.add_argument("--query", default="skole", help="the search page's word (skole)")
    parser.add_argument(
        "--generator",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="wrk when installed (auto), else a small Python generator",
    )
    parser.add_argument(
        "--only", default="", help="measure only pages whose name contains this text"
    )
    parser.add_argument(
        "--no-cached",
        action="store_true",
        help="measure anonymous pages only uncached (half the time, when there is no cache)",
    )
    args = parser.parse_args(argv)

    generator = args.generator
    if generator == "auto":
        generator = "wrk" if shutil.which("wrk") else "python"
        if generator == "python":
            print(
                "wrk is not installed (apt-get install wrk); using the Python generator, "
                "which shares the CPU with the server and understates its rate.",
                file=sys.stderr,
            )
    elif generator == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (or --generator python).")
    run = run_wrk if generator == "wrk" else run_python

    env = server_environment()
    os.environ.update({key: env[key] for key in env if key not in os.environ})
    os.environ["KOMINN_LOADTEST"] = "1"
    pages, facts = choose_pages(args.query)
    if args.only:
        pages = [page for page in pages if args.only.lower() in page.name.lower()]

    from django.conf import settings

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        sys.exit(
            f"No collected static files in {settings.STATIC_ROOT}: run "
            "`DEBUG=0 SECRET_KEY=x python manage.py collectstatic --no-input` "
            "(make loadtest does)."
        )
    cookie, log_out = log_in(facts["person"])
    from django.db import connection

    connection.close()  # the tool holds no connection during the run
    floor = Page("floor (hello world)", "/__floor__/")
    port = free_port()
    log_path = Path(settings.VAR_DIR) / "loadtest-server.log"
    print(
        f"KomInn load test: {facts['engine']}, {facts['ideas']:,} ideas "
        f"({facts['public ideas here']:,} public in {facts['organisation']}); "
        f"gunicorn {args.workers} workers x {args.server_threads} threads on {HOST}:{port}; "
        f"{generator}, {args.connections} connections, {args.duration:g} s a page",
        flush=True,
    )
    server = start_server(port, args.workers, args.server_threads, env, log_path)
    results, floors = [], []
    try:
        warm_up(port, [floor, *pages], cookie)
        settle(port)  # measures the idle hello-world first
        # The shared machine's load drifts: the floor is measured again after every few
        # measurements, and each page is compared with the floors just before and after it.
        floors.append(measure(run, port, floor, "floor", None, args))
        pending = []
        for page in pages:
            if page.logged_in:
                modes = ["logged in"]
            else:
                modes = ["uncached"] if args.no_cached else ["cached", "uncached"]
            for mode in modes:
                result = measure(run, port, page, mode, cookie if page.logged_in else None, args)
                result.floors.append(floors[-1])
                results.append(result)
                pending.append(result)
                print(
                    f"  {page.name} ({mode}): {result.requests_per_second:.1f} req/s",
                    file=sys.stderr,
                    flush=True,
                )
            if len(pending) >= FLOOR_EVERY or page is pages[-1]:
                floors.append(measure(run, port, floor, "floor", None, args))
                for result in pending:
                    result.floors.append(floors[-1])
                pending = []
        memory = {pid: memory_kb(pid) for pid in worker_pids(server.pid)}
    finally:
        stop_server(server)
        log_out()
    rates = [r.requests_per_second for r in floors]
    floor_result = Result(
        floor,
        "floor",
        statistics.mean(rates),
        statistics.mean(r.p50_ms for r in floors),
        max(r.p99_ms for r in floors),
        sum(r.requests for r in floors),
        sum(r.errors for r in floors),
        floors=floors,
        notes=[f"{len(floors)} runs, {min(rates):.0f}–{max(rates):.0f} req/s"],
    )
    for result in [floor_result, *results]:
        if result.floor_rate:
            result.share = result.requests_per_second / result.floor_rate
        if result.errors:
            result.notes.append(f"{result.errors} errors")
        if result.requests < FEW_REQUESTS:
            result.notes.append(f"only {result.requests} requests: lengthen --duration")
    print()
    print_table([floor_result, *results], sys.stdout)
    print()
    print("Memory after the run, per gunicorn worker:")
    for pid, kb in memory.items():
        pss = f", PSS {kb['Pss'] / 1024:.0f} MB" if "Pss" in kb else ""
        print(f"  worker {pid}: RSS {kb.get('VmRSS', 0) / 1024:.0f} MB{pss}")
    print()
    print_targets(judge(results, memory, facts, args.connections), facts, sys.stdout)
    if any(r.errors for r in [floor_result, *results]):
        print("Some requests failed (see the notes above and " + str(log_path) + ").")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
