"""The figures: each tries something against the running server (or the code) and says
what held. Each returns a Result; an exception is a failed figure."""

import io
import json
import os
import re
import statistics
import subprocess
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import access
from .runner import PYTHON, ROOT, Client, Result, Server, Skip, manage, rss_kib

# --- Headers ----------------------------------------------------------------------------

HSTS_MIN_SECONDS = 31536000


def header_problems(response, *, framed=False) -> list[str]:
    """What is missing in `response`'s headers; `framed` for the pages made to be framed on
    the municipality's own website (tests.routes.FRAMED_PAGES)."""
    problems = []
    if response.header("X-Content-Type-Options") != "nosniff":
        problems.append("no nosniff")
    if not response.header("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    hsts = response.header("Strict-Transport-Security") or ""
    match = re.search(r"max-age=(\d+)", hsts)
    if not match or int(match.group(1)) < HSTS_MIN_SECONDS:
        problems.append(f"HSTS {hsts or 'missing'}")
    if (response.header("Content-Type") or "").startswith("text/html"):
        csp = response.header("Content-Security-Policy") or ""
        directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
        wanted = {
            "default-src": "'self'",
            "object-src": "'none'",
            "base-uri": "'none'",
            "frame-ancestors": "'none'",
        }
        if framed:
            # KomInn itself and the origins its organisation lists, never any site at all.
            ancestors = directives.pop("frame-ancestors", [])
            del wanted["frame-ancestors"]
            if ancestors[:1] != ["'self'"] or not all(
                re.fullmatch(r"https?://[a-z0-9.-]+(:\d+)?", source) for source in ancestors[1:]
            ):
                problems.append(f"CSP frame-ancestors {ancestors}")
            if response.header("X-Frame-Options"):
                problems.append("X-Frame-Options on a page made to be framed")
        for name, value in wanted.items():
            if directives.get(name) != [value]:
                problems.append(f"CSP {name} {directives.get(name)}")
        for name in ("script-src", "style-src"):
            sources = directives.get(name, directives.get("default-src", []))
            if {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(sources):
                problems.append(f"CSP {name} unsafe")
    for cookie in response.all("Set-Cookie"):
        if "Max-Age=0" in cookie:  # a deletion carries no value to protect
            continue
        name = cookie.split("=", 1)[0]
        flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
        samesite = re.search(r"samesite=(\w+)", cookie, re.I)
        missing = [flag for flag in ("secure", "httponly") if flag not in flags]
        if not samesite or samesite.group(1).lower() not in {"lax", "strict"}:
            missing.append("SameSite")
        if missing:
            problems.append(f"cookie {name} without {', '.join(missing)}")
    return problems


def headers(observed, port) -> Result:
    """Every response of the access matrix (every route, every role), plus a static file, a
    missing page and the health check."""
    from tests.routes import FRAMED_PAGES

    responses = [
        (f"{label} as {role}", response, label.split(" ")[0] in FRAMED_PAGES)
        for label, by_role in observed.items()
        for role, response in by_role.items()
        if role != "path"
    ]
    client = Client(port)
    static = re.search(r'href="(/static/[^"]+\.css)"', client.get("/").text)
    for path in ["/finnes-ikke/", "/helse/", "/admin/login/", static.group(1) if static else "/"]:
        responses.append((path, client.get(path), False))
    problems = [
        f"{where}: {problem}"
        for where, response, framed in responses
        for problem in header_problems(response, framed=framed)
    ]
    cookies = sum(len(response.all("Set-Cookie")) for _, response, _framed in responses)
    return Result(
        "headers",
        f"{len(responses)} responses ({len(observed)} routes × {len(access.ROLES)} roles, "
        f"a static file, a 404, /helse/) checked for strict CSP, HSTS ≥ 1 year, nosniff, "
        f"Referrer-Policy, and {cookies} Set-Cookie headers for Secure, HttpOnly, SameSite",
        f"{len(problems)} problems",
        not problems,
        problems,
    )


def check_deploy(env) -> Result:
    # Production sends mail through SMTP; the audit's server writes it to files instead, so
    # the check is told of a mail server as production's settings would be.
    env = {**env, "EMAIL_HOST": "smtp.kommune.invalid"}
    completed = manage(env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    output = (completed.stdout + completed.stderr).strip()
    issues = [line for line in output.splitlines() if re.match(r"^\S+: \(", line)]
    return Result(
        "check --deploy",
        "manage.py check --deploy --fail-level WARNING with the production settings",
        output.splitlines()[-1] if output else "no output",
        completed.returncode == 0,
        issues,
    )


# --- Access matrix ----------------------------------------------------------------------


def access_matrix(observed, world) -> Result:
    table = access.load_table()
    problems = access.mismatches(observed, table)
    unsampled = ""
    if world.unsampled:
        unsampled = "; no object of the host's to open (change/delete not requested): " + ", ".join(
            sorted(world.unsampled)
        )
    requests = sum(len(by_role) - 1 for by_role in observed.values())
    return Result(
        "access matrix",
        f"{requests} GETs: {len(observed)} routes (every URL pattern, admin pages of every "
        f"registered model included) × {len(access.ROLES)} roles, against audit/access.toml",
        f"{len(problems)} mismatches{unsampled}",
        not problems,
        problems,
    )


# --- Log-in abuse -----------------------------------------------------------------------


def _login(client, path, email, password):
    page = client.get(path)
    data = {"csrfmiddlewaretoken": page.csrf, "username": email, "password": password}
    if path.startswith("/admin/"):
        data["next"] = "/admin/"
    return client.post(path, data)


def login_throttle(world, port) -> Result:
    """Wrong guesses from one address lock that address out of the account (and, past the
    address limit, out of every account), never the owner at their own address."""
    from django.conf import settings

    from kominn.accounts.throttle import PAIR_LIMIT

    owner = access._user("eier@revisjon.example", capacity="citizen")
    staff = world.users["editor"]
    third = access._user("tredje@revisjon.example", capacity="citizen")
    problems = []
    tried = []
    for path, user, attacker, home in [
        ("/konto/logg-inn/", owner, "127.0.0.11", "127.0.0.12"),
        ("/admin/login/", staff, "127.0.0.13", "127.0.0.14"),
    ]:
        guesser = Client(port, source=attacker)
        for _ in range(PAIR_LIMIT):
            _login(guesser, path, user.email, "feil passord")
        refused = _login(Client(port, source=attacker), path, user.email, access.PASSWORD)
        owner_ok = _login(Client(port, source=home), path, user.email, access.PASSWORD)
        tried.append(f"{path}: {PAIR_LIMIT} wrong guesses, then the right password")
        if refused.status == 302:
            problems.append(f"{path}: the right password was let in after {PAIR_LIMIT} guesses")
        if owner_ok.status != 302:
            problems.append(f"{path}: the owner at another address was refused ({owner_ok.status})")
    limit = settings.KOMINN_LOGIN_ADDRESS_LIMIT
    spray = Client(port, source="127.0.0.15")
    token = spray.get("/konto/logg-inn/").csrf
    for number in range(limit):
        spray.post(
            "/konto/logg-inn/",
            {
                "csrfmiddlewaretoken": token,
                "username": f"x{number}@revisjon.example",
                "password": "x",
            },
        )
    sprayed = _login(
        Client(port, source="127.0.0.15"), "/konto/logg-inn/", third.email, access.PASSWORD
    )
    elsewhere = _login(
        Client(port, source="127.0.0.16"), "/konto/logg-inn/", third.email, access.PASSWORD
    )
    tried.append(f"{limit} guesses on different accounts from one address")
    if sprayed.status == 302:
        problems.append("an address past KOMINN_LOGIN_ADDRESS_LIMIT could still log in")
    if elsewhere.status != 302:
        problems.append("the address limit locked the account out everywhere")
    return Result(
        "log-in throttle",
        "; ".join(tried),
        "refused while throttled, owner let in from another address" if not problems else "",
        not problems,
        problems,
    )


def _median_ms(times):
    return statistics.median(times) * 1000


def login_timing(port, rounds=20) -> Result:
    """Registration, log-in and password reset answer in the same time whether or not an
    address has an account. Each request comes from its own loopback address, so no
    throttle or mail limit makes one side take a different path."""
    existing = [access._user(f"finnes{n}@revisjon.example") for n in range(rounds)]
    address = iter(f"127.0.{third}.{fourth}" for third in range(1, 200) for fourth in range(2, 250))
    run = f"{int(time.time())}"

    def register(email):
        client = Client(port, source=next(address))
        token = client.get("/konto/registrer/").csrf
        data = {
            "csrfmiddlewaretoken": token,
            "email": email,
            "display_name": "Revisjon",
            "capacity": "citizen",
            "password": "en lang og god setning for revisjonen",
            "accept_privacy": "on",
        }
        return client.post("/konto/registrer/", data)

    def login(email):
        client = Client(port, source=next(address))
        token = client.get("/konto/logg-inn/").csrf
        data = {"csrfmiddlewaretoken": token, "username": email, "password": "feil passord her"}
        return client.post("/konto/logg-inn/", data)

    def reset(email):
        client = Client(port, source=next(address))
        token = client.get("/konto/glemt-passord/").csrf
        return client.post("/konto/glemt-passord/", {"csrfmiddlewaretoken": token, "email": email})

    lines = []
    problems = []
    for name, action in [("registration", register), ("log-in", login), ("password reset", reset)]:
        known, unknown = [], []
        for number in range(rounds):
            # Interleaved, so drift in the machine's load falls on both sides alike.
            known.append(action(existing[number].email).seconds)
            unknown.append(action(f"ny{run}-{name[0]}{number}@revisjon.example").seconds)
        a, b = _median_ms(known), _median_ms(unknown)
        # Within noise: a missing hash or mail would differ by tens of milliseconds.
        tolerance = max(15.0, 0.2 * max(a, b))
        lines.append(f"{name} {a:.0f} ms with an account / {b:.0f} ms without")
        if abs(a - b) > tolerance:
            problems.append(f"{name}: medians differ by {abs(a - b):.0f} ms (> {tolerance:.0f})")
    return Result(
        "account enumeration by timing",
        f"medians of {rounds} requests each, with and without an account",
        "; ".join(lines),
        not problems,
        problems,
    )


# --- Uploads ----------------------------------------------------------------------------


def _png(width, height, color=(200, 30, 30)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg_with_gps():
    from PIL import Image

    image = Image.new("RGB", (64, 48), (10, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Revisjonskamera"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 50.0, 0.0), 3: "E", 4: (10.0, 26.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def _bomb():
    """A PNG of 20 000 × 20 000 pixels (400 million) that is only a few hundred kB."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def uploads(world, port) -> Result:
    """Hostile files through the idea form, as participants; then which files are served."""
    from PIL import Image

    from kominn.participation.models import Idea

    marker = b"<script>window.revisjon=1</script>"
    cases = [
        ("a text file named .png", ("notat.png", b"just text, not an image", "image/png"), False),
        (
            "an HTML page named .jpg",
            ("side.jpg", b"<html><script>alert(1)</script>", "image/jpeg"),
            False,
        ),
        ("a GIF", ("bilde.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"), False),
        (
            "a PNG with a script appended (polyglot)",
            ("poly.png", _png(8, 8) + marker, "image/png"),
            True,
        ),
        ("a decompression bomb (400 Mpx)", ("bomb.png", _bomb(), "image/png"), False),
        ("huge dimensions (1 × 30 000)", ("lang.png", _png(1, 30000), "image/png"), True),
        ("a JPEG with EXIF and GPS", ("gps.jpg", _jpeg_with_gps(), "image/jpeg"), True),
    ]
    problems = []
    stored = []
    for number, (name, upload, acceptable) in enumerate(cases):
        user = access._user(f"opplaster{number}@revisjon.example", capacity="citizen")
        from django.test import Client as DjangoClient

        django_client = DjangoClient()
        django_client.force_login(user)
        client = Client(port, cookies={"sessionid": django_client.cookies["sessionid"].value})
        before = Idea.objects.filter(author=user).count()
        response = client.submit(
            "/ideer/ny/",
            {
                "title": f"Opplasting {number}",
                "description": "Revisjonens opplasting.",
                "capacity": "citizen",
                "image_alt": "Et bilde",
            },
            files={"image": upload},
        )
        idea = Idea.objects.filter(author=user).order_by("-pk").first()
        accepted = Idea.objects.filter(author=user).count() > before
        if response.status >= 500:
            problems.append(f"{name}: {response.status}")
        if accepted != acceptable:
            problems.append(f"{name}: {'accepted' if accepted else 'refused'}")
        if accepted and idea.image:
            data = idea.image.read()
            idea.image.close()
            with Image.open(io.BytesIO(data)) as image:
                if image.getexif() or "exif" in image.info:
                    problems.append(f"{name}: the stored image keeps EXIF")
            if marker in data:
                problems.append(f"{name}: the stored file keeps the appended script")
            stored.append((name, idea))
    # Which files are served: a submitted idea's image to everyone; a draft's or a hidden
    # idea's to nobody but those who may see the idea (anonymous here).
    served = []
    if stored:
        draft = stored[-1][1]
        public = stored[0][1]
        public.submit() if hasattr(public, "submit") else None
        public.refresh_from_db()
        hidden = stored[1][1] if len(stored) > 2 else None
        if hidden is not None:
            hidden.submitted_at = hidden.submitted_at or public.submitted_at
            from django.utils import timezone

            hidden.hidden_at = timezone.now()
            hidden.save()
        anonymous = Client(port)
        for label, idea, expected in [
            ("a submitted idea's image", public, 200),
            ("a draft's image", draft, 404),
            ("a hidden idea's image", hidden, 404),
        ]:
            if idea is None or not idea.image:
                continue
            for field in (idea.image, idea.thumbnail):
                if not field:
                    continue
                status = anonymous.get(field.url).status
                served.append(f"{label} → {status}")
                if status != expected:
                    problems.append(f"{label} ({field.url}) answered {status}, expected {expected}")
    return Result(
        "uploads",
        f"{len(cases)} hostile files through the idea form "
        f"({', '.join(name for name, _, _ in cases)}); "
        f"media of drafts and hidden ideas requested anonymously",
        f"{len(problems)} problems; served: {'; '.join(served)}",
        not problems,
        problems,
    )


# --- pytest figures ---------------------------------------------------------------------


def start_pytest(env, db, suites: dict[str, list[str]], junit: Path) -> list[subprocess.Popen]:
    """Start the named groups of tests in the background: one pytest run, its tests shared
    out as they finish by pytest-xdist over one worker per core (each worker on a test
    database of its own, test_<name>_gw<n>); `pytest_results` reads what they found from
    `junit`."""
    # The tests bring their own settings (DEBUG's defaults, a cache in memory): only the
    # database is the audit's.
    test_env = dict(env)
    for name in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "TRUST_X_FORWARDED_PROTO", "REDIS_URL"):
        test_env.pop(name, None)
    if db.is_postgres:
        test_env["KOMINN_REQUIRE_POSTGRES"] = "1"
    paths = [path for group in suites.values() for path in group]
    name = f"{db.name}_t" if db.is_postgres else f"{db.name}.t"
    log = open(junit.with_suffix(".log"), "w")  # noqa: SIM115
    process = subprocess.Popen(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-n", str(worker_count()), "--dist", "worksteal", f"--junitxml={junit}", *paths],
        cwd=ROOT,
        env={**test_env, "DATABASE_URL": db.url(name)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    process.log = log
    return [process]


def worker_count() -> int:
    """One pytest worker per core, at least two (AUDIT_TEST_PROCESSES sets it)."""
    return int(os.environ.get("AUDIT_TEST_PROCESSES") or max(2, os.cpu_count() or 2))


def pytest_results(processes, db, suites, junit) -> dict[str, Result]:
    cases: list[tuple[str, str]] = []  # (file, outcome)
    output = ""
    for process in processes:
        process.wait(timeout=1800)
        process.log.close()
        output += Path(process.log.name).read_text()
    if junit.exists():
        # pytest wrote the file just now: not untrusted XML.
        for case in ET.parse(junit).iter("testcase"):  # noqa: S314  # nosec B314
            file = case.get("classname", "").replace(".", "/")
            outcome = "passed"
            for child in case:
                if child.tag in {"failure", "error"}:
                    outcome = "failed"
                elif child.tag == "skipped":
                    outcome = "skipped"
            cases.append((file, outcome))
    results = {}
    for name, group in suites.items():
        mine = [
            outcome
            for file, outcome in cases
            if any(file.startswith(path.removesuffix(".py")) for path in group)
        ]
        counts = {outcome: mine.count(outcome) for outcome in ("passed", "failed", "skipped")}
        ok = bool(mine) and counts["failed"] == 0 and counts["skipped"] == 0
        details = []
        if not ok:
            details = [line for line in output.splitlines() if "FAILED" in line or "ERROR" in line]
            details += output.splitlines()[-5:]
        results[name] = Result(
            name,
            f"pytest {' '.join(group)} in {worker_count()} workers"
            + (" on PostgreSQL" if db.is_postgres else " (SQLite: PostgreSQL tests skipped)"),
            ", ".join(f"{number} {outcome}" for outcome, number in counts.items() if number)
            or "no tests ran",
            ok,
            details,
        )
    return results


# --- Restore drill and migrations -------------------------------------------------------


def _normalise(text: str) -> str:
    text = re.sub(r'nonce="[^"]*"', 'nonce=""', text)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    return text


def restore_drill(env, db, var_dir, port, paths) -> tuple[Result, str | None]:
    """Dump the database, restore it into a fresh one, serve that, and compare pages."""
    if db.is_postgres:
        dump = var_dir / "audit.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", f"--dbname={db.url()}"],
            check=True,
            timeout=600,
        )
        restored = db.sibling("restore")
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={db.url(restored)}",
                str(dump),
            ],
            check=True,
            timeout=600,
        )
        how = f"pg_dump ({dump.stat().st_size // 1024} kB) → a fresh database → pg_restore"
    else:
        import sqlite3

        restored = db.sibling("restore")
        source, target = sqlite3.connect(db.name), sqlite3.connect(restored)
        with target:
            source.backup(target)
        source.close()
        target.close()
        how = "SQLite backup → a fresh file"
    restored_env = {**env, "DATABASE_URL": db.url(restored)}
    server = Server(restored_env, var_dir / "restored-server.log", workers=1, full=False)
    differences = []
    try:

        def compare(path):
            # The same host name for both, as a restored site would be served under.
            host = {"Host": f"127.0.0.1:{port}"}
            a, b = Client(port).get(path), Client(server.port).get(path, headers=host)
            if a.status != b.status:
                return f"{path}: {a.status} live, {b.status} restored"
            live, restored = _normalise(a.text).splitlines(), _normalise(b.text).splitlines()
            for one, other in zip(live, restored, strict=False):
                if one != other:
                    return f"{path}: {one.strip()[:90]!r} live, {other.strip()[:90]!r} restored"
            if len(live) != len(restored):
                return f"{path}: {len(live)} lines live, {len(restored)} restored"
            return None

        with ThreadPoolExecutor(4) as pool:
            differences = [problem for problem in pool.map(compare, paths) if problem]
    finally:
        server.stop()
    result = Result(
        "restore drill",
        f"{how}; {len(paths)} pages compared between the live and the restored site",
        f"{len(paths) - len(differences)} of {len(paths)} pages the same",
        not differences,
        differences,
    )
    return result, restored


def migrations_from_empty(migrate_output: str, seconds: float) -> Result:
    applied = migrate_output.count("Applying ")
    return Result(
        "migrations forward",
        "migrate on an empty database",
        f"{applied} migrations applied without error in {seconds:.0f} s",
        applied > 0,
    )


def migrations_backward(env, db, restored) -> Result:
    """On the restored copy of the data: each app back to its previous migration, then
    forward again; and the models match the migrations."""
    from django.db.migrations.loader import MigrationLoader

    if restored is None:
        raise RuntimeError("the restore drill left no copy of the data to migrate")

    loader = MigrationLoader(None, ignore_no_migrations=True)
    copy_env = {**env, "DATABASE_URL": db.url(restored)}
    problems = []
    steps = []
    for app in sorted({app for app, _ in loader.disk_migrations}):
        if not app.startswith("kominn") and app not in {config.label for config in _kominn_apps()}:
            continue
        leaves = loader.graph.leaf_nodes(app)
        if not leaves:
            continue
        leaf = leaves[0]
        parents = [parent for parent in loader.graph.node_map[leaf].parents if parent[0] == app]
        target = parents[0][1] if parents else "zero"
        completed = manage(copy_env, "migrate", app, target, "--no-input", check=False)
        steps.append(f"{app} → {target}")
        if completed.returncode != 0:
            problems.append(f"{app} back to {target}: {completed.stderr.strip().splitlines()[-1:]}")
    completed = manage(copy_env, "migrate", "--no-input", check=False)
    if completed.returncode != 0:
        problems.append(f"forward again: {completed.stderr.strip().splitlines()[-1:]}")
    pending = manage(env, "makemigrations", "--check", "--dry-run", check=False)
    if pending.returncode != 0:
        problems.append("the models have changes without a migration")
    return Result(
        "migrations backward",
        f"on a restored copy of the data, {len(steps)} apps each back one migration "
        f"({', '.join(steps)}), then forward; makemigrations --check",
        f"{len(problems)} errors",
        not problems,
        problems,
    )


def _kominn_apps():
    from django.apps import apps

    return [config for config in apps.get_app_configs() if config.name.startswith("kominn.")]


# --- Load and soak ----------------------------------------------------------------------

WRK_SCRIPT = """
local paths = {PATHS}
local counter = 0
errors = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
function response(status, headers, body)
  if status >= 500 then errors = errors + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("errors") end
  io.write(string.format("AUDIT requests=%d errors5xx=%d p50=%.1f p99=%.1f\\n",
    summary.requests, total, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def wrk(port, paths, *, clients, seconds, var_dir) -> dict:
    script = var_dir / "audit.lua"
    script.write_text(
        WRK_SCRIPT.replace("{PATHS}", "{" + ", ".join(json.dumps(p) for p in paths) + "}")
    )
    completed = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{clients}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-H",
            "X-Forwarded-Proto: https",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}/",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        check=False,
    )
    match = re.search(
        r"AUDIT requests=(\d+) errors5xx=(\d+) p50=([\d.]+) p99=([\d.]+)", completed.stdout
    )
    if not match:
        raise RuntimeError(f"wrk said: {completed.stdout} {completed.stderr}")
    socket_errors = re.search(r"Socket errors: (.*)", completed.stdout)
    return {
        "requests": int(match.group(1)),
        "errors": int(match.group(2)),
        "p50": float(match.group(3)),
        "p99": float(match.group(4)),
        "socket": socket_errors.group(1) if socket_errors else "none",
    }


def load_run(port, paths, var_dir, seconds) -> Result:
    if not Path("/usr/bin/wrk").exists() and not _which("wrk"):
        raise Skip("wrk is not installed")
    figures = wrk(port, paths, clients=100, seconds=seconds, var_dir=var_dir)
    share = figures["errors"] / max(figures["requests"], 1) * 100
    return Result(
        "load run",
        f"100 concurrent clients for {seconds} s on {len(paths)} pages (wrk, loopback)",
        f"{figures['requests']} requests, {figures['errors']} 5xx ({share:.2f} %), "
        f"median {figures['p50']:.0f} ms, p99 {figures['p99']:.0f} ms, "
        f"socket errors: {figures['socket']}",
        figures["errors"] == 0 and figures["requests"] > 0,
    )


def _which(name):
    from shutil import which

    return which(name)


def soak(server, port, paths, var_dir, seconds) -> Result:
    """Steady load for a while; each worker's memory at the end against after warm-up."""
    if not _which("wrk"):
        raise Skip("wrk is not installed")
    workers = server.worker_pids()
    if not workers:
        raise RuntimeError("no gunicorn workers found")
    samples: dict[int, list[int]] = {pid: [] for pid in workers}
    # The load run's script rotates the pages and counts 5xx; the soak reuses it.
    script = var_dir / "audit.lua"
    process = subprocess.Popen(
        [
            "wrk",
            "-t1",
            # One client at a time: the soak is about memory over many requests, not speed,
            # and leaves the cores to the test figures running beside it.
            "-c1",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-H",
            "X-Forwarded-Proto: https",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}/",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    interval = max(seconds / 30, 2)
    started = time.monotonic()
    while process.poll() is None:
        for pid in workers:
            try:
                samples[pid].append(rss_kib(pid))
            except OSError:
                samples[pid].append(-1)
        time.sleep(interval)
    output = process.stdout.read()
    elapsed = time.monotonic() - started
    problems = []
    lines = []
    for pid, values in samples.items():
        if any(value < 0 for value in values):
            problems.append(f"worker {pid} exited during the soak")
            continue
        # After a tenth of the run for warm-up, compare the last samples with the first.
        warm = values[max(len(values) // 10, 1) :]
        if len(warm) < 4:
            problems.append(f"worker {pid}: too few samples")
            continue
        first = statistics.median(warm[:3])
        last = statistics.median(warm[-3:])
        growth = (last - first) / first * 100
        lines.append(f"worker {pid} {first / 1024:.0f} → {last / 1024:.0f} MB ({growth:+.1f} %)")
        if growth > 10:
            problems.append(f"worker {pid} grew {growth:.1f} %")
    match = re.search(r"errors5xx=(\d+)", output)
    if match and int(match.group(1)):
        problems.append(f"{match.group(1)} answers were 5xx")
    served = re.search(r"(\d+) requests in", output)
    lines.append(f"{served.group(1) if served else '?'} requests served")
    return Result(
        "soak",
        f"1 client for {elapsed:.0f} s (AUDIT_SOAK_SECONDS), memory of {len(workers)} workers "
        f"sampled every {interval:.0f} s",
        "; ".join(lines),
        not problems,
        problems,
    )


# --- Dependencies -----------------------------------------------------------------------


def bandit() -> Result:
    executable = Path(PYTHON).with_name("bandit")
    if not executable.exists():
        raise Skip("bandit is not installed (pip install -e '.[dev]' or make install)")
    completed = subprocess.run(
        [
            str(executable),
            "-r",
            "kominn",
            "scripts",
            "audit",
            "bench",
            "manage.py",
            "-x",
            "*/tests/*,audit/test_*.py",
            "--severity-level",
            "medium",
            "-f",
            "json",
            "-q",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(completed.stdout or "{}")
    issues = [
        f"{issue['filename']}:{issue['line_number']} {issue['test_id']} {issue['issue_text']}"
        for issue in report.get("results", [])
    ]
    totals = report.get("metrics", {}).get("_totals", {})
    return Result(
        "bandit",
        f"bandit at medium severity and above over {totals.get('loc', '?')} lines "
        f"(kominn, scripts, audit, bench; tests excluded)",
        f"{len(issues)} issues, {totals.get('nosec', 0)} justified with # nosec",
        not issues,
        issues,
    )


def pip_check() -> Result:
    completed = subprocess.run(
        [PYTHON, "-m", "pip", "check"], capture_output=True, text=True, timeout=300, check=False
    )
    return Result(
        "pip check",
        "pip check on the installed packages",
        completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else "no output",
        completed.returncode == 0,
        completed.stdout.strip().splitlines()[:-1],
    )


def pip_audit() -> Result:
    executable = Path(PYTHON).with_name("pip-audit")
    if not executable.exists():
        raise Skip("pip-audit is not installed")
    completed = subprocess.run(
        [
            str(executable),
            "--requirement",
            "requirements.txt",
            "--format",
            "json",
            "--progress-spinner",
            "off",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        reason = (completed.stderr.strip().splitlines() or ["no answer"])[-1]
        raise Skip(f"its vulnerability data could not be reached: {reason[:200]}") from None
    dependencies = report.get("dependencies", [])
    vulnerable = [
        f"{item['name']} {item['version']}: {', '.join(v['id'] for v in item['vulns'])}"
        for item in dependencies
        if item.get("vulns")
    ]
    return Result(
        "pip-audit",
        f"pip-audit of the {len(dependencies)} pinned packages in requirements.txt",
        f"{len(vulnerable)} with known vulnerabilities",
        not vulnerable,
        vulnerable,
    )
