"""The goal pages' charts and the benefit chart, as a visitor gets them."""

import re
from datetime import date

from conftest import make_goal, make_initiative
from kominn.portfolio.models import Benefit, Measurement

NBSP = "\N{NO-BREAK SPACE}"


def figure(content, chart_id):
    """The chart figure with `chart_id`, as HTML."""
    match = re.search(
        rf'<figure class="chart-figure" aria-labelledby="{chart_id}-title">.*?</figure>',
        content,
        re.S,
    )
    assert match, f"No chart {chart_id}"
    return match.group(0)


def table(html):
    """The rows of the first table in `html`, as lists of cell texts (header row first)."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    cells = r"<t[hd][^>]*>(.*?)</t[hd]>"
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(cells, row, re.S)]
        for row in rows
    ]


def benefit(initiative, indicator, unit, baseline, latest, target):
    created = Benefit.objects.create(
        initiative=initiative, type="economic", indicator=indicator, unit=unit,
        baseline=baseline, target=target,
    )  # fmt: skip
    Measurement.objects.create(benefit=created, measured_on=date(2026, 1, 1), value=latest)
    return created


def test_goal_list_draws_initiatives_by_phase_per_main_goal(client, asker):
    climate = make_goal(asker, "Klima og miljø")
    energy = make_goal(asker, "Mindre energibruk", parent=climate)
    schools = make_goal(asker, "Gode skoler")
    make_initiative(asker, "LED", phase="development", goals=[energy])
    make_initiative(asker, "Solceller", phase="practice", goals=[climate])
    make_initiative(asker, "Gass", phase="practice", goals=[climate])
    make_initiative(asker, "Lekser", phase="idea", goals=[schools])

    html = figure(client.get("/mal/").content.decode(), "phase-chart")

    assert "Tiltak etter fase, per mål" in html
    assert "4 bidrag til 2 mål i alt" in html
    assert '<svg class="chart-bars"' in html and 'role="img"' in html
    # The bars: Gode skoler with 1, Klima og miljø with 3 (its sub-goal's counted).
    assert re.findall(r'text-anchor="end">(\d+)</text>', html) == ["1", "3"]
    assert re.findall(
        r'class="chart-series-(\d)" x="([\d.]+%)" y="\d+" width="([\d.]+%)"', html
    ) == [
        ("1", "0.00%", "33.33%"),
        ("2", "0.00%", "33.33%"),
        ("4", "33.33%", "66.67%"),
    ]
    assert table(html) == [
        ["Mål", "Idé", "Utvikling og utprøving", "Ny praksis", "I alt"],
        ["Gode skoler", "1", "0", "0", "1"],
        ["Klima og miljø", "0", "1", "2", "3"],
    ]
    assert 'data-label="Ny praksis"' in html


def test_goal_list_without_goals_draws_no_chart(client, asker):
    content = client.get("/mal/").content.decode()
    assert "chart-figure" not in content


def test_goal_page_shows_progress_from_baseline_to_target(client, asker):
    goal = make_goal(asker, "Klima og miljø")
    gas = make_initiative(asker, "Gass", goals=[goal])
    benefit(gas, "Innsparing", "kroner", 0, 900_000, 1_200_000)
    benefit(gas, "Utslipp", "tonn", 1000, 500, 600)  # a fall is progress; past the target
    benefit(gas, "Uten mål", "timer", 0, 5, None)

    content = client.get("/mal/klima-og-miljo/").content.decode()
    html = figure(content, "progress-chart")

    assert "Fremdrift mot målene" in html
    assert "1 av 2 indikatorer har nådd målet sitt" in html
    assert html.count('role="img"') == 2
    assert f"Sist målt: 900{NBSP}000{NBSP}kroner, 75{NBSP}% av veien" in html
    assert f"Sist målt: 500{NBSP}tonn, 125{NBSP}% av veien" in html
    assert f"Mål 1{NBSP}200{NBSP}000" in html
    assert "Uten mål" not in html  # no target: nothing to draw a way to
    assert "Uten mål" in content  # but it stays in the table
    assert 'class="ds-table rollup stack-table"' in content
    assert f'data-label="Sist målt">900{NBSP}000</td>' in content


def test_goal_page_without_complete_benefits_draws_no_progress(client, asker):
    goal = make_goal(asker, "Klima og miljø")
    benefit(make_initiative(asker, "Gass", goals=[goal]), "Uten mål", "timer", 0, 5, None)
    content = client.get("/mal/klima-og-miljo/").content.decode()
    assert "progress-chart" not in content


def test_benefit_chart_leaves_room_for_its_widest_axis_label(client, asker):
    initiative = make_initiative(asker, "Gass")
    benefit(initiative, "Innsparing", "kroner", 0, 1_100_000, 1_200_000)
    content = client.get("/tiltak/gass/").content.decode()
    svg = re.search(r'<svg class="chart".*?</svg>', content, re.S).group(0)
    labels = re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" class="chart-label" text-anchor="end">([\d\xa0]+)</text>',
        svg,
    )
    assert [text for _x, text in labels] == ["0", f"1{NBSP}200{NBSP}000"]
    for x, text in labels:
        # Drawn right-aligned at x, at most 19 units high: it must start inside the picture.
        assert float(x) - len(text) * 0.62 * 19 >= 0, f"{text!r} is cut off"
