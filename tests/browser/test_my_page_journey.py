"""Issue 11, "Min side": a visitor who wants to share an idea is told why they must log
in, registers, confirms by mail and lands on the idea form; a draft saved there is found
again on Min side. By keyboard, in both languages; axe on every page."""

import re

import pytest
from django.core import mail

from kominn.participation.models import Idea
from tests.browser.conftest import Visitor
from tests.browser.test_engage_journey import press, type_into

pytestmark = pytest.mark.browser

TEXT = {
    "nb": {
        "share": "Del en idé", "why": "Logg inn for å dele en idé", "register": "Registrer deg",
        "email": "E-postadresse", "name": "Visningsnavn", "citizen": "Innbygger",
        "password": "Passord", "privacy": "Jeg har lest personvernerklæringen",
        "your_password": "Passordet ditt", "confirm": "Bekreft og logg inn",
        "title": "Tittel", "description": "Beskrivelse", "draft": "Lagre som utkast",
        "my_page": "Min side", "draft_tag": "Utkast", "continue": "Fortsett å skrive",
        "saved": "Utkastet er lagret. Bare du kan se det, og du finner det på Min side.",
    },
    "en": {
        "share": "Share an idea", "why": "Log in to share an idea", "register": "Register",
        "email": "E-mail address", "name": "Display name", "citizen": "Citizen",
        "password": "Password", "privacy": "I have read the privacy statement",
        "your_password": "Your password", "confirm": "Confirm and log in",
        "title": "Title", "description": "Description", "draft": "Save as draft",
        "my_page": "My page", "draft_tag": "Draft", "continue": "Continue editing",
        "saved": "The draft is saved. Only you can see it; you find it on My page.",
    },
}  # fmt: skip


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_visitor_registers_on_the_way_to_share_an_idea_and_finds_the_draft(
    browser, live_server, demo_data, sent_mail, language
):
    text = TEXT[language]
    prefix = "/en" if language == "en" else ""
    mail.outbox.clear()
    context = browser.new_context(locale="nb-NO", viewport={"width": 375, "height": 800})
    visitor = Visitor(context.new_page(), live_server.url)
    page = visitor.page

    visitor.visit(f"{prefix}/ideer/")
    visitor.assert_accessible()
    press(page, "link", text["share"])
    page.wait_for_url(re.compile(r".*/konto/logg-inn/\?next=.*"))
    assert page.get_by_text(text["why"], exact=True).is_visible()
    visitor.assert_accessible()

    # The page's own link, not the header's: it carries where the visitor was going.
    page.locator("main").get_by_role("link", name=text["register"], exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/konto/registrer/\?next=.*"))
    assert page.get_by_text(text["why"], exact=True).is_visible()
    visitor.assert_accessible()
    type_into(page, text["email"], "ny.beboer@example.no")
    type_into(page, text["name"], "Beate Beboer")
    page.get_by_label(text["citizen"], exact=True).focus()
    page.keyboard.press("Space")
    type_into(page, text["password"], "fjorden glitrer i kveld")
    page.get_by_label(text["privacy"]).focus()
    page.keyboard.press("Space")
    press(page, "button", text["register"])
    page.wait_for_url("**/konto/registrert/")
    visitor.assert_accessible()

    # The link in the mail leads on to the idea form once the address is confirmed.
    link = re.search(r"https?://[^/\s]+(/\S*konto/bekreft/\S+)", sent_mail()[-1].body).group(1)
    assert "next=" in link
    visitor.visit(link)
    visitor.assert_accessible()
    type_into(page, text["your_password"], "fjorden glitrer i kveld")
    press(page, "button", text["confirm"])
    page.wait_for_url(f"**{prefix}/ideer/ny/")
    visitor.assert_accessible()

    type_into(page, text["title"], "Vannpost ved ballbingen")
    type_into(page, text["description"], "Barna blir tørste om sommeren.")
    press(page, "button", text["draft"])
    page.wait_for_url("**/forhandsvis/")
    idea = Idea.objects.get(title="Vannpost ved ballbingen")
    assert idea.is_draft and idea.author.email == "ny.beboer@example.no"
    assert page.get_by_text(text["saved"], exact=True).is_visible()
    visitor.assert_accessible()

    # On a phone the account's links fold behind the header's account button.
    page.locator(".account-menu > summary").focus()
    page.keyboard.press("Enter")
    press(page, "link", text["my_page"])
    page.wait_for_url(f"**{prefix}/min-side/")
    ideas = page.locator("#ideer")
    assert ideas.get_by_role("link", name="Vannpost ved ballbingen", exact=True).is_visible()
    assert ideas.get_by_text(text["draft_tag"], exact=True).is_visible()
    visitor.assert_accessible()
    # No sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    ideas.get_by_role("link", name=re.compile(text["continue"])).first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/ideer/{idea.pk}/rediger/")
    assert page.get_by_label(text["title"], exact=True).input_value() == "Vannpost ved ballbingen"
    context.close()
