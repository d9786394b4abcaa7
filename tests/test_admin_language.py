"""The admin speaks bokmål to staff: no English word of Django's is left on the pages an
editor or a moderator uses, nor in the admin's JavaScript catalogue; adding a thing is
said in its gender ("Legg til nytt tiltak", "ny gevinst"); it is KomInn's, with its icon.

The English to look for is Django's own: every message of its admin, auth and forms
catalogues (django/**/locale/en/), so a Django upgrade that brings new words fails here
until they are translated in locale/nb/.
"""

import html
import json
import re
from pathlib import Path

import django
import pytest
from django.contrib import admin
from django.utils import translation

from kominn.core.admin import add_label
from tests.routes import admin_urls
from tests.test_admin import OWN_MARK, objects_of

DJANGO = Path(django.__file__).parent
CATALOGUES = [
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
]
JS_CATALOGUE = DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
# Django's bokmål, whose translators kept some words as they are ("April", "Filter").
JS_CATALOGUE_NB = DJANGO / "contrib/admin/locale/nb/LC_MESSAGES/djangojs.po"
# English words that are also bokmål, or names, on these pages.
SAME_IN_BOKMAL = {"Admin", "Status", "Start", "E-post", "Tema", "Filter", "ID", "Bokmål"}


def msgids(path):
    """(context, msgid, plural) of every message in a .po file."""
    text = path.read_text()
    found = []
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        entry, key = {}, None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                entry[key] = match.group(2)
            elif line.startswith('"') and key:
                entry[key] += line[1:-1]
        if entry.get("msgid"):
            unescape = lambda s: s.replace('\\"', '"').replace("\\n", "\n")  # noqa: E731
            found.append(
                (
                    entry.get("msgctxt"),
                    unescape(entry["msgid"]),
                    unescape(entry["msgid_plural"]) if "msgid_plural" in entry else None,
                )
            )
    return found


def english_phrases():
    """The literal parts of Django's messages long enough to be told from bokmål: two words
    or more between the placeholders, or one long word."""
    phrases = set()
    for path in CATALOGUES:
        for _context, msgid, plural in msgids(path):
            for text in (msgid, plural):
                if not text or "<" in text:
                    continue
                for part in re.split(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}|\n", text):
                    part = part.strip(" .,:;…“”\"'()-–?")
                    if part in SAME_IN_BOKMAL or not re.search(r"[a-z]", part):
                        continue
                    if " " in part or len(part) >= 7:
                        phrases.add(part)
    return phrases


def shown_text(page):
    """What a person reads or hears on a page: its text, titles and labels."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = re.findall(r'\s(?:title|aria-label|placeholder|alt|value)="([^"]*)"', page)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", page)
    text = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(" ".join([text, *attributes, *options]))


def left_in_english(page, phrases):
    text = shown_text(page)
    return sorted(
        phrase for phrase in phrases if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)
    )


@pytest.fixture
def ours(asker):
    return objects_of(asker, OWN_MARK)


def admin_pages(client, ours):
    """Every admin page the logged-in person can open: the index, each app, and for each
    model they see its list, add form, and one object's change, history and delete pages."""
    pages = ["/admin/", "/admin/password_change/"]
    apps = set()
    for model, model_admin in admin.site._registry.items():
        urls = admin_urls(model_admin, ours[model])
        response = client.get(urls["changelist"])
        if response.status_code != 200:
            continue
        apps.add(model._meta.app_label)
        pages += [urls["changelist"], f"{urls['changelist']}?q=x", urls["add"]]
        pages += [urls["change"], urls["history"], urls["delete"]]
    pages += [f"/admin/{app}/" for app in sorted(apps)]
    return pages


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_the_admin_an_editor_uses_has_no_english_left(client, request, ours, role):
    client.force_login(request.getfixturevalue(role))
    phrases = english_phrases()
    assert "Start typing to filter" in phrases and "Choose all" not in phrases  # JS, below
    english, walked = {}, 0
    for url in admin_pages(client, ours):
        response = client.get(url)
        if response.status_code != 200:
            continue
        walked += 1
        if found := left_in_english(response.content.decode(), phrases):
            english[url] = found
    assert walked > (20 if role == "editor" else 3)
    assert not english, "English left in the admin:\n" + "\n".join(
        f"{url}: {found}" for url, found in english.items()
    )


def test_the_admins_javascript_speaks_bokmal(client, editor):
    client.force_login(editor)
    script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    kept_as_is = {(context, msgid) for context, msgid, _plural in msgids(JS_CATALOGUE_NB)}
    untranslated = []
    for context, msgid, _plural in msgids(JS_CATALOGUE):
        key = f"{context}\x04{msgid}" if context else msgid
        translated = catalogue.get(key)
        if isinstance(translated, list):
            translated = translated[0]
        words = re.sub(r"%\(\w+\)s|%s", "", msgid).strip(" .,:;()")
        same = translated == msgid and (context, msgid) not in kept_as_is
        if not translated or (same and re.search(r"[a-z]{2}", words)):
            untranslated.append(msgid)
    assert not untranslated, f"Not in bokmål in the admin's JavaScript: {untranslated}"
    assert catalogue["Choose all %s"] == "Velg alle %s"


def test_adding_is_said_in_the_nouns_gender(client, editor):
    client.force_login(editor)
    add = client.get("/admin/portfolio/initiative/add/").content.decode()
    assert "<title>Legg til nytt tiltak | KomInn – administrasjon</title>" in add
    assert '<li aria-current="page">Legg til nytt tiltak</li>' in add
    # The inlines' buttons: "nytt bilde", but "ny gevinst".
    assert "Legg til nytt bilde" in html.unescape(add)
    assert "Legg til ny gevinst" in html.unescape(add)
    assert "ny tiltak" not in add and "ny bilde" not in html.unescape(add)
    listed = client.get("/admin/portfolio/initiative/").content.decode()
    assert re.search(r'class="addlink">\s*Legg til nytt tiltak\s*</a>', listed)
    assert "Legg til nytt mål" in client.get("/admin/portfolio/goal/").content.decode()
    assert "Legg til ny gevinst" in client.get("/admin/portfolio/benefit/").content.decode()


def test_in_english_adding_is_plain():
    from kominn.portfolio.models import Benefit, Initiative

    with translation.override("en"):
        assert add_label(Initiative._meta) == "Add initiative"
        assert add_label(Benefit._meta) == "Add benefit"


def test_the_admin_is_kominns_with_its_icon(client, editor):
    client.force_login(editor)
    for url in ("/admin/", "/admin/portfolio/initiative/", "/admin/login/"):
        page = client.get(url, follow=True).content.decode()
        assert "KomInn – administrasjon" in page
        assert "Django" not in shown_text(page)
        assert re.search(r'<link rel="icon" href="/static/img/favicon\.svg"', page)


def test_the_javascript_catalogue_is_complete_and_compiled(tmp_path):
    import gettext
    import shutil
    import subprocess

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    po = Path(__file__).resolve().parent.parent / "locale/nb/LC_MESSAGES/djangojs.po"
    result = subprocess.run(
        [msgfmt, "--check-format", "--statistics", "-o", str(tmp_path / "js.mo"), str(po)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0 and "untranslated" not in result.stderr, result.stderr
    with (tmp_path / "js.mo").open("rb") as fresh, po.with_suffix(".mo").open("rb") as committed:
        assert (
            gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(committed)._catalog
        )
