"""How many small initiatives add up to a goal ("mange bekker små")."""

from collections import Counter, defaultdict
from decimal import Decimal

from .models import GoalContribution

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
    """Benefits of the initiatives grouped by indicator and unit.

    Only what shares indicator and unit is added up; kroner are never added to tonnes.
    Levels (percentages, scores) are averaged instead of summed. Uses prefetched benefits.
    """
    groups = defaultdict(list)
    for initiative in initiatives:
        for benefit in initiative.benefits.all():
            key = (benefit.indicator.strip(), benefit.unit.strip())
            groups[key].append((initiative, benefit))
    rows = []
    for (indicator, unit), members in sorted(groups.items()):
        # Only benefits with a baseline, a measurement and a target are added, so that the
        # three columns always speak of the same benefits.
        complete = [
            (benefit.baseline, latest.value, benefit.target)
            for _, benefit in members
            if benefit.baseline is not None
            and benefit.target is not None
            and (latest := benefit.latest_measurement()) is not None
        ]
        combine = _average if is_level_unit(unit) else sum
        rows.append(
            {
                "indicator": indicator,
                "unit": unit,
                "averaged": is_level_unit(unit),
                "initiatives": sorted({i for i, _ in members}, key=lambda i: i.title),
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
