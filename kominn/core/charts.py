"""Charts drawn on the server as SVG: horizontal bars, stacked bars and progress to a target.

The functions here only lay a chart out; the partials in templates/charts/ draw it. Each
chart has a title, a one-sentence summary and the rows of its data table, so that a person
who cannot see the picture, or reads it on a small screen, loses nothing.

The SVG has no viewBox: one unit is one CSS pixel, so text keeps its real size on any
screen. Positions along the chart are percentages of its width and heights are pixels.
Labels are wrapped, and values placed, for the narrowest screen the site supports
(NARROWEST), so nothing is ever clipped; on wider screens the bars just grow.
"""

import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from kominn.core.formatting import format_number

FONT_SIZE = 14  # px, as .chart-text sets it in kominn.css
# A generous average width of a character in the site's sans-serif, so that estimates err
# towards too wide: a label wrapped early is better than one cut off.
CHAR_WIDTH = 0.62 * FONT_SIZE
LINE_HEIGHT = 20
NARROWEST = 288  # px: a 320 px phone less the page's gutters
# Text stands 2 px in from either edge, so that letters reaching past their origin (the
# hook of a "j") are not cut.
INSET = 2
LINE_CHARS = int((NARROWEST - 2 * INSET) / CHAR_WIDTH)
BAR_HEIGHT = 14
ROW_GAP = 12
# Room at each end of a progress track for its markers (a 7 px circle at NARROWEST).
TRACK_PAD = 3


def text_width(text: str) -> float:
    """An estimate, in px, of how wide `text` is drawn at FONT_SIZE."""
    return len(text) * CHAR_WIDTH


def number(value) -> str:
    """A figure as the reader's language writes it (non-breaking spaces in bokmål)."""
    return format_number(value)


def wrap(text: str, chars: int = LINE_CHARS) -> list[str]:
    """`text` in lines of at most `chars` characters; long words are broken, never cut.

    Figures grouped with non-breaking spaces stay on one line."""
    return textwrap.wrap(str(text), max(chars, 1), break_on_hyphens=False) or [""]


def _percent(value) -> str:
    return f"{float(value):.2f}%"


@dataclass
class Line:
    text: str
    y: int


@dataclass
class Bar:
    """One row: its label (wrapped), the value to the right of the first line, the bar."""

    label: str
    value: Decimal | int
    value_text: str
    lines: list[Line]
    value_y: int
    bar_y: int
    segments: list[dict] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    summary: str
    rows: list[Bar]
    height: int
    columns: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)
    bar_height: int = BAR_HEIGHT

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def table_rows(self) -> list[list[dict]]:
        """The data table's rows, each cell with its column's heading (for narrow screens,
        where the rows stack and every figure carries its heading)."""
        return [
            [
                {"heading": heading, "value": value}
                for heading, value in zip(self.columns, row, strict=True)
            ]
            for row in self.table
        ]


def _scale(values):
    """A function from a value to a percentage of the width, zero included in the range."""
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    span = high - low

    def position(value):
        return Decimal(0) if not span else 100 * (Decimal(value) - low) / span

    return position


def _label_rows(labels_and_values, top=0):
    """Lays out each row's label lines, value and bar below them, from `top` down."""
    rows, y = [], top
    for label, value, value_text in labels_and_values:
        room = LINE_CHARS - len(value_text) - 2
        if room >= 8:
            label_lines = wrap(label, room)
            value_line = 0
        else:  # a value too wide to share a line gets a line of its own
            label_lines = [*wrap(label), ""]
            value_line = len(label_lines) - 1
        lines = [
            Line(text, y + LINE_HEIGHT * (index + 1) - 5) for index, text in enumerate(label_lines)
        ]
        bar_y = y + LINE_HEIGHT * len(label_lines) + 2
        rows.append(
            Bar(
                label=str(label),
                value=value,
                value_text=value_text,
                lines=[line for line in lines if line.text],
                value_y=lines[value_line].y,
                bar_y=bar_y,
            )
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    return rows, max(y - ROW_GAP + 2, 0)


def horizontal_bars(items, *, title, summary, label_heading, value_heading, unit=""):
    """Bars of `items`, (label, value) pairs, on one shared scale that includes zero.

    Negative values run left of the zero line; an empty list gives an empty chart."""
    items = [(str(label), Decimal(value)) for label, value in items]
    position = _scale([value for _label, value in items])
    suffix = f"\N{NO-BREAK SPACE}{unit}" if unit else ""
    rows, height = _label_rows([(label, value, number(value) + suffix) for label, value in items])
    zero = position(0)
    for row in rows:
        end = position(row.value)
        row.segments = [
            {
                "x": _percent(min(zero, end)),
                "width": _percent(abs(end - zero)),
                "series": 0,
            }
        ]
    return Chart(
        title=title,
        summary=summary,
        rows=rows,
        height=height,
        columns=[label_heading, value_heading],
        table=[[row.label, row.value_text] for row in rows],
    )


def stacked_bars(items, series, *, title, summary, label_heading, total_heading):
    """One bar per item, (label, {series key: value}), split into the `series`' parts.

    `series` is a list of (key, label) in drawing order; each keeps its colour (its index)
    whether or not an item has any of it. All bars share one scale, the largest total;
    negative parts are counted as nothing, since a stack cannot hold less than none."""
    items = [
        (str(label), {key: max(Decimal(parts.get(key) or 0), Decimal(0)) for key, _n in series})
        for label, parts in items
    ]
    totals = [sum(parts.values(), Decimal(0)) for _label, parts in items]
    largest = max(totals, default=Decimal(0))
    rows, height = _label_rows(
        [
            (label, total, number(total))
            for (label, _parts), total in zip(items, totals, strict=True)
        ]
    )
    used = set()
    for row, (_label, parts) in zip(rows, items, strict=True):
        start = Decimal(0)
        for index, (key, name) in enumerate(series):
            if not parts[key]:
                continue
            used.add(index)
            width = 100 * parts[key] / largest
            row.segments.append(
                {
                    "x": _percent(start),
                    "width": _percent(width),
                    "series": index,
                    "title": f"{name}: {number(parts[key])}",
                }
            )
            start += width
    shown = [(index, name) for index, (_key, name) in enumerate(series) if index in used]
    return Chart(
        title=title,
        summary=summary,
        rows=rows,
        height=height,
        columns=[label_heading, *(str(name) for _index, name in shown), total_heading],
        table=[
            [label, *(number(parts[series[index][0]]) for index, _name in shown), number(total)]
            for (label, parts), total in zip(items, totals, strict=True)
        ],
        legend=[{"series": index, "label": name} for index, name in shown],
    )


@dataclass
class Progress:
    """Where the latest value stands on the way from a baseline to a target."""

    label: str
    unit: str
    baseline: Decimal
    latest: Decimal
    target: Decimal
    share: Decimal | None  # of the way from baseline to target, per cent; None: no way
    lines: list[Line]
    track_y: int
    baseline_x: str
    target_x: str
    latest_x: str
    done_x: str
    done_width: str
    captions: list[dict]
    height: int
    description: str

    @property
    def reached(self) -> bool:
        return self.share is not None and self.share >= 100


def progress(label, unit, baseline, latest, target):
    """Lays out one indicator's progress: a track from baseline to target (whichever way
    the target lies: less CO₂ is progress too), the part covered so far, and the latest
    value marked, also when it is behind the baseline or beyond the target."""
    baseline, latest, target = Decimal(baseline), Decimal(latest), Decimal(target)
    way = target - baseline
    fraction = (latest - baseline) / way if way else Decimal(1 if latest == target else 0)
    share = (100 * fraction).quantize(Decimal(1)) if way else None
    low, high = min(Decimal(0), fraction), max(Decimal(1), fraction)

    def x(value):
        return _percent(TRACK_PAD + (100 - 2 * TRACK_PAD) * (value - low) / (high - low))

    suffix = f"\N{NO-BREAK SPACE}{unit}" if unit else ""
    heading = wrap(str(label))
    if share is None:
        status = _("Latest measured: %(latest)s") % {"latest": number(latest) + suffix}
    else:
        status = _("Latest measured: %(latest)s, %(share)s of the way") % {
            "latest": number(latest) + suffix,
            "share": f"{number(share)}\N{NO-BREAK SPACE}%",
        }
    texts = heading + wrap(status)
    lines = [Line(text, LINE_HEIGHT * (index + 1) - 5) for index, text in enumerate(texts)]
    track_y = LINE_HEIGHT * len(texts) + 8
    start = _("Baseline %(value)s") % {"value": number(baseline)}
    end = _("Target %(value)s") % {"value": number(target)}
    below = track_y + BAR_HEIGHT + LINE_HEIGHT
    if len(start) + len(end) + 2 <= LINE_CHARS:
        captions = [
            {"text": start, "y": below, "x": "0", "dx": INSET, "anchor": "start"},
            {"text": end, "y": below, "x": "100%", "dx": -INSET, "anchor": "end"},
        ]
    else:
        captions = [
            {"text": start, "y": below, "x": "0", "dx": INSET, "anchor": "start"},
            {"text": end, "y": below + LINE_HEIGHT, "x": "0", "dx": INSET, "anchor": "start"},
        ]
    done_from, done_to = sorted([Decimal(0), fraction])
    return Progress(
        label=str(label),
        unit=unit,
        baseline=baseline,
        latest=latest,
        target=target,
        share=share,
        lines=lines,
        track_y=track_y,
        baseline_x=x(Decimal(0)),
        target_x=x(Decimal(1)),
        latest_x=x(fraction),
        done_x=x(done_from),
        done_width=_percent((100 - 2 * TRACK_PAD) * (done_to - done_from) / (high - low)),
        captions=captions,
        height=captions[-1]["y"] + 6,
        description=_("%(indicator)s: from %(baseline)s towards %(target)s. %(status)s.")
        % {
            "indicator": label,
            "baseline": number(baseline) + suffix,
            "target": number(target) + suffix,
            "status": status,
        },
    )
