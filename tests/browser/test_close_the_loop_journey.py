"""Issue "Close the loop": a participant sends an idea; an editor answers it and takes it
forward into a new initiative; the author sees the notification in KomInn and gets the
mail from the outbox; the initiative credits the idea. By keyboard, with JavaScript on
and off; axe on every page."""

import re

import pytest

from conftest import PASSWORD, make_editor, make_user
from kominn.organisations.models import Organisation
from kominn.participation.models import Idea, IdeaStatus
from tests.browser.conftest import Visitor

pytestmark = pytest.mark.browser


def type_into(page, label, text):
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def press(page, role, name):
    page.get_by_role(role, name=name, exact=True).first.focus()
    page.keyboard.press("Enter")


def log_in(browser, live_server, javascript, user):
    context = browser.new_context(java_script_enabled=javascript, locale="nb-NO")
    axe_context = None if javascript else browser.new_context(locale="nb-NO")
    person = Visitor(
        context.new_page(), live_server.url, axe_page=axe_context and axe_context.new_page()
    )
    person.visit("/konto/logg-inn/")
    type_into(person.page, "E-postadresse", user.email)
    type_into(person.page, "Passord", PASSWORD)
    press(person.page, "button", "Logg inn")
    person.page.wait_for_url("**/konto/")
    return person, [c for c in (context, axe_context) if c]


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_idea_is_answered_taken_forward_and_credited(
    browser, live_server, demo_data, sent_mail, settings, javascript
):
    settings.KOMINN_BASE_URL = live_server.url  # links in mail, written without a request
    asker = Organisation.objects.get(slug="asker")
    author = make_user("forslag@example.no", display_name="Frida Forslag")
    editor = make_editor("svar@asker.kommune.no", organisation=asker)
    sent_mail()

    participant, contexts = log_in(browser, live_server, javascript, author)
    page = participant.page
    participant.visit("/ideer/ny/")
    participant.assert_accessible()
    type_into(page, "Tittel", "Bytteskap for sportsutstyr ved skolene")
    type_into(page, "Beskrivelse", "Barn vokser fort ut av **skiene**. Et bytteskap hjelper.")
    press(page, "button", "Forhåndsvis")
    page.wait_for_url("**/forhandsvis/")
    press(page, "button", "Send ideen")
    idea = Idea.objects.get(title="Bytteskap for sportsutstyr ved skolene")
    page.wait_for_url(f"**{idea.get_absolute_url()}")
    assert "Kommunen lover et første svar innen 14 dager" in page.content()
    participant.assert_accessible()

    staff, more = log_in(browser, live_server, javascript, editor)
    contexts += more
    page = staff.page
    staff.visit("/ideer/oppfolging/")
    staff.assert_accessible()
    press(page, "link", idea.title)
    page.wait_for_url(f"**{idea.get_absolute_url()}#svar")
    staff.assert_accessible()
    page.get_by_label("Tatt videre", exact=True).focus()
    page.keyboard.press("Space")
    type_into(page, "Svar til forslagsstilleren og alle andre", "Vi setter opp bytteskap.")
    type_into(page, "… eller tittelen på et nytt tiltak laget av ideen", "Bytteskap på skolene")
    page.get_by_label("Sammendrag av det nye tiltaket", exact=True).fill("")
    type_into(page, "Sammendrag av det nye tiltaket", "Bytteskap for sportsutstyr på skolene.")
    page.get_by_label("Eierenhet for det nye tiltaket", exact=True).select_option(index=1)
    page.get_by_label("Publiser det nye tiltaket nå", exact=True).check()
    press(page, "button", "Publiser svaret")
    page.get_by_text("Svaret er publisert").wait_for()
    staff.assert_accessible()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.TAKEN_FORWARD
    initiative = idea.initiative
    assert initiative.title == "Bytteskap på skolene"

    # The author hears of it in KomInn...
    page = participant.page
    participant.visit("/")
    # One unread notification, said in words for screen readers.
    link = page.get_by_role("link", name=re.compile(r"^Varsler \(1\s*ulest\s*\)$"))
    link.wait_for()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/varsler/")
    participant.assert_accessible()
    page.locator(".notification-list a", has_text=idea.title).first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{idea.get_absolute_url()}*")
    assert "Vi setter opp bytteskap." in page.content()
    participant.assert_accessible()
    # ...and by mail, through the outbox.
    # A receipt when it was sent in, with the answer's due date; then the answer, which
    # names and links the initiative.
    receipt, answered = [message for message in sent_mail() if author.email in message.to]
    assert receipt.subject == f"Vi har mottatt ideen din: {idea.title}"
    assert "Kommunen lover et første svar innen 14 dager" in receipt.body
    assert idea.title in answered.subject
    assert "Vi setter opp bytteskap." in answered.body
    assert f"{live_server.url}{initiative.get_absolute_url()}" in answered.body

    # The initiative credits the idea and its author.
    press(page, "link", initiative.title)
    page.wait_for_url(f"**{initiative.get_absolute_url()}")
    section = page.locator("section.from-ideas")
    assert idea.title in section.inner_text()
    assert "Frida Forslag" in section.inner_text()
    participant.assert_accessible()
    for context in contexts:
        context.close()
