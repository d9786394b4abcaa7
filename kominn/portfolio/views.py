import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers

from kominn.core import pagecache
from kominn.core.access import can_view_unpublished
from kominn.core.forms import filter_chips
from kominn.core.paging import BoundedPaginator
from kominn.organisations.models import Organisation, ServiceArea, SharedCategory

from . import access, bank, exchange, rules, services
from .charts import goal_phase_chart, rollup_progress
from .filters import InitiativeFilterForm, SharingBankFilterForm
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


def _kept_for_visitors(request):
    """Whether parts of the portfolio's pages may come from those kept for visitors:
    not for staff, who also see drafts, nor on a host of no organisation."""
    return request.organisation is not None and not can_view_unpublished(
        request.user, request.organisation
    )


def _facet_counts(request, form):
    """The filters' counts. They depend on the chosen filters alone, not on the order or
    the page, so visitors' are kept between pages (pagecache.kept_as_pages)."""
    if not _kept_for_visitors(request):
        return form.count_facets()
    digest = hashlib.sha256(form.facet_key().encode()).hexdigest()[:32]
    return pagecache.kept_as_pages(
        request.organisation.pk, f"initiative-facets:{digest}", form.count_facets
    )


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
    facets = form.facets(_facet_counts(request, form))
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
    queryset = Initiative.objects.select_related("owner_unit", "organisation").prefetch_related(
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
        Prefetch(
            "relations_from",
            Relation.objects.select_related("target__organisation")
            .prefetch_related("target__lessons")
            .order_by("pk"),
        ),
        Prefetch(
            "relations_to", Relation.objects.select_related("source__organisation").order_by("pk")
        ),
        Prefetch("news", NewsArticle.objects.published()),
    )
    initiative = access.initiative(request, slug, queryset=queryset)
    return render(
        request,
        "portfolio/initiative_detail.html",
        {
            "initiative": initiative,
            "relations": initiative.relations_both_ways(request.user),
            "adopted_by": initiative.adopted_by(),
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


def _goal_page(request, goal, initiatives):
    """A page of the goal's initiatives by title. For visitors, the ids of the first
    pages' worth (at most KOMINN_LIST_MAX_PAGES pages, in order) are kept
    (pagecache.kept_as_pages), so that another page of the list, or the same page
    uncached, reads only its own 20 initiatives."""
    ordered = initiatives.order_by("title", "pk")
    if not _kept_for_visitors(request):
        return _page(request, ordered.for_list())
    limit = PAGE_SIZE * settings.KOMINN_LIST_MAX_PAGES + 1
    ids = pagecache.kept_as_pages(
        request.organisation.pk,
        f"goal-initiatives:{goal.pk}",
        lambda: list(ordered.values_list("pk", flat=True)[:limit]),
    )
    page = BoundedPaginator(ids, PAGE_SIZE).get_page(request.GET.get("side"))
    found = Initiative.objects.for_list().in_bulk(page.object_list)
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


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
            "page": _goal_page(request, goal, initiatives),
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


# The sharing bank (Delingsbanken): the one place that shows other organisations'
# initiatives. Its pages are not kept in the page cache, which is versioned per host
# organisation and would not see another organisation's changes.


@never_cache
def sharing_bank(request):
    form = SharingBankFilterForm(
        request.GET or None,
        organisations=Organisation.objects.order_by("name"),
        categories=SharedCategory.objects.all(),
    )
    page = _page(request, form.results())
    page.object_list = list(page.object_list)
    spread = bank.spread(page.object_list)
    for initiative in page.object_list:
        initiative.spread = spread[initiative.pk]
    return render(request, "portfolio/sharing_bank.html", {"form": form, "page": page})


def _shared(organisation, slug, queryset=None):
    """An initiative in the sharing bank (published and shared), of any organisation,
    whatever the host; else 404."""
    queryset = Initiative.objects.in_sharing_bank() if queryset is None else queryset
    found = queryset.filter(organisation__slug=organisation, slug=slug).first()
    if found is None:
        raise Http404
    return found


@never_cache
def shared_initiative(request, organisation, slug):
    queryset = (
        Initiative.objects.in_sharing_bank()
        .select_related("organisation", "peer")
        .prefetch_related(
            "benefits",
            "lessons",
            "images",
            Prefetch(
                "service_areas",
                ServiceArea.objects.select_related("shared_category", "parent__shared_category"),
            ),
            Prefetch(
                "relations_to",
                Relation.objects.select_related("source__organisation").order_by("pk"),
            ),
        )
    )
    initiative = _shared(organisation, slug, queryset)
    own = request.organisation is not None and initiative.organisation_id == request.organisation.pk
    tree = bank.adoption_trees([initiative])[initiative.pk]
    return render(
        request,
        "portfolio/shared_initiative.html",
        {
            "initiative": initiative,
            "own": own,
            # A peer installation's initiative is taken into use there, or imported
            # from its document (docs/sharing.md).
            "can_adopt": not own
            and initiative.peer_id is None
            and rules.can_create_initiative(request.user, request.organisation),
            "adopted_by": initiative.adopted_by(),
            "tree": tree,
            "spread": bank.count_nodes(tree),
        },
    )


# Between installations: this installation's own shared initiatives as documents
# (kominn/portfolio/exchange.py, docs/sharing.md). Public, as the bank is; a peer's
# initiatives shown here are not passed on.


def _exported(request, initiative):
    source_url = request.build_absolute_uri(initiative.get_sharing_url())
    cover = initiative.cover
    image_url = request.build_absolute_uri(cover.image.url) if cover else None
    return exchange.export_document(initiative, source_url, image_url)


def _exportable():
    return (
        Initiative.objects.in_sharing_bank()
        .filter(peer__isnull=True)
        .select_related("organisation")
        .prefetch_related("benefits", "lessons", "images")
    )


@never_cache
def export_initiative(request, organisation, slug):
    initiative = _shared(organisation, slug, _exportable())
    return JsonResponse(
        _exported(request, initiative), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )


@never_cache
def sharing_feed(request):
    """Every shared initiative of this installation, a page of documents at a time, for
    other installations' `sync_shared`; `next` is the following page's address."""
    page = BoundedPaginator(
        _exportable().order_by("-published_at", "pk"),
        exchange.FEED_PAGE_SIZE,
        max_pages=exchange.MAX_FEED_PAGES,
    ).get_page(request.GET.get("side"))
    following = None
    if page.has_next():
        following = request.build_absolute_uri(f"{request.path}?side={page.next_page_number()}")
    return JsonResponse(
        {
            "format": exchange.FEED_FORMAT,
            "version": exchange.VERSION,
            "initiatives": [_exported(request, initiative) for initiative in page.object_list],
            "next": following,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def adopt_initiative(request, organisation, slug):
    """Take a shared initiative into use in the request's organisation ("Ta i bruk hos
    oss"). A GET (after logging in) leads to the initiative's page in the bank, where the
    button is."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # A peer installation's initiative is imported from its document instead.
    source = _shared(organisation, slug, Initiative.objects.in_sharing_bank().filter(peer=None))
    if request.method != "POST":
        return redirect(source.get_sharing_url())
    if not rules.can_create_initiative(request.user, request.organisation):
        raise PermissionDenied
    try:
        draft, created = services.adopt_initiative(
            source=source, organisation=request.organisation, user=request.user
        )
    except Initiative.DoesNotExist:  # taken out of the bank in the meantime
        raise Http404 from None
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(source.get_sharing_url())
    if created:
        messages.success(
            request,
            _("“%(title)s” is now a draft here. Adapt it to your municipality and publish it.")
            % {"title": draft.title},
        )
    else:
        messages.info(
            request,
            _("You have already taken this initiative into use: here is your draft."),
        )
    return redirect(reverse("admin:portfolio_initiative_change", args=[draft.pk]))
