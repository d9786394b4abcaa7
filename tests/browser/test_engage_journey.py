"""Issue "Engage": a newcomer registers, confirms by mail, and sends an idea with an image
to an open challenge; another person comments, replies, supports and follows it. By
keyboard, in both languages, with JavaScript on and off; axe on every page."""

import re

import pytest
from django.core import mail
from PIL import Image

from conftest import PASSWORD, make_user
from kominn.participation.models import Challenge, Comment, Idea, Support
from tests.browser.conftest import Visitor

pytestmark = pytest.mark.browser

TEXT = {
    "nb": {
        "email": "E-postadresse", "name": "Visningsnavn", "citizen": "Innbygger",
        "password": "Passord", "privacy": "Jeg har lest personvernerklæringen",
        "register": "Registrer deg", "answer": "Svar med en idé", "title": "Tittel",
        "description": "Beskrivelse", "image": "Bilde (valgfritt)", "alt": "Alternativ tekst",
        "preview": "Forhåndsvis", "send": "Send ideen", "login": "Logg inn",
        "comment": "Kommentaren din", "send_comment": "Send kommentar", "reply": "Svar",
        "your_reply": "Svaret ditt", "send_reply": "Send svar", "support": "Støtt ideen",
        "supported": "1 person støtter ideen", "follow": "Følg", "following": "Følger",
        "your_password": "Passordet ditt", "confirm": "Bekreft og logg inn",
    },
    "en": {
        "email": "E-mail address", "name": "Display name", "citizen": "Citizen",
        "password": "Password", "privacy": "I have read the privacy statement",
        "register": "Register", "answer": "Answer with an idea", "title": "Title",
        "description": "Description", "image": "Image (optional)", "alt": "Alternative text",
        "preview": "Preview", "send": "Send the idea", "login": "Log in",
        "comment": "Your comment", "send_comment": "Send comment", "reply": "Reply",
        "your_reply": "Your reply", "send_reply": "Send reply", "support": "Support the idea",
        "supported": "1 person supports the idea", "follow": "Follow", "following": "Following",
        "your_password": "Your password", "confirm": "Confirm and log in",
    },
}  # fmt: skip


def type_into(page, label, text):
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def press(page, role, name):
    page.get_by_role(role, name=name, exact=True).first.focus()
    page.keyboard.press("Enter")


def settled(page):
    """Wait until htmx has swapped and processed new content (no-op without JavaScript)."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


def png_file(tmp_path):
    path = tmp_path / "benk.png"
    Image.new("RGB", (64, 48), (0, 91, 127)).save(path)
    return path


def new_visitor(browser, live_server, javascript):
    context = browser.new_context(java_script_enabled=javascript, locale="nb-NO")
    axe_context = None if javascript else browser.new_context(locale="nb-NO")
    visitor = Visitor(
        context.new_page(), live_server.url, axe_page=axe_context and axe_context.new_page()
    )
    return visitor, [c for c in (context, axe_context) if c]


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_newcomer_sends_an_idea_and_another_person_takes_part(
    browser, live_server, demo_data, tmp_path, settings, sent_mail, language, javascript
):
    # Uploads go where the demo's pictures are (KOMINN_VAR_DIR): the pages show both.
    text = TEXT[language]
    prefix = "/en" if language == "en" else ""
    challenge = next(c for c in Challenge.objects.published() if c.is_open)
    mail.outbox.clear()

    newcomer, contexts = new_visitor(browser, live_server, javascript)
    page = newcomer.page
    newcomer.visit(f"{prefix}/konto/registrer/")
    newcomer.assert_accessible()
    type_into(page, text["email"], "nyinnbygger@example.no")
    type_into(page, text["name"], "Nina Ny")
    page.get_by_label(text["citizen"], exact=True).focus()
    page.keyboard.press("Space")
    type_into(page, text["password"], "sommerfugler over vollen")
    page.get_by_label(text["privacy"]).focus()
    page.keyboard.press("Space")
    press(page, "button", text["register"])
    page.wait_for_url("**/konto/registrert/")
    newcomer.assert_accessible()

    # The confirmation link arrives by mail, once the worker has sent it.
    link = re.search(r"https?://\S+/konto/bekreft/\S+/", sent_mail()[-1].body).group(0)
    newcomer.visit(link.split("//", 1)[1].split("/", 1)[1].join(["/", ""]))
    newcomer.assert_accessible()
    type_into(page, text["your_password"], "sommerfugler over vollen")
    press(page, "button", text["confirm"])
    page.wait_for_url("**/konto/")

    newcomer.visit(prefix + challenge.get_absolute_url())
    newcomer.assert_accessible()
    press(page, "link", text["answer"])
    page.wait_for_url("**/ideer/ny/?utfordring=*")
    newcomer.assert_accessible()
    type_into(page, text["title"], "Strikkekafé på biblioteket")
    type_into(page, text["description"], "Et fast sted å møtes **hver torsdag**.")
    page.get_by_label(text["image"], exact=True).set_input_files(png_file(tmp_path))
    type_into(page, text["alt"], "Garnnøster på et bord")
    press(page, "button", text["preview"])
    page.wait_for_url("**/forhandsvis/")
    assert page.locator("img[alt='Garnnøster på et bord']").count() == 1
    newcomer.assert_accessible()
    idea = Idea.objects.get(title="Strikkekafé på biblioteket")
    press(page, "button", text["send"])
    page.wait_for_url(f"**{idea.get_absolute_url()}")
    idea.refresh_from_db()
    assert idea.challenge == challenge and not idea.is_draft and idea.image
    newcomer.assert_accessible()

    helper = make_user("hjelper@example.no", display_name="Hans Hjelper")
    other, more = new_visitor(browser, live_server, javascript)
    page = other.page
    other.visit(f"{prefix}/konto/logg-inn/")
    type_into(page, text["email"], helper.email)
    type_into(page, text["password"], PASSWORD)
    press(page, "button", text["login"])
    page.wait_for_url("**/konto/")
    other.visit(prefix + idea.get_absolute_url())
    other.assert_accessible()
    if javascript:
        page.evaluate("window.kominnSamePage = true")

    type_into(page, text["comment"], "Jeg kan ta med kaffe.")
    press(page, "button", text["send_comment"])
    page.get_by_text("Jeg kan ta med kaffe.").wait_for()
    settled(page)
    # "Reply" opens the form under that one comment: in place with htmx, else as a page.
    page.locator(".reply__link").first.focus()
    page.keyboard.press("Enter")
    reply_box = page.locator(".reply").first.get_by_label(text["your_reply"])
    reply_box.wait_for()
    settled(page)
    reply_box.focus()
    page.keyboard.type("Og kaker!")
    page.locator(".reply").first.get_by_role("button", name=text["send_reply"]).focus()
    page.keyboard.press("Enter")
    page.get_by_text("Og kaker!").wait_for()
    settled(page)

    press(page, "button", text["support"])
    page.get_by_text(text["supported"]).wait_for()
    settled(page)
    # Commenting followed the idea; following is a toggle.
    page.get_by_role("button", name=text["following"]).wait_for()
    press(page, "button", text["following"])
    page.get_by_role("button", name=text["follow"]).wait_for()
    settled(page)
    press(page, "button", text["follow"])
    page.get_by_role("button", name=text["following"]).wait_for()
    if javascript:
        assert page.evaluate("window.kominnSamePage === true"), "the page was reloaded"
    other.assert_accessible()

    comment = Comment.objects.get(body="Jeg kan ta med kaffe.")
    assert Comment.objects.get(body="Og kaker!").parent == comment
    assert Support.objects.filter(idea=idea, user=helper).count() == 1
    assert idea.follows.filter(user=helper).exists()
    for context in contexts + more:
        context.close()
