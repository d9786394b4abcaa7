"""Issue "Connections": search from the header → choose a facet → open a result, by
keyboard, with JavaScript on and off; axe on every page."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_visitor_searches_narrows_by_type_and_opens_a_result(
    browser, live_server, demo_data, javascript
):
    from tests.browser.conftest import Visitor

    context = browser.new_context(java_script_enabled=javascript, locale="nb-NO")
    axe_context = None if javascript else browser.new_context(locale="nb-NO")
    visitor = Visitor(
        context.new_page(), live_server.url, axe_page=axe_context and axe_context.new_page()
    )
    page = visitor.page

    visitor.visit("/")
    visitor.assert_accessible()
    search_box = page.get_by_role("search").first.get_by_role("searchbox")
    search_box.focus()
    page.keyboard.type("skoler")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=skoler")
    results = page.locator(".search-result h3 a")
    assert results.count() >= 5
    # Inflected and compound forms are found and marked: "skolene", "skolefravær".
    assert page.locator(".search-result mark").count() >= 5
    visitor.assert_accessible()

    facets = page.get_by_role("navigation").filter(has=page.locator("#facets-heading"))
    facets.locator('a[href*="type=initiative"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**type=initiative**")
    tags = page.locator(".search-result .tags .ds-tag:first-child").all_inner_texts()
    assert tags and len(set(tags)) == 1
    assert facets.locator('a[aria-current="true"]').count() == 1
    visitor.assert_accessible()

    first = page.locator(".search-result h3 a").first
    title = first.inner_text()
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/tiltak/**")
    assert page.locator("h1").inner_text() == title
    visitor.assert_accessible()

    # Nothing found: the page says what to try instead.
    visitor.visit("/sok/?q=kvantedatamaskin")
    assert page.locator("#no-results-heading").is_visible()
    visitor.assert_accessible()
    context.close()
    if axe_context:
        axe_context.close()
