"""Every page, in both languages, in a real browser: axe finds nothing, keyboard and phone work."""

import pytest

from tests.routes import all_page_paths, demo_content_paths

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", [*all_page_paths(), "/finnes-ikke/", "/en/finnes-ikke/"])
def test_page_has_no_accessibility_violations(visitor, path):
    response = visitor.visit(path)
    assert response.status == (404 if "finnes-ikke" in path else 200)
    expected_lang = "en" if path.startswith("/en/") else "nb"
    assert visitor.page.get_attribute("html", "lang") == expected_lang
    assert visitor.page.locator("h1").count() == 1
    visitor.assert_accessible()


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName, id: el.id, text: el.textContent.trim(),
                outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                boxShadow: style.boxShadow,
                visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0,
            };
        }"""
    )


def has_visible_focus(state):
    return state["visible"] and (
        (state["outline"] != "none" and state["outlineWidth"] > 0) or state["boxShadow"] != "none"
    )


def test_skip_link_comes_first_and_moves_focus_to_the_main_content(visitor):
    visitor.visit("/")
    visitor.page.keyboard.press("Tab")
    state = focused(visitor.page)
    assert state["text"] == "Hopp til hovedinnhold"
    assert has_visible_focus(state)
    visitor.page.keyboard.press("Enter")
    assert focused(visitor.page)["id"] == "main"


def test_every_link_in_the_header_shows_focus_when_tabbed_to(visitor):
    visitor.visit("/")
    labels = []
    for _ in range(20):
        visitor.page.keyboard.press("Tab")
        state = focused(visitor.page)
        assert has_visible_focus(state), f"No visible focus on {state}"
        labels.append(state["text"])
    for label in (
        "Nynorsk", "English", "Tiltak", "Mål", "Ideer", "Utfordringer", "Bidra",
        "Arrangementer", "Nyheter", "Om KomInn",
    ):  # fmt: skip
        assert label in labels, labels


def test_visitor_finds_a_section_and_switches_language_by_keyboard(visitor):
    visitor.visit("/")
    visitor.page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Om KomInn"
    ).focus()
    visitor.page.keyboard.press("Enter")
    visitor.page.wait_for_url("**/om/")
    assert visitor.page.locator("h1").inner_text() == "Om KomInn"

    visitor.page.get_by_role("link", name="English").focus()
    visitor.page.keyboard.press("Enter")
    visitor.page.wait_for_url("**/en/om/")
    assert visitor.page.locator("h1").inner_text() == "About KomInn"
    visitor.assert_accessible()


def test_every_navigation_link_leads_to_a_page(visitor):
    visitor.visit("/")
    links = visitor.page.locator("header a, footer a[href^='/']")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert len(hrefs) >= 9
    for href in sorted(hrefs):
        assert visitor.visit(href).status == 200, href


def assert_fits_the_screen(page, path):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{path} is {width}px wide on a 320px screen"
    # Content clipped by a card is as lost as content one must scroll to.
    sticking_out = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.table-scroll'))  // wide tables scroll on their own
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.tagName + ' ' + e.textContent.trim().slice(0, 40))"""
    )
    assert sticking_out == [], f"{path}: wider than the screen: {sticking_out[:5]}"


@pytest.mark.parametrize(
    "path",
    ["/", "/om/", "/en/personvern/", "/tilgjengelighet/", "/tiltak/", "/mal/", "/nyheter/",
     "/ideer/", "/utfordringer/", "/apne-data/"],
)  # fmt: skip
def test_page_fits_a_320_pixel_phone_without_sideways_scrolling(phone_visitor, path):
    phone_visitor.visit(path)
    assert_fits_the_screen(phone_visitor.page, path)
    phone_visitor.assert_accessible()


def test_demo_content_pages_have_no_accessibility_violations(visitor):
    paths = demo_content_paths(sample=True)
    problems = {}
    for path in [*paths, *("/en" + path for path in paths)]:
        assert visitor.visit(path).status == 200, path
        if violations := visitor.axe_violations():
            problems[path] = violations
    assert problems == {}
    visitor.assert_accessible()


def test_demo_content_pages_fit_a_320_pixel_phone(phone_visitor):
    for path in demo_content_paths(sample=True):
        phone_visitor.visit(path)
        assert_fits_the_screen(phone_visitor.page, path)


def test_pages_for_logged_in_people_have_no_accessibility_violations(visitor, live_server):
    from conftest import PASSWORD, make_user

    make_user("innlogget@example.no")
    visitor.visit("/konto/logg-inn/")
    visitor.page.get_by_label("E-postadresse").fill("innlogget@example.no")
    visitor.page.get_by_label("Passord").fill(PASSWORD)
    visitor.page.get_by_role("button", name="Logg inn").click()
    visitor.page.wait_for_url("**/konto/")
    problems = {}
    for path in all_page_paths(private=True):
        assert visitor.visit(path).status == 200, path
        if violations := visitor.axe_violations():
            problems[path] = violations
    assert problems == {}
    visitor.assert_accessible()


def test_form_errors_are_accessible(visitor):
    visitor.visit("/konto/registrer/")
    visitor.page.get_by_role("button", name="Registrer deg").click()
    visitor.page.wait_for_load_state()
    assert visitor.page.get_by_role("alert").is_visible()
    visitor.assert_accessible()


def test_pages_for_staff_have_no_accessibility_violations(visitor, live_server):
    from conftest import PASSWORD, make_user
    from kominn.moderation.models import Report
    from kominn.participation.models import Idea

    admin = make_user("plattform@example.no", is_staff=True, is_superuser=True)
    idea = Idea.objects.published().first()
    Report.objects.create(organisation=idea.organisation, reporter=admin, idea=idea, reason="spam")
    visitor.visit("/konto/logg-inn/")
    visitor.page.get_by_label("E-postadresse").fill(admin.email)
    visitor.page.get_by_label("Passord").fill(PASSWORD)
    visitor.page.get_by_role("button", name="Logg inn").click()
    visitor.page.wait_for_url("**/konto/")
    problems = {}
    paths = [
        *all_page_paths(staff=True),
        f"/moderering/ideer/{idea.pk}/",
        f"/moderering/kontoer/{idea.author_id}/",
        idea.get_absolute_url(),  # with the answer form
    ]
    for path in paths:
        assert visitor.visit(path).status == 200, path
        if violations := visitor.axe_violations():
            problems[path] = violations
    assert problems == {}
    visitor.assert_accessible()
