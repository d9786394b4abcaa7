"""A resident's whole journey on a 375 px phone, by keyboard, with axe on every page, in
both languages: front page → menu → ideas → filters (folded) → an idea → "Share an idea" →
told why to log in → register → the confirmation link returns to the idea form → a photo
survives a validation error → the idea is sent → supporting an idea changes its button →
Min side lists the idea with its answer deadline → staff take it forward into an
initiative → Min side, the notification and the mail name and link the initiative."""

import re

import pytest
from django.core import mail
from PIL import Image

from conftest import make_editor
from kominn.organisations.models import Organisation
from kominn.participation.models import Idea, IdeaStatus
from tests.browser.conftest import Visitor
from tests.browser.test_close_the_loop_journey import log_in, press, type_into

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
TEXT = {
    "nb": {
        "menu": "Meny", "ideas": "Ideer", "filter": "Filtrer", "status": "Status",
        "show": "Vis ideer", "filter_one": "Filtrer (1)", "share": "Del en idé",
        "why": "Logg inn for å dele en idé", "register": "Registrer deg",
        "email": "E-postadresse", "name": "Visningsnavn", "citizen": "Innbygger",
        "password": "Passord", "privacy": "Jeg har lest personvernerklæringen",
        "your_password": "Passordet ditt", "confirm": "Bekreft og logg inn",
        "title": "Tittel", "description": "Beskrivelse", "image": "Bilde (valgfritt)",
        "alt": "Alternativ tekst", "preview": "Forhåndsvis", "kept": "Bildet er lagret: benk.png",
        "send": "Send ideen", "support": "Støtt ideen", "supporting": "Du støtter ideen",
        "account": "Konto", "my_page": "Min side", "answers_by": "Kommunen svarer innen",
        "became": "Den ble tiltaket", "notifications": r"^Varsler \(1\s*ulest\s*\)$",
    },
    "en": {
        "menu": "Menu", "ideas": "Ideas", "filter": "Filter", "status": "Status",
        "show": "Show ideas", "filter_one": "Filter (1)", "share": "Share an idea",
        "why": "Log in to share an idea", "register": "Register",
        "email": "E-mail address", "name": "Display name", "citizen": "Citizen",
        "password": "Password", "privacy": "I have read the privacy statement",
        "your_password": "Your password", "confirm": "Confirm and log in",
        "title": "Title", "description": "Description", "image": "Image (optional)",
        "alt": "Alternative text", "preview": "Preview", "kept": "The image is saved: benk.png",
        "send": "Send the idea", "support": "Support the idea",
        "supporting": "You support the idea",
        "account": "Account", "my_page": "My page", "answers_by": "The municipality answers by",
        "became": "It became the initiative", "notifications": r"^Notifications \(1\s*unread\s*\)$",
    },
}  # fmt: skip


def open_disclosure(page, selector):
    """Open a <details> by keyboard: focus its summary and press Enter."""
    page.locator(f"{selector} > summary").focus()
    page.keyboard.press("Enter")
    page.locator(f"{selector}[open]").wait_for()


def on_first_screen(page, locator):
    box = locator.bounding_box()
    return box is not None and box["y"] + min(box["height"], 40) <= PHONE["height"]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_resident_on_a_phone_from_the_front_page_to_an_idea_taken_forward(
    browser, live_server, demo_data, sent_mail, settings, tmp_path, language
):
    text = TEXT[language]
    prefix = "/en" if language == "en" else ""
    photo = tmp_path / "benk.png"
    Image.new("RGB", (64, 48), (0, 91, 127)).save(photo)
    mail.outbox.clear()
    context = browser.new_context(locale="nb-NO", viewport=PHONE, is_mobile=True)
    resident = Visitor(context.new_page(), live_server.url)
    page = resident.page

    # Front page → the menu → ideas.
    resident.visit(f"{prefix}/")
    resident.assert_accessible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    open_disclosure(page, ".site-menu")
    resident.assert_accessible()
    page.locator(".site-menu nav").get_by_role("link", name=text["ideas"], exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/ideer/")
    resident.assert_accessible()
    assert on_first_screen(page, page.locator(".card-list > li").first)

    # The filters are folded; one chosen shows on the button and as a chip.
    chosen = Idea.objects.published().filter(hidden_at__isnull=True).first()
    assert not page.get_by_label(text["status"], exact=True).is_visible()
    open_disclosure(page, ".filter-disclosure")
    page.get_by_label(text["status"], exact=True).select_option(chosen.status)
    press(page, "button", text["show"])
    page.wait_for_url(re.compile(rf".*/ideer/\?.*status={chosen.status}.*"))
    assert page.locator(".filter-disclosure > summary").inner_text() == text["filter_one"]
    assert page.locator(".filter-chip").count() == 1
    resident.assert_accessible()
    first = page.locator(".card-list > li").first
    assert on_first_screen(page, first)
    first.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/ideer/\d+/[^/]+/$"))
    resident.assert_accessible()
    liked = page.url

    # "Share an idea": told why to log in, registers, and the mail's link leads to the form.
    resident.visit(f"{prefix}/ideer/")
    press(page, "link", text["share"])
    page.wait_for_url(re.compile(r".*/konto/logg-inn/\?next=.*"))
    assert page.get_by_text(text["why"], exact=True).is_visible()
    resident.assert_accessible()
    page.locator("main").get_by_role("link", name=text["register"], exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/konto/registrer/\?next=.*"))
    type_into(page, text["email"], "ny.beboer@example.no")
    type_into(page, text["name"], "Beate Beboer")
    page.get_by_label(text["citizen"], exact=True).focus()
    page.keyboard.press("Space")
    type_into(page, text["password"], "fjorden glitrer i kveld")
    page.get_by_label(text["privacy"]).focus()
    page.keyboard.press("Space")
    resident.assert_accessible()
    press(page, "button", text["register"])
    page.wait_for_url("**/konto/registrert/")
    link = re.search(r"https?://[^/\s]+(/\S*konto/bekreft/\S+)", sent_mail()[-1].body).group(1)
    resident.visit(link)
    type_into(page, text["your_password"], "fjorden glitrer i kveld")
    press(page, "button", text["confirm"])
    page.wait_for_url(f"**{prefix}/ideer/ny/")
    resident.assert_accessible()

    # A photo survives the form coming back with an error (no title).
    type_into(page, text["description"], "En benk der stien er bratt, ved fjorden.")
    page.get_by_label(text["image"], exact=True).set_input_files(photo)
    type_into(page, text["alt"], "En blå benk")
    press(page, "button", text["preview"])
    page.get_by_text(text["kept"]).wait_for()
    assert page.locator("#id_title_error").is_visible()
    resident.assert_accessible()
    type_into(page, text["title"], "Benk i bakken ved fjorden")
    press(page, "button", text["preview"])
    page.wait_for_url("**/forhandsvis/")
    assert page.locator("img[alt='En blå benk']").count() == 1
    press(page, "button", text["send"])
    page.wait_for_url(re.compile(r".*/ideer/\d+/benk-i-bakken-ved-fjorden/$"))
    idea = Idea.objects.get(title="Benk i bakken ved fjorden")
    assert idea.image and not idea.is_draft
    resident.assert_accessible()

    # Supporting the idea seen earlier changes its button.
    page.goto(liked)
    press(page, "button", text["support"])
    page.get_by_role("button", name=text["supporting"], exact=True).wait_for()
    assert page.locator("#handlinger .support-button").get_attribute("aria-pressed") == "true"
    resident.assert_accessible()

    # Min side, from the account menu, lists the idea with its answer deadline.
    open_disclosure(page, ".account-menu")
    page.locator(".account-menu").get_by_role("link", name=text["my_page"], exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/min-side/")
    mine = page.locator("#ideer")
    assert mine.get_by_role("link", name=idea.title, exact=True).is_visible()
    assert text["answers_by"] in mine.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    resident.assert_accessible()

    # Staff take it forward into a new initiative, published on purpose.
    editor = make_editor(
        "svar@asker.kommune.no", organisation=Organisation.objects.get(slug="asker")
    )
    staff, staff_contexts = log_in(browser, live_server, True, editor)
    staff.visit(idea.get_absolute_url() + "#svar")
    staff_page = staff.page
    staff_page.get_by_label("Tatt videre", exact=True).focus()
    staff_page.keyboard.press("Space")
    type_into(staff_page, "Svar til forslagsstilleren og alle andre", "Vi setter opp benker.")
    type_into(
        staff_page, "… eller tittelen på et nytt tiltak laget av ideen", "Benker langs fjorden"
    )
    staff_page.get_by_label("Eierenhet for det nye tiltaket", exact=True).select_option(index=1)
    staff_page.get_by_label("Publiser det nye tiltaket nå", exact=True).check()
    press(staff_page, "button", "Publiser svaret")
    staff_page.get_by_text("Svaret er publisert").wait_for()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.TAKEN_FORWARD
    initiative = idea.initiative
    for staff_context in staff_contexts:
        staff_context.close()

    # Min side, the notification and the mail name and link the initiative.
    resident.visit(f"{prefix}/min-side/")
    mine = page.locator("#ideer")
    assert text["became"] in mine.inner_text()
    href = mine.get_by_role("link", name=initiative.title, exact=True).get_attribute("href")
    assert href.endswith(f"{prefix}/tiltak/{initiative.slug}/")
    resident.assert_accessible()
    open_disclosure(page, ".account-menu")
    page.locator(".account-menu").get_by_role(
        "link", name=re.compile(text["notifications"])
    ).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/konto/varsler/")
    notification = page.locator(".notification-list li").first
    assert notification.get_by_role("link", name=re.compile(re.escape(initiative.title))).count()
    resident.assert_accessible()
    answered = [m for m in sent_mail() if "ny.beboer@example.no" in m.to][-1]
    assert initiative.title in answered.body
    assert f"{prefix}/tiltak/{initiative.slug}/" in answered.body
    context.close()
