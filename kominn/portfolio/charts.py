"""Small server-drawn SVG charts: no JavaScript, and the numbers also stand in a table."""

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kominn.core import charts
from kominn.core.formatting import format_number

from .models import Phase

WIDTH, HEIGHT = 480, 180
PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 16, 16, 30
# The axis labels stand right-aligned this far left of the plot; the plot starts as far
# right as the widest label needs. The chart scales with the page, so on phones
# .chart-label grows to 19 units (about 11 px at 320 px): room is made for that size.
LABEL_GAP = 6
LABEL_CHAR_WIDTH = 0.62 * 19


def _number(value):
    return format_number(value)


def benefit_chart(benefit):
    """An SVG line of the benefit's measurements, with baseline and target as dashed lines."""
    measurements = list(benefit.measurements.all())
    if not measurements:
        return ""
    values = [m.value for m in measurements]
    references = [v for v in (benefit.baseline, benefit.target) if v is not None]
    low, high = min(values + references), max(values + references)
    if low == high:
        low, high = low - 1, high + 1
    first, last = measurements[0].measured_on, measurements[-1].measured_on
    span = max((last - first).days, 1)
    labels = [_number(value) for value in references]
    pad_left = (
        round(max([40, *(len(label) * LABEL_CHAR_WIDTH for label in labels)])) + 2 * LABEL_GAP
    )

    def x(day):
        usable = WIDTH - pad_left - PAD_RIGHT
        return pad_left + (
            usable * (day - first).days / span if len(measurements) > 1 else usable / 2
        )

    def y(value):
        usable = HEIGHT - PAD_TOP - PAD_BOTTOM
        return PAD_TOP + usable * float((high - value) / (high - low))

    points = " ".join(f"{x(m.measured_on):.1f},{y(m.value):.1f}" for m in measurements)
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4" fill="currentColor"/>',
        ((f"{x(m.measured_on):.1f}", f"{y(m.value):.1f}") for m in measurements),
    )
    guides = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-guide chart-guide--{}"/>'
        '<text x="{}" y="{}" class="chart-label" text-anchor="end">{}</text>',
        (
            (
                pad_left,
                WIDTH - PAD_RIGHT,
                y(value),
                y(value),
                kind,
                pad_left - 6,
                y(value) + 4,
                label,
            )
            for value, kind, label in (
                (
                    benefit.baseline,
                    "baseline",
                    _number(benefit.baseline) if benefit.baseline is not None else "",
                ),
                (
                    benefit.target,
                    "target",
                    _number(benefit.target) if benefit.target is not None else "",
                ),
            )
            if value is not None
        ),
    )
    summary = _(
        "%(indicator)s from %(first)s to %(last)s, in %(unit)s. The numbers are in the table below."
    ) % {
        "indicator": benefit.indicator,
        "first": _number(values[0]),
        "last": _number(values[-1]),
        "unit": benefit.unit,
    }
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{summary}">'
        "{guides}"
        '<polyline points="{points}" fill="none" stroke="currentColor" stroke-width="2.5"/>'
        "{dots}"
        '<text x="{x0}" y="{yb}" class="chart-label">{d0}</text>'
        '<text x="{x1}" y="{yb}" class="chart-label" text-anchor="end">{d1}</text>'
        "</svg>",
        w=WIDTH,
        h=HEIGHT,
        summary=summary,
        guides=guides,
        points=points,
        dots=dots,
        x0=pad_left,
        x1=WIDTH - PAD_RIGHT,
        yb=HEIGHT - 8,
        d0=date_format(first, "M Y"),
        d1=date_format(last, "M Y"),
    )


def goal_phase_chart(goals):
    """Stacked bars: the initiatives of each goal (with its phase_counts), split by phase."""
    total = sum(goal.initiative_count for goal in goals)
    summary = ngettext(
        "Each bar is a goal and how many initiatives contribute to it, by phase: "
        "%(initiatives)s contributions to %(goals)s goal in all.",
        "Each bar is a goal and how many initiatives contribute to it, by phase: "
        "%(initiatives)s contributions to %(goals)s goals in all.",
        len(goals),
    ) % {"initiatives": format_number(total), "goals": format_number(len(goals))}
    return charts.stacked_bars(
        [(goal.title, goal.phase_counts) for goal in goals],
        [(phase.value, phase.label) for phase in Phase],
        title=_("Initiatives by phase, per goal"),
        summary=summary,
        label_heading=_("Goal"),
        total_heading=_("In all"),
    )


def rollup_progress(rollup):
    """The way from baseline to target of each added-up benefit that has all three figures."""
    rows = [
        charts.progress(
            row["indicator"], row["unit"], row["baseline"], row["latest"], row["target"]
        )
        for row in rollup
        if None not in (row["baseline"], row["latest"], row["target"])
    ]
    reached = sum(1 for row in rows if row.reached)
    summary = ngettext(
        "%(reached)s of %(count)s indicator has reached its target. Each line runs from "
        "the baseline to the target; the dot is the latest measurement.",
        "%(reached)s of %(count)s indicators have reached their target. Each line runs from "
        "the baseline to the target; the dot is the latest measurement.",
        len(rows),
    ) % {"reached": format_number(reached), "count": format_number(len(rows))}
    return {"rows": rows, "summary": summary}
