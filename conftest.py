"""Shared fixtures: people in each role, and small factories.

Roles that later parts of KomInn define (editor, moderator) join here as they arrive.
"""

import os
import re
import threading

import pytest
from django.db import connections

from kominn.demo import loader as demo_loader
from kominn.organisations.models import Organisation

PASSWORD = "et langt og hemmelig passord"


@pytest.fixture(autouse=True, scope="session")
def _cache_in_memory():
    """Tests run in one process, so they count in memory: fast, and cleared per test
    without touching the database. (tests/test_security.py checks the shared default.)"""
    from django.test import override_settings

    with override_settings(
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "pages",
            },
        }
    ):
        yield


# What production hashes passwords with (Argon2), as settings.py has it.
PRODUCTION_HASHERS = []


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing():
    """Argon2 as production uses it takes a fifth of a second a password, and the tests
    make and check hundreds: they hash with MD5 instead (Argon2 hashes still check),
    except where the hashing itself is tested (`production_password_hashing`)."""
    from django.conf import settings
    from django.test import override_settings

    PRODUCTION_HASHERS[:] = settings.PASSWORD_HASHERS
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher", *PRODUCTION_HASHERS]
    ):
        yield


@pytest.fixture
def production_password_hashing(settings):
    """Passwords hashed (and checked) as production does, for the tests of just that: ask
    for it before the fixtures that make people."""
    settings.PASSWORD_HASHERS = list(PRODUCTION_HASHERS)


@pytest.fixture(autouse=True)
def _fresh_test_state():
    """Each test starts in bokmål, whatever language an earlier request switched to,
    and with empty rate-limit counters and no kept pages."""
    from django.core.cache import caches
    from django.utils import translation

    caches["default"].clear()
    caches["pages"].clear()
    with translation.override("nb"):
        yield


def make_user(email, *, display_name=None, **extra):
    from kominn.accounts.models import User

    return User.objects.create_user(
        email=email, password=PASSWORD, display_name=display_name or email.split("@")[0], **extra
    )


def make_organisation(slug="testby", *, name="Testby kommune", hosts=(), default=False, **extra):
    organisation = Organisation.objects.create(
        slug=slug,
        name=name,
        contact_email=extra.pop("contact_email", f"kominn@{slug}.kommune.no"),
        is_default=default,
        **extra,
    )
    for host in hosts:
        organisation.host_names.create(name=host)
    return organisation


@pytest.fixture
def asker(db):
    """Asker kommune as the demo data sets it up: the default organisation."""
    return demo_loader.load_organisation()


@pytest.fixture
def citizen(db):
    return make_user("kari@example.no", display_name="Kari Nordmann")


@pytest.fixture
def other_citizen(db):
    return make_user("ola@example.no", display_name="Ola Nordmann")


@pytest.fixture
def employee(db):
    return make_user("ansatt@asker.kommune.no", display_name="Anne Ansatt")


@pytest.fixture
def admin_user(db):
    from kominn.accounts.models import User

    return User.objects.create_superuser(
        email="admin@asker.kommune.no", password=PASSWORD, display_name="Admin"
    )


@pytest.fixture
def sent_mail(db):
    """Run the mail worker once; returns the messages sent so far in this test.

    Mail is queued in the outbox and sent by the worker, so a test that reads mail calls
    this first: `messages = sent_mail(); assert "Bekreft" in messages[-1].subject`.
    """
    from django.core import mail

    from kominn.outbox.worker import send_due

    def run():
        send_due()
        return mail.outbox

    return run


def link_in(message):
    """The path of the first link to the site in a mail's text."""
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def at_once(function, times, *, timeout=30):
    """Call `function` in `times` threads released together at a barrier, as racing requests
    or workers would; return what each call returned, or the exception it raised. Each
    thread closes its own database connections."""
    barrier = threading.Barrier(times)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(function())
        except Exception as error:  # the caller inspects what was raised
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return outcomes


def pytest_runtest_setup(item):
    """Tests marked `postgres` need parallel transactions, which SQLite does not serve:
    they are skipped there, or fail when KOMINN_REQUIRE_POSTGRES=1 (CI's PostgreSQL run),
    so a run that silently fell back to SQLite cannot pass."""
    if item.get_closest_marker("postgres") is None:
        return
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    message = "needs PostgreSQL (parallel transactions): set DATABASE_URL"
    if os.environ.get("KOMINN_REQUIRE_POSTGRES") == "1":
        pytest.fail(
            f"KOMINN_REQUIRE_POSTGRES=1, but the database is {connection.vendor}: {message}"
        )
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter):
    """Say plainly how many browser tests ran, so a skipped browser layer is never missed."""
    counts = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        counts[outcome] = sum(
            1
            for report in terminalreporter.stats.get(outcome, [])
            if "browser" in getattr(report, "keywords", {})
            and (report.when == "call" or outcome in {"skipped", "error"})
        )
    if not any(counts.values()):
        return
    line = ", ".join(f"{number} {outcome}" for outcome, number in counts.items() if number)
    terminalreporter.write_sep("=", f"browser tests (Chromium, axe-core): {line}")
    if counts["skipped"]:
        terminalreporter.write_line(
            "WARNING: browser tests were skipped. Install chromium or set CHROMIUM_PATH; "
            "KOMINN_REQUIRE_BROWSER=1 makes this a failure.",
            red=True,
            bold=True,
        )


def make_initiative(organisation, title="Ladestasjoner for hjemmetjenesten", **fields):
    from kominn.portfolio.models import Approach, Initiative, Phase

    areas = fields.pop("service_areas", None)
    themes = fields.pop("themes", [])
    goals = fields.pop("goals", [])
    fields.setdefault("summary", "Elbiler for hjemmetjenesten lades på egne stasjoner.")
    fields.setdefault("approach", Approach.ADOPTED)
    fields.setdefault("phase", Phase.DEVELOPMENT)
    fields.setdefault("is_published", True)
    initiative = Initiative.objects.create(organisation=organisation, title=title, **fields)
    if areas is None:
        areas = [organisation.servicearea_set.filter(parent=None).first()]
    initiative.service_areas.set([area for area in areas if area])
    initiative.themes.set(themes)
    for goal in goals:
        initiative.goalcontribution_set.create(goal=goal)
    return initiative


def make_shared_initiative(organisation):
    """An initiative in the sharing bank, with a benefit measured once and a lesson."""
    from datetime import date

    from kominn.portfolio.models import Approach, Benefit, Lesson, Measurement, Phase

    initiative = make_initiative(
        organisation,
        "Digitale trygghetsalarmer",
        shared=True,
        approach=Approach.FIRST,
        phase=Phase.PRACTICE,
        need="Gamle alarmer slutter å virke.",
        what_is_new="Alarmene går over mobilnettet.",
        contact_name="Kari Kontakt",
        contact_email="kari.kontakt@asker.kommune.no",
    )
    benefit = Benefit.objects.create(
        initiative=initiative,
        type="quality",
        indicator="Utrykninger",
        unit="antall",
        baseline=100,
        target=50,
    )
    Measurement.objects.create(benefit=benefit, measured_on=date(2026, 1, 1), value=70)
    Lesson.objects.create(initiative=initiative, title="Test dekningen først", body="Gjør det.")
    return initiative


BAERUM_HOST = "kominn.baerum.kommune.no"


@pytest.fixture
def baerum(asker, settings):
    """A second municipality beside Asker, answering on its own host name."""
    settings.ALLOWED_HOSTS = ["testserver", BAERUM_HOST]
    return make_organisation("baerum", name="Bærum kommune", hosts=[BAERUM_HOST])


def make_goal(organisation, title="Klima og miljø", **fields):
    from kominn.portfolio.models import Goal

    fields.setdefault("is_published", True)
    return Goal.objects.create(organisation=organisation, title=title, **fields)


def make_editor(email="redaktor@asker.kommune.no", *, organisation, service_areas=()):
    from django.contrib.auth.models import Group

    from kominn.accounts.roles import EDITOR

    user = make_user(email, display_name="Rita Redaktør", is_staff=True, organisation=organisation)
    user.groups.add(Group.objects.get(name=EDITOR))
    user.service_areas.set(service_areas)
    return user


@pytest.fixture
def editor(asker):
    """An editor for every service area of Asker."""
    return make_editor(organisation=asker)


@pytest.fixture
def area_editor(asker):
    """An editor limited to Oppvekst (and its units)."""
    from kominn.organisations.models import ServiceArea

    oppvekst = ServiceArea.objects.get(organisation=asker, slug="oppvekst")
    return make_editor("oppvekst@asker.kommune.no", organisation=asker, service_areas=[oppvekst])


def make_moderator(email="moderator@asker.kommune.no", *, organisation):
    from django.contrib.auth.models import Group

    from kominn.accounts.roles import MODERATOR

    user = make_user(email, display_name="Mona Moderator", is_staff=True, organisation=organisation)
    user.groups.add(Group.objects.get(name=MODERATOR))
    return user


@pytest.fixture
def moderator(asker):
    """Staff of Asker in the Moderator group: works the report queue at /moderering/."""
    return make_moderator(organisation=asker)


def make_idea(organisation, author, title="Benker langs turstien", **fields):
    from django.utils import timezone

    from kominn.participation.models import Idea

    fields.setdefault("description", "Flere benker gjør turen mulig for flere.")
    fields.setdefault("capacity", author.capacity or "citizen")
    fields.setdefault("submitted_at", timezone.now())
    return Idea.objects.create(organisation=organisation, author=author, title=title, **fields)


def make_challenge(organisation, title="Hvordan får vi flere til å sykle?", *, days_open=(-5, 30)):
    from datetime import timedelta

    from django.utils import timezone

    from kominn.participation.models import Challenge

    today = timezone.localdate()
    return Challenge.objects.create(
        organisation=organisation,
        title=title,
        question=title,
        opens_on=today + timedelta(days=days_open[0]),
        closes_on=today + timedelta(days=days_open[1]),
        is_published=True,
    )


@pytest.fixture
def own_live_server(transactional_db):
    """A live server for one test alone. pytest-django's `live_server` lives for the whole
    session, and the first test to ask for it fixes its middleware: the browser tests add
    theirs (one request at a time, and the database emptied only once every request is
    answered: tests/browser/conftest.py) before theirs starts, so tests outside them that
    need a server use this one."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()
