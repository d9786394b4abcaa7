"""The audit's machinery: a throwaway database, a production-mode server, an HTTP client,
and the list of figures with their one-line results."""

import html
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Result:
    figure: str
    tried: str
    held: str
    ok: bool
    details: list[str] = field(default_factory=list)
    skipped: bool = False


class Skip(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- Databases --------------------------------------------------------------------------


class Database:
    """The audit's own database: PostgreSQL when DATABASE_URL or AUDIT_DATABASE_URL names
    it (created and dropped here, unless AUDIT_DATABASE_URL gives one), else SQLite."""

    def __init__(self, var_dir: Path):
        self.var_dir = var_dir
        given = os.environ.get("AUDIT_DATABASE_URL", "")
        base = given or os.environ.get("DATABASE_URL", "")
        self.created: list[str] = []
        if base.startswith(("postgres://", "postgresql://")):
            self.engine = "postgresql"
            parts = urllib.parse.urlsplit(base)
            self.server = parts._replace(path="")
            name = parts.path.lstrip("/") or "kominn"
            self.name = name if given else f"{name}_audit"
            if not given:
                self.create(self.name)
        else:
            self.engine = "sqlite"
            self.name = str(var_dir / "audit.sqlite3")

    @property
    def is_postgres(self) -> bool:
        return self.engine == "postgresql"

    def url(self, name: str | None = None) -> str:
        name = name or self.name
        if self.is_postgres:
            return urllib.parse.urlunsplit(self.server._replace(path="/" + name))
        return f"sqlite:///{name}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(sql)

    def create(self, name: str) -> None:
        self.drop(name)
        self._admin(f'CREATE DATABASE "{name}"')
        self.created.append(name)

    def drop(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def sibling(self, suffix: str) -> str:
        """Another throwaway database beside this one (a name, or a SQLite path)."""
        if self.is_postgres:
            name = f"{self.name}_{suffix}"
            self.create(name)
            return name
        return str(self.var_dir / f"audit_{suffix}.sqlite3")

    def drop_all(self) -> None:
        if os.environ.get("AUDIT_KEEP") == "1":
            return
        for name in self.created:
            try:
                self.drop(name)
            except Exception as error:  # cleaning up must not hide the figures
                print(f"could not drop database {name}: {error}", file=sys.stderr)


# --- The environment of production ------------------------------------------------------


def production_env(database_url: str, var_dir: Path) -> dict[str, str]:
    """Production settings as behind a TLS-terminating proxy on loopback: DEBUG off, a
    secret key, the proxy's X-Forwarded-Proto trusted, so HTTPS-only cookies and HSTS are
    what the audit sees (the audit's client sends the header, as the proxy would)."""
    env = dict(os.environ)
    for name in ("KOMINN_PLAIN_HTTP", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "EMAIL_HOST"):
        env.pop(name, None)
    env.update(
        DEBUG="0",
        SECRET_KEY=env.get("AUDIT_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        TRUST_X_FORWARDED_PROTO="1",
        DATABASE_URL=database_url,
        KOMINN_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="kominn.settings",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args, check=True, timeout=900) -> subprocess.CompletedProcess:
    completed = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and completed.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}"
        )
    return completed


class Server:
    """scripts/serve.py (gunicorn, mail worker, scheduler), or gunicorn alone."""

    def __init__(self, env, log: Path, *, workers=2, full=True):
        self.port = free_port()
        self.log = log
        bind = f"127.0.0.1:{self.port}"
        if full:
            command = [PYTHON, "scripts/serve.py", "--bind", bind, "--workers", str(workers)]
        else:
            command = [PYTHON, "-m", "gunicorn", "kominn.wsgi", "--bind", bind]
            command += ["--workers", str(workers), "--worker-class", "gthread", "--threads", "4"]
        self._log = log.open("w")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited at start; see {log}")
            try:
                if Client(self.port).get("/helse/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the server did not answer /helse/ within 60 s; see {log}")

    def worker_pids(self) -> list[int]:
        """gunicorn's worker processes (the children of its master)."""
        children: dict[int, list[int]] = {}
        commands: dict[int, str] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                commands[int(entry.name)] = (
                    (entry / "cmdline").read_bytes().decode(errors="replace")
                )
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))

        def descendants(pid):
            for child in children.get(pid, []):
                yield child
                yield from descendants(child)

        gunicorn = {pid for pid in descendants(self.process.pid) if "gunicorn" in commands[pid]}
        return sorted(
            child for pid in gunicorn for child in children.get(pid, []) if child in gunicorn
        )

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=45)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# --- HTTP -------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    seconds: float

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def csrf(self) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text)
        return html.unescape(match.group(1)) if match else ""


class Client:
    """A plain HTTP client that keeps cookies and speaks as the TLS proxy would
    (X-Forwarded-Proto: https), optionally from another loopback address."""

    def __init__(self, port: int, *, source: str = "127.0.0.1", cookies=None):
        self.port = port
        self.source = source
        self.cookies: dict[str, str] = dict(cookies or {})
        self.origin = f"https://127.0.0.1:{port}"

    def request(self, method, path, *, data=None, files=None, headers=None) -> Response:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.source, 0)
        )
        sent = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if method == "POST":
            sent["Origin"] = self.origin
            sent["Referer"] = self.origin + path
            if files:
                boundary = uuid.uuid4().hex
                body = multipart(data or {}, files, boundary)
                sent["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            else:
                body = urllib.parse.urlencode(data or {}, doseq=True).encode()
                sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            content = raw.read()
        finally:
            connection.close()
        response = Response(raw.status, raw.getheaders(), content, time.perf_counter() - started)
        for cookie in response.all("Set-Cookie"):
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "expires=Thu, 01 Jan 1970" in cookie or "Max-Age=0" in cookie:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, path, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs) -> Response:
        return self.request("POST", path, data=data, **kwargs)

    def submit(self, path, data, *, files=None) -> Response:
        """GET the form for its CSRF token, then POST it."""
        token = self.get(path).csrf
        return self.post(path, {**data, "csrfmiddlewaretoken": token}, files=files)


def multipart(data: dict, files: dict, boundary: str) -> bytes:
    lines = []
    for key, value in data.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{key}"'.encode(),
        ]
        lines += [b"", str(value).encode()]
    for key, (filename, content, content_type) in files.items():
        disposition = f'Content-Disposition: form-data; name="{key}"; filename="{filename}"'
        lines += [f"--{boundary}".encode(), disposition.encode()]
        lines += [f"Content-Type: {content_type}".encode(), b"", content]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines)


def status_class(status: int) -> str:
    return f"{status // 100}xx"


def new_var_dir() -> Path:
    base = os.environ.get("AUDIT_VAR_DIR")
    if base:
        path = Path(base)
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path
    return Path(tempfile.mkdtemp(prefix="kominn-audit-"))
