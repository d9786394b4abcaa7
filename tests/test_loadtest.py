"""`make loadtest` (scripts/loadtest.py), run briefly against the demo data in SQLite so that
it does not rot: it starts the production server, measures every page type and prints each
one's rate, latency and share of the floor, the workers' memory and the targets."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "front page",
    "initiatives",
    "an initiative",
    "ideas",
    "ideas, last page",
    "an idea, ",  # few comments, and the one with the most
    "goals",
    "a goal",
    "search 'skole'",
    "statistics",
    "initiative feed",
    "news feed",
    "sitemap",
    "logged in: an idea",
    "logged in: my account",
]
NUMBER = r"\d+\.\d"
LINE = re.compile(
    rf"^(?P<name>.+?) +(?P<mode>floor|cached|uncached|logged in) +(?P<rate>{NUMBER}) +"
    rf"(?P<p50>{NUMBER}|–) +(?P<p99>{NUMBER}|–) +\d+ +(?P<share>{NUMBER})%",
    re.M,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A SQLite database with the demo data, and the static files collected."""
    var = tmp_path_factory.mktemp("loadtest")
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(KOMINN_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="kominn.settings")
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["load_demo"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=dict(env, DEBUG="0", SECRET_KEY="collectstatic"),
        check=True,
        capture_output=True,
    )
    return env


def run(site, *arguments):
    done = subprocess.run(
        [sys.executable, "scripts/loadtest.py", "--workers", "1", "--connections", "2", *arguments],
        cwd=ROOT,
        env=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_prints_every_page_with_its_rate_latency_and_share_of_the_floor(site):
    output = run(site, "--generator", "python", "--duration", "0.3")
    lines = {(m["name"], m["mode"]): m for m in LINE.finditer(output)}
    names = [name for name, _mode in lines]
    for page in PAGES:
        assert any(name.startswith(page) for name in names), f"no line for {page}:\n{output}"
    assert len({name for name in names if name.startswith("an idea, ")}) == 2
    modes = {mode for _name, mode in lines}
    assert modes == {"floor", "cached", "uncached", "logged in"}
    floor = lines[("floor (hello world)", "floor")]
    assert float(floor["rate"]) > 0 and float(floor["share"]) == 100.0
    # Every page was served: the tool stops before measuring when one does not answer 200.
    assert sum(float(m["rate"]) > 0 for m in lines.values()) > len(lines) / 2, output
    assert re.search(r"^  worker \d+: RSS \d+ MB", output, re.M), output
    for target in ["from the cache", "uncached anonymous", "logged-in", "idea list", "p99"]:
        assert re.search(rf"^  \(?(PASS|FAIL)\)? .*{target}", output, re.M), output


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")
def test_measures_with_wrk_when_installed(site):
    output = run(site, "--only", "feed", "--no-cached", "--duration", "1")
    assert "wrk, 2 connections" in output
    lines = {m["name"]: m for m in LINE.finditer(output)}
    assert set(lines) == {"floor (hello world)", "initiative feed", "news feed"}, output
    assert all(float(m["rate"]) > 0 for m in lines.values()), output
