"""Issue "Inform": front page → initiatives → filter → initiative → relation → goal,
by keyboard, in both languages, with JavaScript on and off; axe on every page."""

import pytest

from kominn.portfolio.models import Initiative

pytestmark = pytest.mark.browser

TEXT = {
    "nb": {
        "nav": "Hovedmeny", "initiatives": "Tiltak", "approach": "Innovasjonsmåte",
        "area": "Tjenesteområde", "adopted": "Hentet fra andre", "show": "Vis tiltak",
        "related": "Relaterte tiltak", "goals": "Mål tiltaket bidrar til",
        "rollup": "Hva tiltakene utgjør til sammen",
    },
    "en": {
        "nav": "Main menu", "initiatives": "Initiatives", "approach": "Approach",
        "area": "Service area", "adopted": "Adopted from others", "show": "Show initiatives",
        "related": "Related initiatives", "goals": "Goals it serves",
        "rollup": "What the initiatives add up to",
    },
}  # fmt: skip


def journey_target():
    """An adopted initiative in Samfunnsutvikling whose relation leads to one with a goal."""
    candidates = Initiative.objects.published().filter(
        approach="adopted", service_areas__parent__slug="samfunnsutvikling"
    )
    for initiative in candidates.distinct().order_by("title"):
        for relation in initiative.relations_from.exclude(target=None):
            if relation.target.is_published and relation.target.goals.exists():
                return initiative, relation.target
    raise AssertionError("The demo data has no initiative for this journey")


def settled(page):
    """Wait until htmx has swapped and processed new content."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


def press_link(page, name, within=None):
    scope = page.get_by_role("complementary") if within == "side" else page
    link = scope.get_by_role("link", name=name, exact=True).first
    link.focus()
    page.keyboard.press("Enter")


def choose(page, label, option_text, javascript):
    select = page.get_by_label(label, exact=True)
    value = select.locator("option", has_text=option_text).first.get_attribute("value")
    if javascript:
        page.evaluate("window.kominnSamePage = true")
    select_id = select.get_attribute("id")
    select.focus()
    # Typing the start of an option picks it, as a keyboard user does.
    page.keyboard.type(option_text[:6])
    if javascript:
        # htmx replaces the list in place; the choice comes back chosen, and in the address.
        page.wait_for_selector(f'#{select_id} option[value="{value}"][selected]', state="attached")
        page.wait_for_url(f"**{value}**")
        settled(page)
        assert page.evaluate("window.kominnSamePage === true"), "the page was reloaded"
    assert select.input_value() == value


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_visitor_goes_from_front_page_to_what_a_goal_adds_up_to(
    browser, live_server, demo_data, language, javascript
):
    from tests.browser.conftest import Visitor

    text = TEXT[language]
    initiative, related = journey_target()
    context = browser.new_context(java_script_enabled=javascript, locale="nb-NO")
    axe_context = None if javascript else browser.new_context(locale="nb-NO")
    visitor = Visitor(
        context.new_page(), live_server.url, axe_page=axe_context and axe_context.new_page()
    )
    page = visitor.page
    prefix = "/en" if language == "en" else ""

    visitor.visit(prefix + "/")
    visitor.assert_accessible()
    page.get_by_role("navigation", name=text["nav"]).get_by_role(
        "link", name=text["initiatives"]
    ).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/tiltak/")
    visitor.assert_accessible()

    choose(page, text["approach"], text["adopted"], javascript)
    choose(page, text["area"], "Samfunnsutvikling", javascript)
    if not javascript:
        page.get_by_role("button", name=text["show"]).focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**approach=adopted**")
    assert "area=samfunnsutvikling" in page.url
    results = page.locator("#results h3 a")
    assert results.count() >= 2
    assert initiative.title in results.all_inner_texts()
    visitor.assert_accessible()

    press_link(page, initiative.title)
    page.wait_for_url(f"**/tiltak/{initiative.slug}/")
    assert page.locator("h1").inner_text() == initiative.title
    visitor.assert_accessible()

    press_link(page, related.title, within="side")
    page.wait_for_url(f"**/tiltak/{related.slug}/")
    visitor.assert_accessible()

    goal = related.goals.order_by("pk").first()
    press_link(page, goal.title, within="side")
    page.wait_for_url(f"**/mal/{goal.slug}/")
    assert page.get_by_role("heading", name=text["rollup"]).is_visible()
    assert (
        page.locator("table.rollup tbody tr").count() >= 1
        or page.get_by_text(related.title).is_visible()
    )
    visitor.assert_accessible()
    context.close()
    if axe_context:
        axe_context.close()
