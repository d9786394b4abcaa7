"""Search and related work: what the views and template tags call.

Everything here returns public content only (see documents.py), for everyone.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.organisations.models import ServiceArea, Theme
from kominn.participation.models import IdeaStatus
from kominn.portfolio.models import Phase, Status

from . import text
from .engines import Term, engine
from .models import Document, Kind, address

PAGE_SIZE = 20
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
RELATED_TERMS = 12
# How many of the weightiest words are looked at for a compound's last word.
TAILS = 6
# Marks a compound's last word among the weighted words (see _compound_tails).
TAIL = "~"
VOWELS = "aeiouyæøå"
# How many of the engine's best matches are ordered again by what they share.
CANDIDATES = 40
# The share of the source's weighted words a related item must have (a title word x3).
MIN_SHARE = 0.05
# Words in more than this share of all documents say too little to relate by.
MAX_SHARE = 0.05


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
    rows = search_engine.match(organisation_id=organisation.pk, terms=terms, now=now)
    if not rows and len(terms) > 1:
        rows = search_engine.match(
            organisation_id=organisation.pk, terms=terms, require_all=False, now=now
        )
        result.relaxed = bool(rows)
    labels = FacetLabels(organisation)
    active = {}
    for name, slug in (choices or {}).items():
        if name in FACETS and slug and (value := labels.value_for(name, slug)) is not None:
            active[name] = value
    kept, counts = _facet_counts(rows, active)
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


# Related work.


@dataclass
class Related:
    kind: str
    kind_label: str
    title: str
    url: str
    lead: str
    detail: str


def _public_document_count():
    return cache.get_or_set(
        "search:public-documents", lambda: Document.objects.filter(is_public=True).count(), 600
    )


def _weighted_terms(search_engine, sources, frequencies=None) -> dict[str, tuple[str, float]]:
    """The words that say most about a text, by stem: often in it, rare elsewhere (tf-idf).
    `sources` is a list of (text, weight). Returns {stem: (a word with it, weight)}."""
    weights, surface = Counter(), {}
    for source, weight in sources:
        for word in text.words(source or ""):
            if len(word) < 3 or word.isdigit() or word in text.GENERAL_WORDS:
                continue
            word_stem = text.stem(word)
            weights[word_stem] += weight
            surface.setdefault(word_stem, word)
    if not weights:
        return {}
    if frequencies is None:
        frequencies = search_engine.document_frequencies(list(weights))
    total = max(_public_document_count(), 1)
    scored = []
    for word_stem, weight in weights.items():
        frequency = frequencies.get(word_stem, 0)
        # Words no public document has cannot relate anything; words most have say little.
        if frequency == 0 or frequency > max(total * MAX_SHARE, 20):
            continue
        scored.append((weight * math.log(1 + total / frequency), word_stem))
    scored.sort(reverse=True)
    chosen = {word_stem: (surface[word_stem], score) for score, word_stem in scored[:RELATED_TERMS]}
    return chosen | _compound_tails(search_engine, chosen)


def _compound_tails(search_engine, chosen):
    """The last word of each compound among the chosen words, at half its weight, so that
    "strikkekafé" relates to "språkkafé" and "middagsvenner" to "besøksvenn". A tail is a
    known stem of at least four letters; it matches the stems that end with it."""
    suffixes = {
        word_stem: [word_stem[start:] for start in range(3, len(word_stem) - 3)]
        for word_stem in list(chosen)[:TAILS]
        if len(word_stem) >= 7
    }
    known = search_engine.known_stems({suffix for items in suffixes.values() for suffix in items})
    tails = {}
    for word_stem, candidates in suffixes.items():
        tail = next((suffix for suffix in candidates if suffix in known), None)
        if tail and TAIL + tail not in chosen and tail not in chosen:
            tails[TAIL + tail] = (tail, chosen[word_stem][1] / 2)
    return tails


def _terms(weighted, search_engine):
    terms = []
    for word_stem, (word, _weight) in weighted.items():
        term = Term(word=word, alternatives=[word])
        if word_stem.startswith(TAIL):
            term.alternatives += [
                compound.word for compound in search_engine.compounds_ending_in(word, limit=3)
            ]
        elif len(word_stem) >= 5:
            term.prefixed.add(word)
        terms.append(term)
    return terms


def _rerank(hits, weighted, limit):
    """Order candidates by how much of what the source is about they share: each shared
    word counts by its weight in the source, three times in a title, less in a long text.
    The same on both engines, whatever their own ranking."""

    def shares(word_stem, stems):
        if word_stem.startswith(TAIL):
            return any(candidate.endswith(word_stem[1:]) for candidate in stems)
        if len(word_stem) >= 5:
            return any(candidate.startswith(word_stem) for candidate in stems)
        return word_stem in stems

    if not weighted:
        return []
    # Too little in common is no relation: what is shown must share a good part of what
    # the source is about.
    enough = sum(weight for _word, weight in weighted.values()) * MIN_SHARE
    scored = []
    for hit in hits:
        title, body = set(hit.stemmed_title.split()), set(hit.stemmed_body.split())
        score = 0.0
        for word_stem, (_word, weight) in weighted.items():
            if shares(word_stem, title):
                score += 3 * weight
            elif shares(word_stem, body):
                score += weight
        if score < enough:
            continue
        length = len(title) + len(body)
        scored.append((score / math.sqrt(1 + length / 60), hit.score, hit))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [hit for _score, _engine_score, hit in scored[:limit]]


def _candidates(search_engine, organisation_id, weighted, *, kinds, exclude, phases=None, limit):
    if not weighted:
        return []
    return search_engine.match(
        organisation_id=organisation_id,
        terms=_terms(weighted, search_engine),
        require_all=False,
        kinds=kinds,
        exclude=exclude,
        phases=phases,
        limit=limit,
        now=timezone.now(),
    )


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


def _related(search_engine, organisation_id, weighted, *, kinds, exclude, phases=None, limit=5):
    hits = _candidates(
        search_engine,
        organisation_id,
        weighted,
        kinds=kinds,
        exclude=exclude,
        phases=phases,
        limit=CANDIDATES,
    )
    return _shown(_rerank(hits, weighted, limit))


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


def _initiative_sources(initiative):
    return [
        (initiative.title, 3),
        (initiative.summary, 2),
        (text.plain(initiative.need), 1),
        (text.plain(initiative.what_is_new), 1),
    ]


def similar_initiatives(initiative, *, limit=5, search_engine=None, frequencies=None):
    """The initiatives most like this one, across service areas, leaving out those it is
    already linked to: "Lignende tiltak"."""
    search_engine = search_engine or engine()
    return _related(
        search_engine,
        initiative.organisation_id,
        _weighted_terms(search_engine, _initiative_sources(initiative), frequencies),
        kinds=[Kind.INITIATIVE],
        exclude={Kind.INITIATIVE: linked_initiative_ids(initiative)},
        limit=limit,
    )


def related_to_initiative(initiative, *, limit=5):
    """For an initiative's page: "Hvem har gjort dette før?" – initiatives with the same
    need that have come further (put into use, completed or stopped) – and "Lignende
    tiltak" (as similar_initiatives). Both leave out the initiatives it is already linked
    to, and each other's. One search finds the candidates for both."""
    search_engine = engine()
    sources = _initiative_sources(initiative)
    everything = " ".join(source for source, _weight in sources)
    frequencies = search_engine.document_frequencies(list(set(text.stems(everything))))
    similar_words = _weighted_terms(search_engine, sources, frequencies)
    need_words = {}
    if initiative.need.strip():
        need_words = _weighted_terms(
            search_engine,
            [(initiative.title, 1), (text.plain(initiative.need), 2)],
            frequencies,
        )
    hits = _candidates(
        search_engine,
        initiative.organisation_id,
        need_words | similar_words,
        kinds=[Kind.INITIATIVE],
        exclude={Kind.INITIATIVE: linked_initiative_ids(initiative)},
        limit=CANDIDATES * 2,
    )
    before = _rerank([hit for hit in hits if hit.phase in EXPERIENCED_PHASES], need_words, 3)
    shown = {hit.id for hit in before}
    similar = [
        hit for hit in _rerank(hits, similar_words, limit + len(before)) if hit.id not in shown
    ]
    return {"before": _shown(before), "similar": _shown(similar[:limit])}


def related_to_idea(idea, *, limit=5):
    """For an idea's page: related ideas and initiatives, leaving out the idea itself and
    the initiative it became (which the page shows already)."""
    search_engine = engine()
    terms = _weighted_terms(search_engine, [(idea.title, 3), (text.plain(idea.description), 1)])
    return _related(
        search_engine,
        idea.organisation_id,
        terms,
        kinds=[Kind.IDEA, Kind.INITIATIVE],
        exclude={Kind.IDEA: [idea.pk], Kind.INITIATIVE: [idea.initiative_id]},
        limit=limit,
    )


def similar_ideas(*, organisation, title, description="", exclude_idea=None, limit=5):
    """Existing ideas and initiatives like an idea being written, so that people can join
    forces instead of writing the same idea twice."""
    if not organisation or len((title or "").strip()) + len((description or "").strip()) < 4:
        return []
    search_engine = engine()
    terms = _weighted_terms(search_engine, [(title, 3), (description, 1)])
    return _related(
        search_engine,
        organisation.pk,
        terms,
        kinds=[Kind.IDEA, Kind.INITIATIVE],
        exclude={Kind.IDEA: [exclude_idea]} if exclude_idea else None,
        limit=limit,
    )
