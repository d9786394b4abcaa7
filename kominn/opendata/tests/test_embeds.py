"""The embeds for the municipality's own website: framed only by the origins it lists,
showing only its own published work, with every link leading to KomInn at the top level."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import BAERUM_HOST, make_challenge, make_initiative

LATEST = "/innebygd/siste-tiltak/"
SHARE = "/innebygd/del-en-ide/"
ASKER_SITE = "https://www.asker.kommune.no"
BAERUM_SITE = "https://www.baerum.kommune.no"


@pytest.fixture
def listed(asker, baerum):
    asker.embed_origins = f"{ASKER_SITE}\nhttp://localhost:8000"
    asker.save()
    baerum.embed_origins = BAERUM_SITE
    baerum.save()
    return asker, baerum


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    return re.search(r"frame-ancestors ([^;]*)", policy).group(1).split()


def titles(response):
    return re.findall(r'<h2 class="ds-heading" data-size="2xs"><a [^>]*>([^<]*)</a>', response.text)


@pytest.mark.parametrize("path", [LATEST, SHARE])
def test_an_embed_may_be_framed_by_the_listed_origins_only(client, listed, path):
    response = client.get(path)
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'self'", ASKER_SITE, "http://localhost:8000"]
    assert "X-Frame-Options" not in response
    # The rest of the policy is the site's own.
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]

    on_baerum = client.get(path, HTTP_HOST=BAERUM_HOST)
    assert frame_ancestors(on_baerum) == ["'self'", BAERUM_SITE]


@pytest.mark.parametrize("path", [LATEST, SHARE])
def test_an_embed_with_no_origins_listed_is_framed_by_kominn_itself_only(client, asker, path):
    response = client.get(path)
    assert frame_ancestors(response) == ["'self'"]
    assert "X-Frame-Options" not in response


@pytest.mark.parametrize("path", ["/", "/tiltak/", "/ideer/ny/", "/konto/logg-inn/"])
def test_every_other_page_still_refuses_every_frame(client, listed, path):
    response = client.get(path, follow=True)
    assert response["X-Frame-Options"] == "DENY"
    assert frame_ancestors(response) == ["'none'"]


def test_a_kept_embed_carries_its_organisations_origins_and_a_changed_list_counts_at_once(
    client, listed, django_assert_max_num_queries
):
    asker, _baerum = listed
    first = client.get(LATEST)
    with django_assert_max_num_queries(2):  # from the page cache: only the host looked up
        kept = client.get(LATEST)
    assert kept["ETag"] == first["ETag"]
    assert frame_ancestors(kept) == ["'self'", ASKER_SITE, "http://localhost:8000"]
    assert "X-Frame-Options" not in kept
    # Asked again by a browser that has it: a 304 that does not add X-Frame-Options: DENY.
    again = client.get(LATEST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "X-Frame-Options" not in again
    # Bærum's kept embed is its own, with its own origins.
    client.get(LATEST, HTTP_HOST=BAERUM_HOST)
    assert frame_ancestors(client.get(LATEST, HTTP_HOST=BAERUM_HOST)) == ["'self'", BAERUM_SITE]

    asker.embed_origins = "https://kommune.example.no"
    asker.save()
    changed = client.get(LATEST, HTTP_IF_NONE_MATCH=first["ETag"])
    # Not a 304: the browser would keep the old header with the old origins.
    assert changed.status_code == 200
    assert frame_ancestors(changed) == ["'self'", "https://kommune.example.no"]
    assert frame_ancestors(client.get(LATEST)) == ["'self'", "https://kommune.example.no"]


def test_the_latest_initiatives_are_the_organisations_latest_published(client, asker, baerum):
    now = timezone.now()
    for number in range(1, 8):
        make_initiative(asker, f"Tiltak nummer {number}", published_at=now - timedelta(days=number))
    make_initiative(asker, "Et utkast", is_published=False)
    make_initiative(asker, "Publiseres i morgen", published_at=now + timedelta(days=1))
    make_initiative(baerum, "Bare i Bærum")

    response = client.get(LATEST)
    assert titles(response) == [f"Tiltak nummer {n}" for n in range(1, 6)]
    page = response.text
    assert '<html lang="nb"' in page
    assert "<h1" in page and "Nyeste tiltak" in page and asker.name in page
    # Links lead to KomInn itself, out of the frame.
    assert re.search(r'<a class="ds-link" href="/tiltak/tiltak-nummer-1/" target="_top">', page)
    assert 'target="_top">Se alle tiltak på KomInn</a>' in page
    assert 'class="site-header"' not in page and "<form" not in page

    assert titles(client.get(LATEST, HTTP_HOST=BAERUM_HOST)) == ["Bare i Bærum"]


@pytest.mark.parametrize(
    ("count", "shown"),
    [("2", 2), ("10", 7), ("0", 1), ("-3", 1), ("9999", 7), ("abc", 5), ("", 5), ("2.5", 5)],
)
def test_the_number_asked_for_is_kept_between_one_and_ten(client, asker, count, shown):
    for number in range(1, 8):
        make_initiative(asker, f"Tiltak nummer {number}")
    response = client.get(LATEST, {"antall": count})
    assert response.status_code == 200
    assert len(titles(response)) == shown


def test_at_most_ten_are_shown(client, asker):
    for number in range(1, 13):
        make_initiative(asker, f"Tiltak nummer {number}")
    assert len(titles(client.get(LATEST, {"antall": "12"}))) == 10


def test_share_an_idea_leads_to_the_idea_form_and_the_open_challenges(client, asker, baerum):
    make_challenge(asker, "Hvordan får vi flere til å sykle?")
    make_challenge(asker, "En lukket utfordring", days_open=(-30, -1))
    make_challenge(baerum, "Bare i Bærum: grønnere parker?")
    page = client.get(SHARE).text
    assert '<html lang="nb"' in page and "<h1" in page and asker.name in page
    assert re.search(r'<a class="ds-button"[^>]* href="/ideer/ny/" target="_top">', page)
    assert "Hvordan får vi flere til å sykle?" in page
    assert "En lukket utfordring" not in page
    assert "Bare i Bærum" not in page
    assert "<form" not in page


def test_the_embeds_are_in_the_language_asked_for(client, asker):
    page = client.get("/en" + SHARE).text
    assert '<html lang="en"' in page
    assert "Share an idea" in page
    assert 'href="/en/ideer/ny/" target="_top"' in page
