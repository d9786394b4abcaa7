"""A search that matches thousands of documents ranks a bounded set of them, says that
there are more, and a chosen facet still narrows every match. Related items are found
through keys that few enough documents have."""

import pytest
from django.db import connection
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


def _search_sql(organisation):
    with CaptureQueriesContext(connection) as queries:
        services.search(organisation=organisation, query="turvei")
    return next(query["sql"] for query in queries.captured_queries if "score" in query["sql"])


@pytest.mark.postgres
def test_postgresql_ranks_a_bounded_set_of_candidates(asker, volume):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {_search_sql(asker)}")
        plan = cursor.fetchone()[0][0]["Plan"]
    # The top of the plan orders by ts_rank what the node below it computed it for.
    assert plan["Node Type"] == "Sort", plan
    assert plan["Actual Rows"] <= 2 * services.RANKED + 1 < MATCHES, plan
    assert '"Node Type": "Limit"' in str(plan).replace("'", '"'), plan


def test_sqlite_reads_only_the_best_matches_from_the_table(asker, volume):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's is read above")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {_search_sql(asker)}")
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
