"""The read-only JSON API at /api/v1/."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import (
    BAERUM_HOST,
    make_challenge,
    make_goal,
    make_idea,
    make_initiative,
    make_shared_initiative,
    make_user,
)
from kominn.organisations.models import ServiceArea, Theme
from kominn.portfolio.models import Benefit, Measurement, NewsArticle, Phase

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/initiatives",
    "/api/v1/benefits",
    "/api/v1/goals",
    "/api/v1/news",
    "/api/v1/challenges",
    "/api/v1/ideas",
]


def get(client, path, **headers):
    response = client.get(path, **headers)
    assert response["Content-Type"].startswith("application/json"), path
    return response, json.loads(response.content)


def walk(client, path, **headers):
    """Every item of a list, following `next`."""
    items, pages = [], 0
    while path:
        response, body = get(client, path, **headers)
        assert response.status_code == 200, body
        items += body["items"]
        path = body["next"]
        pages += 1
    return items, pages


@pytest.fixture
def content(asker, baerum):
    """Published and unpublished content of Asker, and published content of Bærum."""
    author = make_user("idea@example.no", display_name="Ida Idé")
    goal = make_goal(asker, "Klimanøytral kommune")
    initiative = make_initiative(asker, "Solceller på skolene", goals=[goal])
    benefit = Benefit.objects.create(
        initiative=initiative, type="climate", indicator="CO₂", unit="tonn", baseline=10, target=2
    )
    Measurement.objects.create(benefit=benefit, measured_on=date(2026, 3, 1), value=6)
    make_initiative(asker, "Utkast om gatelys", is_published=False)
    make_initiative(asker, "Kommer neste uke", published_at=timezone.now() + timedelta(days=7))
    NewsArticle.objects.create(
        organisation=asker, title="Solceller i drift", lead="Nå.", body="Ja.", is_published=True
    )
    challenge = make_challenge(asker, "Hvordan sparer vi strøm?")
    make_idea(asker, author, "Lys som slukker seg selv", challenge=challenge)
    make_idea(asker, author, "Et utkast", submitted_at=None)
    make_idea(asker, author, "Skjult idé", hidden_at=timezone.now())
    make_initiative(baerum, "Bare i Bærum")
    make_goal(baerum, "Bare i Bærum: mål")
    make_challenge(baerum, "Bare i Bærum: utfordring")
    make_idea(baerum, author, "Bare i Bærum: idé")
    NewsArticle.objects.create(
        organisation=baerum, title="Bare i Bærum: nytt", lead="x", body="x", is_published=True
    )
    return {"initiative": initiative, "goal": goal, "challenge": challenge}


def test_each_list_gives_the_published_content_of_the_hosts_municipality(client, content):
    titles = {}
    for path in LISTS:
        items, _pages = walk(client, path)
        titles[path] = [item.get("title") or item.get("indicator") for item in items]
    assert titles["/api/v1/initiatives"] == ["Solceller på skolene"]
    assert titles["/api/v1/benefits"] == ["CO₂"]
    assert titles["/api/v1/goals"] == ["Klimanøytral kommune"]
    assert titles["/api/v1/news"] == ["Solceller i drift"]
    assert titles["/api/v1/challenges"] == ["Hvordan sparer vi strøm?"]
    assert titles["/api/v1/ideas"] == ["Lys som slukker seg selv"]
    baerum_items, _ = walk(client, "/api/v1/initiatives", HTTP_HOST=BAERUM_HOST)
    assert [item["title"] for item in baerum_items] == ["Bare i Bærum"]


def test_an_initiative_with_its_benefits_goals_and_links_to_pages(client, content):
    response, body = get(client, f"/api/v1/initiatives/{content['initiative'].slug}")
    assert response.status_code == 200
    assert body["url"] == f"http://testserver/tiltak/{content['initiative'].slug}/"
    assert body["phase"] == {"code": "development", "label": "Utvikling og utprøving"}
    assert body["goals"][0]["slug"] == content["goal"].slug
    assert body["benefits"][0]["measurements"] == [{"date": "2026-03-01", "value": 6, "note": ""}]
    assert body["benefits"][0]["baseline"] == 10


def test_an_initiative_of_another_municipality_or_a_draft_is_not_found(client, content, baerum):
    for slug in ["bare-i-baerum", "utkast-om-gatelys", "finnes-ikke", "%00", "ikke%20slug"]:
        response, body = get(client, f"/api/v1/initiatives/{slug}")
        assert response.status_code == 404
        assert body["error"]["code"] == "not_found"


def test_a_goal_adds_up_its_and_its_sub_goals_initiatives_benefits(client, content, asker):
    goal = content["goal"]
    sub_goal = make_goal(asker, "Solkraft", parent=goal)
    other = make_initiative(asker, "Solceller på sykehjem", goals=[sub_goal])
    benefit = Benefit.objects.create(
        initiative=other, type="climate", indicator="CO₂", unit="tonn", baseline=5, target=1
    )
    Measurement.objects.create(benefit=benefit, measured_on=date(2026, 3, 1), value=3)
    _response, body = get(client, f"/api/v1/goals/{goal.slug}")
    assert body["initiative_count"] == 2
    assert body["sub_goals"][0]["slug"] == sub_goal.slug
    assert body["benefits"] == [
        {
            "indicator": "CO₂",
            "unit": "tonn",
            "averaged": False,
            "initiatives": 2,
            "benefits": 2,
            "counted": 2,
            "baseline": 15,
            "latest": 9,
            "target": 3,
        }
    ]
    listed = {item["slug"]: item for item in get(client, "/api/v1/goals")[1]["items"]}
    assert listed[goal.slug]["benefits"] == body["benefits"]
    assert listed[sub_goal.slug]["benefits"][0]["latest"] == 3


def test_the_contact_person_is_never_in_the_api(client, asker):
    initiative = make_shared_initiative(asker)
    response = client.get(f"/api/v1/initiatives/{initiative.slug}")
    assert response.status_code == 200
    assert b"kari.kontakt@asker.kommune.no" not in response.content
    assert b"Kari Kontakt" not in response.content


def test_an_ideas_author_is_named_only_with_their_consent(client, asker):
    named = make_user("named@example.no", display_name="Nina Navn")
    unnamed = make_user("anon@example.no", display_name="Ulla Unavngitt")
    make_idea(asker, named, "Med navn", credit_author=True)
    make_idea(asker, unnamed, "Uten navn", credit_author=False)
    response, body = get(client, "/api/v1/ideas")
    authors = {item["title"]: item["author"] for item in body["items"]}
    assert authors == {"Med navn": {"display_name": "Nina Navn"}, "Uten navn": None}
    assert b"Ulla" not in response.content
    assert b"@example.no" not in response.content


def test_initiatives_filtered_as_on_the_list_page(client, asker):
    oppvekst = ServiceArea.objects.get(organisation=asker, slug="oppvekst")
    theme = Theme.objects.filter(organisation=asker).first()
    make_initiative(asker, "I oppvekst", service_areas=[oppvekst], themes=[theme])
    make_initiative(asker, "Stoppet", phase=Phase.STOPPED, stop_reason="For dyrt.")
    make_initiative(asker, "Først ute", approach="first")

    def titles(query):
        return sorted(
            item["title"] for item in get(client, f"/api/v1/initiatives?{query}")[1]["items"]
        )

    assert titles("area=oppvekst") == ["I oppvekst"]
    assert titles(f"theme={theme.slug}") == ["I oppvekst"]
    assert titles("status=stopped") == ["Stoppet"]
    assert titles("phase=stopped") == ["Stoppet"]
    assert titles("approach=first") == ["Først ute"]


def test_ideas_filtered_as_on_the_idea_list(client, content, asker):
    author = make_user("b@example.no")
    make_idea(asker, author, "Som ansatt", capacity="employee")
    assert [i["title"] for i in get(client, "/api/v1/ideas?capacity=employee")[1]["items"]] == [
        "Som ansatt"
    ]
    challenge = content["challenge"].slug
    items = get(client, f"/api/v1/ideas?challenge={challenge}")[1]["items"]
    assert [i["title"] for i in items] == ["Lys som slukker seg selv"]


def test_paging_with_the_cursor_gives_every_item_once(client, asker):
    now = timezone.now()
    for number in range(7):
        # Two share a publishing time: the primary key keeps them apart.
        make_initiative(asker, f"Tiltak {number}", published_at=now - timedelta(hours=number // 2))
    items, pages = walk(client, "/api/v1/initiatives?limit=2&phase=development")
    assert pages == 4
    assert sorted(item["title"] for item in items) == [f"Tiltak {n}" for n in range(7)]
    assert len({item["slug"] for item in items}) == 7
    first = get(client, "/api/v1/initiatives?limit=2&phase=development")[1]
    assert "phase=development" in first["next"]


@pytest.mark.parametrize(
    "query, code",
    [
        ("cursor=ikke-en-markor", "invalid_cursor"),
        ("cursor=WzFd", "invalid_cursor"),  # [1]: too few values
        ("cursor=WyJ4IiwxXQ", "invalid_cursor"),  # ["x",1]: not a time
        # ["9999-12-31T23:59:59-12:00",1]: past the last time a database holds
        ("cursor=WyI5OTk5LTEyLTMxVDIzOjU5OjU5LTEyOjAwIiwxXQ", "invalid_cursor"),
        ("limit=0", "invalid_parameter"),
        ("limit=101", "invalid_parameter"),
        ("limit=mange", "invalid_parameter"),
        ("phase=ferdig", "invalid_parameter"),
        ("area=finnes-ikke", "invalid_parameter"),
        ("goal=finnes-ikke", "invalid_parameter"),
    ],
)
def test_bad_parameters_get_a_400_with_a_json_error(client, asker, query, code):
    response, body = get(client, f"/api/v1/initiatives?{query}")
    assert response.status_code == 400
    assert body["error"]["code"] == code
    assert body["error"]["message"]


@pytest.mark.parametrize("accept", ["text/csv", "application/json;q=0, text/csv", ";;;", "a/b/c"])
def test_an_accept_header_without_json_gets_a_406(client, asker, accept):
    response, body = get(client, "/api/v1/initiatives", HTTP_ACCEPT=accept)
    assert response.status_code == 406
    assert body["error"]["code"] == "not_acceptable"


def test_an_accept_header_with_json_is_answered(client, asker):
    assert (
        get(client, "/api/v1/initiatives", HTTP_ACCEPT="text/*, application/*")[0].status_code
        == 200
    )
    assert get(client, "/api/v1/initiatives", HTTP_ACCEPT="*/*")[0].status_code == 200


def test_an_unknown_address_gets_a_json_404(client, asker):
    response, body = get(client, "/api/v1/finnes/ikke")
    assert response.status_code == 404
    assert body["error"]["code"] == "not_found"


def test_other_methods_are_refused_with_a_json_405(client, asker):
    response = client.post("/api/v1/initiatives")
    assert response.status_code == 405
    assert json.loads(response.content)["error"]["code"] == "method_not_allowed"


def test_an_unchanged_list_is_answered_304(client, content):
    response = client.get("/api/v1/initiatives")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get("/api/v1/initiatives", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/api/v1/initiatives", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    make_initiative(content["initiative"].organisation, "Nytt tiltak")
    changed = client.get("/api/v1/initiatives", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert b"Nytt tiltak" in changed.content


def test_any_web_page_may_read_the_api(client, asker):
    response = client.get("/api/v1/initiatives", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/initiatives",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_head_gives_the_headers_without_the_body(client, content):
    response = client.head("/api/v1/initiatives")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"]


def test_too_many_requests_from_one_address_get_a_429(client, asker, settings):
    settings.KOMINN_API_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/api/v1/news").status_code == 200
    response, body = get(client, "/api/v1/news")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert body["error"]["code"] == "rate_limited"
    other = client.get("/api/v1/news", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_api_is_never_kept_as_a_page(client, asker, settings):
    settings.KOMINN_PAGE_CACHE_SECONDS = 60
    client.get("/api/v1/news")
    settings.KOMINN_API_RATE_LIMIT = 1
    # A kept page would be served past the rate limit.
    assert client.get("/api/v1/news").status_code == 429


def test_the_openapi_document_describes_every_endpoint(client, asker):
    _response, document = get(client, "/api/v1/openapi.json")
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] == "KomInn API"
    assert set(document["paths"]) == {
        "/api/v1/initiatives",
        "/api/v1/initiatives/{slug}",
        "/api/v1/benefits",
        "/api/v1/goals",
        "/api/v1/goals/{slug}",
        "/api/v1/news",
        "/api/v1/challenges",
        "/api/v1/ideas",
        "/api/v1/statistics/funnel",
    }
    for path, operations in document["paths"].items():
        responses = operations["get"]["responses"]
        assert {"200", "400", "429"} <= set(responses), path
        assert responses["400"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }


def test_the_index_points_to_the_description(client, asker):
    _response, body = get(client, "/api/v1/")
    assert body["openapi"] == "http://testserver/api/v1/openapi.json"


def test_the_funnel_counts_public_ideas(client, content):
    _response, body = get(client, "/api/v1/statistics/funnel")
    overall = body["items"][0]
    assert overall["grouping"] == "overall"
    assert overall["submitted"] == 1
    assert body["license"] == "https://data.norge.no/nlod/no/2.0"


def _many(asker, count):
    author = make_user(f"many{count}@example.no")
    goal = make_goal(asker, f"Mål {count}")
    for number in range(count):
        initiative = make_initiative(asker, f"Tiltak {count}-{number}", goals=[goal])
        benefit = Benefit.objects.create(
            initiative=initiative, type="quality", indicator="x", unit="antall"
        )
        Measurement.objects.create(benefit=benefit, measured_on=date(2026, 1, 1), value=number)
        make_idea(asker, author, f"Idé {count}-{number}", initiative=initiative)
        NewsArticle.objects.create(
            organisation=asker,
            title=f"Nytt {count}-{number}",
            lead="x",
            body="x",
            is_published=True,
        ).initiatives.add(initiative)


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_lists_read_a_fixed_number_of_queries(client, asker):
    _many(asker, 10)
    few = {path: _queries(client, f"{path}?limit=100") for path in LISTS}
    _many(asker, 200)
    many = {path: _queries(client, f"{path}?limit=100") for path in LISTS}
    assert many == few


def test_a_goals_cursor_with_nul_in_its_title_is_refused(client, asker):
    # ["\u0000", "x", 1]: text no database holds.
    response, body = get(client, "/api/v1/goals?cursor=WzAsIlx1MDAwMCIsMV0")
    assert response.status_code == 400
    assert body["error"]["code"] == "invalid_cursor"


def test_the_barometers_type_of_innovation_and_gain_are_given(client, content):
    """The answers the innovation barometer counts are open data too; a benefit with no
    gain given says null rather than guess."""
    initiative = content["initiative"]
    initiative.innovation_type = "service"
    initiative.save()
    Benefit.objects.filter(initiative=initiative).update(gain_type="efficiency")
    _response, body = get(client, f"/api/v1/initiatives/{initiative.slug}")
    assert body["innovation_type"] == {"code": "service", "label": "Tjeneste"}
    assert body["benefits"][0]["gain_type"]["code"] == "efficiency"
    Benefit.objects.filter(initiative=initiative).update(gain_type="")
    _response, body = get(client, "/api/v1/benefits")
    assert body["items"][0]["gain_type"] is None


def test_an_answer_is_built_once_per_change_and_a_change_shows_at_once(client, content):
    """Lists are kept under the organisation's versions: asked again, nothing is read
    from the content tables; after an edit, the next request has it."""
    path = "/api/v1/initiatives"
    with CaptureQueriesContext(connection) as first:
        get(client, path)
    with CaptureQueriesContext(connection) as again:
        _response, body = get(client, path)
    assert not any("portfolio_initiative" in q["sql"] for q in again.captured_queries)
    assert len(again.captured_queries) < len(first.captured_queries)
    initiative = content["initiative"]
    initiative.title = "Solceller på alle skolene"
    initiative.save()
    _response, body = get(client, path)
    assert [item["title"] for item in body["items"]] == ["Solceller på alle skolene"]
    # Asked over HTTPS, the addresses in it are HTTPS ones.
    _response, body = get(client, path, secure=True)
    assert body["items"][0]["url"].startswith("https://testserver/")


def test_another_page_of_initiatives_is_made_of_the_records_kept_before(client, content):
    """A page of the list that is not kept itself (another filter, limit or cursor) reads
    only its rows: each initiative's record was kept when a page first gave it. A change
    shows in every page and in the initiative's own answer at once."""
    get(client, "/api/v1/initiatives")
    with CaptureQueriesContext(connection) as queries:
        _response, body = get(client, "/api/v1/initiatives?limit=5")
    assert [item["title"] for item in body["items"]] == ["Solceller på skolene"]
    assert body["items"][0]["benefits"][0]["indicator"] == "CO₂"
    assert not any("portfolio_benefit" in q["sql"] for q in queries.captured_queries)
    Benefit.objects.filter(initiative=content["initiative"]).get().measurements.create(
        measured_on=date(2026, 6, 1), value=4
    )
    _response, body = get(client, "/api/v1/initiatives?limit=6")
    assert [m["value"] for m in body["items"][0]["benefits"][0]["measurements"]] == [6, 4]
    initiative = content["initiative"]
    initiative.title = "Solceller på alle skolene"
    initiative.save()
    _response, body = get(client, "/api/v1/initiatives?limit=7")
    assert body["items"][0]["title"] == "Solceller på alle skolene"
    _response, body = get(client, f"/api/v1/initiatives/{initiative.slug}")
    assert body["title"] == "Solceller på alle skolene"
    # Kept apart by the address the links start with.
    _response, body = get(client, "/api/v1/initiatives?limit=8", secure=True)
    assert body["items"][0]["url"].startswith("https://testserver/")
