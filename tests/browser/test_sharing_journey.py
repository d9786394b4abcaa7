"""Issue 12, "Done when": Asker shares the Yggeset initiative in the admin → an editor in
Bærum finds it in Bærum's sharing bank by search → takes it into use → edits the draft in
the admin → publishes it → Asker's page shows the adoption and Asker's owner has a
notification (in KomInn and by mail); and a nynorsk municipality's pages are entirely
nynorsk (`lang="nn"`, no bokmål interface words, the Nu HTML checker passes). Axe on every
page of the journey, the admin's included.

Each municipality answers on its own host name under .localhost (baerum.localhost,
voss.localhost), which Chromium is told to resolve to the live server's machine; Asker,
the default organisation, answers on the live server's own address."""

import re
from urllib.parse import urlsplit

import pytest

from conftest import PASSWORD, make_editor, make_initiative, make_organisation
from kominn.notifications.models import Notification
from kominn.organisations.models import ServiceArea
from kominn.portfolio.models import Approach, Initiative, Phase, RelationType
from tests.browser.conftest import CHROMIUM_ARGS, Visitor
from tests.test_html import nu_checker_report

pytestmark = pytest.mark.browser

BAERUM_HOST = "baerum.localhost"
VOSS_HOST = "voss.localhost"
YGGESET = "deponigassanlegg-pa-yggeset"
ADOPTED_TITLE = "Deponigass fra Isi avfallsdeponi"
ADOPTED_SUMMARY = "Gassen fra det gamle deponiet på Isi skal varme opp driftsbygningene."

# Bokmål words of the interface that nynorsk writes otherwise (ikkje, kva, korleis, kven,
# kvar, eg, meir, frå, nokon, berre, vere, sidan, vart, nyheiter, idear, varsel, kommentarar,
# de, dykkar, òg): none is in a msgstr of locale/nn, every one is in locale/nb.
BOKMAL_ONLY = [
    "ikke", "hva", "hvordan", "hvem", "hvor", "jeg", "mer", "fra", "noen", "bare", "være",
    "siden", "ble", "nyheter", "ideer", "varsler", "kommentarer", "dere", "deres", "også",
]  # fmt: skip

# What other municipalities wrote, in their own language form: the sharing bank's cards
# (title, municipality, summary) and a shared initiative's page (title, summary, texts,
# lessons, benefits, facts) carry it; the interface around it must be nynorsk.
CONTENT_OF_OTHERS = ", ".join(
    [
        ".initiative-card h3",
        ".initiative-card p.ds-paragraph",
        ".page > h1",
        ".page > p.ds-paragraph[data-size=lg]",
        ".prose",
        "[id^=lesson-]",
        "[aria-labelledby=benefits-heading] li",
        ".facts dd",
    ]
)


def address(live_server, host=None):
    """The live server's address, or the same server under another host name."""
    url = live_server.url
    if host is None:
        return url
    return url.replace(f"//{urlsplit(url).hostname}", f"//{host}", 1)


@pytest.fixture
def hosts_browser(playwright_driver, chromium_path):
    """A Chromium of its own that sends every *.localhost to this machine."""
    browser = playwright_driver.chromium.launch(
        executable_path=chromium_path,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP *.localhost 127.0.0.1"],
        headless=True,
    )
    yield browser
    browser.close()


class Journey:
    """Everyone's tabs in one test: each page they reach is checked by axe."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts = []
        self.pages_checked = 0

    def person(self, base_url):
        context = self.browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
        self.contexts.append(context)
        return Visitor(context.new_page(), base_url)

    def check(self, person):
        person.assert_accessible()
        self.pages_checked += 1

    def close(self):
        for context in self.contexts:
            context.close()


def log_in(journey, person, user):
    page = person.page
    person.visit("/konto/logg-inn/")
    journey.check(person)
    page.get_by_label("E-postadresse", exact=True).fill(user.email)
    page.get_by_label("Passord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Logg inn", exact=True).click()
    page.wait_for_url("**/konto/")
    journey.check(person)


def save_in_admin(page):
    """Press "Lagre" on an admin form; it is saved, and the list says so."""
    page.get_by_role("button", name="Lagre", exact=True).click()
    page.wait_for_load_state()
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert errors == [], f"the admin refused the form: {errors}"
    page.wait_for_url(re.compile(r"/admin/portfolio/initiative/(\?.*)?$"))
    assert "ble endret" in page.locator(".messagelist").inner_text()


def interface_text(page):
    """The visible text of the page without what other municipalities wrote."""
    return page.evaluate(
        """(selector) => {
            const copy = document.body.cloneNode(true);
            copy.querySelectorAll(selector).forEach((element) => element.remove());
            copy.querySelectorAll('script, style, template').forEach((e) => e.remove());
            return copy.textContent;
        }""",
        CONTENT_OF_OTHERS,
    )


def bokmal_words(text):
    return sorted({word for word in BOKMAL_ONLY if re.search(rf"\b{word}\b", text, re.I)})


def test_asker_shares_baerum_adopts_and_voss_reads_nynorsk(
    hosts_browser, live_server, demo_data, settings, sent_mail, tmp_path
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, BAERUM_HOST, VOSS_HOST]
    settings.KOMINN_BASE_URL = live_server.url  # links in mail, written without a request
    yggeset = Initiative.objects.get(slug=YGGESET, organisation__slug="asker")
    asker = yggeset.organisation
    # The demo shares Yggeset already; here Asker's editor is the one who shares it.
    Initiative.objects.filter(pk=yggeset.pk).update(shared=False)
    # The owner: an editor of Asker whose address is the initiative's contact address.
    owner = make_editor(yggeset.contact_email, organisation=asker)
    owner.display_name = yggeset.contact_name
    owner.save(update_fields=["display_name"])

    baerum = make_organisation("baerum", name="Bærum kommune", hosts=[BAERUM_HOST])
    ServiceArea.objects.create(organisation=baerum, slug="teknisk-drift", name="Teknisk drift")
    baerum_editor = make_editor("redaktor@baerum.kommune.no", organisation=baerum)

    voss = make_organisation("voss", name="Voss herad", hosts=[VOSS_HOST], language="nn")
    ServiceArea.objects.create(organisation=voss, slug="teknisk", name="Teknisk")
    make_initiative(
        voss,
        "Varmepumper i skulane",
        slug="varmepumper-i-skulane",
        summary="Skulane får varme frå grunnen i staden for frå olje.",
        need="Oljefyrane i skulane må ut innan få år.",
        approach=Approach.FIRST,
        phase=Phase.PRACTICE,
        shared=True,
    )
    sent_mail()

    journey = Journey(hosts_browser)
    try:
        # 1. Asker's editor shares the initiative in the admin.
        kari = journey.person(address(live_server))
        log_in(journey, kari, owner)
        page = kari.page
        kari.visit("/admin/portfolio/initiative/?q=Yggeset")
        journey.check(kari)
        page.get_by_role("link", name=yggeset.title, exact=True).click()
        page.wait_for_url(re.compile(rf"/admin/portfolio/initiative/{yggeset.pk}/change/"))
        journey.check(kari)
        page.get_by_label("Del med andre kommuner", exact=True).check()
        save_in_admin(page)
        journey.check(kari)
        yggeset.refresh_from_db()
        assert yggeset.shared

        # 2. Bærum's editor finds it in Bærum's sharing bank by search and takes it into use.
        baerum_staff = journey.person(address(live_server, BAERUM_HOST))
        log_in(journey, baerum_staff, baerum_editor)
        page = baerum_staff.page
        baerum_staff.visit("/deling/")
        journey.check(baerum_staff)
        if page.locator(".filter-disclosure__button").is_visible():  # folded on a phone
            page.locator(".filter-disclosure__button").click()
        page.locator("#id_q").fill("deponigass")  # the bank's own search, labelled "Søk"
        page.get_by_role("button", name="Vis tiltak", exact=True).click()
        page.wait_for_url(re.compile(r"/deling/\?(.*&)?q=deponigass"))
        results = page.locator(".results")
        assert [yggeset.title] == results.locator("h3").all_inner_texts()
        assert "Asker kommune" in results.inner_text()
        journey.check(baerum_staff)
        results.get_by_role("link", name=yggeset.title, exact=True).click()
        page.wait_for_url(f"**/deling/asker/{YGGESET}/")
        assert "Delt av Asker kommune" in page.content()
        journey.check(baerum_staff)
        page.get_by_role("button", name="Ta i bruk hos oss", exact=True).click()
        page.wait_for_url(re.compile(r"/admin/portfolio/initiative/\d+/change/"))
        assert yggeset.title in page.locator(".messagelist").inner_text()
        journey.check(baerum_staff)
        draft = Initiative.objects.get(organisation=baerum)
        assert not draft.is_published
        assert draft.approach == Approach.ADOPTED
        assert draft.relations_from.get().type == RelationType.ADOPTED_FROM

        # ...adapts the draft and publishes it.
        page.get_by_role("textbox", name="Tittel:", exact=True).first.fill(ADOPTED_TITLE)
        page.locator("#id_summary").fill(ADOPTED_SUMMARY)
        page.locator("#id_is_published").check()
        page.select_option("#id_service_areas_from", label="Teknisk drift")
        page.locator("#id_service_areas_add").click()
        save_in_admin(page)
        journey.check(baerum_staff)
        draft.refresh_from_db()
        assert (draft.title, draft.summary, draft.is_published) == (
            ADOPTED_TITLE,
            ADOPTED_SUMMARY,
            True,
        )
        baerum_staff.visit(draft.get_absolute_url())
        assert ADOPTED_TITLE in page.locator("h1").inner_text()
        journey.check(baerum_staff)

        # 3. Asker's page shows the adoption; its owner has been told, in KomInn and by mail.
        page = kari.page
        kari.visit(yggeset.get_absolute_url())
        adopted_by = page.locator("aside").get_by_text("Tatt i bruk av", exact=True)
        adopted_by.wait_for()
        assert "Bærum kommune (behov og innsikt)" in page.locator("aside").inner_text()
        journey.check(kari)
        kari.visit("/konto/varsler/")
        notifications = page.locator(".notification-list").inner_text()
        assert "Bærum kommune" in notifications
        assert yggeset.title in notifications
        journey.check(kari)
        assert Notification.objects.filter(recipient=owner).count() == 1
        mail = [message for message in sent_mail() if owner.email in message.to]
        assert len(mail) == 1
        assert "Bærum kommune" in mail[0].subject + mail[0].body

        # 4. Voss herad writes nynorsk: its pages are nynorsk, whoever else's content they show.
        visitor = journey.person(address(live_server, VOSS_HOST))
        page = visitor.page
        served = {}
        for path in [
            "/",
            "/tiltak/",
            "/ideer/",
            "/deling/",
            "/tiltak/varmepumper-i-skulane/",
            f"/deling/asker/{YGGESET}/",
            "/konto/logg-inn/",
        ]:
            response = visitor.visit(path)
            assert response.status == 200, path
            html = response.text()
            assert '<html lang="nn"' in html, path
            found = bokmal_words(interface_text(page))
            if path == "/deling/":
                assert yggeset.title in page.locator(".results").inner_text()
            if path.startswith("/deling/asker/"):
                assert "Teke i bruk av" in page.locator("aside").inner_text()
            assert found == [], f"bokmål on Voss's {path}: {found}"
            journey.check(visitor)
            served[path] = html
        # The check can fail: the same pages in bokmål have those words.
        for path in ["/nb/tiltak/", f"/nb/deling/asker/{YGGESET}/"]:
            visitor.visit(path)
            assert bokmal_words(interface_text(page)), path
        for number, html in enumerate(served.values()):
            (tmp_path / f"voss_{number}.html").write_text(html)
        report = nu_checker_report(tmp_path)
        assert report == "", f"Nu HTML checker errors on Voss's pages:\n{report}"
    finally:
        journey.close()
    assert journey.pages_checked >= 20
