"""Bounded lists: at most KOMINN_LIST_MAX_PAGES pages, counted with a LIMIT."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_idea, make_initiative
from kominn.participation.models import Idea


@pytest.fixture
def two_pages_at_most(settings):
    settings.KOMINN_LIST_MAX_PAGES = 2


def test_a_short_list_counts_and_pages_as_before(client, asker, citizen, two_pages_at_most):
    for number in range(25):
        make_idea(asker, citizen, f"Idé nummer {number}")
    first = client.get("/ideer/").text
    assert "25 ideer" in first and "Side 1 av 2" in first
    last = client.get("/ideer/?side=2").text
    assert "Listen viser de første" not in last


def test_a_long_list_stops_after_its_last_page_and_says_how_to_find_more(
    client, asker, citizen, two_pages_at_most
):
    for number in range(45):
        make_idea(asker, citizen, f"Idé nummer {number}")
    first = client.get("/ideer/").text
    assert "Mer enn 40 ideer" in first and "Side 1 av 2" in first
    # A page past the last shows the last, which says where the rest are.
    deep = client.get("/ideer/?side=3").text
    assert "Side 2 av 2" in deep and 'rel="next"' not in deep
    assert "Listen viser de første 40. Bruk filtrene eller søket for å finne resten." in deep
    english = client.get("/en/ideer/?side=2").text
    assert "More than 40 ideas" in english
    assert "The list shows the first 40. Use the filters or search to find the rest." in english


def test_the_count_reads_no_further_than_the_last_page(client, asker, citizen, settings):
    settings.KOMINN_LIST_MAX_PAGES = 1
    for number in range(30):
        make_idea(asker, citizen, f"Idé nummer {number}")
    with CaptureQueriesContext(connection) as queries:
        client.get("/ideer/")
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]
    assert counts and all("LIMIT 21" in sql for sql in counts), counts
    assert Idea.objects.count() == 30


def test_the_initiative_list_is_bounded_too(client, asker, two_pages_at_most):
    for number in range(41):
        make_initiative(asker, f"Tiltak nummer {number}", slug=f"tiltak-{number}")
    assert "Mer enn 40 tiltak" in client.get("/tiltak/").text
