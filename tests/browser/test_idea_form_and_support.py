"""On a phone, in a real browser: a photo chosen in the idea form survives the form coming
back with an error, checkboxes sit beside their labels, and supporting an idea shows that
you support it, with a way to withdraw. With JavaScript on and off; axe on every page."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from PIL import Image

from conftest import make_user
from kominn.participation.models import Idea
from tests.browser.conftest import Visitor

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def phone(browser, live_server, user, javascript):
    """A phone's browser logged in as `user`; with JavaScript off, axe runs in a second one."""
    contexts = [
        browser.new_context(
            locale="nb-NO", viewport=PHONE, is_mobile=True, java_script_enabled=javascript
        )
    ]
    if not javascript:
        contexts.append(browser.new_context(locale="nb-NO", viewport=PHONE, is_mobile=True))
    client = Client()
    client.force_login(user)
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    for context in contexts:
        context.add_cookies(
            [{"name": django_settings.SESSION_COOKIE_NAME, "value": session,
              "url": live_server.url}]
        )  # fmt: skip
    axe_page = contexts[1].new_page() if len(contexts) > 1 else None
    return Visitor(contexts[0].new_page(), live_server.url, axe_page=axe_page), contexts


def press(page, role, name):
    page.get_by_role(role, name=name, exact=True).first.focus()
    page.keyboard.press("Enter")


def beside(page, checkbox_id):
    """The checkbox and its label share a line, the label to the right."""
    box = page.locator(f"#{checkbox_id}").bounding_box()
    label = page.locator(f"label[for='{checkbox_id}']").bounding_box()
    return label["x"] > box["x"] + box["width"] - 1 and label["y"] < box["y"] + box["height"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_a_photo_survives_a_validation_error_on_a_phone(
    browser, live_server, demo_data, tmp_path, settings, javascript
):
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path)}}
    }  # fmt: skip
    photo = tmp_path / "benk.png"
    Image.new("RGB", (64, 48), (0, 91, 127)).save(photo)
    author = make_user("fotograf@example.no", display_name="Frida Foto")
    visitor, contexts = phone(browser, live_server, author, javascript)
    page = visitor.page
    visitor.visit("/ideer/ny/")
    visitor.assert_accessible()
    assert beside(page, "id_credit_author")
    assert page.locator("label[for='id_place_name'] .optional").inner_text() == "(valgfritt)"

    # No title: the form comes back, with the photo kept.
    page.get_by_label("Beskrivelse", exact=True).fill("En benk der stien er bratt.")
    page.get_by_label("Bilde (valgfritt)", exact=True).set_input_files(photo)
    page.get_by_label("Alternativ tekst", exact=True).fill("En blå benk")
    press(page, "button", "Forhåndsvis")
    page.get_by_text("Bildet er lagret: benk.png").wait_for()
    assert page.locator("#id_title_error").is_visible()
    assert page.get_by_label("Beskrivelse", exact=True).input_value() == (
        "En benk der stien er bratt."
    )
    visitor.assert_accessible()

    page.get_by_label("Tittel", exact=True).fill("Benk i bakken")
    press(page, "button", "Forhåndsvis")
    page.wait_for_url("**/forhandsvis/")
    assert page.locator("img[alt='En blå benk']").count() == 1
    visitor.assert_accessible()
    idea = Idea.objects.get(title="Benk i bakken")
    assert idea.image and idea.author == author

    visitor.visit("/nyhetsbrev/")
    assert beside(page, "id_consent")
    for context in contexts:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_supporting_shows_that_you_support_the_idea(browser, live_server, demo_data, javascript):
    supporter = make_user("tilhenger@example.no", display_name="Tore Tilhenger")
    idea = Idea.objects.published().exclude(hidden_at__isnull=False).first()
    visitor, contexts = phone(browser, live_server, supporter, javascript)
    page = visitor.page
    visitor.visit(idea.get_absolute_url())
    button = page.locator("#handlinger .support-button")
    assert button.inner_text() == "Støtt ideen"
    assert button.get_attribute("aria-pressed") == "false"

    press(page, "button", "Støtt ideen")
    page.get_by_role("button", name="Du støtter ideen", exact=True).wait_for()
    button = page.locator("#handlinger .support-button")
    assert button.get_attribute("aria-pressed") == "true"
    assert page.get_by_text("Trykk igjen for å trekke tilbake støtten.").is_visible()
    assert idea.supports.filter(user=supporter).exists()
    visitor.assert_accessible()

    press(page, "button", "Du støtter ideen")
    page.get_by_role("button", name="Støtt ideen", exact=True).wait_for()
    assert page.locator("#handlinger .support-button").get_attribute("aria-pressed") == "false"
    assert not idea.supports.filter(user=supporter).exists()
    visitor.assert_accessible()
    for context in contexts:
        context.close()
