"""Between installations: a shared initiative as a versioned JSON document, imported on
another installation as a draft adopted from it, and peers' shared initiatives pulled into
the bank by `sync_shared` — all of it untrusted input, checked before anything changes."""

import copy
import json
import logging
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from conftest import make_initiative, make_shared_initiative
from kominn.portfolio import exchange, peers, services
from kominn.portfolio.models import (
    Approach,
    Benefit,
    Initiative,
    Lesson,
    Peer,
    Phase,
    Relation,
    RelationType,
)
from tests.test_html import nu_checker_report

PEER_HOST = "127.0.0.1"


def document(**changes):
    """A valid version 1 document, as another installation exports it."""
    base = {
        "format": "kominn-initiative",
        "version": 1,
        "source_url": f"http://{PEER_HOST}/deling/bergen/digital-hjemmeoppfolging/",
        "municipality": {"name": "Bergen kommune", "organisation_number": "964338531"},
        "title": "Digital hjemmeoppfølging",
        "summary": "Pasienter måler blodtrykk hjemme.",
        "need": "Mange reiser langt for en kort kontroll.",
        "what_is_new": "Målingene går rett til **sykepleieren**.",
        "approach": "first",
        "phase": "practice",
        "benefits": [
            {
                "type": "quality",
                "indicator": "Reiser spart",
                "unit": "antall per år",
                "description": "",
            }
        ],
        "lessons": [{"title": "Start smått", "text": "Ti pasienter først."}],
        "contact": {"name": "Berit Bergen", "email": "berit@bergen.kommune.no"},
        "updated_at": "2026-11-01T10:00:00+01:00",
    }
    base.update(changes)
    return base


def feed(*documents, following=None):
    return {
        "format": "kominn-feed",
        "version": 1,
        "initiatives": list(documents),
        "next": following,
    }


class Peer_:
    """A peer installation as a small HTTP server in a thread: serves `routes` (path ->
    bytes or a dict made JSON) as they are at each request."""

    def __init__(self):
        self.routes = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = routes.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                if not isinstance(body, bytes):
                    body = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((PEER_HOST, 0), Handler)
        self.url = f"http://{PEER_HOST}:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def feed_url(self):
        return f"{self.url}/deling/eksport.json"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def peer():
    server = Peer_()
    yield server
    server.close()


@pytest.fixture
def silent_peer():
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind((PEER_HOST, 0))
    listener.listen(8)
    yield f"http://{PEER_HOST}:{listener.getsockname()[1]}/deling/eksport.json"
    listener.close()


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def shared(asker):
    return make_shared_initiative(asker)


# --- Export ---------------------------------------------------------------------------------


def test_a_shared_initiative_exports_as_a_version_1_document(client, shared):
    response = client.get(f"/deling/{shared.organisation.slug}/{shared.slug}/eksport.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["format"] == "kominn-initiative" and data["version"] == 1
    assert data["source_url"] == f"http://testserver/deling/asker/{shared.slug}/"
    assert data["municipality"]["name"] == shared.organisation.name
    assert data["title"] == "Digitale trygghetsalarmer"
    assert data["approach"] == "first" and data["phase"] == "practice"
    # Benefit indicators only: no baseline, target or measurements.
    assert data["benefits"] == [
        {"type": "quality", "indicator": "Utrykninger", "unit": "antall", "description": ""}
    ]
    assert data["lessons"] == [{"title": "Test dekningen først", "text": "Gjør det."}]
    assert data["contact"] == {"name": "Kari Kontakt", "email": "kari.kontakt@asker.kommune.no"}
    assert "70" not in json.dumps(data["benefits"])
    # What it exports, it reads.
    assert exchange.validate_document(data)["title"] == data["title"]


def test_only_shared_published_initiatives_of_this_installation_export(client, asker, shared):
    draft = make_initiative(asker, "Et utkast", shared=True, is_published=False)
    unshared = make_initiative(asker, "Ikke delt")
    for initiative in (draft, unshared):
        url = f"/deling/asker/{initiative.slug}/eksport.json"
        assert client.get(url).status_code == 404
    feed_data = client.get("/deling/eksport.json").json()
    assert feed_data["format"] == "kominn-feed" and feed_data["version"] == 1
    assert [item["title"] for item in feed_data["initiatives"]] == [shared.title]
    assert feed_data["next"] is None


def test_the_feed_keeps_a_fixed_number_of_queries(
    client, asker, django_assert_max_num_queries, count=30
):
    for number in range(count):
        initiative = make_initiative(asker, f"Delt {number}", shared=True)
        Lesson.objects.create(initiative=initiative, title="Lærdom", body="Tekst.")
        Benefit.objects.create(initiative=initiative, type="quality", indicator="Tid", unit="t")
    with django_assert_max_num_queries(8):
        assert len(client.get("/deling/eksport.json").json()["initiatives"]) == count


def test_the_feed_comes_in_pages(client, asker, monkeypatch):
    monkeypatch.setattr(exchange, "FEED_PAGE_SIZE", 2)
    for number in range(3):
        make_initiative(asker, f"Delt {number}", shared=True)
    first = client.get("/deling/eksport.json").json()
    assert len(first["initiatives"]) == 2
    assert first["next"] == "http://testserver/deling/eksport.json?side=2"
    second = client.get("/deling/eksport.json?side=2").json()
    assert len(second["initiatives"]) == 1 and second["next"] is None


# --- Validation -----------------------------------------------------------------------------


def test_a_valid_document_reads():
    content = exchange.validate_document(document())
    assert content["title"] == "Digital hjemmeoppfølging"
    assert content["benefits"][0]["indicator"] == "Reiser spart"
    assert content["lessons"] == [{"title": "Start smått", "body": "Ti pasienter først."}]


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"format": "something-else"}, "format"),
        ({"version": 2}, "Version 2"),
        ({"version": "1"}, "Version 1"),
        ({"title": ""}, "title"),
        ({"title": None}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"approach": "moonshot"}, "approach"),
        ({"phase": 3}, "phase"),
        ({"benefits": "many"}, "benefits"),
        ({"benefits": [{"type": "magic", "indicator": "Tid"}]}, "benefits[0].type"),
        ({"lessons": [{"title": "Uten tekst"}]}, "lessons[0].text"),
        ({"contact": {"name": "A", "email": "ikke en adresse"}}, "contact.email"),
        ({"updated_at": "i går"}, "updated_at"),
        ({"updated_at": "2026-11-01T10:00:00"}, "updated_at"),
        ({"municipality": "Bergen"}, "municipality"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
        ({"source_url": "file:///etc/passwd"}, "source_url"),
        ({"image_url": "ftp://example.no/bilde.png"}, "image_url"),
    ],
)
def test_a_bad_document_is_refused_with_the_field_named(changes, error, english):
    with pytest.raises(exchange.DocumentError) as refused:
        exchange.validate_document(document(**changes))
    assert error in str(refused.value)


def test_every_problem_is_listed_at_once():
    with pytest.raises(exchange.DocumentError) as refused:
        exchange.validate_document(document(title="", approach="x", source_url="ftp://a/"))
    assert len(refused.value.errors) == 3


def test_unknown_fields_are_ignored():
    assert exchange.validate_document(document(extra={"new": "field"}))["title"]


def test_not_json_or_too_large_is_refused(english):
    with pytest.raises(exchange.DocumentError, match="not valid JSON"):
        exchange.parse_json(b"<html>")
    with pytest.raises(exchange.DocumentError, match="larger"):
        exchange.parse_json(b" " * (exchange.MAX_BYTES + 1))


def test_fetching_stops_at_the_size_limit(peer, english):
    peer.routes["/big"] = b"[" + b"1," * (exchange.MAX_BYTES // 2 + 10) + b"1]"
    with pytest.raises(exchange.DocumentError, match="larger"):
        exchange.fetch_json(peer.url + "/big")


def test_fetching_gives_up_on_a_server_that_does_not_answer(silent_peer, english):
    with pytest.raises(exchange.FetchError, match="in time"):
        exchange.fetch_json(silent_peer, timeout=0.5)


def test_fetching_refuses_other_schemes(english):
    for url in ("file:///etc/passwd", "ftp://example.no/a.json", "gopher://x/"):
        with pytest.raises(exchange.DocumentError, match="http"):
            exchange.fetch_json(url)


# --- Import ---------------------------------------------------------------------------------


def test_import_makes_a_draft_adopted_from_the_source(client, asker, editor):
    draft, created = services.import_initiative(
        document=document(), organisation=asker, user=editor
    )
    assert created
    assert not draft.is_published and not draft.shared
    assert draft.approach == Approach.ADOPTED and draft.phase == Phase.NEED
    assert draft.source_url == document()["source_url"]
    assert draft.contact_name == "Berit Bergen"
    assert list(draft.benefits.values_list("indicator", flat=True)) == ["Reiser spart"]
    relation = Relation.objects.get(source=draft)
    assert relation.type == RelationType.ADOPTED_FROM
    assert relation.external_organisation == "Bergen kommune"
    # Published, its page says where it came from, with a link to it.
    draft.is_published = True
    draft.save()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Hentet fra" in page
    assert f'href="{document()["source_url"]}"' in page
    assert "(Bergen kommune)" in page


def test_importing_twice_gives_one_draft(asker, editor):
    first, _ = services.import_initiative(document=document(), organisation=asker, user=editor)
    again, created = services.import_initiative(
        document=document(), organisation=asker, user=editor
    )
    assert again == first and not created


def test_a_bad_import_changes_nothing(asker, editor):
    before = Initiative.objects.count()
    with pytest.raises(exchange.DocumentError):
        services.import_initiative(
            document=document(approach="moonshot"), organisation=asker, user=editor
        )
    # Four sentences: the summary rule of this installation holds for imports too.
    with pytest.raises(exchange.DocumentError):
        services.import_initiative(
            document=document(summary="En. To. Tre. Fire."), organisation=asker, user=editor
        )
    assert Initiative.objects.count() == before


def test_editor_imports_a_file_in_the_admin(client, asker, editor):
    client.force_login(editor)
    changelist = client.get("/admin/portfolio/initiative/").content.decode()
    assert (
        'href="/admin/portfolio/initiative/importer/">Hent inn fra en annen KomInn<' in changelist
    )
    assert client.get("/admin/portfolio/initiative/importer/").status_code == 200
    upload = SimpleUploadedFile("tiltak.json", json.dumps(document()).encode())
    response = client.post("/admin/portfolio/initiative/importer/", {"document": upload})
    draft = Initiative.objects.get(source_url=document()["source_url"], organisation=asker)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/portfolio/initiative/{draft.pk}/change/"


def test_a_bad_file_in_the_admin_gets_its_errors_and_changes_nothing(client, asker, editor):
    client.force_login(editor)
    before = Initiative.objects.count()
    upload = SimpleUploadedFile("tiltak.json", json.dumps(document(title="")).encode())
    response = client.post("/admin/portfolio/initiative/importer/", {"document": upload})
    assert response.status_code == 200
    assert "title: må ikke være tom" in response.content.decode()
    upload = SimpleUploadedFile("tiltak.json", b"ikke json")
    response = client.post("/admin/portfolio/initiative/importer/", {"document": upload})
    assert "Dokumentet er ikke gyldig JSON." in response.content.decode()
    assert Initiative.objects.count() == before


def test_participants_cannot_import(client, asker, citizen):
    client.force_login(citizen)
    response = client.get("/admin/portfolio/initiative/importer/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_import_command_reads_a_file_or_an_address(asker, peer, tmp_path):
    path = tmp_path / "tiltak.json"
    path.write_text(json.dumps(document()))
    call_command("import_initiative", str(path), organisation="asker")
    assert Initiative.objects.filter(organisation=asker, source_url__contains="bergen").count() == 1
    other = document(source_url=f"{peer.url}/deling/bergen/annet/", title="Annet tiltak")
    peer.routes["/deling/bergen/annet/eksport.json"] = other
    call_command(
        "import_initiative", f"{peer.url}/deling/bergen/annet/eksport.json", organisation="asker"
    )
    assert Initiative.objects.get(title="Annet tiltak").source_url == other["source_url"]
    path.write_text("{}")
    with pytest.raises(CommandError, match="Not imported"):
        call_command("import_initiative", str(path), organisation="asker")
    # Not into a peer's municipality, which holds only the peer's copies.
    peer.routes["/deling/eksport.json"] = feed(peer_document(peer, "en"))
    peers.sync_peer(peer.feed_url())
    copy_ = Initiative.objects.get(peer__isnull=False)
    with pytest.raises(CommandError, match="No organisation"):
        call_command("import_initiative", str(path), organisation=copy_.organisation.slug)


# --- Peers in the bank ------------------------------------------------------------------------


def bank_cards(client):
    """Each card in the bank: its title, municipality and origin."""
    page = client.get("/deling/").content.decode()
    return re.findall(r'<h3 class="ds-heading" data-size="xs">(.*?)</article>', page, re.S)


def peer_document(peer, slug, **changes):
    return document(source_url=f"{peer.url}/deling/bergen/{slug}/", **changes)


def test_sync_brings_a_peers_initiatives_into_the_bank(client, asker, shared, peer):
    peer.routes["/deling/eksport.json"] = feed(
        peer_document(peer, "hjemme", what_is_new="Trygt <script>alert(1)</script> og **raskt**.")
    )
    call_command("sync_shared", peer=[peer.feed_url()])
    bank = client.get("/deling/").content.decode()
    assert "Digital hjemmeoppfølging" in bank and "Digitale trygghetsalarmer" in bank
    assert f"Fra {PEER_HOST}" in bank
    copy_ = Initiative.objects.get(peer__isnull=False)
    assert copy_.organisation.name == "Bergen kommune"
    assert copy_.organisation.organisation_number == "964338531"
    assert not copy_.organisation.host_names.exists()
    page = client.get(copy_.get_sharing_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "<script>alert(1)" not in text and "<strong>raskt</strong>" in text
    assert f'href="{peer.url}/deling/bergen/hjemme/"' in text
    assert "Start smått" in text and "Reiser spart" in text
    # Not passed on: a peer's initiative is not in this installation's feed or export.
    assert client.get("/deling/eksport.json").json()["initiatives"][0]["title"] == shared.title
    assert client.get(copy_.get_sharing_url() + "eksport.json").status_code == 404


def test_a_peers_initiative_cannot_be_adopted_here_nor_edited(client, asker, peer, editor):
    peer.routes["/deling/eksport.json"] = feed(peer_document(peer, "hjemme"))
    peers.sync_peer(peer.feed_url())
    copy_ = Initiative.objects.get(peer__isnull=False)
    client.force_login(editor)
    page = client.get(copy_.get_sharing_url()).content.decode()
    assert "Ta i bruk her" not in page
    assert client.post(copy_.get_sharing_url() + "ta-i-bruk/").status_code == 404
    assert not Initiative.objects.filter(organisation=asker, title=copy_.title).exists()
    assert client.get(f"/admin/portfolio/initiative/{copy_.pk}/change/").status_code == 404


def test_sync_again_updates_changed_and_removes_unshared(client, asker, peer):
    one, two = peer_document(peer, "en", title="Første"), peer_document(peer, "to", title="Andre")
    peer.routes["/deling/eksport.json"] = feed(one, two)
    assert peers.sync_peer(peer.feed_url()).added == 2
    changed = dict(one, title="Første, endret", lessons=[])
    peer.routes["/deling/eksport.json"] = feed(changed)
    result = peers.sync_peer(peer.feed_url())
    assert (result.added, result.updated, result.removed) == (0, 1, 1)
    assert list(Initiative.objects.filter(peer__isnull=False).values_list("title", flat=True)) == [
        "Første, endret"
    ]
    assert not Lesson.objects.filter(initiative__peer__isnull=False).exists()
    bank = client.get("/deling/").content.decode()
    assert "Første, endret" in bank and "Andre" not in bank
    # Nothing left from the peer: its municipality goes too.
    peer.routes["/deling/eksport.json"] = feed()
    peers.sync_peer(peer.feed_url())
    assert not Peer.objects.get().organisations.exists()


def test_sync_follows_the_feeds_pages(peer, asker):
    peer.routes["/deling/eksport.json"] = feed(
        peer_document(peer, "en"), following=f"{peer.url}/deling/eksport.json?side=2"
    )
    peer.routes["/deling/eksport.json?side=2"] = feed(peer_document(peer, "to", title="To"))
    assert peers.sync_peer(peer.feed_url()).added == 2


@pytest.mark.parametrize(
    "answer",
    [
        b"<html>Vedlikehold</html>",
        feed(document(approach="moonshot")),
        {"format": "kominn-feed", "version": 2, "initiatives": []},
        "next elsewhere",
        "not the peer's",
    ],
)
def test_a_bad_answer_leaves_the_bank_as_it_was(client, asker, peer, caplog, answer):
    good = peer_document(peer, "en", title="Fra før")
    peer.routes["/deling/eksport.json"] = feed(good)
    peers.sync_peer(peer.feed_url())
    before = bank_cards(client)
    if answer == "next elsewhere":
        answer = feed(good, following="http://example.com/deling/eksport.json?side=2")
    elif answer == "not the peer's":
        answer = feed(document(source_url="http://example.com/deling/x/y/", title="Nytt"))
    elif isinstance(answer, dict) and answer.get("initiatives"):
        answer["initiatives"].insert(0, dict(good, title="Endret"))
    peer.routes["/deling/eksport.json"] = answer
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="kominn.sharing"):
        result = peers.sync_peer(peer.feed_url())
    assert not result.ok
    assert len(caplog.records) == len(result.errors) >= 1
    assert all(peer.feed_url() in record.getMessage() for record in caplog.records)
    assert bank_cards(client) == before
    assert Initiative.objects.get(peer__isnull=False).title == "Fra før"


def test_a_peer_that_is_down_or_silent_fails_alone(asker, peer, silent_peer, caplog):
    peer.routes["/deling/eksport.json"] = feed(peer_document(peer, "en"))
    down = "http://127.0.0.1:9/deling/eksport.json"
    with pytest.raises(CommandError, match="2 of 3"):
        call_command("sync_shared", peer=[down, silent_peer, peer.feed_url()], timeout=0.5)
    assert Initiative.objects.filter(peer__isnull=False).count() == 1
    assert Peer.objects.get().url == peer.feed_url()


def test_peers_come_from_the_setting(settings, asker, peer):
    peer.routes["/deling/eksport.json"] = feed(peer_document(peer, "en"))
    settings.KOMINN_SHARING_PEERS = [peer.feed_url()]
    call_command("sync_shared")
    assert Initiative.objects.filter(peer__isnull=False).count() == 1


def test_a_peer_taken_out_of_the_setting_leaves_the_bank(settings, client, asker, peer):
    peer.routes["/deling/eksport.json"] = feed(peer_document(peer, "en"))
    settings.KOMINN_SHARING_PEERS = [peer.feed_url()]
    call_command("sync_shared")
    organisation = Initiative.objects.get(peer__isnull=False).organisation
    # Given with --peer, the others stay; run from the setting, the ones it no longer
    # names go, with their municipalities.
    call_command("sync_shared", peer=[peer.feed_url()])
    settings.KOMINN_SHARING_PEERS = [f"{peer.url}/annen/eksport.json"]
    peer.routes["/annen/eksport.json"] = feed()
    call_command("sync_shared")
    assert not Initiative.objects.filter(peer__isnull=False).exists()
    assert not type(organisation).objects.filter(pk=organisation.pk).exists()
    assert "Digital hjemmeoppfølging" not in client.get("/deling/").content.decode()


def test_forget_takes_a_peer_out_and_an_empty_setting_forgets_nothing(settings, asker, peer):
    peer.routes["/deling/eksport.json"] = feed(peer_document(peer, "en"))
    call_command("sync_shared", peer=[peer.feed_url()])
    settings.KOMINN_SHARING_PEERS = []
    call_command("sync_shared")  # as the scheduler runs it, for one who syncs from cron
    assert Initiative.objects.filter(peer__isnull=False).count() == 1
    call_command("sync_shared", forget=[peer.feed_url()])
    assert not Peer.objects.exists()
    assert not Initiative.objects.filter(peer__isnull=False).exists()


def test_bank_with_peers_keeps_a_fixed_number_of_queries(
    client, asker, peer, django_assert_max_num_queries
):
    documents = [peer_document(peer, f"t{n}", title=f"Tiltak {n}") for n in range(30)]
    for number, item in enumerate(documents):
        item["municipality"] = {"name": f"Kommune {number % 7}"}
    peer.routes["/deling/eksport.json"] = feed(*documents)
    assert peers.sync_peer(peer.feed_url()).added == 30
    with django_assert_max_num_queries(12):
        assert client.get("/deling/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(Initiative.objects.filter(peer__isnull=False)[0].get_sharing_url())


def test_copy_of_document_is_not_changed_by_validation():
    data = document()
    kept = copy.deepcopy(data)
    exchange.validate_document(data)
    assert data == kept


def test_the_bank_with_a_peers_initiative_is_valid_html(client, asker, shared, peer, tmp_path):
    peer.routes["/deling/eksport.json"] = feed(peer_document(peer, "hjemme"))
    peers.sync_peer(peer.feed_url())
    copy_ = Initiative.objects.get(peer__isnull=False)
    for name, path in {
        "bank": "/deling/",
        "peer": copy_.get_sharing_url(),
        "own": shared.get_sharing_url(),
        "peer_en": "/en" + copy_.get_sharing_url(),
    }.items():
        response = client.get(path)
        assert response.status_code == 200
        (tmp_path / f"{name}.html").write_bytes(response.content)
    assert nu_checker_report(tmp_path) == ""
