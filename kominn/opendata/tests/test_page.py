"""/apne-data/: what is published as open data, under which licence, and how to get it."""

import itertools
import re

import pytest


@pytest.mark.parametrize(
    ("path", "heading", "section"),
    [
        ("/apne-data/", "Åpne data", "Datasett og nedlastinger"),
        ("/en/apne-data/", "Open data", "Datasets and downloads"),
        ("/nn/apne-data/", "Opne data", "Datasett og nedlastingar"),
    ],
)
def test_the_page_is_in_the_visitors_language(client, asker, path, heading, section):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 class="ds-heading" data-size="xl">{heading}</h1>' in html
    assert section in html


def test_the_page_links_every_download_the_api_and_the_catalogue(client, asker):
    html = client.get("/apne-data/").content.decode()
    for name in ("tiltak", "ideer", "gevinster", "idetrakt"):
        assert f'href="/data/{name}.csv"' in html
        assert f'href="/data/{name}.json"' in html
    assert 'href="/api/v1/openapi.json"' in html
    assert 'href="/api/v1/dcat"' in html
    assert "http://testserver/api/v1/" in html  # the base address, whole
    assert 'href="https://data.norge.no/nlod/no/2.0"' in html
    for endpoint in ("initiatives", "ideas", "benefits", "goals", "news", "challenges"):
        assert f"<code>/api/v1/{endpoint}</code>" in html
    assert "/api/v2/" in html  # the version policy


def test_the_headings_go_in_order(client, asker):
    html = client.get("/en/apne-data/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    levels = [int(level) for level in re.findall(r"<h([1-6])", main)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after - before <= 1 for before, after in itertools.pairwise(levels))


def test_every_page_links_to_it_in_the_footer(client, asker):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert '<a class="ds-link" href="/apne-data/">Åpne data</a>' in footer
    footer = client.get("/en/").content.decode().split('<footer class="site-footer">')[1]
    assert '<a class="ds-link" href="/en/apne-data/">Open data</a>' in footer
