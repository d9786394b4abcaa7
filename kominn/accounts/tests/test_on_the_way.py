"""A visitor sent to log in is told why, and where they were going survives registering,
the confirmation mail and confirming: they land where they were headed."""

import html
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import link_in, make_challenge, make_idea
from kominn.accounts.models import User

from .test_registration import OWNER


def text(response):
    return html.unescape(response.content.decode())


def test_share_an_idea_sends_a_visitor_to_log_in_saying_why(client, asker):
    response = client.get("/ideer/ny/")
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert "Logg inn for å dele en idé" in text(login)


def test_the_reason_is_in_english_on_the_english_log_in_page(client, asker):
    login = client.get("/en/konto/logg-inn/?next=/en/ideer/ny/")
    assert "Log in to share an idea" in text(login)


def test_supporting_without_an_account_says_it_was_to_support(client, asker, citizen):
    idea = make_idea(asker, citizen)
    response = client.post(f"/ideer/{idea.pk}/stott/", {"support": "1"})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    # Back to the idea's page afterwards (the action takes only POST).
    assert query["next"] == [idea.get_absolute_url()]
    assert "Logg inn for å støtte ideen" in text(client.get(response["Location"]))


def test_my_page_asks_to_log_in_to_see_it(client, asker):
    response = client.get("/min-side/")
    assert "Logg inn for å se Min side" in text(client.get(response["Location"]))


@pytest.mark.parametrize(
    ("query", "next_url"),
    [
        ("", "/konto/"),
        ("?next=https://evil.example/ideer/ny/", "/konto/"),
        ("?next=//evil.example/ideer/ny/", "/konto/"),
        ("?next=/finnes-ikke/", "/finnes-ikke/"),
        ("?next=/ideer/&grunn=<script>alert(1)</script>", "/ideer/"),
        ("?next=/ideer/&grunn=participation:idea_new%00", "/ideer/"),
    ],
)
def test_no_reason_for_missing_foreign_or_made_up_addresses(client, asker, query, next_url):
    response = client.get("/konto/logg-inn/" + query)
    assert response.status_code == 200
    page = text(response)
    assert "Logg inn for å" not in page
    # Neither the form nor the way on to registration leads elsewhere.
    assert f'<input type="hidden" name="next" value="{next_url}">' in page
    assert 'name="grunn"' not in page
    if next_url == "/konto/":  # none given, or one leading elsewhere: none passed on
        assert 'href="/konto/registrer/"' in page
    assert "<script>alert" not in page


def test_a_reason_key_names_only_what_is_registered(client, asker, citizen):
    idea = make_idea(asker, citizen)
    path = f"/konto/logg-inn/?next={idea.get_absolute_url()}&grunn=participation:follow_idea"
    assert "Logg inn for å følge ideen" in text(client.get(path))


def test_register_link_on_the_log_in_page_carries_next(client, asker):
    login = text(client.get("/konto/logg-inn/?next=/ideer/ny/"))
    assert 'href="/konto/registrer/?next=%2Fideer%2Fny%2F"' in login
    register = text(client.get("/konto/registrer/?next=/ideer/ny/"))
    assert "Logg inn for å dele en idé" in register
    assert '<input type="hidden" name="next" value="/ideer/ny/">' in register
    assert 'href="/konto/logg-inn/?next=%2Fideer%2Fny%2F"' in register


def test_registering_on_the_way_to_the_idea_form_lands_on_it(client, asker, sent_mail):
    challenge = make_challenge(asker)
    target = f"/ideer/ny/?utfordring={challenge.slug}"
    response = client.post("/konto/registrer/", OWNER | {"next": target})
    assert response.status_code == 302
    link = link_in(sent_mail()[-1])
    assert parse_qs(urlsplit(link).query)["next"] == [target]
    form = client.get(link)
    assert form.status_code == 200
    confirmed = client.post(link, {"password": OWNER["password"]})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == target
    assert User.objects.get(email="nina@example.no").is_active
    idea_form = text(client.get(target))
    assert "Your e-mail address is confirmed" in idea_form or "bekreftet" in idea_form
    assert f'<option value="{challenge.pk}" selected>' in idea_form


def test_registering_without_next_still_lands_on_the_profile(client, asker, sent_mail):
    client.post("/konto/registrer/", OWNER)
    link = link_in(sent_mail()[-1])
    assert "next" not in link
    assert client.post(link, {"password": OWNER["password"]})["Location"] == "/konto/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_a_foreign_next_is_dropped_at_registration_and_on_confirming(
    client, asker, sent_mail, target
):
    client.post("/konto/registrer/", OWNER | {"next": target})
    link = link_in(sent_mail()[-1])
    assert "evil" not in link and "javascript" not in link
    # A link altered by hand to lead elsewhere lands on the profile instead.
    altered = f"{link}?next={target}"
    assert client.post(altered, {"password": OWNER["password"]})["Location"] == "/konto/"
