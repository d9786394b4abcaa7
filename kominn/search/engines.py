"""Two engines, one interface: SQLite's FTS5 and PostgreSQL's full-text search.

Both read the same documents (models.Document) and the same vocabulary (models.Word);
they differ in how they match and rank, and in how they find near misses and compounds:

- SQLite: FTS5 over text stemmed in Python by the Snowball Norwegian stemmer, ranked by
  BM25; near misses from an index range over the word's beginning; compounds from an index
  range over reversed stems. Related items: a second FTS5 table over the keys (keys.py).
  Both name the organisation inside the index, so that only its documents are ranked.
- PostgreSQL: a tsvector made with the `norwegian` configuration (the same Snowball
  algorithm) and a GIN index, ranked by ts_rank; near misses and compounds through pg_trgm's
  trigram index on the vocabulary. Related items: a tsvector of the keys.

Neither ranks every match of a common word: each ranks a bounded set of candidates
(candidates), SQLite the newest matches, PostgreSQL the first title matches its index
gives, and text matches when the titles are few; services.RANKED says how many. Related
items are found here and ordered in services.py, the same way on both.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models.functions import Length

from . import text
from .documents import facet_word
from .models import Word

TITLE_WEIGHT = 4.0  # a word in the title counts four times one in the text
CANDIDATES = 400
# What the look-ups of compounds read of a word: hundreds of rows, so not as models.
WORD_FIELDS = ("word", "stem", "document_count")


@dataclass
class Term:
    """One word of a query and the words that may stand for it in a document."""

    word: str
    # Surface words to look for: the word itself (or what a near miss was corrected to),
    # compounds that end in it, the known word that begins it.
    alternatives: list[str]
    # Alternatives that also match longer stems beginning with their stem: "solceller"
    # finds "solcellepanel".
    prefixed: set[str] = field(default_factory=set)
    corrected: str = ""


class Row(NamedTuple):
    id: int
    score: float
    kind: str
    phase: str
    status: str
    areas: str
    themes: str


class Matches(NamedTuple):
    rows: list
    # More documents match than were ranked: the count is "more than" len(rows).
    more: bool


class Hit(NamedTuple):
    """A related item: enough to show without loading the document, and its keys."""

    id: int
    score: float
    kind: str
    phase: str
    status: str
    object_id: int
    parent_id: int | None
    slug: str
    title: str
    lead: str
    related: str


class BankRow(NamedTuple):
    """A match in the sharing bank: an initiative, or a lesson of one (parent_id)."""

    id: int
    score: float
    kind: str
    object_id: int
    parent_id: int | None


# A related item in the sharing bank: a Hit, with the organisation that shares it.
BankHit = NamedTuple("BankHit", [*Hit.__annotations__.items(), ("organisation_id", int)])


# What the sharing bank's search finds: initiatives, and lessons that lead to theirs.
BANK_KINDS = ("initiative", "lesson")
BANK_ROW_COLUMNS = "d.kind, d.object_id, d.parent_id"
ROW_COLUMNS = "d.kind, d.phase, d.status, d.areas, d.themes"
HIT_COLUMNS = (
    "d.kind, d.phase, d.status, d.object_id, d.parent_id, d.slug, d.title, "
    "substr(d.body, 1, 240), d.related"
)


def _in(column, values):
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _facet_conditions(filters):
    """SQL conditions for the facet filters other than the type."""
    conditions, params = [], []
    for name, value in filters.items():
        if name in {"area", "theme"}:
            conditions.append(f"d.{name}s LIKE %s")
            params.append(f"% {value} %")
        elif name in {"phase", "status"}:
            conditions.append(f"d.{name} = %s")
            params.append(value)
    return conditions, params


class Engine:
    vendor = ""

    def match(
        self, *, organisation_id, terms, require_all=True, filters=None, limit, now
    ) -> "Matches":
        """The organisation's public documents that match the terms and the facet filters
        ({"type": "idea", "area": "3", …}), best first: at most `limit` of them, and
        whether more match. Never every match is ranked, only a bounded set of
        candidates (see the engines' candidates())."""
        expression = self.expression(terms, require_all)
        if not expression:
            return Matches([], False)
        fetched = self.candidates(
            ROW_COLUMNS, expression, organisation_id, dict(filters or {}), limit, now
        )
        # The last column says whether a candidate may be shown yet (its publish date).
        rows = [Row(*row[:-1]) for row in fetched if row[-1]]
        return Matches(rows[:limit], len(fetched) > limit)

    def related(self, *, organisation_id, keys, kinds, exclude=None, limit, now) -> list[Hit]:
        """Public documents of the organisation and kinds that share any of these keys
        (keys.py), those sharing the most and rarest first; `exclude` maps kinds to object
        ids to leave out."""
        if not keys:
            return []
        condition, params = _in("d.kind", kinds)
        conditions = [condition]
        for kind, ids in (exclude or {}).items():
            ids = [pk for pk in ids if pk is not None]
            if ids:
                condition, values = _in("d.object_id", ids)
                conditions.append(f"NOT (d.kind = %s AND {condition})")
                params += [kind, *values]
        sql, query = self.related_sql(HIT_COLUMNS, keys, organisation_id, kinds, _and(conditions))
        rows = self._fetch(f"{sql} LIMIT {int(limit)}", query, organisation_id, now, params)
        return [Hit(*row) for row in rows]

    def bank_match(self, *, terms, require_all=True, limit, now) -> list[BankRow]:
        """The sharing bank's public documents (initiatives and their lessons), of every
        organisation, that match the terms, best first: at most `limit`. Only the bank's
        documents are ranked (SQLite: their scope; PostgreSQL: a partial index)."""
        expression = self.expression(terms, require_all)
        if not expression:
            return []
        sql, params = self.bank_text_sql(BANK_ROW_COLUMNS, expression, limit, now)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        return [BankRow(*row[:-1]) for row in fetched if row[-1]][:limit]

    def related_in_bank(
        self, *, keys, exclude_organisation_id, exclude_ids=(), limit, now
    ) -> list[BankHit]:
        """Initiatives in the sharing bank, of other organisations than the one named,
        that share any of these keys (keys.py), those sharing the most and rarest first;
        leaving out the initiatives `exclude_ids`."""
        if not keys:
            return []
        conditions, params = [], []
        ids = [pk for pk in exclude_ids if pk is not None]
        if ids:
            condition, params = _in("d.object_id", ids)
            conditions.append(f"NOT {condition}")
        sql, query = self.bank_related_sql(
            f"{HIT_COLUMNS}, d.organisation_id", keys, _and(conditions)
        )
        rows = self._fetch(f"{sql} LIMIT {int(limit)}", query, exclude_organisation_id, now, params)
        return [BankHit(*row) for row in rows]

    def candidates(self, columns, expression, organisation_id, filters, limit, now):
        """At most `limit` + 1 matches, best first: (id, score, *columns, may be shown)."""
        sql, params = self.text_sql(columns, expression, organisation_id, filters, limit, now)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _fetch(self, sql, query, organisation_id, now, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, [query, organisation_id, _datetime(now), *params])
            return cursor.fetchall()

    # Vocabulary look-ups, the same on both engines.

    def known(self, words) -> dict[str, str]:
        """Of these words, those in the vocabulary or sharing a stem with a word in it."""
        stems = {word: text.stem(word) for word in words}
        found = set(Word.objects.filter(word__in=words).values_list("stem", flat=True))
        found |= set(
            Word.objects.filter(stem__in=set(stems.values())).values_list("stem", flat=True)
        )
        return {word: word_stem for word, word_stem in stems.items() if word_stem in found}

    def known_stems(self, stems) -> set[str]:
        return set(Word.objects.filter(stem__in=stems).values_list("stem", flat=True))

    def correction(self, word) -> Word | None:
        """The vocabulary word the person most likely meant, or None. Words and their stems
        are both compared, so a miss in a long inflected word is still found
        ("gjenvinnigsstasjon" for "gjenvinningsstasjonen")."""
        limit = text.allowed_edits(word)
        if not limit:
            return None
        word_stem = text.stem(word)
        best = None
        for candidate in self.near(word):
            edits = min(
                text.distance(word, candidate.word, limit),
                text.distance(word_stem, candidate.stem, limit),
            )
            if edits <= limit:
                key = (edits, -candidate.document_count, candidate.word)
                if best is None or key < best[0]:
                    best = (key, candidate)
        return best[1] if best else None

    def compounds_ending_in(self, word_stem, limit=8) -> list[Word]:
        """Vocabulary words whose stem ends in this one: "ladestasjon" for "stasjon"."""
        if len(word_stem) < 4:
            return []
        found = {}
        for candidate in self.ending_candidates(word_stem):
            if (
                candidate.stem.endswith(word_stem)
                and len(candidate.stem) - len(word_stem) >= 3
                and candidate.stem not in found
            ):
                found[candidate.stem] = candidate
        return sorted(found.values(), key=lambda w: -w.document_count)[:limit]

    def compound_parts(self, word) -> list[str]:
        """For an unknown compound, the longest known word that begins it and what follows
        when that is known too: "utstyr" and "utlån" for "utstyrsutlån". When no known word
        begins it, the longest beginning that known compounds share ("lade" for
        "ladestasjon", from "ladeplass"). Empty when there is none.

        The compound is split by its stem: an inflected ending belongs to its last word, and
        "ladestasjoner" and "ladestasjonen" split as "ladestasjon" does."""
        word = text.stem(word)
        heads = [word[:end] for end in range(len(word) - 3, 3, -1)]
        rests = {head: word[len(head) :] for head in heads}
        known = self.known_stems(
            {text.stem(part) for part in [*heads, *rests.values()] if len(part) >= 3}
            | {text.stem(rest[1:]) for rest in rests.values() if rest[0] in "se"}
        )
        for head in heads:
            if text.stem(head) in known:
                rest = rests[head]
                # A linking s or e belongs to neither part ("utstyrs-utlån").
                if text.stem(rest) not in known and rest[0] in "se":
                    rest = rest[1:]
                return [head] + ([rest] if len(rest) >= 4 and text.stem(rest) in known else [])
        # The longest beginning that some stem shares. A stem that begins with a longer
        # beginning begins with every shorter one too, so halving the range of lengths finds
        # it with a few look-ups, however long the compound.
        shortest, longest = 0, len(heads)
        while shortest < longest:
            middle = (shortest + longest) // 2
            if self._stem_begins_with(heads[middle]):
                longest = middle
            else:
                shortest = middle + 1
        return [heads[shortest]] if shortest < len(heads) else []

    def _stem_begins_with(self, beginning) -> bool:
        # A range of the index rather than LIKE, which SQLite cannot serve from it.
        return Word.objects.filter(stem__gt=beginning, stem__lt=beginning + "\uffff").exists()


class SQLiteEngine(Engine):
    vendor = "sqlite"

    def expression(self, terms, require_all):
        groups = []
        for term in terms:
            options = []
            for word in term.alternatives:
                word_stem = text.stem(word)
                options.append(f'"{word_stem}"')
                if word in term.prefixed:
                    options.append(f'"{word_stem}"*')
            groups.append("(" + " OR ".join(dict.fromkeys(options)) + ")")
        return (" AND " if require_all else " OR ").join(groups)

    # FTS5 ranks every row its query matches before any other condition applies, so the
    # query itself names the organisation's public documents, of the kinds and facet
    # values asked for (the `scope` column, documents.scope): only what can be shown is
    # ranked, not the matches of every organisation. One word each, since a word that
    # most documents have (such as "public" alone) is slow to intersect with.

    def _scope(self, organisation_id, kinds, filters=None):
        public = f"p{int(organisation_id)}"
        if kinds:
            found = "scope: (" + " OR ".join(f"{public}{kind}" for kind in kinds) + ")"
        else:
            found = f"scope: {public}"
        for name, value in (filters or {}).items():
            if name != "type":
                found += f" AND scope: {facet_word(name, value)}"
        return found

    def text_sql(self, columns, expression, organisation_id, filters, limit, now):
        # The candidates are the newest `limit` matches (and one more, to tell whether
        # there are more), read from the index in descending rowid order, which FTS5
        # serves without looking at the others; only they are scored by BM25 and read
        # from the table. Ordering every match by BM25 scores them all: four times as
        # long for a word that a quarter of 100 000 documents hold (bench/search_bench.py).
        kinds = [filters["type"]] if "type" in filters else None
        scope = self._scope(organisation_id, kinds, filters)
        query = f"{scope} AND {{stemmed_title stemmed_body}}: ({expression})"
        sql = f"""
            SELECT d.id, ranked.score, {columns}, d.published_at <= %s
            FROM (
                SELECT rowid, -bm25(search_fts, 0, {TITLE_WEIGHT}, 1.0) AS score
                FROM search_fts WHERE search_fts MATCH %s
                ORDER BY rowid DESC LIMIT {int(limit) + 1}
            ) ranked JOIN search_document d ON d.id = ranked.rowid
            WHERE d.organisation_id = %s AND d.is_public
            ORDER BY ranked.score DESC, d.published_at DESC, d.id DESC"""  # noqa: S608  # nosec B608 - names are constants; values are parameters
        return sql, [_datetime(now), query, organisation_id]

    def related_sql(self, columns, keys, organisation_id, kinds, conditions):
        options = " OR ".join(f'"{key}"' for key in keys)
        query = f"{self._scope(organisation_id, kinds)} AND related: ({options})"
        sql = f"""
            SELECT d.id, -bm25(search_related, 0, 1.0) AS score, {columns}
            FROM search_related JOIN search_document d ON d.id = search_related.rowid
            WHERE search_related MATCH %s AND d.organisation_id = %s AND d.is_public
                  AND d.published_at <= %s {conditions}
            ORDER BY score DESC"""  # noqa: S608  # nosec B608 - names are constants; values are parameters
        return sql, query

    def bank_text_sql(self, columns, expression, limit, now):
        kinds = " OR ".join(f"bank{kind}" for kind in BANK_KINDS)
        query = f"scope: ({kinds}) AND {{stemmed_title stemmed_body}}: ({expression})"
        sql = f"""
            SELECT d.id, ranked.score, {columns}, d.published_at <= %s
            FROM (
                SELECT rowid, -bm25(search_fts, 0, {TITLE_WEIGHT}, 1.0) AS score
                FROM search_fts WHERE search_fts MATCH %s
                ORDER BY score DESC LIMIT {int(limit) + 1}
            ) ranked JOIN search_document d ON d.id = ranked.rowid
            WHERE d.is_public AND d.shared
            ORDER BY ranked.score DESC, d.published_at DESC, d.id DESC"""  # noqa: S608  # nosec B608 - names are constants; values are parameters
        return sql, [_datetime(now), query]

    def bank_related_sql(self, columns, keys, conditions):
        options = " OR ".join(f'"{key}"' for key in keys)
        query = f"scope: bankinitiative AND related: ({options})"
        sql = f"""
            SELECT d.id, -bm25(search_related, 0, 1.0) AS score, {columns}
            FROM search_related JOIN search_document d ON d.id = search_related.rowid
            WHERE search_related MATCH %s AND d.organisation_id <> %s AND d.is_public
                  AND d.shared AND d.published_at <= %s {conditions}
            ORDER BY score DESC"""  # noqa: S608  # nosec B608 - names are constants; values are parameters
        return sql, query

    def near(self, word):
        # A near miss usually gets the first letters right: look among words that begin
        # the same and are about as long.
        start = word[: 3 if len(word) >= 6 else 2]
        return (
            Word.objects.filter(word__gte=start, word__lt=start + "\uffff", document_count__gt=0)
            .annotate(length=Length("word"))
            .filter(length__range=(len(word) - 2, len(word) + (2 if len(word) < 10 else 4)))[
                :CANDIDATES
            ]
        )

    def ending_candidates(self, word_stem):
        reversed_stem = word_stem[::-1]
        return (
            Word.objects.filter(
                reversed_stem__gt=reversed_stem, reversed_stem__lt=reversed_stem + "\uffff"
            )
            .order_by("-document_count")
            .values_list(*WORD_FIELDS, named=True)[:CANDIDATES]
        )


# How PostgreSQL's search finds its candidates: through a bitmap of a GIN index, never by
# reading the table until enough pass (PostgreSQLEngine.candidates).
INDEXES_ONLY = "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off"
PLANNER_DEFAULTS = "SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL enable_indexscan TO DEFAULT"


class PostgreSQLEngine(Engine):
    vendor = "postgresql"

    def expression(self, terms, require_all):
        groups = []
        for term in terms:
            options = [f"{word}:*" if word in term.prefixed else word for word in term.alternatives]
            groups.append("(" + " | ".join(dict.fromkeys(options)) + ")")
        return (" & " if require_all else " | ").join(groups)

    def candidates(self, columns, expression, organisation_id, filters, limit, now):
        # ts_rank reads each candidate's whole tsvector, so a bounded set is ranked: the
        # first `limit` + 1 documents whose title matches, found through the index of the
        # titles in no order (the title weighs most, so these are the best). Only when
        # there are no more than `limit` of them are the documents whose text matches
        # added, the first `limit` + 1 of those: for a word that few titles have, the text
        # decides. When there are no more than `limit` matches, that is every one of them.
        #
        # Both are read through their GIN indexes, never by reading the table until enough
        # rows pass. The planner expects matches spread evenly over the table and a LIMIT
        # to stop the scan early; but documents lie in the table by kind and by age, and
        # PostgreSQL starts a large table's scan where the last one got to (synchronised
        # scans), so such a scan read 60 000 rows for a common word with a type chosen (the
        # search benchmark's 140 ms outliers). So both queries run with plain scans off, in
        # a transaction of their own, set back before it ends in case it is nested.
        conditions, params = _facet_conditions(filters)
        if "type" in filters:
            conditions.append("d.kind = %s")
            params.append(filters["type"])
        where = "d.organisation_id = %s AND d.is_public AND d.published_at <= %s " + _and(
            conditions
        )
        scoped = [organisation_id, _datetime(now), *params]
        # Weights for D, C, B (the text) and A (the title).
        weights = f"'{{0.1, 0.2, {1 / TITLE_WEIGHT}, 1.0}}'"
        rank = f"ts_rank({weights}, d.search_vector, to_tsquery('norwegian', %s)) AS score"
        select = f"SELECT d.id, {rank}, {columns}, d.published_at FROM search_document d"  # noqa: S608  # nosec B608 - names are constants
        bound = f"LIMIT {int(limit) + 1}"
        titles = f"""{select}
            WHERE to_tsvector('norwegian', d.title) @@ to_tsquery('norwegian', %s)
                  AND {where} {bound}"""  # nosec B608 - names are constants; values are parameters
        texts = f"""{select}
            WHERE d.search_vector @@ to_tsquery('norwegian', %s) AND {where}
            {bound}"""  # nosec B608 - names are constants; values are parameters
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(INDEXES_ONLY)
            cursor.execute(titles, [expression, expression, *scoped])
            found = {row[0]: row for row in cursor.fetchall()}
            if len(found) <= limit:
                cursor.execute(texts, [expression, expression, *scoped])
                found |= {row[0]: row for row in cursor.fetchall() if row[0] not in found}
            cursor.execute(PLANNER_DEFAULTS)
        # Best first, then the newest: (score, published_at, id), all descending.
        ranked = sorted(found.values(), key=lambda row: (row[1], row[-1], row[0]), reverse=True)
        return [(*row[:-1], True) for row in ranked]

    def related_sql(self, columns, keys, organisation_id, kinds, conditions):
        # Keys are letters and digits; quoted, none is read as an operator.
        query = " | ".join(f"'{key}'" for key in keys)
        sql = f"""
            SELECT d.id, ts_rank(d.related_vector, query) AS score, {columns}
            FROM search_document d, to_tsquery('simple', %s) query
            WHERE d.related_vector @@ query AND d.organisation_id = %s AND d.is_public
                  AND d.published_at <= %s {conditions}
            ORDER BY score DESC"""  # noqa: S608  # nosec B608 - names are constants; values are parameters
        return sql, query

    def bank_text_sql(self, columns, expression, limit, now):
        # The bank is small: every shared match is ranked, found through the partial
        # index of the shared documents (migration 0005). Only initiatives and their
        # lessons are ever shared (documents.initiative_fields), so no condition on the
        # kind leads the planner to another index.
        weights = f"'{{0.1, 0.2, {1 / TITLE_WEIGHT}, 1.0}}'"
        sql = f"""
            SELECT d.id, ts_rank({weights}, d.search_vector, to_tsquery('norwegian', %s))
                   AS score, {columns}, TRUE
            FROM search_document d
            WHERE d.search_vector @@ to_tsquery('norwegian', %s) AND d.shared AND d.is_public
                  AND d.published_at <= %s
            ORDER BY score DESC, d.published_at DESC, d.id DESC
            LIMIT {int(limit) + 1}"""  # noqa: S608  # nosec B608 - names are constants; values are parameters
        return sql, [expression, expression, _datetime(now)]

    def bank_related_sql(self, columns, keys, conditions):
        # Of the shared documents only initiatives have keys (a lesson has none), and the
        # partial index of the shared documents' keys finds them (migration 0005).
        query = " | ".join(f"'{key}'" for key in keys)
        sql = f"""
            SELECT d.id, ts_rank(d.related_vector, query) AS score, {columns}
            FROM search_document d, to_tsquery('simple', %s) query
            WHERE d.related_vector @@ query AND d.shared AND d.is_public
                  AND d.organisation_id <> %s AND d.published_at <= %s {conditions}
            ORDER BY score DESC"""  # noqa: S608  # nosec B608 - names are constants; values are parameters
        return sql, query

    def near(self, word):
        with connection.cursor() as cursor:
            # pg_trgm's default threshold (0.3) misses a swap in a short word ("skloe").
            cursor.execute("SET pg_trgm.similarity_threshold = 0.2")
        return Word.objects.raw(
            "SELECT id, word, stem, reversed_stem, document_count FROM search_word "
            "WHERE word %% %s AND document_count > 0 "
            "ORDER BY similarity(word, %s) DESC LIMIT %s",
            [word, word, CANDIDATES],
        )

    def ending_candidates(self, word_stem):
        # pg_trgm's index serves LIKE '%…%'; the stem check that follows keeps compounds.
        return (
            Word.objects.filter(word__contains=word_stem)
            .order_by("-document_count")
            .values_list(*WORD_FIELDS, named=True)[:CANDIDATES]
        )


def _datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


def _and(conditions):
    return " ".join(f"AND {condition}" for condition in conditions)


def engine() -> Engine:
    return PostgreSQLEngine() if connection.vendor == "postgresql" else SQLiteEngine()
