"""How many small initiatives add up to a goal ("mange bekker små")."""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import OuterRef, Subquery

from .models import Benefit, GoalContribution, Measurement

# Units whose values describe a level, not an amount: they are averaged, never summed.
LEVEL_UNITS = {"%", "prosent", "percent", "poeng", "points"}


def goal_phase_counts(goals, initiatives):
    """{goal id: Counter(phase -> number of initiatives)}; a main goal counts its sub-goals'."""
    parents = {goal.pk: goal.parent_id for goal in goals}
    rows = (
        GoalContribution.objects.filter(goal__in=parents.keys(), initiative__in=initiatives)
        .values_list("goal_id", "initiative_id", "initiative__phase")
        .distinct()
    )
    members = defaultdict(dict)
    for goal_id, initiative_id, phase in rows:
        members[goal_id][initiative_id] = phase
        if parents.get(goal_id):
            members[parents[goal_id]][initiative_id] = phase
    return {goal_id: Counter(phases.values()) for goal_id, phases in members.items()}


def is_level_unit(unit: str) -> bool:
    return unit.strip().lower() in LEVEL_UNITS


def roll_up_benefits(initiatives):
    """Benefits of the initiatives (a queryset) grouped by indicator and unit.

    Only what shares indicator and unit is added up; kroner are never added to tonnes.
    Levels (percentages, scores) are averaged instead of summed. One query, reading only
    the figures: each benefit's latest measurement comes from a subquery.
    """
    return roll_up_figures(benefit_figures(initiatives.values("pk")))


def benefit_figures(initiatives):
    """(initiative id, indicator, unit, baseline, latest value, target) of each benefit of
    the initiatives (a queryset of them or of their ids): one query."""
    latest = (
        Measurement.objects.filter(benefit=OuterRef("pk"))
        .order_by("-measured_on", "-pk")
        .values("value")[:1]
    )
    return list(
        Benefit.objects.filter(initiative__in=initiatives)
        .annotate(latest_value=Subquery(latest))
        .order_by()
        .values_list("initiative_id", "indicator", "unit", "baseline", "latest_value", "target")
    )


def roll_up_figures(figures):
    """The rows of roll_up_benefits from benefit_figures (or a part of them)."""
    groups = defaultdict(list)
    for initiative_id, indicator, unit, baseline, latest_value, target in figures:
        groups[(indicator.strip(), unit.strip())].append(
            (initiative_id, baseline, latest_value, target)
        )
    rows = []
    for (indicator, unit), members in sorted(groups.items()):
        # Only benefits with a baseline, a measurement and a target are added, so that the
        # three columns always speak of the same benefits.
        complete = [member[1:] for member in members if None not in member]
        combine = _average if is_level_unit(unit) else sum
        rows.append(
            {
                "indicator": indicator,
                "unit": unit,
                "averaged": is_level_unit(unit),
                "initiative_count": len({member[0] for member in members}),
                "counted": len(complete),
                "benefits": len(members),
                "baseline": combine([c[0] for c in complete]) if complete else None,
                "latest": combine([c[1] for c in complete]) if complete else None,
                "target": combine([c[2] for c in complete]) if complete else None,
            }
        )
    return rows


def _average(values):
    return sum(values, Decimal(0)) / len(values)
