"""A search that matches thousands of documents ranks a bounded set of them, says that
there are more, and a chosen facet still narrows every match. Related items are found
through keys that few enough documents have."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kominn.organisations.models import ServiceArea
from kominn.portfolio.models import Phase
from kominn.search import index, keys, services, text
from kominn.search.documents import scope
from kominn.search.models import Document, Key, Kind

IDEAS = 2500  # "turvei" in the title: the best matches
INITIATIVES = 300  # "turveien" only in the text, in one service area
MATCHES = IDEAS + INITIATIVES


def _document(organisation, kind, number, title, body, **fields):
    document = Document(
        organisation=organisation,
        kind=kind,
        object_id=number,
        slug=f"dokument-{number}",
        title=title,
        body=body,
        stemmed_title=text.stemmed(title),
        stemmed_body=text.stemmed(body),
        is_public=True,
        published_at=timezone.now(),
        **fields,
    )
    document.scope = scope(document)
    return document


@pytest.fixture
def volume(asker):
    """Documents of the search index as a large municipality has them, written in bulk."""
    skoler = ServiceArea.objects.get(organisation=asker, slug="skoler")
    areas = f" {skoler.pk} {skoler.parent_id} "
    documents = [
        _document(asker, Kind.IDEA, number, f"Turvei nummer {number}", "Benker og lys.")
        for number in range(IDEAS)
    ] + [
        _document(
            asker,
            Kind.INITIATIVE,
            number,
            f"Tiltak {number}",
            "Lys langs turveien i skogen.",
            areas=areas,
            phase=Phase.PRACTICE,
        )
        for number in range(INITIATIVES)
    ]
    Document.objects.bulk_create(documents, batch_size=500)
    index.add_words(documents)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_a_common_word_says_more_than_it_lists(client, volume):
    response = client.get("/sok/", {"q": "turvei"})
    result = response.context["result"]
    assert result.more and result.total == services.RANKED
    assert result.counted_among == services.RANKED
    assert "Mer enn 500 treff for «turvei»" in response.text
    assert "Telt blant de 500 beste treffene." in response.text
    # The best are listed: ideas with the word in their title.
    assert {item.document.kind for item in result.results} == {Kind.IDEA}
    assert result.page.paginator.num_pages == services.RANKED // services.PAGE_SIZE


@pytest.mark.parametrize(
    "choice", [{"type": "initiative"}, {"area": "skoler"}, {"phase": Phase.PRACTICE}]
)
def test_a_chosen_facet_narrows_every_match_not_only_the_best(client, volume, choice):
    """The initiatives are not among the best thousand, but a facet finds all of them."""
    response = client.get("/sok/", {"q": "turvei", **choice})
    result = response.context["result"]
    assert result.total == INITIATIVES and not result.more
    assert {item.document.kind for item in result.results} == {Kind.INITIATIVE}
    assert f"{INITIATIVES} treff for «turvei»" in response.text


def _ranking_sql(organisation, **choices):
    with CaptureQueriesContext(connection) as queries:
        services.search(organisation=organisation, query="turvei", choices=choices)
    return [query["sql"] for query in queries.captured_queries if " AS score" in query["sql"]]


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


FILLER = 20000


@pytest.fixture
def filler(asker):
    """Documents without the word, written before the matches, so that they lie first in
    the table: a plan that reads the table until enough rows pass reads all of them."""
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO search_document (organisation_id, kind, object_id, slug, title,
                   body, stemmed_title, stemmed_body, is_public, published_at, scope, areas,
                   themes, phase, status, related)
               SELECT %s, 'idea', 100000 + n, 'fyll-' || n, 'Benk nummer ' || n, 'Lys.',
                   'benk numm', 'lys', TRUE, now() - interval '1 day', %s, '', '', '', '', ''
               FROM generate_series(1, %s) AS n""",
            [asker.pk, f"p{asker.pk} p{asker.pk}idea", FILLER],
        )


@pytest.mark.postgres
@pytest.mark.parametrize("choices", [{}, {"type": "initiative"}])
def test_postgresql_reads_a_bounded_set_of_candidates(asker, filler, volume, choices):
    """The word is in 2 500 titles: the first 501 of them are ranked, nothing more. For
    initiatives, whose titles lack it, their text decides. Either way the rows read are
    the candidates, not the table until enough pass."""
    with CaptureQueriesContext(connection) as queries:
        services.search(organisation=asker, query="turvei", choices=choices)
    plans = []
    # The statements again, as the engine sent them: its settings, then its queries.
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in (query["sql"] for query in queries.captured_queries):
            if sql.startswith("SET "):
                cursor.execute(sql)
            elif " AS score" in sql:
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
                plans.append(cursor.fetchone()[0][0]["Plan"])
    assert plans
    for plan in plans:
        nodes = list(_nodes(plan))
        assert plan["Node Type"] == "Limit" and plan["Actual Rows"] <= services.RANKED + 1, plan
        assert not [node for node in nodes if node["Node Type"] in {"Seq Scan", "Index Scan"}]
        read = sum(
            node["Actual Rows"]
            + node.get("Rows Removed by Filter", 0)
            + node.get("Rows Removed by Index Recheck", 0)
            for node in nodes
            if node["Node Type"] == "Bitmap Heap Scan"
        )
        assert read <= services.RANKED + 1 + 100, (read, plan)


@pytest.mark.postgres
def test_postgresql_search_leaves_the_planner_as_it_found_it(asker, volume):
    with transaction.atomic():
        services.search(organisation=asker, query="turvei", choices={"type": "initiative"})
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"
            cursor.execute("SHOW enable_indexscan")
            assert cursor.fetchone()[0] == "on"


def test_sqlite_reads_only_the_best_matches_from_the_table(asker, volume):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's is read above")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {_ranking_sql(asker)[0]}")
        steps = {row[0]: (row[1], row[-1]) for row in cursor.fetchall()}

    def inside(step_id, label):
        while step_id:
            parent, detail = steps[step_id]
            if label in detail:
                return True
            step_id = parent
        return False

    fts = [step for step, (_parent, detail) in steps.items() if "search_fts VIRTUAL" in detail]
    table = [step for step, (_parent, detail) in steps.items() if "SEARCH d " in detail]
    # FTS5 ranks inside a subquery that keeps the best; the table is read only for those.
    assert fts and all(inside(step, "ranked") for step in fts), steps
    assert table and not any(inside(step, "ranked") for step in table), steps


def test_related_items_are_found_through_keys_few_documents_have(db):
    Key.objects.create(key=keys.ALL, document_count=100_000)
    common = [f"ord{number}" for number in range(30)]
    Key.objects.bulk_create(Key(key=key, document_count=1500) for key in common)
    Key.objects.bulk_create(Key(key=f"sjelden{number}", document_count=5) for number in range(3))
    weighed = services.source(dict.fromkeys([*common, "sjelden0", "sjelden1", "sjelden2"], 1))
    counts = dict(Key.objects.values_list("key", "document_count"))
    assert {"sjelden0", "sjelden1", "sjelden2"} <= set(weighed.finders)
    # However many keys the source has, the candidates are at most 2 000 documents.
    assert sum(counts[key] for key in weighed.finders) <= 2000
