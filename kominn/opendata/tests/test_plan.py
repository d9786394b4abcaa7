"""The API's lists read a page after the cursor through an index, at a municipality's
volume: a page deep in the list costs what the first does."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from kominn.participation.models import Idea
from kominn.participation.tests.test_list_plan import explain  # the same reading of plans
from kominn.portfolio.models import Initiative

ROWS = 2000


@pytest.fixture
def volume(asker):
    now = timezone.now()
    Initiative.objects.bulk_create(
        Initiative(
            organisation=asker,
            title=f"Tiltak {number}",
            slug=f"tiltak-{number}",
            summary="Et tiltak.",
            approach="first",
            is_published=True,
            published_at=now - timedelta(minutes=number // 2),
        )
        for number in range(ROWS)
    )
    author = make_user("mange@example.no")
    Idea.objects.bulk_create(
        Idea(
            organisation=asker,
            author=author,
            title=f"Idé {number}",
            description="Flere benker.",
            capacity="citizen",
            submitted_at=now - timedelta(minutes=number // 2),
        )
        for number in range(ROWS)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def page_sql(client, path, table):
    """The SQL that read the list's rows for the page after the first."""
    following = client.get(path).json()["next"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(following).status_code == 200
    return next(
        q["sql"]
        for q in queries.captured_queries
        if f'FROM "{table}"' in q["sql"] and "LIMIT" in q["sql"]
    )


@pytest.mark.parametrize(
    "path, table",
    [
        ("/api/v1/initiatives?limit=50", "portfolio_initiative"),
        ("/api/v1/ideas?limit=50", "participation_idea"),
    ],
)
def test_the_page_after_the_cursor_is_read_through_an_index(client, volume, path, table):
    plan = explain(page_sql(client, path, table))
    if connection.vendor == "postgresql":
        assert f"Seq Scan on {table}" not in plan, plan
        assert "Index" in plan, plan
        # Only rows with the same time are sorted, not the whole list.
        assert "Sort" not in plan.replace("Sort Key", "").replace("Incremental Sort", ""), plan
    else:
        # A covering index serves the rows without the table.
        assert re.search(rf"{table} USING (COVERING )?INDEX", plan), plan
        assert "TEMP B-TREE" not in plan or "RIGHT PART OF ORDER BY" in plan, plan
