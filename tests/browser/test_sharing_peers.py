"""The sharing bank with another KomInn installation's initiative in it, in a real browser:
axe finds nothing on the bank or on the peer's initiative, in both languages, and the
initiative's page leads to where it was shared."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kominn.portfolio import peers
from kominn.portfolio.models import Initiative

pytestmark = pytest.mark.browser


@pytest.fixture
def peer_initiative(demo_data):
    """Bergen's initiative, synced from a peer's feed served in a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    url = f"http://127.0.0.1:{server.server_port}"
    document = {
        "format": "kominn-initiative",
        "version": 1,
        "source_url": f"{url}/deling/bergen/digital-hjemmeoppfolging/",
        "municipality": {"name": "Bergen kommune"},
        "title": "Digital hjemmeoppfølging",
        "summary": "Pasienter måler blodtrykket hjemme.",
        "need": "Lange reiser til *korte* kontroller.",
        "what_is_new": "Målingene går rett til sykepleieren.",
        "approach": "first",
        "phase": "practice",
        "benefits": [{"type": "quality", "indicator": "Reiser spart", "unit": "antall"}],
        "lessons": [{"title": "Start smått", "text": "Ti pasienter først."}],
        "contact": {"name": "Berit Bergen", "email": "berit@bergen.kommune.no"},
        "updated_at": "2026-11-01T10:00:00+01:00",
    }
    body = json.dumps(
        {"format": "kominn-feed", "version": 1, "initiatives": [document], "next": None}
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server.RequestHandlerClass = Handler
    threading.Thread(target=server.serve_forever, daemon=True).start()
    assert peers.sync_peer(f"{url}/deling/eksport.json").ok
    yield Initiative.objects.get(peer__isnull=False)
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_bank_and_a_peers_initiative_are_accessible(visitor, peer_initiative, prefix):
    visitor.visit(f"{prefix}/deling/")
    card = visitor.page.locator("article", has_text="Digital hjemmeoppfølging")
    tag = "Fra 127.0.0.1" if not prefix else "From 127.0.0.1"
    assert card.get_by_text(tag).is_visible()
    visitor.assert_accessible()
    card.get_by_role("link", name="Digital hjemmeoppfølging").click()
    visitor.page.wait_for_load_state()
    assert visitor.page.locator("h1").inner_text() == "Digital hjemmeoppfølging"
    origin = visitor.page.get_by_role(
        "link", name="Se det der det ble delt" if not prefix else "See it where it was shared"
    )
    assert origin.get_attribute("href") == peer_initiative.source_url
    visitor.assert_accessible()
