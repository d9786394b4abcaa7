"""The CSV and JSON downloads at /data/."""

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import BAERUM_HOST, make_idea, make_initiative, make_shared_initiative, make_user
from kominn.opendata import downloads
from kominn.portfolio.models import Benefit, Measurement

pytestmark = pytest.mark.django_db

CSVS = {
    "/data/tiltak.csv": downloads.INITIATIVE_COLUMNS,
    "/data/gevinster.csv": downloads.BENEFIT_COLUMNS,
    "/data/ideer.csv": downloads.IDEA_COLUMNS,
    "/data/idetrakt.csv": downloads.FUNNEL_COLUMNS,
}
JSONS = ["/data/tiltak.json", "/data/gevinster.json", "/data/ideer.json", "/data/idetrakt.json"]


def content_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def rows(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    text = content_of(response).decode("utf-8")
    return response, text, list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def content(asker, baerum):
    initiative = make_shared_initiative(asker)
    Measurement.objects.create(
        benefit=initiative.benefits.get(), measured_on=date(2026, 6, 1), value=60
    )
    Benefit.objects.create(initiative=initiative, type="economic", indicator="Kroner", unit="NOK")
    make_initiative(asker, "Utkast", is_published=False)
    named = make_user("navn@example.no", display_name="Nina Navn")
    make_idea(asker, named, "Idé med navn, og komma", credit_author=True, initiative=initiative)
    make_idea(asker, named, "Flere linjer", description="Første linje\nandre «linje»")
    make_initiative(baerum, "Bare i Bærum")
    return initiative


def test_csv_files_parse_and_have_the_documented_columns(client, content):
    for path, columns in CSVS.items():
        response, text, found = rows(client, path)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{path[6:]}"'
        assert not text.startswith("\ufeff")
        assert text.split("\r\n", 1)[0].split(",") == list(columns), path
        assert text.endswith("\r\n")
        assert found, path


def test_the_initiatives_csv_holds_the_published_initiatives_of_the_host(client, content):
    _response, text, found = rows(client, "/data/tiltak.csv")
    assert [row["title"] for row in found] == ["Digitale trygghetsalarmer"]
    row = found[0]
    assert row["phase"] == "practice"
    assert row["benefit_count"] == "2"
    assert row["shared"] == "true"
    assert "kari.kontakt" not in text and "Kari Kontakt" not in text
    _response, _text, there = rows(client, "/data/tiltak.csv", HTTP_HOST=BAERUM_HOST)
    assert [row["title"] for row in there] == ["Bare i Bærum"]


def test_benefits_come_one_row_per_measurement(client, content):
    _response, _text, found = rows(client, "/data/gevinster.csv")
    measured = [(row["indicator"], row["measured_on"], row["value"]) for row in found]
    assert measured == [
        ("Utrykninger", "2026-01-01", "70"),
        ("Utrykninger", "2026-06-01", "60"),
        ("Kroner", "", ""),
    ]


def test_the_ideas_download_names_no_author(client, content):
    for path in ["/data/ideer.csv", "/data/ideer.json"]:
        body = content_of(client.get(path)).decode()
        assert "Idé med navn, og komma" in body
        assert "Nina Navn" not in body and "navn@example.no" not in body
    _response, _text, found = rows(client, "/data/ideer.csv")
    by_title = {row["title"]: row for row in found}
    assert by_title["Flere linjer"]["description"] == "Første linje\nandre «linje»"
    assert by_title["Idé med navn, og komma"]["initiative"] == content.slug
    assert "author" not in json.loads(content_of(client.get("/data/ideer.json")))["items"][0]


def test_json_downloads_state_the_licence(client, content):
    for path in JSONS:
        response = client.get(path)
        assert response.status_code == 200
        assert response["Link"] == '<https://data.norge.no/nlod/no/2.0>; rel="license"'
        document = json.loads(content_of(response))
        assert document["license"] == "https://data.norge.no/nlod/no/2.0"
        assert document["items"], path
    for path in CSVS:
        assert client.get(path)["Link"].endswith('rel="license"')


def test_the_json_download_gives_the_apis_records(client, content):
    download = json.loads(content_of(client.get("/data/tiltak.json")))["items"]
    api = json.loads(client.get("/api/v1/initiatives").content)["items"]
    assert download == api


def test_an_unchanged_download_is_answered_304(client, content):
    response = client.get("/data/tiltak.csv")
    content_of(response)
    again = client.get("/data/tiltak.csv", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_downloads_read_a_fixed_number_of_queries(client, asker):
    def count():
        found = {}
        for path in [*CSVS, *JSONS]:
            with CaptureQueriesContext(connection) as queries:
                content_of(client.get(path))
            found[path] = len(queries)
        return found

    author = make_user("mange@example.no")

    def add(number):
        for index in range(number):
            initiative = make_initiative(asker, f"Tiltak {number}-{index}")
            Benefit.objects.create(initiative=initiative, type="quality", indicator="x", unit="y")
            make_idea(asker, author, f"Idé {number}-{index}")

    add(10)
    few = count()
    add(200)
    assert count() == few


def test_the_documentation_lists_every_column():
    text = (Path(settings.BASE_DIR) / "docs" / "open-data.md").read_text()
    for path, columns in CSVS.items():
        section = text.split(f"### `{path[6:]}`", 1)[1]
        documented = re.findall(r"^\| `([a-z_]+)` \|", section.split("\n### ", 1)[0], re.M)
        assert documented == list(columns), path


@pytest.mark.parametrize(
    "page, files",
    [
        ("/tiltak/", ["tiltak.csv", "tiltak.json", "gevinster.csv", "gevinster.json"]),
        ("/ideer/", ["ideer.csv", "ideer.json"]),
        ("/statistikk/", ["idetrakt.csv", "idetrakt.json"]),
    ],
)
def test_the_lists_and_the_statistics_link_to_their_downloads(client, asker, page, files):
    for prefix, words in [("", "Last ned som åpne data"), ("/en", "Download as open data")]:
        html = client.get(prefix + page).content.decode()
        assert words in html
        for name in files:
            assert f'href="/data/{name}"' in html


def test_head_and_a_preflight_on_a_download(client, content):
    response = client.head("/data/tiltak.csv")
    assert response.status_code == 200
    assert content_of(response) == b""
    assert response["Content-Disposition"] == 'attachment; filename="tiltak.csv"'
    preflight = client.options("/data/tiltak.csv", HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
