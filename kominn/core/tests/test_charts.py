"""The chart layouts: scales, labels that fit the narrowest phone, and awkward data."""

from decimal import Decimal

import pytest
from django.utils import translation

from kominn.core import charts

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture(autouse=True)
def bokmal():
    with translation.override("nb"):
        yield


def bars(items, **options):
    return charts.horizontal_bars(
        items, title="T", summary="S", label_heading="L", value_heading="V", **options
    )


def widths(chart):
    return [[segment["width"] for segment in row.segments] for row in chart.rows]


def assert_fits_the_narrowest_screen(chart):
    for row in chart.rows:
        for line in row.lines:
            used = charts.text_width(line.text)
            if line.y == row.value_y:
                used += charts.text_width(row.value_text) + charts.CHAR_WIDTH
            room = charts.NARROWEST - 2 * charts.INSET
            assert used <= room, f"{line.text!r} and {row.value_text!r} overflow"
        assert charts.text_width(row.value_text) <= charts.NARROWEST - 2 * charts.INSET


def test_bars_share_one_scale_from_zero_to_the_largest_value():
    chart = bars([("Sendt inn", 40), ("Besvart", 30), ("Gjennomført", 10), ("Ingen", 0)])
    assert widths(chart) == [["100.00%"], ["75.00%"], ["25.00%"], ["0.00%"]]
    assert [row.value_text for row in chart.rows] == ["40", "30", "10", "0"]
    assert chart.table == [
        ["Sendt inn", "40"],
        ["Besvart", "30"],
        ["Gjennomført", "10"],
        ["Ingen", "0"],
    ]


def test_rows_follow_each_other_down_the_chart():
    chart = bars([("A", 1), ("B", 2)])
    first, second = chart.rows
    assert first.bar_y > first.value_y
    assert second.value_y > first.bar_y + chart.bar_height
    assert chart.height >= second.bar_y + chart.bar_height


def test_all_zero_values_draw_empty_bars_without_dividing_by_zero():
    chart = bars([("A", 0), ("B", 0)])
    assert widths(chart) == [["0.00%"], ["0.00%"]]
    assert not chart.empty


def test_no_data_gives_an_empty_chart():
    chart = bars([])
    assert chart.empty
    assert chart.height == 0
    assert chart.table == []


def test_negative_values_run_left_of_the_zero_line():
    chart = bars([("Opp", 30), ("Ned", -10)])
    up, down = (row.segments[0] for row in chart.rows)
    assert (up["x"], up["width"]) == ("25.00%", "75.00%")
    assert (down["x"], down["width"]) == ("0.00%", "25.00%")
    assert chart.rows[1].value_text == "-10"


def test_large_numbers_are_grouped_with_non_breaking_spaces_and_never_cut():
    chart = bars([("Innsparing", 1_200_000), ("Stor", 123_456_789_012_345)], unit="kroner")
    assert chart.rows[0].value_text == f"1{NBSP}200{NBSP}000{NBSP}kroner"
    assert chart.rows[1].value_text == f"123{NBSP}456{NBSP}789{NBSP}012{NBSP}345{NBSP}kroner"
    assert_fits_the_narrowest_screen(chart)


def test_a_value_too_wide_to_share_a_line_gets_its_own():
    chart = bars([("Et langt navn på en indikator", Decimal("1234567890123456789012.5"))])
    row = chart.rows[0]
    assert row.value_y > max(line.y for line in row.lines)
    assert_fits_the_narrowest_screen(chart)


def test_long_labels_are_wrapped_not_cut():
    label = "Asker skal være en bærekraftig kommune med levende lokalsamfunn for alle aldre"
    chart = bars([(label, 7)])
    row = chart.rows[0]
    assert len(row.lines) > 1
    assert " ".join(line.text for line in row.lines) == label
    assert_fits_the_narrowest_screen(chart)


def test_a_word_longer_than_a_line_is_broken_rather_than_cut():
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze"
    lines = charts.wrap(word)
    assert "".join(lines) == word
    assert all(len(line) <= charts.LINE_CHARS for line in lines)


def test_english_groups_thousands_with_commas():
    with translation.override("en"):
        assert bars([("Savings", 1_200_000)]).rows[0].value_text == "1,200,000"


def stacked(items):
    return charts.stacked_bars(
        items,
        [("need", "Behov"), ("idea", "Idé"), ("done", "Avsluttet")],
        title="T",
        summary="S",
        label_heading="Mål",
        total_heading="I alt",
    )


def test_stacked_bars_split_each_total_on_the_scale_of_the_largest():
    chart = stacked([("Klima", {"need": 2, "done": 2}), ("Skole", {"idea": 2})])
    klima, skole = chart.rows
    assert [(s["x"], s["width"], s["series"]) for s in klima.segments] == [
        ("0.00%", "50.00%", 0),
        ("50.00%", "50.00%", 2),
    ]
    assert [(s["x"], s["width"], s["series"]) for s in skole.segments] == [("0.00%", "50.00%", 1)]
    assert [row.value_text for row in chart.rows] == ["4", "2"]


def test_stacked_bars_table_and_legend_name_only_the_series_in_use():
    chart = stacked([("Klima", {"need": 1, "done": 3}), ("Skole", {})])
    assert chart.columns == ["Mål", "Behov", "Avsluttet", "I alt"]
    assert chart.table == [["Klima", "1", "3", "4"], ["Skole", "0", "0", "0"]]
    assert [item["label"] for item in chart.legend] == ["Behov", "Avsluttet"]
    # Each series keeps its colour whichever others are left out.
    assert [item["series"] for item in chart.legend] == [0, 2]
    assert chart.table_rows[0][1] == {"heading": "Behov", "value": "1"}


def test_stacked_bars_without_any_initiatives_draw_no_parts():
    chart = stacked([("Klima", {}), ("Skole", {"need": 0, "idea": -3})])
    assert [row.segments for row in chart.rows] == [[], []]
    assert chart.legend == []


def position(value):
    return float(value.rstrip("%"))


def assert_inside_the_track(row):
    for x in (row.baseline_x, row.target_x, row.latest_x):
        assert charts.TRACK_PAD <= position(x) <= 100 - charts.TRACK_PAD


def test_progress_marks_how_far_the_latest_value_has_come():
    row = charts.progress("Innsparing", "kroner", 0, 600_000, 1_200_000)
    assert row.share == 50
    assert (row.baseline_x, row.latest_x, row.target_x) == ("3.00%", "50.00%", "97.00%")
    assert (row.done_x, row.done_width) == ("3.00%", "47.00%")
    assert not row.reached
    texts = [line.text for line in row.lines]
    assert texts[0] == "Innsparing"
    assert f"600{NBSP}000{NBSP}kroner" in " ".join(texts)
    assert f"50{NBSP}% av veien" in " ".join(texts)
    assert [caption["text"] for caption in row.captions] == [
        "Nullpunkt 0",
        f"Mål 1{NBSP}200{NBSP}000",
    ]


def test_progress_towards_a_lower_target_counts_a_fall_as_progress():
    row = charts.progress("Utslipp", "tonn", 1000, 800, 600)
    assert row.share == 50
    assert position(row.baseline_x) < position(row.latest_x) < position(row.target_x)


def test_progress_beyond_the_target_stays_on_the_chart():
    row = charts.progress("Brukere", "personer", 0, 150, 100)
    assert row.share == 150 and row.reached
    assert position(row.target_x) < position(row.latest_x)
    assert_inside_the_track(row)


def test_progress_behind_the_baseline_stays_on_the_chart():
    row = charts.progress("Brukere", "personer", 100, 50, 200)
    assert row.share == -50
    assert position(row.latest_x) < position(row.baseline_x)
    assert position(row.done_x) == pytest.approx(position(row.latest_x))
    assert_inside_the_track(row)


def test_progress_with_the_target_at_the_baseline_has_no_share():
    row = charts.progress("Nivå", "%", 80, 80, 80)
    assert row.share is None
    assert "av veien" not in " ".join(line.text for line in row.lines)
    assert_inside_the_track(row)


def test_progress_captions_of_huge_numbers_go_on_two_lines_inside_the_chart():
    row = charts.progress("Innsparing", "kroner", 1_000_000_000, 1, 123_456_789_012)
    assert len({caption["y"] for caption in row.captions}) == 2
    for caption in row.captions:
        assert charts.text_width(caption["text"]) <= charts.NARROWEST
    assert row.height > row.captions[-1]["y"]
    assert row.description.startswith(f"Innsparing: fra 1{NBSP}000{NBSP}000{NBSP}000{NBSP}kroner")
