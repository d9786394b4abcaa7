"""Search at /sok/: Norwegian forms, near misses, compounds, facets and what is shown."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from conftest import make_idea, make_initiative, make_organisation
from kominn.organisations.models import ServiceArea, Theme
from kominn.participation.models import Idea
from kominn.portfolio.models import Lesson, NewsArticle, Phase
from kominn.search import services


def titles(response):
    return [item.document.title for item in response.context["result"].results]


@pytest.fixture
def content(asker, citizen, indexing):
    skoler = ServiceArea.objects.get(organisation=asker, slug="skoler")
    eiendom = ServiceArea.objects.get(organisation=asker, slug="eiendom")
    climate = Theme.objects.get(organisation=asker, slug="miljo-og-klima")
    with indexing():
        charging = make_initiative(
            asker,
            "Ladestasjon ved rådhuset",
            summary="Ansatte lader tjenestebilene ved rådhuset.",
            service_areas=[eiendom],
            themes=[climate],
            phase=Phase.PRACTICE,
        )
        solar = make_initiative(
            asker,
            "Solcellepanel på skoletak",
            summary="Skolene produserer egen strøm.",
            service_areas=[skoler],
            phase=Phase.DEVELOPMENT,
        )
        Lesson.objects.create(initiative=solar, title="Planlegg taket tidlig", body="Før bygging.")
        idea = make_idea(
            asker,
            citizen,
            "Flere benker ved skolen",
            description="Elevene trenger steder å sitte.",
            service_area=skoler,
        )
    return {"charging": charging, "solar": solar, "idea": idea}


def test_inflected_forms_find_each_other(client, content):
    assert titles(client.get("/sok/", {"q": "ladestasjonene"})) == ["Ladestasjon ved rådhuset"]
    found = titles(client.get("/sok/", {"q": "skoler"}))
    assert "Flere benker ved skolen" in found
    assert "Solcellepanel på skoletak" in found


def test_a_compound_is_found_by_its_first_word(client, content):
    assert "Solcellepanel på skoletak" in titles(client.get("/sok/", {"q": "solceller"}))


def test_a_compound_is_found_by_its_last_word(client, content):
    assert "Solcellepanel på skoletak" in titles(client.get("/sok/", {"q": "panelet"}))


def test_a_near_miss_finds_its_target_and_says_so(client, content):
    response = client.get("/sok/", {"q": "ladestasjn"})
    assert titles(response) == ["Ladestasjon ved rådhuset"]
    assert response.context["result"].corrections == {"ladestasjn": "ladestasjon"}
    assert "<strong>ladestasjon</strong>" in response.text


def test_results_show_type_and_highlighted_snippet(client, content):
    response = client.get("/sok/", {"q": "rådhuset"})
    assert "<mark>rådhuset</mark>" in response.text
    first = response.context["result"].results[0]
    assert first.document.kind == "initiative"
    assert f'data-color="accent">{first.kind_label}</span>' in response.text


def test_lessons_learned_are_found_and_link_to_their_place(client, content):
    response = client.get("/sok/", {"q": "planlegg taket"})
    lesson = Lesson.objects.get(title="Planlegg taket tidlig")
    assert f"/tiltak/{content['solar'].slug}/#lesson-{lesson.pk}" in response.text


def test_facets_count_and_filter(client, content):
    response = client.get("/sok/", {"q": "skole"})
    facets = {facet["name"]: facet for facet in response.context["result"].facets}
    kinds = {option["slug"]: option["count"] for option in facets["type"]["options"]}
    assert kinds == {"initiative": 1, "idea": 1}
    areas = {option["slug"]: option["count"] for option in facets["area"]["options"]}
    assert areas["skoler"] == 2
    assert areas["oppvekst"] == 2  # Skoler is a unit of Oppvekst
    filtered = client.get("/sok/", {"q": "skole", "type": "idea"})
    assert titles(filtered) == ["Flere benker ved skolen"]
    # The other facets count within the chosen type; the type facet still offers both.
    facets = {facet["name"]: facet for facet in filtered.context["result"].facets}
    assert {o["slug"]: o["count"] for o in facets["type"]["options"]} == kinds
    assert {o["slug"] for o in facets["phase"]["options"]} == set()


def test_an_unknown_facet_value_is_ignored(client, content):
    response = client.get("/sok/", {"q": "skole", "area": "finnes-ikke", "type": "tull"})
    assert response.status_code == 200
    assert len(titles(response)) == 2


def test_no_results_suggests_what_to_try(client, content):
    response = client.get("/sok/", {"q": "kvantedatamaskin"})
    assert titles(response) == []
    assert "no-results-heading" in response.text
    assert "/tiltak/" in response.text and "/ideer/" in response.text


def test_empty_search_page_explains(client, asker):
    response = client.get("/sok/")
    assert response.status_code == 200
    assert 'role="search"' in response.text


def test_when_no_document_has_every_word_some_words_are_enough(client, content):
    response = client.get("/sok/", {"q": "rådhuset kvantedatamaskin"})
    assert titles(response) == ["Ladestasjon ved rådhuset"]
    assert response.context["result"].relaxed


def test_search_pages(client, asker, citizen, indexing):
    with indexing():
        for number in range(25):
            make_idea(asker, citizen, f"Sykkelparkering nummer {number}")
    first = client.get("/sok/", {"q": "sykkelparkering"})
    assert first.context["result"].total == 25
    assert len(titles(first)) == 20
    second = client.get("/sok/", {"q": "sykkelparkering", "side": 2})
    assert len(titles(second)) == 5
    assert 'rel="prev"' in second.text


def test_only_public_content_is_found(client, asker, citizen, other_citizen, indexing):
    with indexing():
        make_initiative(asker, "Hemmelig ladestasjon", is_published=False)
        make_initiative(
            asker, "Framtidig ladestasjon", published_at=timezone.now() + timedelta(days=3)
        )
        make_idea(asker, citizen, "Kladd om ladestasjon", submitted_at=None)
        make_idea(asker, citizen, "Skjult ladestasjon", hidden_at=timezone.now())
        other_citizen.blocked_at = timezone.now()
        other_citizen.save()
        make_idea(asker, other_citizen, "Blokkert ladestasjon")
        make_initiative(make_organisation(), "Ladestasjon i en annen kommune")
        make_initiative(asker, "Synlig ladestasjon")
    client.force_login(citizen)  # the author of the draft sees it elsewhere, not in search
    assert titles(client.get("/sok/", {"q": "ladestasjon"})) == ["Synlig ladestasjon"]


def test_future_content_is_found_once_its_date_has_come(asker, indexing):
    with indexing():
        NewsArticle.objects.create(
            organisation=asker,
            title="Nyhet om varmepumper",
            lead="Ingress.",
            body="Tekst.",
            is_published=True,
            published_at=timezone.now() + timedelta(hours=1),
        )
    assert services.search(organisation=asker, query="varmepumper").total == 0
    later = timezone.now() + timedelta(hours=2)
    assert services.search(organisation=asker, query="varmepumper", now=later).total == 1


def test_search_queries_do_not_grow_with_the_results(
    client, asker, citizen, indexing, django_assert_max_num_queries
):
    with indexing():
        for number in range(30):
            make_idea(asker, citizen, f"Benk ved turvei {number}")
            make_initiative(asker, f"Turvei nummer {number}")
    # On PostgreSQL five of them set the planner for the ranking and set it back, in a
    # savepoint of their own (engines.PostgreSQLEngine.candidates).
    with django_assert_max_num_queries(17 if connection.vendor == "postgresql" else 12):
        response = client.get("/sok/", {"q": "turvei", "type": "idea"})
    assert response.context["result"].total == 30


def test_long_queries_are_cut(client, content):
    """A query longer than the box allows is cut to its first 200 characters, which are
    still searched and shown back in the box."""
    response = client.get("/sok/", {"q": "skole " * 200})
    assert response.status_code == 200
    assert response.context["query"] == ("skole " * 200)[:200]
    assert f'value="{("skole " * 200)[:200]}"' in response.content.decode()
    assert titles(response), "the cut query still finds the schools"


def test_function_words_alone_find_nothing(client, content):
    # A query made only of function words finds nothing rather than everything.
    response = client.get("/sok/", {"q": "og i på"})
    assert titles(response) == []
    assert Idea.objects.exists()


@pytest.fixture
def charging_places(asker, citizen, indexing):
    """Content where "ladestasjon" is no word of its own: only its beginning is shared."""
    with indexing():
        make_initiative(asker, "Ladeplasser ved rådhuset", summary="Elbiler om natten.")
        make_idea(asker, citizen, "Ladeplass for elsykler", description="Ved bussen.")
        make_initiative(asker, "Solcellepanel på skoletak", summary="Skolene lager strøm.")


COMPOUND_FORMS = [
    "ladestasjon",
    "ladestasjoner",
    "ladestasjonen",
    "ladestasjonene",
    # Longer than the beginnings looked up one by one before.
    "ladestasjonsutbyggingene",
]


@pytest.mark.parametrize("query", COMPOUND_FORMS)
def test_every_form_of_an_unknown_compound_finds_what_its_beginning_finds(
    client, charging_places, query
):
    assert set(titles(client.get("/sok/", {"q": query}))) == {
        "Ladeplasser ved rådhuset",
        "Ladeplass for elsykler",
    }


@pytest.mark.postgres
@pytest.mark.parametrize("query", COMPOUND_FORMS)
def test_postgresql_finds_every_form_of_an_unknown_compound(client, charging_places, query):
    from kominn.search.engines import PostgreSQLEngine, engine

    assert isinstance(engine(), PostgreSQLEngine)
    assert set(titles(client.get("/sok/", {"q": query}))) == {
        "Ladeplasser ved rådhuset",
        "Ladeplass for elsykler",
    }
