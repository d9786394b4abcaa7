"""Phones first: at 320 and 375 px no page scrolls sideways, headings fit their box, the
menu and the filters fold behind buttons that work by keyboard, and results come early."""

import pytest

from tests.browser.conftest import Visitor
from tests.routes import demo_content_paths, page_paths

pytestmark = pytest.mark.browser

PHONES = {320: 640, 375: 667}


@pytest.fixture(params=sorted(PHONES), ids=lambda width: f"{width}px")
def phone(request, browser, live_server, demo_data):
    width = request.param
    context = browser.new_context(
        locale="nb-NO",
        viewport={"width": width, "height": PHONES[width]},
        is_mobile=True,
        has_touch=True,
    )
    yield Visitor(context.new_page(), live_server.url)
    context.close()


# Every heading: its box is not wider than its content allows, and no single word is
# wider than the box (such a word would be cut mid-word or stick out). Words are measured
# in the heading's own font; `hyphens: auto` lets browsers with a dictionary hyphenate.
HEADINGS_THAT_DO_NOT_FIT = """() => {
    const canvas = document.createElement('canvas').getContext('2d');
    const problems = [];
    for (const heading of document.querySelectorAll('main :is(h1, h2, h3, h4)')) {
        // Folded away, or there for screen readers only.
        if (!heading.getClientRects().length || heading.clientWidth <= 1) continue;
        const style = getComputedStyle(heading);
        const text = heading.textContent.trim().slice(0, 60);
        if (style.hyphens !== 'auto') problems.push(`${text}: hyphens ${style.hyphens}`);
        if (heading.scrollWidth > heading.clientWidth + 1) problems.push(`${text}: overflows`);
        canvas.font = style.font;
        const room = heading.clientWidth
            - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
        for (const word of heading.textContent.split(/\\s+/)) {
            const width = canvas.measureText(word).width;
            if (width > room + 1) problems.push(`${text}: "${word}" is wider than the heading`);
        }
    }
    return problems;
}"""


def test_no_page_scrolls_sideways_and_headings_fit_on_phones(phone):
    width = phone.page.viewport_size["width"]
    paths = [*page_paths(), "/en/", "/en/tiltak/", *demo_content_paths(sample=True)]
    problems = {}
    for path in paths:
        phone.visit(path)
        assert phone.page.evaluate("document.documentElement.lang") in ("nb", "en")
        scroll_width = phone.page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} is {scroll_width}px wide on a {width}px screen"
        if headings := phone.page.evaluate(HEADINGS_THAT_DO_NOT_FIT):
            problems[path] = headings
    assert problems == {}, problems


def test_the_demo_landfill_gas_heading_is_not_cut_mid_word(phone):
    phone.visit("/tiltak/deponigassanlegg-pa-yggeset/")
    h1 = phone.page.locator("h1")
    assert h1.inner_text() == "Deponigassanlegg på Yggeset"
    assert phone.page.evaluate(HEADINGS_THAT_DO_NOT_FIT) == []
    # "Deponigassanlegg" stands whole on one line.
    lines = phone.page.evaluate(
        """() => {
            const node = document.querySelector('h1').firstChild;
            const range = document.createRange();
            range.setStart(node, 0);
            range.setEnd(node, 'Deponigassanlegg'.length);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        }"""
    )
    assert lines == 1


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def first_title_visible(page):
    return page.evaluate(
        """() => {
            const title = document.querySelector('.card-list > li h3');
            const box = title.getBoundingClientRect();
            const line = parseFloat(getComputedStyle(title).lineHeight) || box.height;
            return box.top >= 0 && box.top + line <= window.innerHeight;
        }"""
    )


@pytest.mark.parametrize(
    "path", ["/tiltak/", "/ideer/", "/en/tiltak/", "/en/ideer/", "/tiltak/?approach=adopted",
             "/ideer/?capacity=citizen"],
)  # fmt: skip
def test_the_first_result_is_on_the_first_screen(phone, path):
    phone.visit(path)
    assert first_title_visible(phone.page), f"{path}: the first result is below the first screen"


def test_the_menu_opens_by_keyboard_and_leads_to_a_section(phone):
    page = phone.page
    phone.visit("/")
    nav = page.get_by_role("navigation", name="Hovedmeny")
    assert not nav.is_visible()
    menu = page.locator(".site-menu > summary")
    assert menu.inner_text() == "Meny"
    # The button is reached by Tab, right after the header's search and log-in.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Meny"
    page.keyboard.press("Enter")
    assert nav.is_visible()
    assert page.get_by_role("link", name="English").is_visible()
    phone.assert_accessible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Tiltak"
    for _ in range(2):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Ideer"
    page.keyboard.press("Enter")
    page.wait_for_url("**/ideer/")
    # The open menu lies over the page; it closes with the next page.
    assert not page.get_by_role("navigation", name="Hovedmeny").is_visible()
    assert fits_the_screen(page)


def test_the_header_is_compact_on_a_phone(phone):
    phone.visit("/")
    height = phone.page.evaluate("document.querySelector('header').getBoundingClientRect().height")
    assert height <= 160, f"the header is {height}px high"
    assert phone.page.get_by_role("search").is_visible()
    assert phone.page.get_by_role("link", name="Logg inn").is_visible()


def test_filters_fold_behind_a_button_and_chosen_ones_are_removable_chips(phone):
    page = phone.page
    phone.visit("/ideer/")
    status = page.get_by_label("Status")
    assert not status.is_visible()
    button = page.locator(".filter-disclosure > summary")
    assert button.inner_text() == "Filtrer"
    button.focus()
    page.keyboard.press("Space")
    assert status.is_visible()
    phone.assert_accessible()
    status.select_option(label="Mottatt")
    page.get_by_label("Skrevet av").select_option(label="Innbygger")
    page.get_by_role("button", name="Vis ideer").click()
    page.wait_for_url("**/ideer/?*status=received*")
    assert button.inner_text() == "Filtrer (2)"
    assert not status.is_visible()
    chips = page.get_by_role("list", name="Valgte filtre")
    for name in ("Status: Mottatt", "Skrevet av: Innbygger"):
        assert chips.get_by_role("link", name=f"{name} – fjern dette filteret").is_visible()
    assert fits_the_screen(page)
    phone.assert_accessible()
    chips.get_by_role("link", name="Status: Mottatt – fjern dette filteret").click()
    page.wait_for_url("**/ideer/?capacity=citizen&sort=newest")
    assert button.inner_text() == "Filtrer (1)"


def test_staff_header_fits_one_row_on_a_laptop(browser, live_server, demo_data):
    from conftest import PASSWORD, make_user

    admin = make_user("plattform@example.no", is_staff=True, is_superuser=True)
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 800})
    visitor = Visitor(context.new_page(), live_server.url)
    page = visitor.page
    visitor.visit("/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(admin.email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/konto/")
    visitor.visit("/")
    account = page.get_by_role("navigation", name="Konto")
    links = account.locator("a, button")
    assert links.all_inner_texts() == [
        "Min side", "Varsler", "Ideer å svare på", "Moderering", "Min konto", "Logg ut",
    ]  # fmt: skip
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))}
    search_top = page.get_by_role("search").bounding_box()["y"]
    assert len(tops) == 1 and abs(tops.pop() - search_top) < 30
    # The menu stands open on wide screens, under the first row.
    assert page.get_by_role("navigation", name="Hovedmeny").is_visible()
    visitor.assert_accessible()
    context.close()


def test_staff_header_fits_a_phone_in_both_languages(phone):
    from conftest import PASSWORD, make_user

    admin = make_user("plattform@example.no", is_staff=True, is_superuser=True)
    page = phone.page
    phone.visit("/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(admin.email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/konto/")
    for path, button in (("/", "Konto"), ("/en/", "Account")):
        phone.visit(path)
        assert fits_the_screen(page), path
        name = page.locator(".site-name").bounding_box()
        account = page.locator(".account-menu > summary")
        assert account.inner_text() == button
        assert name["x"] + name["width"] <= account.bounding_box()["x"], "the name is covered"
        account.focus()
        page.keyboard.press("Enter")
        assert page.get_by_role("button", name="Logg ut" if path == "/" else "Log out").is_visible()
        assert fits_the_screen(page), path
    phone.assert_accessible()
