"""The layout every page shares: language alternates for search engines, the menu button,
the draft banner, the list filters' chips and how people's organisations are written."""

import re

import pytest

from conftest import make_goal, make_idea, make_initiative, make_user
from kominn.portfolio.models import NewsArticle


def alternates(response):
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]*)">', response.text)
    )


@pytest.mark.parametrize("path", ["/personvern/", "/nn/personvern/", "/en/personvern/"])
def test_every_page_names_itself_in_each_language_with_absolute_addresses(client, asker, path):
    response = client.get(path + "?q=noe")
    assert alternates(response) == {
        "nb": "http://testserver/personvern/",
        "nn": "http://testserver/nn/personvern/",
        "en": "http://testserver/en/personvern/",
        "x-default": "http://testserver/personvern/",
    }


def test_a_page_that_does_not_exist_still_has_absolute_alternates(client, asker):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert alternates(response)["x-default"] == "http://testserver/finnes-ikke/"


def test_the_menu_is_a_button_that_works_without_javascript(client, asker):
    content = client.get("/").text
    menu = re.search(
        r'<details class="header-disclosure site-menu"[^>]*>(.*?)</details>',
        content,
        re.S,
    )
    assert menu, "no menu button"
    assert "<summary" in menu.group(1) and ">Meny</summary>" in menu.group(1)
    assert 'aria-label="Hovedmeny"' in menu.group(1) and 'href="/tiltak/"' in menu.group(1)


def test_staff_find_their_links_behind_the_account_button(client, asker):
    staff = make_user("stab@asker.kommune.no", is_staff=True, is_superuser=True)
    client.force_login(staff)
    content = client.get("/").text
    account = re.search(
        r'<details class="header-disclosure account-menu"[^>]*>(.*?)</details>', content, re.S
    ).group(1)
    for label in ("Varsler", "Ideer å svare på", "Moderering", "Min konto", "Logg ut"):
        assert label in account


@pytest.fixture
def example_items(asker):
    goal = make_goal(asker, "Eksempelmål", is_example=True)
    initiative = make_initiative(asker, "Eksempeltiltak", is_example=True)
    article = NewsArticle.objects.create(
        organisation=asker, title="Eksempelnyhet", lead="Ingress.", is_published=True,
        is_example=True,
    )  # fmt: skip
    return [goal.get_absolute_url(), initiative.get_absolute_url(), article.get_absolute_url()]


def test_visitors_see_no_warning_box_on_example_content(client, example_items):
    for path in example_items:
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'data-color="warning"' not in response.text, path


def test_staff_are_told_that_example_content_is_invented(client, asker, example_items):
    client.force_login(make_user("stab@asker.kommune.no", is_staff=True, is_superuser=True))
    for path in example_items:
        assert "Eksempeldata." in client.get(path).text, path


def test_chosen_filters_are_chips_that_each_remove_one_filter(client, asker):
    response = client.get("/ideer/?status=received&theme=&capacity=volunteer&side=2")
    content = response.text
    assert "Filtrer (2)" in content
    chips = dict(re.findall(r'<a class="filter-chip" href="([^"]*)">([^<]*)<', content))
    assert chips == {
        "/ideer/?capacity=volunteer": "Status: Mottatt",
        "/ideer/?status=received": "Skrevet av: Frivillig",
    }


def test_the_filter_button_has_no_count_when_nothing_is_chosen(client, asker):
    content = client.get("/tiltak/").text
    assert '<details class="filter-disclosure">' in content
    assert "Filtrer</summary>" in content and "filter-chip" not in content


def test_chosen_initiative_filters_are_chips(client, asker):
    make_initiative(asker, "LED i skolene", approach="adopted")
    content = client.get("/tiltak/?approach=adopted&sort=name").text
    assert "Filtrer (1)" in content
    assert (
        '<a class="filter-chip" href="/tiltak/?sort=name">Innovasjonsmåte: Hentet fra andre<'
        in content
    )


def test_organisation_names_keep_their_capitals_after_the_capacity(client, asker):
    author = make_user("frivillig@example.no", display_name="Frida Frivillig")
    idea = make_idea(
        asker, author, "Flere benker", capacity="volunteer", affiliation="Asker Røde Kors"
    )
    assert "(frivillig, Asker Røde Kors)" in client.get("/ideer/").text
    assert (
        "Av Frida Frivillig (frivillig, Asker Røde Kors)"
        in client.get(idea.get_absolute_url()).text
    )
