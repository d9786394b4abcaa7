"""The idea list reads its page through an index in every order, without counting
supports or comments, at a municipality's volume."""

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from kominn.participation.forms import SORTS
from kominn.participation.models import Comment, Idea, Support

IDEAS = 2000


def generate(organisation, people):
    """Ideas, comments and supports as a municipality has them, written in bulk."""
    rng = random.Random(3)  # noqa: S311 - repeatable test data, not security
    now = timezone.now()
    Idea.objects.bulk_create(
        Idea(
            organisation=organisation,
            author=rng.choice(people),
            title=f"Idé {number}",
            description="Flere benker langs turstien. " * 40,
            capacity="citizen",
            submitted_at=None if number % 50 == 0 else now - timedelta(minutes=number),
        )
        for number in range(IDEAS)
    )
    ideas = list(Idea.objects.values_list("pk", flat=True))
    Comment.objects.bulk_create(
        Comment(idea_id=rng.choice(ideas), author=rng.choice(people), body="Enig!")
        for _ in range(IDEAS * 3)
    )
    Support.objects.bulk_create(
        Support(idea_id=idea, user=user)
        for idea in ideas
        for user in rng.sample(people, rng.randint(0, 12))
    )
    Idea.objects.recount()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def list_queries(client, sort, page=1):
    """The SQL of the idea list's queries that read ideas, as the page ran them."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/ideer/", {"sort": sort, "side": page})
    assert response.status_code == 200
    return [
        query["sql"]
        for query in queries.captured_queries
        if 'FROM "participation_idea"' in query["sql"]
    ]


def explain(sql):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # At this test's 2 000 ideas a table of a few hundred pages may cost less to read
            # whole than through an index, and which one PostgreSQL picks then turns on how
            # many dead rows earlier tests left. What must hold is that an index serves the
            # query in its order, as the planner uses it at real volume (bench/): so reading
            # the whole table is priced out here, and a plan still showing it has no index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.fixture
def volume(asker):
    people = [make_user(f"person{number}@example.no") for number in range(40)]
    generate(asker, people)


@pytest.mark.parametrize("sort", SORTS)
def test_the_list_reads_an_index_in_every_order_on_sqlite(client, volume, sort):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's is read below")
    queries = list_queries(client, sort)
    page = next(sql for sql in queries if "LIMIT" in sql)
    plan = explain(page)
    assert "participation_idea USING INDEX idea_list_" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # no sorting of all public ideas
    for sql in queries:
        assert "participation_support" not in sql and "participation_comment" not in sql


@pytest.mark.postgres
@pytest.mark.parametrize("sort", SORTS)
def test_the_list_reads_an_index_in_every_order_on_postgresql(client, volume, sort):
    for page in (1, 40):
        queries = list_queries(client, sort, page)
        assert len(queries) == 2  # the paginator's count and the page
        for sql in queries:  # neither counts supports or comments
            assert "participation_support" not in sql and "participation_comment" not in sql
        plan = explain(next(sql for sql in queries if "LIMIT" in sql))
        for table in ("participation_idea", "participation_support", "participation_comment"):
            assert f"Seq Scan on {table}" not in plan, plan
        assert "idea_list_" in plan, plan
        assert "Sort" not in plan.replace("Sort Key", ""), plan  # read in the index's order
