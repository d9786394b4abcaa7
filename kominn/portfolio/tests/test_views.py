import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_goal, make_initiative
from kominn.core import pagecache
from kominn.organisations.models import ServiceArea, Theme
from kominn.portfolio.models import (
    Benefit,
    Lesson,
    Measurement,
    NewsArticle,
    Relation,
)


def area(organisation, slug):
    return ServiceArea.objects.get(organisation=organisation, slug=slug)


def titles(response):
    return re.findall(
        r'<h3 class="ds-heading" data-size="xs"><a [^>]*>([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def portfolio(asker):
    climate = make_goal(asker, "Klima og miljø")
    energy = make_goal(asker, "Mindre energibruk", parent=climate)
    schools, water = area(asker, "skoler"), area(asker, "vann-og-avlop")
    led = make_initiative(
        asker, "LED i skolene", approach="adopted", service_areas=[schools], goals=[energy]
    )
    meters = make_initiative(
        asker, "Smarte vannmålere", approach="adopted", phase="practice", service_areas=[water]
    )
    gas = make_initiative(
        asker, "Deponigass på Yggeset", approach="first", service_areas=[water], goals=[climate]
    )
    draft = make_initiative(asker, "Hemmelig utkast", is_published=False, service_areas=[schools])
    return {"climate": climate, "energy": energy, "led": led, "meters": meters, "gas": gas,
            "draft": draft}  # fmt: skip


def test_list_shows_published_initiatives_only(client, portfolio):
    response = client.get("/tiltak/")
    assert set(titles(response)) == {"LED i skolene", "Smarte vannmålere", "Deponigass på Yggeset"}
    assert "3 tiltak" in response.content.decode()


def test_filters_combine_and_live_in_the_url(client, portfolio):
    response = client.get("/tiltak/?approach=adopted&area=samfunnsutvikling")
    assert titles(response) == ["Smarte vannmålere"]
    content = response.content.decode()
    assert '<option value="adopted" selected>Hentet fra andre (1)</option>' in content
    # Counts say what choosing a value gives together with the other filters.
    assert '<option value="first">Først ute (1)</option>' in content


def test_area_filter_includes_the_units_below_the_area(client, portfolio):
    assert titles(client.get("/tiltak/?area=oppvekst")) == ["LED i skolene"]


def test_goal_filter_includes_contributions_to_sub_goals(client, portfolio):
    response = client.get("/tiltak/?goal=klima-og-miljo&sort=name")
    assert titles(response) == ["Deponigass på Yggeset", "LED i skolene"]


def test_status_filter(client, asker, portfolio):
    make_initiative(asker, "Stoppet forsøk", phase="stopped", stop_reason="For dyrt.")
    assert titles(client.get("/tiltak/?status=stopped")) == ["Stoppet forsøk"]
    assert "Stoppet forsøk" not in titles(client.get("/tiltak/?status=ongoing"))


def test_unknown_filter_value_is_explained_and_ignored(client, portfolio):
    response = client.get("/tiltak/?phase=finnes-ikke")
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert "Det valget finnes ikke; viser alle." in response.content.decode()


def test_sorting_by_name(client, portfolio):
    assert titles(client.get("/tiltak/?sort=name")) == [
        "Deponigass på Yggeset",
        "LED i skolene",
        "Smarte vannmålere",
    ]


def test_list_is_paged(client, asker):
    for number in range(25):
        make_initiative(asker, f"Tiltak {number:02d}")
    first = client.get("/tiltak/?sort=name")
    assert len(titles(first)) == 20
    assert "Side 1 av 2" in first.content.decode()
    second = client.get("/tiltak/?sort=name&side=2")
    assert titles(second) == [f"Tiltak {number:02d}" for number in range(20, 25)]


def test_htmx_request_gets_only_the_filter_and_results(client, portfolio):
    response = client.get("/tiltak/?approach=first", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<div class="list-layout" id="initiative-browser">')
    assert "<html" not in content
    assert titles(response) == ["Deponigass på Yggeset"]


def test_detail_shows_relations_from_both_ends(client, portfolio):
    Relation.objects.create(source=portfolio["meters"], type="builds_on", target=portfolio["gas"])
    Relation.objects.create(
        source=portfolio["led"],
        type="adopted_from",
        external_title="LED-utskifting",
        external_organisation="Bærum kommune",
    )
    meters = client.get("/tiltak/smarte-vannmalere/").content.decode()
    assert (
        'Bygger på:\n          <a class="ds-link" href="/tiltak/deponigass-pa-yggeset/">' in meters
    )
    gas = client.get("/tiltak/deponigass-pa-yggeset/").content.decode()
    assert 'Videreført i:\n          <a class="ds-link" href="/tiltak/smarte-vannmalere/">' in gas
    led = client.get("/tiltak/led-i-skolene/").content.decode()
    assert "Hentet fra:" in led and "LED-utskifting" in led and "(Bærum kommune)" in led


def test_detail_shows_phase_line_benefits_and_lessons(client, portfolio):
    led = portfolio["led"]
    benefit = Benefit.objects.create(
        initiative=led, type="economic", indicator="Innsparing", unit="kroner per år",
        baseline=0, target=200000,
    )  # fmt: skip
    Measurement.objects.create(benefit=benefit, measured_on=date(2025, 1, 1), value=120000)
    Lesson.objects.create(initiative=led, title="Involver vaktmestrene", body="De kan byggene.")
    content = client.get("/tiltak/led-i-skolene/").content.decode()
    assert '<li class="phase-line__step phase-line__step--current" aria-current="step">' in content
    assert "Utvikling og utprøving" in content
    assert "120\xa0000 kroner per år" in content
    assert "<svg" in content and "<table" in content
    assert "Involver vaktmestrene" in content
    assert 'href="/mal/mindre-energibruk/"' in content


def test_draft_is_hidden_from_visitors_and_shown_to_editors_with_a_banner(
    client, portfolio, editor
):
    assert client.get("/tiltak/hemmelig-utkast/").status_code == 404
    client.force_login(editor)
    response = client.get("/tiltak/hemmelig-utkast/")
    assert response.status_code == 200
    assert "Utkast." in response.content.decode()
    assert "Hemmelig utkast" in titles(client.get("/tiltak/"))


def test_future_publication_date_stays_hidden(client, asker):
    make_initiative(asker, "Kommer i morgen", published_at=timezone.now() + timedelta(days=1))
    assert client.get("/tiltak/kommer-i-morgen/").status_code == 404


def test_goal_list_counts_initiatives_by_phase(client, portfolio):
    content = client.get("/mal/").content.decode()
    assert "2 tiltak bidrar" in content  # main goal: its own and its sub-goal's
    assert "Utvikling og utprøving: 2" in content


def test_goal_page_adds_up_only_benefits_that_share_indicator_and_unit(client, asker, portfolio):
    def benefit(initiative, indicator, unit, value):
        created = Benefit.objects.create(
            initiative=initiative, type="climate", indicator=indicator, unit=unit, baseline=0,
            target=value * 2,
        )  # fmt: skip
        Measurement.objects.create(benefit=created, measured_on=date(2026, 1, 1), value=value)

    benefit(portfolio["led"], "Reduserte utslipp", "tonn CO₂e per år", 12)
    benefit(portfolio["gas"], "Reduserte utslipp", "tonn CO₂e per år", 30)
    benefit(portfolio["gas"], "Innsparing", "kroner per år", 500000)
    rows = client.get("/mal/klima-og-miljo/").context["rollup"]
    by_unit = {(row["indicator"], row["unit"]): row for row in rows}
    assert by_unit[("Reduserte utslipp", "tonn CO₂e per år")]["latest"] == 42
    assert by_unit[("Reduserte utslipp", "tonn CO₂e per år")]["initiative_count"] == 2
    assert by_unit[("Innsparing", "kroner per år")]["latest"] == 500000
    assert len(rows) == 2


def test_percentages_are_averaged_not_summed(client, asker, portfolio):
    for initiative, value in ((portfolio["led"], 80), (portfolio["gas"], 60)):
        created = Benefit.objects.create(
            initiative=initiative, type="quality", indicator="Fornøyde brukere", unit="prosent",
            baseline=50, target=90,
        )  # fmt: skip
        Measurement.objects.create(benefit=created, measured_on=date(2026, 1, 1), value=value)
    rows = client.get("/mal/klima-og-miljo/").context["rollup"]
    assert rows[0]["latest"] == 70
    assert "(gjennomsnitt)" in client.get("/mal/klima-og-miljo/").content.decode()


def test_news_list_detail_and_feed(client, asker, portfolio):
    article = NewsArticle.objects.create(
        organisation=asker, title="Yggeset nominert", lead="Anlegget er nominert.",
        body="Les **mer**.", is_published=True,
    )  # fmt: skip
    article.initiatives.add(portfolio["gas"])
    assert "Yggeset nominert" in client.get("/nyheter/").content.decode()
    content = client.get("/nyheter/yggeset-nominert/").content.decode()
    assert "<strong>mer</strong>" in content
    assert 'href="/tiltak/deponigass-pa-yggeset/"' in content
    feed = client.get("/nyheter/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Yggeset nominert" in feed.content.decode()


def test_initiative_feed_lists_published_initiatives(client, portfolio):
    feed = client.get("/tiltak/feed/").content.decode()
    assert "Smarte vannmålere" in feed
    assert "Hemmelig utkast" not in feed


def sitemap(client, **headers):
    """Every section the index at /sitemap.xml lists, read one after another."""
    index = client.get("/sitemap.xml", **headers).content.decode()
    sections = re.findall(r"<loc>https?://[^/]+(/sitemap-[^<]+)</loc>", index)
    assert sections, index
    return "".join(client.get(section, **headers).content.decode() for section in sections)


def test_sitemap_lists_published_content_in_both_languages(client, portfolio):
    content = sitemap(client)
    assert "/tiltak/led-i-skolene/" in content
    assert "/en/tiltak/led-i-skolene/" in content
    assert "hemmelig-utkast" not in content


def test_pages_name_themselves_and_kominn_and_have_canonical_and_opengraph(client, portfolio):
    content = client.get("/tiltak/led-i-skolene/?utm=x").content.decode()
    assert "<title>LED i skolene – KomInn · Asker kommune</title>" in content
    assert '<link rel="canonical" href="http://testserver/tiltak/led-i-skolene/">' in content
    assert '<meta property="og:title" content="LED i skolene">' in content


def test_front_page_shows_approach_counts_latest_initiatives_and_news(client, asker, portfolio):
    NewsArticle.objects.create(
        organisation=asker, title="Ny nyhet", lead="Kort.", body="Tekst.", is_published=True
    )
    content = client.get("/").content.decode()
    assert 'href="/tiltak/?approach=adopted">2 tiltak</a>' in content
    assert 'href="/tiltak/?approach=first">1 tiltak</a>' in content
    assert "Smarte vannmålere" in content
    assert "Ny nyhet" in content


def test_other_organisations_content_is_not_shown(client, portfolio, settings):
    from conftest import make_organisation

    baerum = make_organisation("baerum", hosts=["kominn.baerum.kommune.no"])
    baerum_area = ServiceArea.objects.create(organisation=baerum, name="Skole", slug="skole")
    make_initiative(baerum, "Bærums eget tiltak", service_areas=[baerum_area])
    settings.ALLOWED_HOSTS = ["testserver", "kominn.baerum.kommune.no"]
    assert "Bærums eget tiltak" not in titles(client.get("/tiltak/"))
    assert client.get("/tiltak/baerums-eget-tiltak/").status_code == 404
    on_baerum = client.get("/tiltak/", HTTP_HOST="kominn.baerum.kommune.no")
    assert titles(on_baerum) == ["Bærums eget tiltak"]


@pytest.mark.parametrize("count", [10, 200])
def test_lists_keep_a_fixed_number_of_queries(client, asker, django_assert_max_num_queries, count):
    climate = make_goal(asker, "Klima og miljø")
    sub = make_goal(asker, "Mindre utslipp", parent=climate)
    theme = Theme.objects.get(organisation=asker, slug="miljo-og-klima")
    areas = list(ServiceArea.objects.filter(organisation=asker))
    for number in range(count):
        initiative = make_initiative(
            asker, f"Tiltak {number}", service_areas=areas[number % 5 : number % 5 + 2],
            themes=[theme], goals=[sub if number % 2 else climate],
        )  # fmt: skip
        benefit = Benefit.objects.create(
            initiative=initiative, type="climate", indicator="Utslipp", unit="tonn"
        )
        Measurement.objects.create(benefit=benefit, measured_on=date(2026, 1, 1), value=number)
    budgets = {
        "/tiltak/": 16,
        "/tiltak/?area=oppvekst&theme=miljo-og-klima&goal=klima-og-miljo&status=ongoing": 16,
        "/mal/": 4,
        "/mal/klima-og-miljo/": 10,
        "/": 10,
        "/tiltak/tiltak-7/": 22,
    }
    for path, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(path).status_code == 200, path


def test_submitted_form_redirects_to_an_address_with_only_the_chosen_filters(client, portfolio):
    response = client.get("/tiltak/?area=&theme=&approach=first&phase=&sort=")
    assert response.status_code == 302
    assert response["Location"] == "/tiltak/?approach=first"


def test_htmx_pushes_the_address_with_only_the_chosen_filters(client, portfolio):
    response = client.get("/tiltak/?area=&approach=first", headers={"HX-Request": "true"})
    assert response["HX-Push-Url"] == "/tiltak/?approach=first"


def test_rollup_adds_only_benefits_with_all_figures(client, asker, portfolio):
    complete = Benefit.objects.create(
        initiative=portfolio["led"], type="economic", indicator="Innsparing", unit="kroner",
        baseline=100, target=50,
    )  # fmt: skip
    Measurement.objects.create(benefit=complete, measured_on=date(2026, 1, 1), value=60)
    Benefit.objects.create(
        initiative=portfolio["gas"], type="economic", indicator="Innsparing", unit="kroner",
        baseline=100, target=50,
    )  # fmt: skip
    response = client.get("/mal/klima-og-miljo/")
    row = response.context["rollup"][0]
    assert (row["baseline"], row["latest"], row["target"]) == (100, 60, 50)
    assert "1 av 2 gevinster har alle tall" in response.content.decode()


def test_future_and_draft_items_do_not_leak_through_relations_goals_or_breadcrumbs(
    client, asker, portfolio
):
    future = make_initiative(
        asker, "Fremtidig tiltak", published_at=timezone.now() + timedelta(days=30)
    )
    Relation.objects.create(source=portfolio["meters"], type="related", target=future)
    hidden_goal = make_goal(asker, "Hemmelig mål", is_published=False)
    visible_sub = make_goal(asker, "Synlig delmål", parent=hidden_goal)
    portfolio["meters"].goalcontribution_set.create(goal=hidden_goal)
    page = client.get("/tiltak/smarte-vannmalere/").content.decode()
    assert "Fremtidig tiltak" not in page
    assert "Hemmelig mål" not in page
    sub_page = client.get(visible_sub.get_absolute_url()).content.decode()
    assert "Hemmelig mål" not in sub_page
    # The sub-goal stands on its own in the goal list and the filter.
    assert "Synlig delmål" in client.get("/mal/").content.decode()
    assert (
        "Det valget finnes ikke" not in client.get("/tiltak/?goal=synlig-delmal").content.decode()
    )


def test_sitemap_lists_only_the_hosts_organisation(client, portfolio, settings):
    from conftest import make_organisation

    baerum = make_organisation("baerum", hosts=["kominn.baerum.kommune.no"])
    area_b = ServiceArea.objects.create(organisation=baerum, name="Skole", slug="skole")
    make_initiative(baerum, "Bærums tiltak", service_areas=[area_b])
    settings.ALLOWED_HOSTS = ["testserver", "kominn.baerum.kommune.no"]
    asker_map = sitemap(client)
    assert "baerums-tiltak" not in asker_map and "led-i-skolene" in asker_map
    baerum_map = sitemap(client, HTTP_HOST="kominn.baerum.kommune.no")
    assert "baerums-tiltak" in baerum_map and "led-i-skolene" not in baerum_map


@pytest.mark.parametrize(
    "path", ["/", "/tiltak/", "/tiltak/x/", "/mal/", "/nyheter/", "/tiltak/feed/", "/sitemap.xml"]
)
def test_pages_without_any_organisation_answer_without_errors(client, db, path):
    assert client.get(path).status_code in {200, 404}


def test_numbers_are_rounded_not_cut(client):
    from decimal import Decimal

    from kominn.core.formatting import format_number

    assert format_number(Decimal("87.75")) == "87,75"
    assert format_number(Decimal("1.999")) == "2"
    assert format_number(Decimal("0.046")) == "0,05"
    assert format_number(Decimal("1234567")) == "1\xa0234\xa0567"


def test_a_stopped_initiative_shows_no_phase_as_done(client, asker):
    make_initiative(asker, "Stoppet", phase="stopped", stop_reason="For dyrt.")
    content = client.get("/tiltak/stoppet/").content.decode()
    assert "phase-line__step--done" not in content
    assert "Tiltaket ble stoppet" in content


def test_summary_counts_sentences_not_abbreviations():
    from django.core.exceptions import ValidationError

    from kominn.portfolio.models import validate_summary

    validate_summary("Vi byttet bl.a. lysrør i 12 skoler. Det sparer ca. 2 mill. kr i året.")
    with pytest.raises(ValidationError):
        validate_summary("En. To. Tre. Fire.")


def test_repeated_filter_parameters_keep_the_chosen_value(client, portfolio):
    response = client.get("/tiltak/?approach=first&approach=")
    assert response["Location"] == "/tiltak/?approach=first"


def test_a_goal_with_many_initiatives_shows_them_a_page_at_a_time_and_adds_up_all(client, asker):
    climate = make_goal(asker, "Klima og miljø")
    for number in range(25):
        initiative = make_initiative(asker, f"Tiltak {number:02}", goals=[climate])
        benefit = Benefit.objects.create(
            initiative=initiative, type="climate", indicator="Utslipp", unit="tonn",
            baseline=10, target=5,
        )  # fmt: skip
        Measurement.objects.create(benefit=benefit, measured_on=date(2025, 1, 1), value=9)
        Measurement.objects.create(benefit=benefit, measured_on=date(2026, 1, 1), value=8)
    first = client.get("/mal/klima-og-miljo/")
    assert "25 tiltak bidrar" in first.content.decode()
    assert titles(first) == [f"Tiltak {number:02}" for number in range(20)]
    assert 'href="?side=2"' in first.content.decode()
    (row,) = first.context["rollup"]
    assert (row["initiative_count"], row["baseline"], row["latest"], row["target"]) == (
        25, 250, 200, 125,
    )  # fmt: skip
    second = client.get("/mal/klima-og-miljo/?side=2")
    assert titles(second) == [f"Tiltak {number:02}" for number in range(20, 25)]


def test_a_large_sitemap_comes_in_files_of_bounded_size(client, asker):
    for number in range(3):
        make_initiative(asker, f"Tiltak {number}")
    from kominn.portfolio.sitemaps import InitiativeSitemap

    InitiativeSitemap.limit, limit = 3, InitiativeSitemap.limit
    try:
        index = client.get("/sitemap.xml").content.decode()
        assert "/sitemap-initiatives.xml</loc>" in index
        assert "/sitemap-initiatives.xml?p=3</loc>" in index
        last = client.get("/sitemap-initiatives.xml?p=3").content.decode()
        assert last.count("<url>") == 3  # one initiative, in bokmål, nynorsk and English
        assert client.get("/sitemap-initiatives.xml?p=4").status_code == 404
        assert client.get("/sitemap-nothing.xml").status_code == 404
    finally:
        InitiativeSitemap.limit = limit


def test_approach_overview_shows_the_most_awarded_example_else_the_latest(asker):
    from kominn.portfolio.models import Approach, Award, Initiative

    now = timezone.now()
    older = make_initiative(
        asker, "Eldre og prisbelønt", slug="eldre", approach=Approach.FIRST,
        published_at=now - timedelta(days=30),
    )  # fmt: skip
    make_initiative(
        asker, "Nyere uten pris", slug="nyere", approach=Approach.FIRST,
        published_at=now - timedelta(days=1),
    )  # fmt: skip
    latest_shared = make_initiative(
        asker, "Delt i fjor", slug="delt", approach=Approach.SHARED,
        published_at=now - timedelta(days=2),
    )  # fmt: skip
    make_initiative(
        asker, "Delt for lenge siden", slug="delt-gammel", approach=Approach.SHARED,
        published_at=now - timedelta(days=400),
    )  # fmt: skip
    make_initiative(asker, "Utkast", slug="utkast", approach=Approach.SHARED, is_published=False)
    Award.objects.create(initiative=older, name="Innovasjonsprisen", year=2026, result="won")

    overview = {
        row["approach"]: row
        for row in Initiative.objects.for_organisation(asker).published().approach_overview()
    }
    assert overview[Approach.FIRST]["example"] == older
    assert overview[Approach.FIRST]["count"] == 2
    assert overview[Approach.SHARED]["example"] == latest_shared
    assert overview[Approach.SHARED]["count"] == 2
    assert overview[Approach.ADOPTED] == {
        "approach": Approach.ADOPTED, "label": Approach.ADOPTED.label, "count": 0, "example": None,
    }  # fmt: skip


def test_sitemap_pages_hold_what_djangos_own_paging_would(asker):
    from django.contrib.sitemaps import Sitemap

    from kominn.portfolio.sitemaps import InitiativeSitemap

    for number in range(5):
        make_initiative(asker, f"Tiltak {number}", slug=f"tiltak-{number}")
    section = InitiativeSitemap(asker)
    section.limit = 4  # a page size not a multiple of 3 splits an initiative's languages
    expected = Sitemap._items(section)  # Django's: every row in every language, in a list
    assert len(section.paginator.object_list) == len(expected) == 15
    pages = [section.paginator.page(number).object_list for number in (1, 2, 3, 4)]
    assert [pair for page in pages for pair in page] == expected
    assert section._items()[-1] == expected[-1]


def test_the_sitemap_index_reads_no_initiative(client, asker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(3):
        make_initiative(asker, f"Tiltak {number}", slug=f"tiltak-{number}")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    reads = [q["sql"] for q in queries if 'FROM "portfolio_initiative"' in q["sql"]]
    assert reads and all("COUNT(" in sql or "MAX(" in sql for sql in reads), reads


def test_area_and_goal_counts_include_what_is_below_them_once(client, asker, portfolio):
    # An initiative in the area and in one of its units counts once for the area.
    make_initiative(
        asker,
        "Skolehager",
        service_areas=[area(asker, "oppvekst"), area(asker, "skoler")],
        goals=[portfolio["climate"], portfolio["energy"]],
    )
    content = client.get("/tiltak/").content.decode()

    def options(name):
        select = re.search(rf'<select [^>]*name="{name}".*?</select>', content, re.S).group()
        return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select))

    areas, goals = options("area"), options("goal")
    assert areas["oppvekst"] == "Oppvekst (2)"  # LED (in a unit) and Skolehager
    assert areas["skoler"].endswith("Skoler (2)")
    assert areas["vann-og-avlop"].endswith("(2)")
    assert areas["nav"].endswith("(0)")
    # The main goal: Deponigass, LED (through its sub-goal) and Skolehager (on both).
    assert goals["klima-og-miljo"] == "Klima og miljø (3)"
    assert goals["mindre-energibruk"].endswith("Mindre energibruk (2)")


def _area_options(client, path="/tiltak/"):
    content = client.get(path).content.decode()
    select = re.search(r'<select [^>]*name="area".*?</select>', content, re.S).group()
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select))


def test_kept_filter_counts_change_with_the_next_initiative_and_never_reach_staff(
    client, asker, portfolio, editor
):
    # Visitors' counts are kept between pages of the list (another order, another page)…
    with CaptureQueriesContext(connection) as first:
        assert _area_options(client)["skoler"].endswith("Skoler (1)")
    with CaptureQueriesContext(connection) as second:
        assert _area_options(client, "/tiltak/?sort=name")["skoler"].endswith("Skoler (1)")
    counting = [query for query in first.captured_queries if "COUNT(DISTINCT" in query["sql"]]
    assert counting and not [q for q in second.captured_queries if "COUNT(DISTINCT" in q["sql"]]
    # …and counted again once an initiative is published.
    make_initiative(asker, "Skolekjøkken", service_areas=[area(asker, "skoler")])
    assert _area_options(client, "/tiltak/?sort=name")["skoler"].endswith("Skoler (2)")
    # Staff, who see drafts in the list, also get them counted, never visitors' counts.
    client.force_login(editor)
    assert _area_options(client, "/tiltak/?sort=name")["skoler"].endswith("Skoler (3)")
    client.logout()
    assert _area_options(client, "/tiltak/?sort=name")["skoler"].endswith("Skoler (2)")


def test_kept_filter_counts_follow_the_chosen_filters(client, asker, portfolio):
    assert _area_options(client, "/tiltak/?approach=first")["vann-og-avlop"].endswith("(1)")
    assert _area_options(client, "/tiltak/?approach=adopted")["vann-og-avlop"].endswith("(1)")
    assert _area_options(client, "/tiltak/?approach=adopted")["skoler"].endswith("(1)")
    assert _area_options(client, "/tiltak/?approach=first")["skoler"].endswith("(0)")


def test_the_list_answers_with_its_counts_when_the_cache_is_away(client, portfolio, monkeypatch):
    def away(*args, **kwargs):
        raise ConnectionError("the cache is away")

    monkeypatch.setattr(pagecache.cache, "get", away)
    monkeypatch.setattr(pagecache.cache, "get_many", away)
    response = client.get("/tiltak/?sort=name")
    assert response.status_code == 200
    assert _area_options(client, "/tiltak/?sort=name")["skoler"].endswith("Skoler (1)")


def test_a_goals_kept_list_takes_in_the_next_initiative_and_never_reaches_staff(
    client, asker, editor
):
    climate = make_goal(asker, "Klima og miljø")
    for number in range(21):
        make_initiative(asker, f"Tiltak {number:02}", goals=[climate])
    make_initiative(asker, "Tiltak 99 utkast", goals=[climate], is_published=False)
    assert titles(client.get("/mal/klima-og-miljo/?side=2")) == ["Tiltak 20"]
    # A new initiative shows at its place in the order on the next view of any page.
    make_initiative(asker, "Aaa først", goals=[climate])
    assert titles(client.get("/mal/klima-og-miljo/"))[:2] == ["Aaa først", "Tiltak 00"]
    assert titles(client.get("/mal/klima-og-miljo/?side=2")) == ["Tiltak 19", "Tiltak 20"]
    # Staff see the draft in the list too; visitors, after them, never do.
    client.force_login(editor)
    assert "Tiltak 99 utkast" in titles(client.get("/mal/klima-og-miljo/?side=2"))
    client.logout()
    assert titles(client.get("/mal/klima-og-miljo/?side=2")) == ["Tiltak 19", "Tiltak 20"]
