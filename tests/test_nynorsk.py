"""A municipality's language form (bokmål or nynorsk) is the language of its addresses
without a prefix; the other form and English are one click away under /nb/, /nn/ or /en/."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import make_initiative, make_organisation
from kominn.accounts.models import User
from kominn.core import i18n

NYNORSK_HOST = "kominn.voss.kommune.no"


@pytest.fixture
def voss(db, settings, asker):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, NYNORSK_HOST]
    return make_organisation("voss", name="Voss herad", hosts=[NYNORSK_HOST], language="nn")


def _get(client, path, **extra):
    return client.get(path, HTTP_HOST=NYNORSK_HOST, **extra)


def _language_switch(html):
    """(label, address or None for the current one) for each entry of the language switch."""
    switch = html.split('class="language-switch"', 1)[1].split("</nav>", 1)[0]
    return [
        (label, href or None)
        for href, label in re.findall(
            r'<li>(?:<span aria-current="true"[^>]*>|<a class="ds-link" href="([^"]*)"[^>]*>)'
            r"([^<]+)</",
            switch,
        )
    ]


def _alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]*)">', html))


def test_a_nynorsk_municipality_answers_at_the_root_in_nynorsk(client, voss):
    response = _get(client, "/ideer/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nn"' in html
    assert ">Idear</a>" in html  # the main navigation's "Ideas"
    assert ">Utfordringar</a>" in html
    assert "Ideer</a>" not in html
    assert response["Content-Language"] == "nn"


def test_bokmal_is_under_nb_on_a_nynorsk_site(client, voss):
    html = _get(client, "/nb/ideer/").content.decode()
    assert '<html lang="nb"' in html
    assert ">Ideer</a>" in html
    # Its links stay in bokmål, under /nb/.
    assert 'href="/nb/tiltak/"' in html


def test_links_on_the_nynorsk_site_stay_unprefixed(client, voss):
    html = _get(client, "/").content.decode()
    assert 'href="/tiltak/"' in html
    assert 'href="/ideer/"' in html
    assert 'href="/nn/' not in html


def test_the_language_switch_on_a_nynorsk_site(client, voss):
    html = _get(client, "/om/").content.decode()
    assert _language_switch(html) == [
        ("Bokmål", "/nb/om/"),
        ("Nynorsk", None),
        ("English", "/en/om/"),
    ]
    html = _get(client, "/nb/om/").content.decode()
    assert _language_switch(html) == [
        ("Bokmål", None),
        ("Nynorsk", "/om/"),
        ("English", "/en/om/"),
    ]


def test_the_language_switch_on_a_bokmal_site(client, asker):
    html = client.get("/om/").content.decode()
    assert _language_switch(html) == [
        ("Bokmål", None),
        ("Nynorsk", "/nn/om/"),
        ("English", "/en/om/"),
    ]
    html = client.get("/nn/om/").content.decode()
    assert '<html lang="nn"' in html
    assert _language_switch(html) == [
        ("Bokmål", "/om/"),
        ("Nynorsk", None),
        ("English", "/en/om/"),
    ]


def test_a_bokmal_municipality_still_answers_at_the_root_in_bokmal(client, asker, voss):
    html = client.get("/").content.decode()
    assert '<html lang="nb"' in html
    assert ">Ideer</a>" in html
    html = client.get("/nn/").content.decode()
    assert '<html lang="nn"' in html
    assert ">Idear</a>" in html
    assert 'href="/nn/ideer/"' in html


def test_every_page_names_the_nynorsk_alternate(client, asker, voss):
    alternates = _alternates(_get(client, "/om/").text)
    assert alternates == {
        "nb": f"http://{NYNORSK_HOST}/nb/om/",
        "nn": f"http://{NYNORSK_HOST}/om/",
        "en": f"http://{NYNORSK_HOST}/en/om/",
        "x-default": f"http://{NYNORSK_HOST}/om/",
    }
    alternates = _alternates(client.get("/om/").text)
    assert alternates["nn"].endswith("/nn/om/")
    assert alternates["x-default"].endswith("/om/") and "/nb/" not in alternates["x-default"]


def test_the_own_form_under_its_prefix_leads_to_the_unprefixed_address(client, asker, voss):
    response = _get(client, "/nn/ideer/?status=received")
    assert response.status_code == 301
    assert response["Location"] == "/ideer/?status=received"
    assert client.get("/nb/om/")["Location"] == "/om/"
    # Never to another site.
    assert _get(client, "/nn//evil.example/")["Location"] == "/evil.example/"


def test_nynorsk_and_bokmal_pages_are_kept_apart(client, asker, voss):
    assert ">Idear</a>" in _get(client, "/ideer/").content.decode()
    assert ">Ideer</a>" in _get(client, "/nb/ideer/").content.decode()
    assert ">Idear</a>" in _get(client, "/ideer/").content.decode()
    assert ">Ideer</a>" in client.get("/ideer/").content.decode()


def test_reverse_outside_a_request_keeps_bokmal_unprefixed(db):
    with translation.override("nn"):
        assert reverse("participation:ideas") == "/nn/ideer/"
    with translation.override("nb"):
        assert reverse("participation:ideas") == "/ideer/"


def test_someone_registering_on_the_nynorsk_site_gets_nynorsk_mail(client, voss, sent_mail):
    response = client.post(
        "/konto/registrer/",
        {
            "email": "synnove@example.no",
            "display_name": "Synnøve",
            "capacity": "citizen",
            "affiliation": "",
            "password": "sommar ved vangsvatnet på voss",
            "accept_privacy": "on",
            "website": "",
        },
        HTTP_HOST=NYNORSK_HOST,
    )
    assert response.status_code == 302
    message = sent_mail()[-1]
    assert message.subject == "Stadfest e-postadressa di i KomInn"
    assert "Opne denne lenka for å stadfeste e-postadressa di i KomInn:" in message.body
    # The link leads to the nynorsk site, unprefixed: its own form.
    assert re.search(rf"http://{re.escape(NYNORSK_HOST)}/konto/\S+", message.body)
    assert User.objects.get(email="synnove@example.no").language == "nn"


def test_mail_written_outside_a_request_links_to_the_organisations_own_addresses(voss, asker):
    with i18n.addresses_of(voss), translation.override("nn"):
        assert reverse("participation:ideas") == "/ideer/"
        assert i18n.in_language("/nn/ideer/") == "/ideer/"
    with i18n.addresses_of(voss), translation.override("nb"):
        assert reverse("participation:ideas") == "/nb/ideer/"
        assert i18n.in_language("/ideer/", "nb") == "/nb/ideer/"
    with i18n.addresses_of(asker), translation.override("nn"):
        assert reverse("participation:ideas") == "/nn/ideer/"
    assert reverse("participation:ideas") == "/ideer/"  # as before, outside the block


def test_the_sitemap_of_a_nynorsk_site_has_nynorsk_at_the_root(client, voss):
    make_initiative(voss, "Lys i lysløypa", slug="lys")
    xml = _get(client, "/sitemap-initiatives.xml").content.decode()
    assert f"<loc>http://{NYNORSK_HOST}/tiltak/lys/</loc>" in xml
    assert f'hreflang="nn" href="http://{NYNORSK_HOST}/tiltak/lys/"' in xml
    assert f'hreflang="nb" href="http://{NYNORSK_HOST}/nb/tiltak/lys/"' in xml
    assert f'hreflang="x-default" href="http://{NYNORSK_HOST}/tiltak/lys/"' in xml


def test_the_administration_of_a_nynorsk_municipality_speaks_nynorsk(client, voss):
    html = _get(client, "/admin/login/").content.decode()
    assert '<html lang="nn"' in html
    assert "Logg inn" in html
