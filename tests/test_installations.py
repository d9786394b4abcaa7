"""Two KomInn installations in one test, each with its own database: this one (the test
database, served by the live server: Asker) and a second one started as its own
`manage.py runserver` process over a SQLite file (Bergen). A shared initiative goes from
one to the other by export and import, `sync_shared` brings Bergen's into Asker's bank and
keeps it current, and a peer that never answers or sends an invalid document leaves
Asker's bank as it was."""

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import make_initiative
from kominn.portfolio.models import Initiative, Lesson, Relation, RelationType

ROOT = Path(__file__).resolve().parent.parent

SEED = """
from kominn.organisations.models import Organisation
from kominn.portfolio.models import Benefit, Initiative, Lesson
bergen = Organisation.objects.create(
    name="Bergen kommune", slug="bergen", contact_email="kominn@bergen.kommune.no",
    is_default=True,
)
initiative = Initiative.objects.create(
    organisation=bergen, title="Digital hjemmeoppfølging", approach="first",
    phase="practice", summary="Pasienter måler blodtrykket hjemme.",
    need="Lange reiser til korte kontroller.", what_is_new="Målingene går **rett** til oss.",
    contact_name="Berit Bergen", contact_email="berit@bergen.kommune.no",
    is_published=True, shared=True,
)
Benefit.objects.create(initiative=initiative, type="quality", indicator="Reiser spart",
                       unit="antall", baseline=10, target=2)
Lesson.objects.create(initiative=initiative, title="Start smått", body="Ti pasienter først.")
Initiative.objects.create(
    organisation=bergen, title="Bergens utkast", approach="first", summary="Ikke delt.",
    is_published=False, shared=True,
)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Installation:
    """The second installation: its environment, database file and address."""

    def __init__(self, var):
        self.var = var
        self.env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        self.env.update(
            KOMINN_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="kominn.settings", DEBUG="1"
        )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = var / "kominn.sqlite3"

    def manage(self, *arguments, check=True):
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=check,
        )

    def sql(self, query, *params):
        with sqlite3.connect(self.database) as connection:
            return connection.execute(query, params).fetchall()


@pytest.fixture(scope="module")
def bergen(tmp_path_factory):
    site = Installation(tmp_path_factory.mktemp("bergen"))
    site.manage("migrate", "-v0")
    site.manage("shell", "-c", SEED)
    log = (site.var / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{site.port}"],
        cwd=ROOT,
        env=site.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{site.url}/helse/", timeout=2).read()
            break
        except OSError:
            assert server.poll() is None, (site.var / "server.log").read_text()
            assert time.monotonic() < deadline, "the second installation did not start"
            time.sleep(0.2)
    yield site
    server.terminate()
    server.wait(20)
    log.close()


@pytest.fixture
def garbage_peer():
    """A peer whose feed holds one invalid document."""
    body = json.dumps(
        {
            "format": "kominn-feed",
            "version": 1,
            "initiatives": [{"format": "kominn-initiative", "version": 1, "title": ""}],
            "next": None,
        }
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/deling/eksport.json"
    server.shutdown()
    server.server_close()


@pytest.fixture
def silent_peer():
    """A peer that accepts the connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/deling/eksport.json"
    listener.close()


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def bank_cards(base_url):
    """Each card in a bank, as a visitor reads it: title, municipality, tags."""
    page = get(f"{base_url}/deling/")
    cards = re.findall(r'<h3 class="ds-heading" data-size="xs">(.*?)</article>', page, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card)).strip() for card in cards]


def test_two_installations_share_by_export_import_and_sync(
    transactional_db, asker, live_server, bergen, silent_peer, garbage_peer, caplog
):
    asker_url = live_server.url
    feed = f"{bergen.url}/deling/eksport.json"
    yggeset = make_initiative(
        asker,
        "Deponigass på Yggeset",
        shared=True,
        approach="first",
        summary="Gassen fra deponiet blir strøm og varme.",
        contact_name="Ola Asker",
        contact_email="ola@asker.kommune.no",
    )
    Lesson.objects.create(initiative=yggeset, title="Mål gassen", body="Først.")

    # Bergen's feed holds its shared, published initiative only, without measurements.
    exported = json.loads(get(feed))
    assert [item["title"] for item in exported["initiatives"]] == ["Digital hjemmeoppfølging"]
    assert "baseline" not in json.dumps(exported)

    # sync_shared: Bergen's initiative in Asker's bank, beside Asker's own, marked.
    call_command("sync_shared", peer=[feed])
    cards = bank_cards(asker_url)
    assert any(
        "Digital hjemmeoppfølging" in card and "Bergen kommune" in card and "Fra 127.0.0.1" in card
        for card in cards
    ), cards
    assert any("Deponigass på Yggeset" in card and "Fra " not in card for card in cards)
    copy = Initiative.objects.get(peer__isnull=False)
    page = get(asker_url + copy.get_sharing_url())
    assert "<strong>rett</strong>" in page and "Start smått" in page
    assert f'href="{bergen.url}/deling/bergen/digital-hjemmeoppfolging/"' in page

    # A peer that never answers, and one that sends an invalid document: nothing changes.
    caplog.clear()
    for bad in (silent_peer, garbage_peer):
        with pytest.raises(CommandError):
            call_command("sync_shared", peer=[bad], timeout=1)
        assert bank_cards(asker_url) == cards
    failures = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert len(failures) == 2
    assert silent_peer in failures[0] and "did not answer in time" in failures[0]
    assert garbage_peer in failures[1] and "title: must not be empty" in failures[1]
    # Nor when the good peer's feed is given together with them: it goes on.
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("sync_shared", peer=[silent_peer, feed], timeout=1)
    assert bank_cards(asker_url) == cards

    # Bergen changes its initiative, then stops sharing it: a new run follows both.
    bergen.sql(
        "UPDATE portfolio_initiative SET title = ? WHERE slug = 'digital-hjemmeoppfolging'",
        "Digital hjemmeoppfølging 2.0",
    )
    call_command("sync_shared", peer=[feed])
    assert any("Digital hjemmeoppfølging 2.0" in card for card in bank_cards(asker_url))

    # Export and import, Bergen → Asker: a draft adopted from Bergen's page.
    call_command(
        "import_initiative",
        f"{bergen.url}/deling/bergen/digital-hjemmeoppfolging/eksport.json",
        organisation="asker",
    )
    draft = Initiative.objects.get(organisation=asker, peer=None, source_url__startswith=bergen.url)
    assert (draft.is_published, draft.approach, draft.title) == (
        False,
        "adopted",
        "Digital hjemmeoppfølging 2.0",
    )
    relation = Relation.objects.get(source=draft, type=RelationType.ADOPTED_FROM)
    assert relation.external_organisation == "Bergen kommune"
    assert relation.external_url == f"{bergen.url}/deling/bergen/digital-hjemmeoppfolging/"

    # And Asker → Bergen, with the other installation's own command.
    done = bergen.manage(
        "import_initiative",
        f"{asker_url}/deling/asker/{yggeset.slug}/eksport.json",
        "--organisation",
        "bergen",
    )
    assert "Imported “Deponigass på Yggeset” as a draft in Bergen kommune" in done.stdout
    assert bergen.sql(
        "SELECT approach, is_published, shared, source_url FROM portfolio_initiative "
        "WHERE title = 'Deponigass på Yggeset'"
    ) == [("adopted", 0, 0, f"{asker_url}/deling/asker/{yggeset.slug}/")]
    # A draft of Bergen's is never exported, however it is ticked.
    assert "Bergens utkast" not in get(feed)

    bergen.sql("UPDATE portfolio_initiative SET shared = 0 WHERE slug = 'digital-hjemmeoppfolging'")
    call_command("sync_shared", peer=[feed])
    assert not any("Digital hjemmeoppfølging" in card for card in bank_cards(asker_url))
    assert not Initiative.objects.filter(peer__isnull=False).exists()
    # Asker's import stays: it is Asker's own draft now.
    assert Initiative.objects.filter(pk=draft.pk).exists()
