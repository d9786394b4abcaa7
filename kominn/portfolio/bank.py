"""The sharing bank's reads beyond one initiative: how far solutions have spread, their
adoption trees, and the text search that the search app lends it.

An adoption is an initiative with an "adopted from" relation to another municipality's
initiative; adoptions of adoptions make a tree (A → B → D). Only published adoptions
(their publish date come) count and are shown, and the trees are cut at MAX_DEPTH levels
and MAX_NODES initiatives, so a page reads them in at most MAX_DEPTH queries, however
many municipalities there are.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from .models import Initiative, Relation, RelationType

MAX_DEPTH = 5
MAX_NODES = 200


@dataclass
class Node:
    """One initiative in an adoption tree, and the adoptions of it below."""

    initiative: Initiative
    # Its page in the sharing bank, while it is there; else only its name is shown.
    url: str | None
    children: list = field(default_factory=list)


def adoption_trees(initiatives) -> dict[int, list[Node]]:
    """For each initiative, the tree of published adoptions below it (a list of Nodes,
    the direct adoptions first), across municipalities. Each municipality is in a tree
    once, where it first took the solution into use (its own municipality not at all),
    and a tree stops at MAX_DEPTH levels or MAX_NODES initiatives. One query a level for
    all the trees together."""
    now = timezone.now()
    trees = {initiative.pk: [] for initiative in initiatives}
    # Where each initiative is in the trees: (root, the list its adoptions go into).
    placements = {pk: [(pk, tree)] for pk, tree in trees.items()}
    organisations = {initiative.pk: {initiative.organisation_id} for initiative in initiatives}
    frontier = set(trees)
    for _level in range(MAX_DEPTH):
        if not frontier:
            break
        relations = (
            Relation.objects.filter(
                Q(source__is_published=True, source__published_at__lte=now),
                type=RelationType.ADOPTED_FROM,
                target_id__in=frontier,
            )
            .select_related("source__organisation")
            .order_by("source__published_at", "source_id")
        )
        found = {}
        for relation in relations:
            adoption = relation.source
            for root, siblings in placements[relation.target_id]:
                seen = organisations[root]
                if adoption.organisation_id in seen or len(seen) > MAX_NODES:
                    continue
                seen.add(adoption.organisation_id)
                node = Node(adoption, adoption.get_sharing_url() if adoption.shared else None)
                siblings.append(node)
                found.setdefault(adoption.pk, []).append((root, node.children))
        placements = found
        frontier = set(found)
    return trees


def spread(initiatives) -> dict[int, int]:
    """How many other municipalities have taken each initiative into use, counting
    adoptions of adoptions (published ones only)."""
    return {pk: count_nodes(tree) for pk, tree in adoption_trees(initiatives).items()}


def count_nodes(tree) -> int:
    return sum(1 + count_nodes(node.children) for node in tree)


LISTED = 5


def sharing_figures(organisation) -> dict:
    """What the organisation has shared in the bank and taken into use from others, and
    who has taken its initiatives into use: counts, the latest few, and the
    municipalities by number. Published initiatives only; seven queries."""
    now = timezone.now()
    shared = Initiative.objects.for_organisation(organisation).in_sharing_bank()
    adoptions = Relation.objects.filter(
        type=RelationType.ADOPTED_FROM,
        source__is_published=True,
        source__published_at__lte=now,
    ).exclude(source__organisation_id=F("target__organisation_id"))
    adopted = adoptions.filter(source__organisation=organisation)
    adopted_by = adoptions.filter(target__organisation=organisation)
    return {
        "shared_count": shared.count(),
        "shared_latest": list(shared.order_by("-published_at", "-pk")[:LISTED]),
        "adopted_count": adopted.values("source").distinct().count(),
        "adopted_latest": list(
            adopted.select_related("source", "target__organisation").order_by(
                "-source__published_at", "-pk"
            )[:LISTED]
        ),
        "adopted_from": _by_organisation(adopted, "target__organisation__name", "source"),
        "adopted_by_count": adopted_by.values("source").distinct().count(),
        "adopted_by": _by_organisation(adopted_by, "source__organisation__name", "source"),
    }


def _by_organisation(relations, name, counted):
    """(municipality, number of initiatives) pairs, the most first."""
    rows = (
        relations.order_by()
        .values(name)
        .annotate(n=Count(counted, distinct=True))
        .order_by("-n", name)[:20]
    )
    return [(row[name], row["n"]) for row in rows]


# The text search. The bank stands below the search app, which indexes it (Norwegian
# stems, compounds, near misses); the search app lends the bank its search in its
# AppConfig.ready(). Without it the bank matches the words as they are written.

_registered = {}


def register_text_search(function) -> None:
    """`function(query, limit)` returns the ids of the bank's initiatives that match the
    query, best first, at most `limit`."""
    _registered["text_search"] = function


def text_search(query: str, limit: int):
    """The ids of the bank's initiatives matching `query`, best first; None when no
    search is registered."""
    function = _registered.get("text_search")
    return None if function is None else function(query, limit)
