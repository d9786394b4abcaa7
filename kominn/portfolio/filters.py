"""The initiative list's filters: a form that lives in the URL, with counts per choice.

Every facet is counted against the other facets' filters, so the counts say what
choosing a value would give. The number of queries is fixed, whatever the data.
"""

from collections import Counter, defaultdict

from django import forms
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _

from kominn.organisations.models import ServiceArea, Theme

from . import bank
from .models import (
    Approach,
    Benefit,
    BenefitType,
    Goal,
    GoalContribution,
    Initiative,
    Lesson,
    Phase,
    Status,
)

SORTS = {
    "newest": ("-published_at", _("Newest")),
    "updated": ("-updated_at", _("Recently updated")),
    "name": ("title", _("Name")),
}
FACETS = ["area", "theme", "approach", "phase", "goal", "status"]
# The bank's text search ranks at most this many matches.
BANK_SEARCH_LIMIT = 200


class InitiativeFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Service area"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    approach = forms.ChoiceField(label=_("Approach"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    goal = forms.ChoiceField(label=_("Goal"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (_order, label) in SORTS.items()],
    )

    def __init__(self, data, *, organisation, base_queryset):
        super().__init__(data)
        self.base_queryset = base_queryset
        self.areas = list(ServiceArea.objects.for_organisation(organisation).order_by("name"))
        self.themes = list(Theme.objects.for_organisation(organisation))
        self.goals = list(Goal.objects.for_organisation(organisation).published())
        self._options = {
            "area": [
                (area.slug, f"– {area.name}" if area.parent_id else area.name)
                for area in self._areas_in_tree_order()
            ],
            "theme": [(theme.slug, theme.name) for theme in self.themes],
            "approach": list(Approach.choices),
            "phase": list(Phase.choices),
            "goal": [(goal.slug, goal.title) for goal in self._goals_in_tree_order()],
            "status": list(Status.choices),
        }
        for name, options in self._options.items():
            self.fields[name].choices = [("", _("All")), *options]

    def _areas_in_tree_order(self):
        children = defaultdict(list)
        for area in self.areas:
            children[area.parent_id].append(area)
        ordered = []
        for top in children[None]:
            ordered.append(top)
            ordered += children[top.pk]
        return ordered

    def _goals_in_tree_order(self):
        children = defaultdict(list)
        shown = {goal.pk for goal in self.goals}
        for goal in self.goals:
            # A sub-goal whose main goal is not published stands on its own.
            children[goal.parent_id if goal.parent_id in shown else None].append(goal)
        ordered = []
        for top in children[None]:
            ordered.append(top)
            ordered += children[top.pk]
        return ordered

    def value(self, name):
        """A facet's valid value, or ''. Invalid values are reported on the form and ignored."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    def _filter(self, queryset, name, value):
        if not value:
            return queryset
        if name == "area":
            area = next(area for area in self.areas if area.slug == value)
            units = [unit.pk for unit in self.areas if unit.parent_id == area.pk]
            return queryset.filter(
                pk__in=Initiative.service_areas.through.objects.filter(
                    servicearea_id__in=[area.pk, *units]
                ).values("initiative_id")
            )
        if name == "theme":
            return queryset.filter(themes__slug=value)
        if name == "approach":
            return queryset.filter(approach=value)
        if name == "phase":
            return queryset.filter(phase=value)
        if name == "goal":
            goal = next(goal for goal in self.goals if goal.slug == value)
            return queryset.for_goal(goal)
        if name == "status":
            return queryset.for_status(value)
        raise ValueError(name)

    def filtered(self, *, except_facet=None):
        queryset = self.base_queryset
        for name in FACETS:
            if name != except_facet:
                queryset = self._filter(queryset, name, self.value(name))
        return queryset

    def results(self):
        order = SORTS.get(self.value("sort") or "newest")[0]
        return self.filtered().for_list().order_by(order, "pk")

    def active_filters(self):
        """The chosen values, with labels, for the "remove filter" links."""
        active = []
        for name in FACETS:
            value = self.value(name)
            if value:
                label = dict(self._options[name]).get(value, value)
                active.append({"name": name, "label": self.fields[name].label, "value": label})
        return active

    def facet_key(self) -> str:
        """The chosen facets' values: what the counts depend on (not the sort or page)."""
        return "&".join(f"{name}={self.value(name)}" for name in FACETS)

    def facets(self, counts=None):
        """Per facet: each option with the number of initiatives choosing it would give,
        written into the fields' choices. `counts` are count_facets()'s, if kept."""
        counts = self.count_facets() if counts is None else counts
        for name, options in self._options.items():
            self.fields[name].choices = [("", _("All"))] + [
                (value, f"{label} ({counts[name].get(value, 0)})") for value, label in options
            ]
        return counts

    def count_facets(self):
        """{facet: {value: number of initiatives}}: a handful of aggregate queries over the
        initiatives that pass the other facets' filters."""
        counts = {
            "area": self._tree_counts(
                "area",
                Initiative.service_areas.through.objects,
                "servicearea_id",
                {area.pk: area.parent_id for area in self.areas},
                {area.pk: area.slug for area in self.areas},
            ),
            "goal": self._tree_counts(
                "goal",
                GoalContribution.objects,
                "goal_id",
                {goal.pk: goal.parent_id for goal in self.goals},
                {goal.pk: goal.slug for goal in self.goals},
            ),
            "theme": self._grouped("theme", "themes__slug"),
            "approach": self._grouped("approach", "approach"),
        }
        phases = self._grouped("phase", "phase")
        counts["phase"] = phases
        status_phases = self._grouped("status", "phase")
        ended = status_phases.get(Phase.COMPLETED, 0) + status_phases.get(Phase.STOPPED, 0)
        counts["status"] = {
            Status.ONGOING: sum(status_phases.values()) - ended,
            Status.COMPLETED: status_phases.get(Phase.COMPLETED, 0),
            Status.STOPPED: status_phases.get(Phase.STOPPED, 0),
        }
        return {name: dict(values) for name, values in counts.items()}

    def _grouped(self, facet, field):
        rows = (
            self.filtered(except_facet=facet)
            .order_by()
            .values(field)
            .annotate(n=Count("pk", distinct=True))
        )
        return {row[field]: row["n"] for row in rows}

    def _tree_counts(self, facet, through, key, parents, slugs):
        """Count initiatives per node, where a parent counts the initiatives of its children.

        Counted in the database in two queries whose answers are as long as the tree, not
        as the list: a row per node for the nodes' own initiatives, and one row with a
        count for each node that has children (its own and its children's, once each)."""
        pairs = through.filter(initiative__in=self.filtered(except_facet=facet).values("pk"))
        node = key.removesuffix("_id")
        own = pairs.values(key).annotate(n=Count("initiative_id", distinct=True)).order_by()
        counts = Counter(
            {slugs[row[key]]: row["n"] for row in own if row[key] in slugs and row["n"]}
        )
        with_children = {parent for parent in parents.values() if parent in slugs}
        if with_children:
            totals = pairs.aggregate(
                **{
                    f"n{pk}": Count(
                        "initiative_id",
                        distinct=True,
                        filter=Q(**{key: pk}) | Q(**{f"{node}__parent_id": pk}),
                    )
                    for pk in with_children
                }
            )
            for pk in with_children:
                if totals[f"n{pk}"]:
                    counts[slugs[pk]] = totals[f"n{pk}"]
        return counts


class SharingBankFilterForm(forms.Form):
    """The sharing bank's filters and text search. The search is the site search's
    (Norwegian stems, compounds, near misses: bank.text_search) when the search app is
    there, among the bank's initiatives of every municipality, best match first."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Category"), required=False)
    approach = forms.ChoiceField(label=_("Approach"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    benefit = forms.ChoiceField(label=_("Benefit type"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, data, *, organisations, categories):
        super().__init__(data)
        self.fields["category"].choices = [
            ("", _("All")),
            *((category.slug, category.name) for category in categories),
        ]
        self.fields["approach"].choices = [("", _("All")), *Approach.choices]
        self.fields["phase"].choices = [("", _("All")), *Phase.choices]
        self.fields["benefit"].choices = [("", _("All")), *BenefitType.choices]
        self.fields["municipality"].choices = [
            ("", _("All")),
            *((organisation.slug, organisation.name) for organisation in organisations),
        ]

    def results(self):
        """The bank's initiatives that match; a choice that does not exist is ignored."""
        queryset = Initiative.objects.in_sharing_bank()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        order = ["-published_at", "pk"]
        if query := (data.get("q") or "").strip():
            ranked = bank.text_search(query, BANK_SEARCH_LIMIT)
            if ranked is None:
                queryset = queryset.filter(Q(title__icontains=query) | Q(summary__icontains=query))
            else:
                queryset = queryset.filter(pk__in=ranked)
                if ranked:
                    best_first = Case(
                        *(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ranked)),
                        output_field=IntegerField(),
                    )
                    order = [best_first, "pk"]
        if category := data.get("category"):
            # Through the initiative's service areas, or the area a unit belongs to.
            areas = ServiceArea.objects.filter(
                Q(shared_category__slug=category)
                | Q(shared_category__isnull=True, parent__shared_category__slug=category)
            )
            queryset = queryset.filter(
                pk__in=Initiative.service_areas.through.objects.filter(
                    servicearea__in=areas
                ).values("initiative_id")
            )
        if approach := data.get("approach"):
            queryset = queryset.filter(approach=approach)
        if phase := data.get("phase"):
            queryset = queryset.filter(phase=phase)
        if benefit := data.get("benefit"):
            queryset = queryset.filter(
                pk__in=Benefit.objects.filter(type=benefit).values("initiative_id")
            )
        if municipality := data.get("municipality"):
            queryset = queryset.filter(organisation__slug=municipality)
        return (
            queryset.select_related("organisation", "peer")
            .prefetch_related(
                "images",
                Prefetch("benefits", Benefit.objects.order_by("type", "pk")),
                Prefetch(
                    "service_areas",
                    ServiceArea.objects.select_related(
                        "shared_category", "parent__shared_category"
                    ),
                ),
            )
            .annotate(
                lesson_count=Subquery(
                    Lesson.objects.filter(initiative=OuterRef("pk"))
                    .order_by()
                    .values("initiative")
                    .annotate(n=Count("*"))
                    .values("n")[:1]
                )
            )
            .order_by(*order)
        )
