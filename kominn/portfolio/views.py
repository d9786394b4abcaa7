from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.vary import vary_on_headers

from kominn.core.forms import filter_chips
from kominn.core.paging import BoundedPaginator

from . import access, rules
from .charts import goal_phase_chart, rollup_progress
from .filters import InitiativeFilterForm
from .models import (
    Benefit,
    Goal,
    GoalContribution,
    Initiative,
    NewsArticle,
    Phase,
    Relation,
)
from .rollup import goal_phase_counts, roll_up_benefits

PAGE_SIZE = 20


def _visible(queryset, request):
    return queryset.visible_to(request.user, request.organisation)


def _page(request, queryset):
    return BoundedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("side"))


def _without_empty_parameters(query):
    cleaned = query.copy()
    for key, values in query.lists():
        kept = [value for value in values if value != ""]
        if kept:
            cleaned.setlist(key, kept)
        else:
            del cleaned[key]
    return cleaned


@vary_on_headers("HX-Request")
def initiative_list(request):
    # A submitted filter form sends every field; the shareable address keeps the chosen ones.
    cleaned = _without_empty_parameters(request.GET)
    if cleaned.urlencode() != request.GET.urlencode() and not request.headers.get("HX-Request"):
        return redirect(f"{request.path}?{cleaned.urlencode()}" if cleaned else request.path)
    form = InitiativeFilterForm(
        cleaned or None,
        organisation=request.organisation,
        base_queryset=_visible(Initiative.objects, request),
    )
    facets = form.facets()
    context = {
        "form": form,
        "facets": facets,
        "page": _page(request, form.results()),
        "active_filters": form.active_filters(),
        "chips": filter_chips(request.path, cleaned, form.active_filters()),
    }
    if request.headers.get("HX-Request"):
        response = render(request, "portfolio/initiative_list.html#browser", context)
        response["HX-Push-Url"] = (
            f"{request.path}?{cleaned.urlencode()}" if cleaned else request.path
        )
        return response
    return render(request, "portfolio/initiative_list.html", context)


def initiative_detail(request, slug):
    queryset = Initiative.objects.select_related("owner_unit").prefetch_related(
        "service_areas",
        "themes",
        "partners",
        Prefetch("benefits", Benefit.objects.prefetch_related("measurements")),
        "lessons",
        "awards",
        "images",
        "attachments",
        "links",
        "updates",
        Prefetch("goalcontribution_set", GoalContribution.objects.select_related("goal")),
        Prefetch("relations_from", Relation.objects.select_related("target").order_by("pk")),
        Prefetch("relations_to", Relation.objects.select_related("source").order_by("pk")),
        Prefetch("news", NewsArticle.objects.published()),
    )
    initiative = access.initiative(request, slug, queryset=queryset)
    return render(
        request,
        "portfolio/initiative_detail.html",
        {
            "initiative": initiative,
            "relations": initiative.relations_both_ways(request.user),
            "contributions": [
                c
                for c in initiative.goalcontribution_set.all()
                if rules.can_view(request.user, c.goal)
            ],
            "can_edit": rules.can_edit_initiative(request.user, initiative),
            # Participation (above the portfolio) links ideas to initiatives; through its
            # reverse accessor the page credits them without importing it.
            "from_ideas": initiative.ideas.published().select_related("author"),
            "following": request.user.is_authenticated
            and initiative.follows.filter(user=request.user).exists(),
            "offers": initiative.offers.select_related("user")
            if rules.can_edit_initiative(request.user, initiative)
            else None,
        },
    )


def goal_list(request):
    goals = list(_visible(Goal.objects, request))
    counts = goal_phase_counts(goals, _visible(Initiative.objects, request))
    shown = {goal.pk for goal in goals}
    main_goals = [goal for goal in goals if goal.parent_id not in shown]
    for goal in goals:
        goal.phase_counts = counts.get(goal.pk, {})
        goal.initiative_count = sum(goal.phase_counts.values())
        goal.phase_rows = [
            (phase.label, goal.phase_counts[phase])
            for phase in Phase
            if goal.phase_counts.get(phase)
        ]
        goal.sub_goals = [child for child in goals if child.parent_id == goal.pk]
    return render(
        request,
        "portfolio/goal_list.html",
        {"main_goals": main_goals, "phase_chart": goal_phase_chart(main_goals)},
    )


def goal_detail(request, slug):
    goal = access.goal(request, slug, queryset=Goal.objects.select_related("parent"))
    initiatives = _visible(Initiative.objects, request).for_goal(goal)
    rollup = roll_up_benefits(initiatives)
    return render(
        request,
        "portfolio/goal_detail.html",
        {
            "goal": goal,
            "parent": goal.parent
            if goal.parent and rules.can_view(request.user, goal.parent)
            else None,
            "sub_goals": _visible(goal.children, request),
            # A goal may gather hundreds of initiatives: they come a page at a time, while
            # the roll-up reads only the figures it adds up.
            "page": _page(request, initiatives.for_list().order_by("title", "pk")),
            "rollup": rollup,
            "progress": rollup_progress(rollup),
            "news": _visible(goal.news, request)[:5],
        },
    )


def news_list(request):
    articles = _visible(NewsArticle.objects, request).order_by("-published_at", "pk")
    return render(request, "portfolio/news_list.html", {"page": _page(request, articles)})


def news_detail(request, slug):
    # The challenges the article is about are participation's link (Challenge.news); the
    # template lists them through the reverse accessor, so the portfolio imports nothing.
    queryset = NewsArticle.objects.prefetch_related(
        Prefetch("initiatives", Initiative.objects.published()),
        Prefetch("goals", Goal.objects.published()),
    )
    article = access.news_article(request, slug, queryset=queryset)
    return render(request, "portfolio/news_detail.html", {"article": article})
