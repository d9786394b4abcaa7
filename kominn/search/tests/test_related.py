"""Related work on initiative and idea pages, and similar ideas while writing one."""

import pytest

from conftest import make_challenge, make_goal, make_idea, make_initiative
from kominn.organisations.models import ServiceArea, Theme
from kominn.portfolio.models import Phase, Relation, RelationType
from kominn.search import index


@pytest.fixture
def work(asker, citizen, indexing):
    skoler = ServiceArea.objects.get(organisation=asker, slug="skoler")
    hjemme = ServiceArea.objects.get(organisation=asker, slug="hjemmetjenester")
    eiendom = ServiceArea.objects.get(organisation=asker, slug="eiendom")
    with indexing():
        source = make_initiative(
            asker,
            "Elbiler i hjemmetjenesten",
            summary="Hjemmetjenesten bytter fossilbiler til elbiler med egne ladepunkter.",
            need="Bilene slipper ut mye CO2, og drivstoff er dyrt.",
            service_areas=[hjemme],
            phase=Phase.DEVELOPMENT,
        )
        done = make_initiative(
            asker,
            "Elbiler for vaktmesterne",
            summary="Vaktmesterne kjører elbiler, og ladepunktene står ved hvert bygg.",
            need="Drivstoff er dyrt og bilene slipper ut CO2.",
            service_areas=[eiendom],
            phase=Phase.COMPLETED,
        )
        similar = make_initiative(
            asker,
            "Ladepunkter for elbiler ved skolene",
            summary="Lærerne kan lade elbiler ved skolene.",
            service_areas=[skoler],
            phase=Phase.IDEA,
        )
        linked = make_initiative(
            asker,
            "Elbilpool for ansatte",
            summary="Ansatte låner elbiler til tjenestereiser.",
            service_areas=[eiendom],
        )
        make_initiative(asker, "Språkløft i barnehagene", summary="Lek og høytlesing.")
        make_initiative(
            asker, "Elbiler i kladd", summary="Elbiler og ladepunkter.", is_published=False
        )
        Relation.objects.create(source=source, type=RelationType.RELATED, target=linked)
        idea = make_idea(
            asker,
            citizen,
            "Ladepunkter for elbiler ved sykehjemmet",
            description="Ansatte og besøkende med elbiler trenger lading.",
        )
    return {"source": source, "done": done, "similar": similar, "linked": linked, "idea": idea}


def _section(html, heading_id):
    """The HTML of the section under the heading. A section that is missing fails the test,
    so a check that something is not in it cannot pass by the section being gone."""
    assert f'id="{heading_id}"' in html, f"no section with the heading #{heading_id}"
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_initiative_page_shows_who_did_it_before_and_similar_ones(client, work):
    html = client.get(work["source"].get_absolute_url()).text
    before = _section(html, "before-heading")
    assert "Elbiler for vaktmesterne" in before  # the same need, completed: ask them
    assert "Ladepunkter for elbiler ved skolene" not in before  # not further along
    similar = _section(html, "similar-heading")
    assert "Ladepunkter for elbiler ved skolene" in similar  # another service area
    assert "Elbiler for vaktmesterne" not in similar  # shown once
    for section in (before, similar):
        assert "Elbilpool for ansatte" not in section  # already linked
        assert "Elbiler i kladd" not in section  # a draft
        assert "Elbiler i hjemmetjenesten" not in section  # itself
        assert "Språkløft" not in section  # unrelated


def test_linked_initiatives_are_left_out_from_either_end(client, work):
    """The source page leaves out what it links to (above); the linked page leaves out the
    source, which it shows once, under related initiatives."""
    html = client.get(work["linked"].get_absolute_url()).text
    assert html.count(f'href="{work["source"].get_absolute_url()}"') == 1
    similar = _section(html, "similar-heading")
    assert "Elbiler for vaktmesterne" in similar
    assert "Elbiler i hjemmetjenesten" not in similar


def test_idea_page_shows_related_ideas_and_initiatives(client, work):
    html = client.get(work["idea"].get_absolute_url()).text
    related = _section(html, "related-heading")
    assert "Ladepunkter for elbiler ved skolene" in related
    assert "Ladepunkter for elbiler ved sykehjemmet" not in related


def test_similar_ideas_while_writing(client, work):
    response = client.get(
        "/sok/lignende-ideer/", {"title": "Lading av elbiler", "description": "Ladepunkter"}
    )
    assert "Ladepunkter for elbiler ved sykehjemmet" in response.text
    assert "Ladepunkter for elbiler ved skolene" in response.text
    assert "Elbiler i kladd" not in response.text
    assert response.text.count("<li>") <= 5


def test_nothing_similar_gives_nothing(client, work):
    response = client.get("/sok/lignende-ideer/", {"title": "Kvantedatamaskin"})
    assert response.status_code == 200
    assert response.text.strip() == ""


def test_idea_form_asks_for_similar_ideas_as_you_type(client, citizen, work):
    client.force_login(citizen)
    html = client.get("/ideer/ny/").text
    assert 'data-hx-get="/sok/lignende-ideer/"' in html
    assert "from:#id_title" in html


def test_preview_shows_similar_ideas_without_javascript(client, citizen, work, indexing):
    with indexing():
        draft = make_idea(
            work["idea"].organisation,
            citizen,
            "Flere ladepunkter for elbiler",
            description="Ved sykehjemmet.",
            submitted_at=None,
        )
    client.force_login(citizen)
    html = client.get(f"/ideer/{draft.pk}/forhandsvis/").text
    assert "Ladepunkter for elbiler ved sykehjemmet" in html
    assert "Flere ladepunkter for elbiler</a>" not in html  # not the draft itself


def test_initiative_page_queries_do_not_grow_with_the_index(
    client, asker, work, indexing, django_assert_max_num_queries, settings
):
    from django.core.cache import cache

    settings.KOMINN_PAGE_CACHE_SECONDS = 0  # rendering is what is counted
    url = work["source"].get_absolute_url()
    client.get(url)
    cache.clear()  # and the related work found again, not the kept list (pagecache.kept)
    with django_assert_max_num_queries(40) as captured:
        client.get(url)
    few = len(captured)
    with indexing():
        for number in range(30):
            make_initiative(asker, f"Elbiler og ladepunkter nummer {number}")
    cache.clear()
    with django_assert_max_num_queries(few):
        client.get(url)


@pytest.fixture
def areas(asker):
    return {
        slug: ServiceArea.objects.get(organisation=asker, slug=slug)
        for slug in ["hjemmetjenester", "bibliotek", "skoler", "eiendom", "vann-og-avlop"]
    }


def test_a_shared_goal_relates_initiatives_across_service_areas(client, asker, areas, indexing):
    goal = make_goal(asker, "Færre opplever ensomhet")
    miljo = Theme.objects.get(organisation=asker, slug="miljo-og-klima")
    with indexing():
        source = make_initiative(
            asker,
            "Besøksvenner i hjemmetjenesten",
            summary="Frivillige ringer brukere som ønsker en fast samtale.",
            service_areas=[areas["hjemmetjenester"]],
            goals=[goal],
            themes=[miljo],
        )
        make_initiative(
            asker,
            "Lesesirkel for seniorer",
            summary="Biblioteket samler seniorer om en bok i måneden.",
            service_areas=[areas["bibliotek"]],
            goals=[goal],
        )
        # The same theme and the same service area, nothing else: no relation.
        make_initiative(
            asker,
            "Varmepumper i omsorgsboliger",
            summary="Bergvarme erstatter oljefyr.",
            service_areas=[areas["hjemmetjenester"]],
            themes=[miljo],
        )
    similar = _section(client.get(source.get_absolute_url()).text, "similar-heading")
    assert "Lesesirkel for seniorer" in similar
    assert "Varmepumper i omsorgsboliger" not in similar


def test_initiatives_that_build_on_the_same_work_are_related(client, asker, areas, indexing):
    with indexing():
        base = make_initiative(
            asker, "Velferdsteknologi i hjemmetjenesten", summary="Digitalt tilsyn om natta."
        )
        source = make_initiative(
            asker,
            "Sensorer mot fall",
            summary="Radar varsler når en beboer står opp.",
            service_areas=[areas["skoler"]],
        )
        sibling = make_initiative(
            asker,
            "Medisindispensere",
            summary="Automaten piper når det er tid for dosen.",
            service_areas=[areas["eiendom"]],
        )
        make_initiative(asker, "Kantinemat fra lokale bønder", summary="Kortreist mat.")
        Relation.objects.create(source=source, type=RelationType.BUILDS_ON, target=base)
        Relation.objects.create(source=sibling, type=RelationType.PART_OF, target=base)
    similar = _section(client.get(source.get_absolute_url()).text, "similar-heading")
    assert "Medisindispensere" in similar
    assert "Velferdsteknologi i hjemmetjenesten" not in similar  # linked already
    assert "Kantinemat" not in similar


def test_ideas_relate_through_their_challenge_and_the_initiative_they_became(
    client, asker, citizen, indexing
):
    challenge = make_challenge(asker, "Flere møteplasser, færre ensomme")
    with indexing():
        became = make_initiative(asker, "Ombruksbua", summary="Gi brukte ting nytt liv.")
        middag = make_idea(
            asker,
            citizen,
            "Middagsvenner",
            description="En fast middag i uka for dem som bor alene.",
            challenge=challenge,
        )
        make_idea(
            asker, citizen, "Pratebord på kafeen", description="Sett deg hos noen du ikke kjenner."
        )
        make_idea(
            asker,
            citizen,
            "Kaffe på vent",
            description="Betal en kopp til en annen gjest.",
            challenge=challenge,
        )
        reparasjon = make_idea(
            asker,
            citizen,
            "Reparasjonskafé",
            description="Frivillige fikser brødristere.",
            initiative=became,
        )
        make_idea(asker, citizen, "Gi bort-dag", description="Sett fra deg det du ikke trenger.")
        make_idea(
            asker,
            citizen,
            "Byttedag for barneklær",
            description="Foreldre bytter klær.",
            initiative=became,
        )
    related = _section(client.get(middag.get_absolute_url()).text, "related-heading")
    assert "Kaffe på vent" in related  # the same challenge, no words in common
    related = _section(client.get(reparasjon.get_absolute_url()).text, "related-heading")
    assert "Byttedag for barneklær" in related  # became the same initiative
    assert "Ombruksbua" not in related  # the initiative it became: shown elsewhere


def test_compounds_relate_through_the_words_they_are_made_of(client, asker, citizen, indexing):
    with indexing():
        make_initiative(
            asker,
            "Reparasjon av sykler",
            summary="Verkstedet tar imot sykkel til reparasjon én dag i uka.",
        )
        source = make_idea(
            asker, citizen, "Reparasjonskafé", description="Ta med det som er ødelagt."
        )
        make_idea(asker, citizen, "Sykkelreparasjonsdag", description="Gjør klar for våren.")
        make_idea(asker, citizen, "Lesesirkel", description="En bok i måneden.")
    index.rebuild()  # compounds are split by the words public content uses
    related = _section(client.get(source.get_absolute_url()).text, "related-heading")
    assert "Sykkelreparasjonsdag" in related
    assert "Lesesirkel" not in related


def test_related_work_is_kept_until_something_changes(client, asker, work, indexing, settings):
    settings.KOMINN_PAGE_CACHE_SECONDS = 0
    url = work["source"].get_absolute_url()
    before = client.get(url).text
    with indexing():
        newcomer = make_initiative(asker, "Elbiler og ladepunkter for hjemmetjenesten i nord")
    # The new initiative is a change visitors see: the next view finds related work again.
    after = client.get(url).text
    assert newcomer.title not in before
    assert newcomer.title in after
