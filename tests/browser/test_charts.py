"""The charts and figure tables on a 320 px phone: nothing scrolls sideways, no chart text
is cut off, stacked table rows show every figure with its heading, and axe finds nothing."""

import pytest

from tests.browser.test_pages import assert_fits_the_screen

pytestmark = pytest.mark.browser

PAGES = [
    "/statistikk/",
    "/en/statistikk/",
    "/mal/",
    "/mal/klima-og-miljo/",
    "/en/mal/klima-og-miljo/",
    "/tiltak/deponigassanlegg-pa-yggeset/",
]

# Every text in a chart, and every cell of a stacked table, with how far it sticks out of
# the chart or the screen.
OUTSIDE = """() => {
    const problems = [];
    for (const svg of document.querySelectorAll('main svg')) {
        const box = svg.getBoundingClientRect();
        for (const text of svg.querySelectorAll('text')) {
            const r = text.getBoundingClientRect();
            if (r.left < box.left - 0.5 || r.right > box.right + 0.5 ||
                r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
                problems.push('chart text ' + text.textContent);
            }
        }
    }
    for (const cell of document.querySelectorAll('.stack-table th, .stack-table td')) {
        const r = cell.getBoundingClientRect();
        if (r.width && r.right > window.innerWidth) problems.push(cell.textContent.trim());
    }
    return problems;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_charts_and_tables_fit_a_320_pixel_phone(phone_visitor, path):
    assert phone_visitor.visit(path).status == 200
    page = phone_visitor.page
    assert page.locator("main svg[role='img']").count() >= 1
    assert_fits_the_screen(page, path)
    assert page.evaluate(OUTSIDE) == []
    # Tables have no sideways scroll to hide figures in.
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('main .table-scroll')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).length"""
    )
    assert hidden == 0, f"{path}: {hidden} tables scroll sideways"
    phone_visitor.assert_accessible()


# What a stacked row shows, top to bottom: each cell's heading (drawn before it on narrow
# screens) and its text.
STACKED_ROW = """row => [...row.children]
    .map(cell => ({
        top: cell.getBoundingClientRect().top,
        right: cell.getBoundingClientRect().right,
        heading: getComputedStyle(cell, '::before').content,
        text: cell.textContent.trim(),
    }))
    .sort((a, b) => a.top - b.top)"""


def test_the_share_put_to_use_comes_first_in_each_row_on_a_phone(phone_visitor):
    phone_visitor.visit("/statistikk/")
    cells = phone_visitor.page.locator(".funnel tbody tr").first.evaluate(STACKED_ROW)
    assert cells[0]["text"] == "Alle ideer"
    assert cells[1]["heading"].startswith('"Andel gjennomført"')
    assert cells[1]["text"].endswith("%")
    assert all(cell["right"] <= 320 for cell in cells)
    phone_visitor.assert_accessible()


def test_goal_tables_show_every_figure_with_its_heading_on_a_phone(phone_visitor):
    phone_visitor.visit("/mal/klima-og-miljo/")
    row = phone_visitor.page.locator(".rollup tbody tr").first
    cells = row.evaluate(STACKED_ROW)
    headings = [cell["heading"].split(" /")[0].strip('"') for cell in cells[1:]]
    assert headings == ["Sist målt", "Enhet", "Tiltak", "Nullpunkt", "Mål"]
    assert all(cell["right"] <= 320 for cell in cells)
    # On a wide screen it is an ordinary table with its column headings.
    phone_visitor.page.set_viewport_size({"width": 1280, "height": 900})
    assert phone_visitor.page.locator(".rollup thead th").first.is_visible()
    assert row.locator("td").first.evaluate("c => getComputedStyle(c, '::before').content") in (
        "none",
        "normal",
    )
