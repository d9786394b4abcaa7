"""Search and related work: what the views and template tags call.

Everything here returns public content only (see documents.py), for everyone.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.organisations.models import Organisation, ServiceArea, Theme
from kominn.participation.models import IdeaStatus
from kominn.portfolio.models import Initiative, Phase, Status

from . import keys, text
from .engines import Term, engine
from .models import Document, Key, Kind, address

PAGE_SIZE = 20
# At most this many matches are ranked and listed (25 pages). When more match, the count
# says "more than" and the facets count among these, the best; a chosen facet searches
# again, so that it narrows every match and not only these.
RANKED = 500
QUERY_WORDS_MAX = 12
FACETS = ["type", "area", "theme", "phase", "status"]
# Phases in which an initiative has done enough that others can learn from it.
EXPERIENCED_PHASES = [
    Phase.IMPLEMENTATION,
    Phase.PRACTICE,
    Phase.SPREADING,
    Phase.COMPLETED,
    Phase.STOPPED,
]
STATUS_LABELS = dict(Status.choices) | dict(IdeaStatus.choices)
VOWELS = "aeiouyæøå"
# Related work: how many of the engine's best matches are ordered again by similarity.
CANDIDATES = 100
# Candidates are found by the source's weightiest keys that other documents have, but
# no more than this share of them (or 20): keys that many have find too much to rank.
FINDERS = 24
FINDER_SHARE = 0.02
# And no more than this many documents have them together: the candidates ranked are
# bounded however large the organisation is (the weightiest keys first, as above).
FINDER_REACH = 2000
# Keys that more than this share of public initiatives and ideas have are left out.
MAX_SHARE = 0.25
# Less alike than this is no relation (services.similarity: 1 is the source itself); a
# word or two in common by chance is less.
MIN_SIMILARITY = 0.05


def parse(query: str, search_engine=None) -> list[Term]:
    """The query's words, each with what may stand for it in a document: near misses
    corrected to a word in the vocabulary, compounds that end in it, the known word that
    begins an unknown compound, and its stem as a prefix."""
    search_engine = search_engine or engine()
    typed = list(dict.fromkeys(text.words(query)))[:QUERY_WORDS_MAX]
    known = search_engine.known(typed) if typed else {}
    terms = []
    for word in typed:
        term = Term(word=word, alternatives=[word])
        if word not in known and not word.isdigit():
            if fix := search_engine.correction(word):
                term.alternatives, term.corrected = [fix.word], fix.word
            elif parts := search_engine.compound_parts(word):
                term.alternatives += parts
                term.prefixed.add(parts[0])
        main = term.alternatives[0]
        main_stem = text.stem(main)
        if len(main_stem) >= 4:
            term.prefixed.add(main)
            term.alternatives += [
                compound.word
                for compound in search_engine.compounds_ending_in(main_stem)
                if compound.word not in term.alternatives
            ]
        if len(main_stem) >= 5 and main_stem[-1] == main_stem[-2] and main_stem[-1] not in VOWELS:
            # A doubled consonant before an ending ("ensomme", "ungdommen") is single in
            # other forms ("ensomhet", "ungdom").
            term.alternatives.append(main_stem[:-1])
            term.prefixed.add(main_stem[:-1])
        terms.append(term)
    return terms


def matcher_for(terms) -> text.Matcher:
    return text.Matcher(
        {text.stem(word) for term in terms for word in term.alternatives},
        {text.stem(word) for term in terms for word in term.prefixed},
    )


@dataclass
class Result:
    document: Document
    kind_label: str
    title: str
    snippet: str
    url: str
    detail: str


@dataclass
class SearchPage:
    query: str
    terms: list = field(default_factory=list)
    corrections: dict = field(default_factory=dict)
    # No document had every word, so these have some of them.
    relaxed: bool = False
    total: int = 0
    # More match than `total`: too many to rank them all (RANKED).
    more: bool = False
    # The facets were counted among this many of the best matches, not among all (0: all).
    counted_among: int = 0
    page: object = None
    results: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    active: dict = field(default_factory=dict)


class FacetLabels:
    """The organisation's facet values: how they are named and written in the address."""

    def __init__(self, organisation):
        areas = list(ServiceArea.objects.for_organisation(organisation).order_by("name"))
        themes = list(Theme.objects.for_organisation(organisation))
        children = {}
        for area in areas:
            children.setdefault(area.parent_id, []).append(area)
        ordered = []
        for top in children.get(None, []):
            ordered += [top, *children.get(top.pk, [])]
        self.options = {
            "type": [(kind.value, kind.value, kind.label) for kind in Kind],
            "area": [
                (str(area.pk), area.slug, f"– {area.name}" if area.parent_id else area.name)
                for area in ordered
            ],
            "theme": [(str(theme.pk), theme.slug, theme.name) for theme in themes],
            "phase": [(phase.value, phase.value, phase.label) for phase in Phase],
            "status": [(value, value, label) for value, label in STATUS_LABELS.items()],
        }

    def value_for(self, facet, slug):
        """The stored value that a value in the address names, or None when there is none."""
        return next((value for value, key, _label in self.options[facet] if key == slug), None)


FACET_LABELS = {
    "type": _("Type"),
    "area": _("Service area"),
    "theme": _("Theme"),
    "phase": _("Phase"),
    "status": _("Status"),
}


def _has(row, name, value):
    if name == "type":
        return row.kind == value
    if name == "area":
        return f" {value} " in row.areas
    if name == "theme":
        return f" {value} " in row.themes
    return getattr(row, name) == value


def _count(rows, name):
    if name == "type":
        return Counter(row.kind for row in rows)
    if name in {"area", "theme"}:
        # One split of all the rows' values together: fast for tens of thousands of rows.
        return Counter(" ".join(getattr(row, f"{name}s") for row in rows).split())
    return Counter(value for row in rows if (value := getattr(row, name)))


def _facet_counts(rows, active):
    """The rows that pass every chosen facet, and per facet the number each value would
    give, counted against the other facets' choices (as the initiative list counts)."""
    passes = {name: [_has(row, name, value) for row in rows] for name, value in active.items()}

    def kept_except(skipped):
        checks = [passes[name] for name in active if name != skipped]
        if not checks:
            return rows
        return [row for index, row in enumerate(rows) if all(check[index] for check in checks)]

    kept = kept_except(None)
    counts = {
        name: _count(kept if name not in active else kept_except(name), name) for name in FACETS
    }
    return kept, counts


def search(*, organisation, query, choices=None, page=1, now=None) -> SearchPage:
    """One page of public documents for the query, with facets; `choices` maps facet names
    to values as the address writes them (slugs for areas and themes)."""
    result = SearchPage(query=query.strip())
    if not organisation or not result.query:
        return result
    search_engine = engine()
    now = now or timezone.now()
    terms = result.terms = parse(query, search_engine)
    if not terms:
        return result
    result.corrections = {term.word: term.corrected for term in terms if term.corrected}
    labels = FacetLabels(organisation)
    active = {}
    for name, slug in (choices or {}).items():
        if name in FACETS and slug and (value := labels.value_for(name, slug)) is not None:
            active[name] = value

    def match(require_all, filters=None):
        return search_engine.match(
            organisation_id=organisation.pk,
            terms=terms,
            require_all=require_all,
            filters=filters,
            limit=RANKED,
            now=now,
        )

    require_all = True
    found = match(require_all)
    if not found.rows and len(terms) > 1:
        require_all = False
        found = match(require_all)
        result.relaxed = bool(found.rows)
    kept, counts = _facet_counts(found.rows, active)
    if found.more:
        # Too many to rank: the facets count among the best, and a chosen facet is
        # searched for, among every match.
        result.counted_among = len(found.rows)
        narrowed = match(require_all, active) if active else found
        kept, result.more = narrowed.rows, narrowed.more
    result.total = len(kept)
    result.active = {name: slug for name, slug in (choices or {}).items() if name in active}
    result.facets = [
        {
            "name": name,
            "label": FACET_LABELS[name],
            "options": [
                {
                    "slug": slug,
                    "label": label,
                    "count": counts[name][value],
                    "selected": active.get(name) == value,
                }
                for value, slug, label in labels.options[name]
                if counts[name][value] or active.get(name) == value
            ],
        }
        for name in FACETS
    ]
    result.page = Paginator(kept, PAGE_SIZE).get_page(page)
    documents = Document.objects.in_bulk([row.id for row in result.page.object_list])
    matcher = matcher_for(terms)
    result.results = [
        _result(documents[row.id], matcher, labels)
        for row in result.page.object_list
        if row.id in documents
    ]
    return result


def _detail(kind, phase, status):
    if phase:
        return Phase(phase).label
    return STATUS_LABELS.get(status, "")


def _result(document, matcher, labels):
    return Result(
        document=document,
        kind_label=Kind(document.kind).label,
        title=text.highlight(document.title, matcher),
        snippet=text.snippet(document.body, matcher),
        url=document.get_absolute_url(),
        detail=_detail(document.kind, document.phase, document.status),
    )


# Related work: see keys.py for what relates two things.


@dataclass
class Related:
    kind: str
    kind_label: str
    title: str
    url: str
    lead: str
    detail: str


@dataclass
class Source:
    """What related work is found for, as weighted keys: each by how often the source has
    it (the square root), how rare it is among public initiatives and ideas (the inverse
    document frequency) and whether it is a link (keys.weight)."""

    weights: dict = field(default_factory=dict)
    # A key's weight in any document, but for how often that document has it.
    factors: dict = field(default_factory=dict)
    # Keys to find candidates by: the weightiest that a few other documents have.
    finders: list = field(default_factory=list)

    # The length of the source's weighted keys, and of its keys counted without rarity.
    norm: float = 1.0
    plain_norm: float = 1.0

    def emphasising(self, stressed, factor=2.0):
        """The same source with some keys counting more."""
        weights = {
            key: weight * (factor if key in stressed else 1) for key, weight in self.weights.items()
        }
        return Source(weights, self.factors, self.finders, _norm(weights), self.plain_norm)


def source(counts) -> Source:
    """Weigh the keys of a source (keys.py: {key: how often}) by how rare they are."""
    if not counts:
        return Source()
    found = dict(
        Key.objects.filter(key__in=[keys.ALL, *counts]).values_list("key", "document_count")
    )
    total = max(found.get(keys.ALL, 0), 1)
    result = Source()
    for key, count in counts.items():
        frequency = found.get(key, 0)
        # A key most documents have (a broad theme) tells them apart no more than a common word.
        if frequency > max(total * MAX_SHARE, 5):
            continue
        result.factors[key] = keys.weight(key) * keys.inverse_frequency(frequency, total)
        result.weights[key] = math.sqrt(count) * result.factors[key]
    reach = 0
    for key in sorted(result.weights, key=lambda key: -result.weights[key]):
        frequency = found.get(key, 0)
        if 1 < frequency <= max(total * FINDER_SHARE, 20) and reach + frequency <= FINDER_REACH:
            result.finders.append(key)
            reach += frequency
            if len(result.finders) == FINDERS:
                break
    result.norm = _norm(result.weights)
    result.plain_norm = _plain_norm(counts)
    return result


def _norm(weights):
    return math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0


def _plain_norm(counts):
    return math.sqrt(sum(count * keys.weight(key) ** 2 for key, count in counts.items())) or 1.0


def similarity(source, related) -> float:
    """How alike the source and a document are (its keys as stored), 1 for the source
    itself: the cosine of their weighted keys, where the document's length is its length
    without rarity scaled as the source's is, so that it is known from the document alone
    (no look-up of its keys' counts). Nothing when they share only themes or areas."""
    counts = keys.load(related)
    common = [key for key in source.weights if key in counts]
    if not any(keys.relates(key) for key in common):
        return 0.0
    shared = sum(
        source.weights[key] * math.sqrt(counts[key]) * source.factors[key] for key in common
    )
    length = _plain_norm(counts) * source.norm / source.plain_norm
    return shared / (source.norm * length)


def _stored(kind, object_id):
    """The keys the index holds for an object (none when it is not indexed)."""
    value = (
        Document.objects.filter(kind=kind, object_id=object_id)
        .values_list("related", flat=True)
        .first()
    )
    return keys.load(value or "")


def _candidates(source, organisation_id, *, kinds, exclude):
    return engine().related(
        organisation_id=organisation_id,
        keys=source.finders,
        kinds=kinds,
        exclude=exclude,
        limit=CANDIDATES,
        now=timezone.now(),
    )


def _rank(hits, source, limit):
    """The hits most like the source, best first; too little in common is no relation."""
    scored = [(similarity(source, hit.related), hit.score, -hit.id, hit) for hit in hits]
    scored = [item for item in scored if item[0] >= MIN_SIMILARITY]
    scored.sort(key=lambda item: item[:3], reverse=True)
    return [item[-1] for item in scored[:limit]]


def _shown(hits):
    return [
        Related(
            kind=hit.kind,
            kind_label=Kind(hit.kind).label,
            title=hit.title,
            url=address(hit.kind, hit.object_id, hit.slug, hit.title),
            lead=_lead(hit.lead),
            detail=_detail(hit.kind, hit.phase, hit.status),
        )
        for hit in hits
    ]


def _lead(body, words=24):
    parts = body.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def linked_initiative_ids(initiative):
    """The initiative and those it is already linked to, either way (uses prefetched
    relations when the view has them)."""
    ids = {initiative.pk}
    ids |= {relation.target_id for relation in initiative.relations_from.all()}
    ids |= {relation.source_id for relation in initiative.relations_to.all()}
    return ids


def _initiative_candidates(initiative):
    weighed = source(_stored(Kind.INITIATIVE, initiative.pk))
    hits = _candidates(
        weighed,
        initiative.organisation_id,
        kinds=[Kind.INITIATIVE],
        exclude={Kind.INITIATIVE: linked_initiative_ids(initiative)},
    )
    return weighed, hits


def similar_initiatives(initiative, *, limit=5):
    """The initiatives most like this one, across service areas, leaving out those it is
    already linked to: "Lignende tiltak"."""
    weighed, hits = _initiative_candidates(initiative)
    return _shown(_rank(hits, weighed, limit))


def related_to_initiative(initiative, *, limit=5):
    """For an initiative's page: "Hvem har gjort dette før?" – initiatives with the same
    need that have come further (put into use, completed or stopped) – and "Lignende
    tiltak" (as similar_initiatives). Both leave out the initiatives it is already linked
    to, and each other's. One search finds the candidates for both."""
    weighed, hits = _initiative_candidates(initiative)
    # The same need: what the title and the need say count double.
    need = {
        text.concept(text.stem(word))
        for word in text.words(f"{initiative.title} {text.plain(initiative.need)}")
    }
    experienced = [hit for hit in hits if hit.phase in EXPERIENCED_PHASES]
    before = _rank(experienced, weighed.emphasising(need), 3) if initiative.need.strip() else []
    shown = {hit.id for hit in before}
    similar = [hit for hit in _rank(hits, weighed, limit + len(before)) if hit.id not in shown]
    return {
        "before": _shown(before),
        "similar": _shown(similar[:limit]),
        "elsewhere": shared_elsewhere(initiative, weighed=weighed.emphasising(need)),
    }


@dataclass
class Elsewhere:
    """Another municipality's initiative in the sharing bank, like this one."""

    title: str
    url: str
    organisation: str
    detail: str
    lead: str


def shared_elsewhere(initiative, *, weighed=None, limit=3):
    """For an initiative's page, "Hvem har gjort dette før?" in other municipalities: the
    initiatives they share in the sharing bank that are most like this one, leaving out
    those it is already linked to (the one it was taken from, those taken from it). Found
    by the same keys as related work here, in the bank's documents only."""
    weighed = weighed or source(_stored(Kind.INITIATIVE, initiative.pk))
    hits = engine().related_in_bank(
        keys=weighed.finders,
        exclude_organisation_id=initiative.organisation_id,
        exclude_ids=linked_initiative_ids(initiative),
        limit=CANDIDATES,
        now=timezone.now(),
    )
    ranked = _rank(hits, weighed, limit)
    if not ranked:
        return []
    organisations = Organisation.objects.in_bulk({hit.organisation_id for hit in ranked})
    return [
        Elsewhere(
            title=hit.title,
            url=reverse(
                "portfolio:shared_initiative",
                args=[organisations[hit.organisation_id].slug, hit.slug],
            ),
            organisation=organisations[hit.organisation_id].name,
            detail=_detail(hit.kind, hit.phase, hit.status),
            lead=_lead(hit.lead),
        )
        for hit in ranked
        if hit.organisation_id in organisations
    ]


def bank_search(query: str, limit: int, *, terms=None) -> list[int]:
    """The ids of the sharing bank's initiatives, of every organisation, that match the
    query, best first, at most `limit`: with the site search's Norwegian stems, compounds
    and corrections; a lesson that matches finds its initiative. When no initiative has
    every word, those with some of them. `terms`: the query already parsed."""
    search_engine = engine()
    terms = parse(query, search_engine) if terms is None else terms
    if not terms:
        return []
    now = timezone.now()
    rows = search_engine.bank_match(terms=terms, require_all=True, limit=limit, now=now)
    if not rows and len(terms) > 1:
        rows = search_engine.bank_match(terms=terms, require_all=False, limit=limit, now=now)
    found = {}
    for row in rows:
        initiative_id = row.object_id if row.kind == Kind.INITIATIVE else row.parent_id
        found.setdefault(initiative_id, None)
    return list(found)[:limit]


# Of other municipalities' shared initiatives, the search page names at most this many.
ELSEWHERE = 3


def elsewhere(*, organisation, query, limit=ELSEWHERE, terms=None):
    """For the search page: other municipalities' initiatives in the sharing bank that
    match the query, best first, at most `limit`, and whether there are more. The
    organisation's own shared initiatives are left out (its own search lists them).
    `terms`: the query as the page's own search parsed it, so it is not parsed twice."""
    if not organisation or not query.strip():
        return [], False
    # Its own shared initiatives may be among the best; a bounded number more are asked for.
    ids = bank_search(query, limit + 1 + 20, terms=terms)
    found = {
        initiative.pk: initiative
        for initiative in Initiative.objects.in_sharing_bank()
        .filter(pk__in=ids)
        .exclude(organisation=organisation)
        .select_related("organisation")
    }
    others = [found[pk] for pk in ids if pk in found]
    return others[:limit], len(others) > limit


def related_to_idea(idea, *, limit=5):
    """For an idea's page: related ideas and initiatives, leaving out the idea itself and
    the initiative it became (which the page shows already)."""
    weighed = source(_stored(Kind.IDEA, idea.pk))
    hits = _candidates(
        weighed,
        idea.organisation_id,
        kinds=[Kind.IDEA, Kind.INITIATIVE],
        exclude={Kind.IDEA: [idea.pk], Kind.INITIATIVE: [idea.initiative_id]},
    )
    return _shown(_rank(hits, weighed, limit))


def similar_ideas(*, organisation, title, description="", exclude_idea=None, limit=5):
    """Existing ideas and initiatives like an idea being written, so that people can join
    forces instead of writing the same idea twice."""
    if not organisation or len((title or "").strip()) + len((description or "").strip()) < 4:
        return []
    weighed = source(keys.words([(title, 3), (description, 1)], keys.Vocabulary()))
    hits = _candidates(
        weighed,
        organisation.pk,
        kinds=[Kind.IDEA, Kind.INITIATIVE],
        exclude={Kind.IDEA: [exclude_idea]} if exclude_idea else None,
    )
    return _shown(_rank(hits, weighed, limit))
