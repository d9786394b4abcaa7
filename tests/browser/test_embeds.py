"""The embeds framed on the municipality's own website, in a real browser: a page on
another origin (a small server on another port) shows the latest initiatives in a frame
when the municipality lists that origin, and Chromium refuses the frame when it does not.
Both embeds pass axe."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import PASSWORD, make_initiative
from kominn.demo import loader as demo_loader

pytestmark = pytest.mark.browser

TITLES = ["Sykkelhotell ved stasjonen", "Lesekrok på biblioteket"]
# Where Chromium's own error page stands in for a frame it refused.
BLOCKED = "chrome-error://chromewebdata/"


@pytest.fixture
def website(live_server):
    """The municipality's own website: one page that frames the embed, on its own origin
    (127.0.0.1 and a port of its own; KomInn's live server answers on localhost)."""
    embed = f"{live_server.url}/innebygd/siste-tiltak/"
    body = (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8">'
        "<title>Asker kommune</title></head><body><main><h1>Asker kommune</h1>"
        f'<iframe src="{embed}" title="Nyeste tiltak – Asker kommune" width="600" height="500">'
        "</iframe></main></body></html>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def asker(transactional_db):
    organisation = demo_loader.load_organisation()
    for title in TITLES:
        make_initiative(organisation, title)
    return organisation


def open_website(browser, url):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(url)
    [frame] = page.main_frame.child_frames
    return context, page, frame, messages


def refused(page, messages):
    """Whether Chromium said, on the website's console, that the frame-ancestors refused it."""
    for _ in range(50):
        if any("frame-ancestors" in message and "blocked" in message for message in messages):
            return True
        page.wait_for_timeout(100)
    return False


def test_a_listed_website_shows_the_latest_initiatives_in_a_frame(
    browser, live_server, asker, website
):
    asker.embed_origins = f"https://www.asker.kommune.no\n{website}"
    asker.save()
    context, page, frame, _messages = open_website(browser, website)
    try:
        for title in TITLES:
            assert frame.get_by_role("link", name=title).is_visible()
        # A link opens KomInn itself, out of the frame.
        frame.get_by_role("link", name=TITLES[0]).click()
        page.wait_for_url("**/tiltak/**")
        assert page.url.startswith(f"{live_server.url}/tiltak/")
        assert page.locator("h1").inner_text() == TITLES[0]
    finally:
        context.close()


@pytest.mark.parametrize("listed", ["", "https://www.asker.kommune.no"])
def test_a_website_not_listed_gets_no_frame(browser, asker, website, listed):
    asker.embed_origins = listed
    asker.save()
    context, page, frame, messages = open_website(browser, website)
    try:
        # Chromium shows its own error page in place of the embed, and says why.
        frame.wait_for_url(BLOCKED)
        content = frame.content()
        assert not any(title in content for title in TITLES)
        assert refused(page, messages), messages
    finally:
        context.close()


def test_a_website_taken_off_the_list_gets_no_frame_on_the_next_visit(browser, asker, website):
    asker.embed_origins = website
    asker.save()
    context, page, frame, _messages = open_website(browser, website)
    try:
        assert frame.get_by_role("link", name=TITLES[0]).is_visible()
        asker.embed_origins = ""
        asker.save()
        page.reload()
        [frame] = page.main_frame.child_frames
        frame.wait_for_url(BLOCKED)
        assert TITLES[0] not in frame.content()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/innebygd/siste-tiltak/", "/innebygd/del-en-ide/"])
def test_the_embeds_have_no_accessibility_violations(visitor, path):
    response = visitor.visit(path)
    assert response.status == 200
    assert visitor.page.locator("h1").count() == 1
    assert visitor.page.get_attribute("html", "lang") == "nb"
    visitor.assert_accessible()


def test_the_code_to_paste_is_in_the_organisations_admin_page_without_axe_violations(visitor):
    from kominn.accounts.models import User
    from kominn.organisations.models import Organisation

    organisation = Organisation.objects.get(is_default=True)
    admin = User.objects.create_superuser(
        email="drift@example.no", password=PASSWORD, display_name="Drift"
    )
    page = visitor.page
    visitor.visit("/konto/logg-inn/")
    page.get_by_label("E-postadresse", exact=True).fill(admin.email)
    page.get_by_label("Passord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Logg inn", exact=True).click()
    page.wait_for_url("**/konto/")
    visitor.visit(f"/admin/organisations/organisation/{organisation.pk}/change/")
    page.wait_for_load_state("load")
    code = page.get_by_label("Nyeste tiltak", exact=True).input_value()
    assert code.startswith('<iframe src="https://')
    assert (
        "/innebygd/siste-tiltak/" in code and f'title="Nyeste tiltak – {organisation.name}"' in code
    )
    assert page.get_by_label("Del en idé", exact=True).input_value().startswith("<iframe ")
    visitor.assert_accessible()
