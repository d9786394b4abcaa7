from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from . import services

MAX_QUERY = 200


def _with(query, **changes):
    """The address of the search page with some parameters changed (None removes one);
    a changed filter starts again from the first page."""
    changed = query.copy()
    changed.pop("side", None)
    for key, value in changes.items():
        if value is None:
            changed.pop(key, None)
        else:
            changed[key] = value
    return "?" + changed.urlencode()


def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY]
    choices = {name: request.GET.get(name, "") for name in services.FACETS}
    result = services.search(
        organisation=request.organisation,
        query=query,
        choices=choices,
        page=request.GET.get("side"),
    )
    for facet in result.facets:
        for option in facet["options"]:
            option["url"] = _with(
                request.GET, **{facet["name"]: None if option["selected"] else option["slug"]}
            )
    remove_filters = _with(request.GET, **dict.fromkeys(services.FACETS)) if result.active else ""
    elsewhere, more_elsewhere = services.elsewhere(
        organisation=request.organisation, query=query, terms=result.terms or None
    )
    return render(
        request,
        "search/search.html",
        {
            "result": result,
            "query": query.strip(),
            "remove_filters": remove_filters,
            "elsewhere": elsewhere,
            "more_elsewhere": more_elsewhere,
        },
    )


@vary_on_headers("HX-Request")
def similar(request):
    """Existing ideas and initiatives like the one being written (a fragment for htmx)."""
    ideas = services.similar_ideas(
        organisation=request.organisation,
        title=request.GET.get("title", "")[:MAX_QUERY],
        description=request.GET.get("description", "")[:2000],
    )
    return render(request, "search/_similar.html", {"similar": ideas, "new_tab": True})
