import re

import pytest
from django.db import OperationalError
from django.urls import reverse

from kominn.pages.navigation import MAIN_NAVIGATION


def h1(response):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    return match.group(1).strip() if match else None


PAGES = [
    # (path, Norwegian h1, English h1)
    ("/", "KomInn – innovasjon i kommunen", "KomInn – innovation in the municipality"),
    ("/om/", "Om KomInn", "About KomInn"),
    ("/personvern/", "Personvernerklæring", "Privacy statement"),
    ("/tilgjengelighet/", "Tilgjengelighetserklæring", "Accessibility statement"),
    ("/tiltak/", "Tiltak", "Initiatives"),
    ("/mal/", "Mål", "Goals"),
    ("/ideer/", "Ideer", "Ideas"),
    ("/utfordringer/", "Utfordringer", "Challenges"),
    ("/nyheter/", "Nyheter", "News"),
]


@pytest.mark.parametrize(("path", "nb", "en"), PAGES)
def test_page_speaks_bokmal_at_root_and_english_under_en(client, asker, path, nb, en):
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="nb"' in response.content.decode()
    assert h1(response) == nb

    response = client.get("/en" + path)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
    assert h1(response) == en


def test_bokmal_is_served_at_the_root_whatever_the_browser_prefers(client, asker):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert h1(response) == "KomInn – innovasjon i kommunen"


# Queries beyond the one that finds the organisation from the host name.
# The portfolio's own tests check that these stay fixed as the data grows.
QUERY_BUDGETS = {
    "/": 9, "/tiltak/": 15, "/mal/": 2, "/nyheter/": 1, "/ideer/": 5, "/utfordringer/": 1,
    # The municipality's own text, if it has one.
    "/om/": 1, "/personvern/": 1, "/tilgjengelighet/": 1,
}  # fmt: skip


@pytest.mark.parametrize(("path", "nb", "en"), PAGES)
def test_page_keeps_within_its_query_budget(
    client, asker, django_assert_max_num_queries, path, nb, en
):
    with django_assert_max_num_queries(1 + QUERY_BUDGETS.get(path, 0)):
        assert client.get(path).status_code == 200


def test_main_navigation_links_every_section_and_none_is_broken(client, asker):
    content = client.get("/").content.decode()
    for url_name, _label in MAIN_NAVIGATION:
        href = reverse(url_name)
        assert f'href="{href}"' in content
        assert client.get(href).status_code == 200


def test_navigation_marks_the_current_page(client, asker):
    content = client.get("/om/").content.decode()
    assert '<a href="/om/" aria-current="page">Om KomInn</a>' in content


def test_language_switch_leads_to_the_same_page_in_the_other_language(client, asker):
    content = client.get("/personvern/").content.decode()
    assert 'href="/en/personvern/" hreflang="en" lang="en">English</a>' in content

    content = client.get("/en/personvern/").content.decode()
    assert 'href="/personvern/" hreflang="nb" lang="nb">Bokmål</a>' in content


def test_footer_shows_contact_email_and_statements(client, asker):
    content = client.get("/").content.decode()
    assert 'href="mailto:kominn@asker.kommune.no"' in content
    assert 'href="/personvern/"' in content
    assert 'href="/tilgjengelighet/"' in content


def test_about_page_explains_the_three_approaches_with_examples(client, asker):
    content = client.get("/om/").content.decode()
    for approach in ("Først ute", "Hentet fra andre", "Delt og spredt"):
        assert approach in content
    assert "Yggeset" in content
    assert "LED" in content
    assert "innbyggere og næringsliv" in content


def test_front_page_names_the_three_approaches_even_without_initiatives(client, asker):
    content = client.get("/").content.decode()
    for approach in ("Først ute", "Hentet fra andre", "Delt og spredt"):
        assert f'<h3 class="ds-heading" data-size="sm">{approach}</h3>' in content
    assert content.count(">0 tiltak</a>") == 3


def test_pages_work_before_any_organisation_exists(client, db):
    response = client.get("/om/")
    assert response.status_code == 200
    assert "KomInn drives av" not in response.content.decode()


def test_unknown_page_answers_a_norwegian_404_with_a_way_back(client, asker):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Vi fant ikke siden" in content
    assert 'href="/">Gå til forsiden</a>' in content


def test_unknown_english_page_answers_in_english(client, asker):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_server_error_shows_a_norwegian_page(client, asker, settings):
    settings.ROOT_URLCONF = "kominn.pages.tests.failing_urls"
    client.raise_request_exception = False
    response = client.get("/feil/")
    assert response.status_code == 500
    assert "Noe gikk galt hos oss" in response.content.decode()


def test_server_error_page_survives_a_database_outage(client, db, settings, monkeypatch):
    settings.ROOT_URLCONF = "kominn.pages.tests.failing_urls"
    client.raise_request_exception = False

    def unreachable(*args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr("kominn.organisations.models.OrganisationQuerySet.for_host", unreachable)
    response = client.get("/feil/")
    assert response.status_code == 500
    assert "Noe gikk galt hos oss" in response.content.decode()


def test_permission_denied_shows_a_norwegian_page(client, asker, settings):
    settings.ROOT_URLCONF = "kominn.pages.tests.failing_urls"
    response = client.get("/ingen-tilgang/")
    assert response.status_code == 403
    assert "Du har ikke tilgang til denne siden" in response.content.decode()


def test_health_answers_ok_when_the_database_answers(client, db):
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_answers_503_when_the_database_does_not(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("kominn.pages.views.connection", UnreachableDatabase())
    response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
