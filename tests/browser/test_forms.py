"""The forms and pages behind a link, a button or a mail, in a real browser, in both
languages: reporting, editing as the author, the password reset and unsubscribe links, the
moderators' pages for one item, and the 403 and 500 pages. Axe finds nothing on them, as
sent and with the errors of a form sent empty or wrong."""

import json
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client

from conftest import make_idea, make_user
from kominn.organisations.models import Organisation
from kominn.participation import services as participation
from tests.browser.conftest import AXE, Visitor
from tests.routes import form_page_visits

pytestmark = pytest.mark.browser


def person(browser, live_server, user=None):
    """A browser of its own, logged in as `user` (through a session made on the server)."""
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": session,
                    "url": live_server.url,
                }
            ]
        )
    return Visitor(context.new_page(), live_server.url), context


def send_form(page, data):
    """Fill the fields named in `data` and press the form's first button; the answer."""
    form = page.locator("main form[method=post]").first
    for name, value in data.items():
        field = page.locator(f"main [name='{name}']")
        if field.first.get_attribute("type") in {"radio", "checkbox"}:
            for choice in value if isinstance(value, list) else [value]:
                page.locator(f"main [name='{name}'][value='{choice}']").check()
        elif field.first.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
        form = page.locator(f"main form[method=post]:has([name='{name}'])")
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").first.click()
    return navigation.value


@pytest.mark.parametrize("language", ["nb", "en"])
def test_forms_pages_behind_mail_links_and_error_pages_are_accessible(
    browser, live_server, demo_data, settings, language
):
    assert AXE.is_file(), f"axe-core is missing at {AXE}: run `make install` (npm ci)"
    settings.ROOT_URLCONF = "tests.urls_with_errors"
    prefix = "/en" if language == "en" else ""
    problems, seen = {}, 0
    visitor = context = None
    logged_in = "nobody yet"
    for visit in form_page_visits():
        if visit.user != logged_in:
            # A new browser only when the person changes: the password reset link and its
            # form come one after the other, in one session.
            if context is not None:
                context.close()
            visitor, context = person(browser, live_server, visit.user)
            logged_in = visit.user
        path = prefix + visit.path
        shown = f"{'POST' if visit.post is not None else 'GET'} {path} {visit.note}"
        response = visitor.visit(path)
        if visit.post is not None:
            response = send_form(visitor.page, visit.post)
        assert response.status == visit.status, shown
        page = visitor.page
        assert page.get_attribute("html", "lang") == language, shown
        assert page.locator("h1").count() == 1, shown
        assert (page.locator(".ds-validation-message").count() > 0) == visit.errors, shown
        if visit.errors:
            assert page.get_by_role("alert").first.is_visible(), shown
        if violations := visitor.axe_violations():
            problems[shown] = violations
        assert visitor.csp_violations == [] and visitor.errors == [], (shown, visitor.errors)
        seen += 1
    context.close()
    assert seen >= 25
    assert problems == {}, json.dumps(problems, indent=2, ensure_ascii=False)


TEXT = {
    "nb": {"email": "E-postadresse", "send": "Send lenke", "new": "Nytt passord",
           "again": "Bekreft nytt passord", "save": "Lagre passordet",
           "stop": "Stopp disse e-postene"},
    "en": {"email": "E-mail address", "send": "Send link", "new": "New password",
           "again": "New password confirmation", "save": "Save password",
           "stop": "Stop these e-mails"},
}  # fmt: skip


def press(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def path_of(link):
    return "/" + link.split("//", 1)[1].split("/", 1)[1]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_forgotten_password_is_reset_from_the_mail_link(
    browser, live_server, demo_data, sent_mail, language
):
    text = TEXT[language]
    prefix = "/en" if language == "en" else ""
    user = make_user("glemsk@example.no")
    sent_mail()
    visitor, context = person(browser, live_server)
    page = visitor.page
    visitor.visit(f"{prefix}/konto/glemt-passord/")
    visitor.assert_accessible()
    page.get_by_label(text["email"]).fill(user.email)
    press(page, text["send"])
    page.wait_for_url("**/konto/glemt-passord/sendt/")
    visitor.assert_accessible()

    link = re.search(r"https?://\S+/konto/nytt-passord/\S+/", sent_mail()[-1].body).group(0)
    visitor.visit(path_of(link))
    page.wait_for_url("**/set-password/")
    visitor.assert_accessible()
    page.get_by_label(text["new"], exact=True).fill("sommerfugler over vollen")
    page.get_by_label(text["again"], exact=True).fill("sommerfugler over fjorden")
    press(page, text["save"])
    assert page.locator(".ds-validation-message").count() == 1
    visitor.assert_accessible()
    page.get_by_label(text["new"], exact=True).fill("sommerfugler over vollen")
    page.get_by_label(text["again"], exact=True).fill("sommerfugler over vollen")
    press(page, text["save"])
    page.wait_for_url("**/konto/nytt-passord/ferdig/")
    visitor.assert_accessible()
    user.refresh_from_db()
    assert user.check_password("sommerfugler over vollen")
    context.close()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_notification_mail_is_stopped_from_its_link(
    browser, live_server, demo_data, sent_mail, settings, language
):
    settings.KOMINN_BASE_URL = live_server.url  # links in mail, written without a request
    text = TEXT[language]
    author = make_user("forfatter@example.no", language=language)
    idea = make_idea(Organisation.objects.get(is_default=True), author, "Lesekrok i parken")
    sent_mail()
    participation.add_comment(idea=idea, author=make_user("ola@example.no"), body="Ja!")
    mail = sent_mail()[-1]
    assert mail.to == [author.email]
    link = re.search(r"https?://\S+/konto/varsler/av/\S+/", mail.body).group(0)
    assert mail.extra_headers["List-Unsubscribe"] == f"<{link}>"
    visitor, context = person(browser, live_server)
    visitor.visit(path_of(link))
    assert visitor.page.get_attribute("html", "lang") == language
    visitor.assert_accessible()
    press(visitor.page, text["stop"])
    assert visitor.page.get_by_role("button", name=text["stop"]).count() == 0
    visitor.assert_accessible()
    context.close()
