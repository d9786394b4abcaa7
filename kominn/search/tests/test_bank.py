"""The sharing bank through the search index: its text search with Norwegian stems and
compounds across municipalities, and "Hvem har gjort dette før?" naming other
municipalities' shared initiatives."""

import re

import pytest
from django.core.cache import cache

from conftest import BAERUM_HOST, make_initiative
from kominn.portfolio.models import Lesson, Phase, Relation, RelationType
from kominn.search import index


def titles(response):
    return re.findall(
        r'<h3 class="ds-heading" data-size="xs"><a [^>]*>([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def bank(asker, baerum, indexing):
    with indexing():
        alarms = make_initiative(
            baerum,
            "Digitale trygghetsalarmer",
            summary="Eldre som bor hjemme får trygghetsalarmer som går over mobilnettet.",
            need="De gamle alarmene slutter å virke når kobbernettet legges ned.",
            shared=True,
            phase=Phase.PRACTICE,
        )
        Lesson.objects.create(
            initiative=alarms, title="Sjekk dekningen", body="Mobildekningen i kjellere er svak."
        )
        make_initiative(
            baerum,
            "Sykkelhotell ved stasjonen",
            summary="Pendlere låser syklene inne.",
            shared=True,
        )
        make_initiative(
            baerum,
            "Trygghetsalarmer i kladd",
            summary="Alarmer over mobilnettet.",
            shared=True,
            is_published=False,
        )
        make_initiative(
            baerum, "Trygghetsalarmer for Bærum alene", summary="Alarmer over mobilnettet."
        )
        own = make_initiative(
            asker,
            "Nye trygghetsalarmer i hjemmetjenesten",
            summary="Hjemmetjenesten bytter trygghetsalarmer før kobbernettet legges ned.",
            need="Alarmene slutter å virke når kobbernettet legges ned.",
        )
    return {"alarms": alarms, "own": own}


def test_bank_search_finds_other_forms_of_a_word_and_lessons(client, bank):
    # "alarmen" (another form), "alarm" (the end of a compound), a word in a lesson.
    for query in ("alarmen", "alarm", "trygghetsalarm", "kjellerne"):
        response = client.get(f"/deling/?q={query}")
        assert titles(response) == ["Digitale trygghetsalarmer"], query
    # Neither a draft nor an initiative that is not shared is found.
    assert "i kladd" not in client.get("/deling/?q=mobilnettet").content.decode()
    assert "alene" not in client.get("/deling/?q=mobilnettet").content.decode()
    assert titles(client.get("/deling/?q=sykler")) == ["Sykkelhotell ved stasjonen"]
    assert titles(client.get("/deling/?q=fotball")) == []


def test_an_initiative_that_is_no_longer_shared_leaves_the_bank_search(client, bank, indexing):
    with indexing():
        bank["alarms"].shared = False
        bank["alarms"].save()
    assert titles(client.get("/deling/?q=alarm")) == []


def test_initiative_page_names_other_municipalities_shared_initiatives(client, bank, indexing):
    html = client.get(bank["own"].get_absolute_url()).content.decode()
    start = html.index('id="elsewhere-heading"')
    section = html[start : html.index("</section>", start)]
    assert "Digitale trygghetsalarmer" in section
    assert "Bærum kommune" in section
    assert "/deling/baerum/digitale-trygghetsalarmer/" in section
    # Never a draft or an initiative Bærum does not share.
    assert "i kladd" not in section and "alene" not in section
    # Once Bærum stops sharing it, Asker's page (kept) no longer names it.
    with indexing():
        bank["alarms"].shared = False
        bank["alarms"].save()
    assert 'id="elsewhere-heading"' not in client.get(bank["own"].get_absolute_url()).text


def test_an_initiative_already_taken_from_is_not_named_again(client, bank, indexing):
    with indexing():
        Relation.objects.create(
            source=bank["own"], type=RelationType.ADOPTED_FROM, target=bank["alarms"]
        )
    cache.clear()
    assert 'id="elsewhere-heading"' not in client.get(bank["own"].get_absolute_url()).text


def test_the_bank_is_in_the_index_after_a_rebuild(client, bank):
    index.rebuild()
    assert titles(client.get("/deling/?q=alarmer")) == ["Digitale trygghetsalarmer"]


@pytest.mark.parametrize("query", ['"', "alarm*", "NEAR(alarm", "og", "-", "a" * 200, "ø' OR 1=1"])
def test_odd_searches_answer_without_error(client, bank, query):
    response = client.get("/deling/", {"q": query})
    assert response.status_code == 200
    assert "i kladd" not in response.content.decode()


def test_site_search_names_other_municipalities_shared_initiatives(client, bank):
    content = client.get("/sok/", {"q": "trygghetsalarm"}).content.decode()
    section = content[content.index('id="elsewhere-heading"') :]
    assert "Digitale trygghetsalarmer" in section and "Bærum kommune" in section
    assert 'href="/deling/baerum/digitale-trygghetsalarmer/"' in section
    # Neither a draft, nor what Bærum does not share, nor Asker's own shared work.
    assert "Trygghetsalarmer i kladd" not in section
    assert "Trygghetsalarmer for Bærum alene" not in section
    assert "/deling/?q=trygghetsalarm" in section


def test_site_search_names_them_when_nothing_here_matches(client, bank):
    content = client.get("/sok/", {"q": "sykkelhotell"}).content.decode()
    assert "Ingen treff" in content
    section = content[content.index('id="elsewhere-heading"') :]
    assert "Sykkelhotell ved stasjonen" in section


def test_site_search_on_the_other_site_leaves_its_own_out(client, bank):
    content = client.get("/sok/", {"q": "sykkelhotell"}, HTTP_HOST=BAERUM_HOST).content.decode()
    assert 'id="elsewhere-heading"' not in content
