"""The security baseline: headers on every route; production settings pass check --deploy."""

import io
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils import translation

from conftest import make_user
from kominn.participation.models import Idea
from tests.routes import (
    FRAMED_PAGES,
    NOT_PAGES,
    PRIVATE_PAGES,
    SERVER_ERROR_PATH,
    STAFF_PAGES,
    all_page_paths,
    all_routes,
    demo_content_paths,
    form_page_visits,
)

ROOT = Path(__file__).resolve().parent.parent


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def sample_path(name, pattern, idea):
    """A path for the route with made-up parameters (an idea's number where one is asked)."""
    kwargs = dict.fromkeys(pattern.pattern.regex.groupindex, "x")
    converters = getattr(pattern.pattern, "converters", {})
    kwargs |= {key: 0 for key, converter in converters.items() if converter.regex == "[0-9]+"}
    kwargs |= {key: idea.pk for key in converters if key == "pk"}
    return reverse(name, kwargs=kwargs)


def test_every_page_is_covered(client, db):
    """Every route outside the admin, with parameters or without, is a page that the Nu HTML
    checker (tests/test_html.py) and axe (tests/browser/) visit, or is named in NOT_PAGES
    (tests/routes.py), each group there with why. Covered means: a path that those tests
    visit (all_page_paths, demo_content_paths, form_page_visits) leads to the route. A
    listed route must exist, must not be visited, and must answer no page, so the list can
    neither hide a page nor rot."""
    call_command("load_demo", stdout=io.StringIO())
    routes = all_routes()
    names = set(routes) | {name.split(":")[-1] for name in routes}
    assert (NOT_PAGES | PRIVATE_PAGES | STAFF_PAGES) - names == set()
    visits = form_page_visits()
    visited = [
        *all_page_paths(),
        *all_page_paths(private=True),
        *all_page_paths(staff=True),
        *demo_content_paths(),
        *(visit.path for visit in visits if visit.path != SERVER_ERROR_PATH),
        *(visit.action for visit in visits if visit.action),
    ]
    covered = set()
    for path in visited:
        with translation.override("en" if path.startswith("/en/") else "nb"):
            covered.add(resolve(path.split("?")[0]).view_name)
    assert set(routes) - NOT_PAGES - covered == set(), (
        "Routes that neither the Nu checker nor axe visits: visit them (tests/routes.py), "
        "or list them in NOT_PAGES with why"
    )
    assert covered & NOT_PAGES == set(), "Visited in the page tests: take them off NOT_PAGES"

    idea = Idea.objects.published().first()
    people = [None, make_user("dekning@example.no")]
    for name in sorted(NOT_PAGES):
        with translation.override("nb"):
            path = sample_path(name, routes[name], idea)
        for person in people:
            client.logout() if person is None else client.force_login(person)
            response = client.get(path, {"title": "x"})
            is_page = (
                response.status_code == 200
                and response["Content-Type"].startswith("text/html")
                and b"<h1" in response.content
            )
            assert not is_page, f"{path} is a page: visit it in the page tests"


@pytest.mark.parametrize("path", [*all_page_paths(), "/helse/", "/finnes-ikke/", "/admin/login/"])
def test_every_route_sends_the_security_headers(client, asker, path):
    response = client.get(path)
    assert response.status_code == (404 if "finnes-ikke" in path else 200)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"

    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    with translation.override("en" if path.startswith("/en/") else "nb"):
        framed = path not in ("/helse/", "/finnes-ikke/", "/admin/login/") and (
            resolve(path).view_name in FRAMED_PAGES
        )
    if framed:
        # Made to be framed, by KomInn itself and the origins listed (none here).
        assert "X-Frame-Options" not in response
        assert csp["frame-ancestors"] == ["'self'"]
    else:
        assert response["X-Frame-Options"] == "DENY"
        assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]


def test_inline_style_carries_the_nonce_of_this_response(client, asker):
    first = client.get("/")
    second = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", first["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in first.content.decode()
    assert nonce not in second["Content-Security-Policy"]


def production_env(**overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO", "DATABASE_URL", "SECRET_KEY", "DEBUG"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kominn.asker.kommune.no",
        EMAIL_HOST="smtp.asker.kommune.no",
        DJANGO_SETTINGS_MODULE="kominn.settings",
    )
    env.update(overrides)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_a_single_warning(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(KOMINN_VAR_DIR=str(tmp_path)),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(KOMINN_VAR_DIR=str(tmp_path))
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_local_run_generates_one_secret_key_and_keeps_it(tmp_path):
    env = production_env(KOMINN_VAR_DIR=str(tmp_path), DEBUG="1")
    del env["SECRET_KEY"]
    assert manage("check", env=env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert manage("check", env=env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key


def test_a_disallowed_host_gets_a_plain_400_without_a_traceback(asker, settings, caplog):
    from django.test import Client

    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with caplog.at_level("INFO"):
        response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "<h1>" in response.content.decode()
    assert not [record for record in caplog.records if record.exc_info or record.exc_text]
    # One line says what happened, so a misconfigured host name can still be found.
    assert any("evil.example" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("path", ["//evil.example/", "/\\evil.example/", "///evil.example/x/"])
def test_the_language_switch_stays_on_this_site(client, asker, path):
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    links = re.findall(r'<a class="ds-link" href="([^"]*)" hreflang', response.content.decode())
    alternates = re.findall(r'hreflang="[\w-]+" href="([^"]*)"', response.content.decode())
    assert links and alternates
    for url in links:
        assert url.startswith("/") and not url.startswith(("//", "/\\")), url
    # Alternates are absolute, on this site's own address.
    for url in alternates:
        assert urlsplit(url).netloc == "testserver", url
    assert 'rel="canonical" href="http://testserver/' in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/konto/", "/en/konto/", "/konto/mine-data/", "/konto/mine-data/eksport/"]
)
def test_personal_pages_are_not_stored_by_caches(client, citizen, path):
    client.force_login(citizen)
    response = client.get(path)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_without_redis_every_process_counts_in_one_shared_cache(tmp_path):
    """Throttles and rate limits must hold across app server processes: after `migrate`
    alone, what one process counts, another sees."""
    env = production_env(KOMINN_VAR_DIR=str(tmp_path), DEBUG="1")
    env.pop("REDIS_URL", None)
    assert manage("migrate", "--no-input", env=env).returncode == 0
    counted = "from django.core.cache import cache; cache.set('failures', 9, 600)"
    assert manage("shell", "--no-imports", "-c", counted, env=env).returncode == 0
    read = "from django.core.cache import cache; print(cache.get('failures'))"
    seen = manage("shell", "--no-imports", "-c", read, env=env)
    assert seen.stdout.strip() == "9", seen.stdout + seen.stderr
