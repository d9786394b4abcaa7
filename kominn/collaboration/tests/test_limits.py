"""Answers to needs are limited per hour (kominn.core.ratelimit): over the limit the person
is told so in Norwegian, and what they typed is kept."""

import pytest
from django.core.cache import cache

from conftest import make_initiative, make_user
from kominn.collaboration import services
from kominn.collaboration.models import Answer
from kominn.core import ratelimit

LIMIT = ratelimit.per_account("offer")
MESSAGE = "Du har sendt mange tilbud på kort tid. Vent litt."


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def initiative(asker):
    return make_initiative(asker)


def test_an_answer_over_the_limit_is_429_keeping_what_was_typed(
    client, initiative, editor, citizen
):
    needs = [
        services.post_need(user=editor, initiative=initiative, title=f"Behov {number}")
        for number in range(LIMIT + 1)
    ]
    client.force_login(citizen)
    for need in needs[:LIMIT]:
        assert client.post(f"/behov/{need.pk}/bidra/", {"message": "Ja"}).status_code == 302
    response = client.post(
        f"/behov/{needs[-1].pk}/bidra/",
        {"message": "Jeg har en tilhenger du kan låne"},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    content = response.content.decode()
    assert response.status_code == 429
    assert MESSAGE in content
    assert "Jeg har en tilhenger du kan låne</textarea>" in content
    assert Answer.objects.count() == LIMIT


def test_a_general_offer_over_the_limit_keeps_what_was_typed(client, initiative, editor, citizen):
    needs = [
        services.post_need(user=editor, initiative=initiative, title=f"Behov {number}")
        for number in range(LIMIT)
    ]
    client.force_login(citizen)
    for need in needs:
        client.post(f"/behov/{need.pk}/bidra/", {"message": "Ja"})
    response = client.post(
        f"/tiltak/{initiative.slug}/bidra/",
        {"message": "Jeg kan kjøre bil"},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    content = response.content.decode()
    assert response.status_code == 429
    assert MESSAGE in content and "Jeg kan kjøre bil</textarea>" in content
    assert Answer.objects.count() == LIMIT


def test_the_limit_counts_each_address_too(client, initiative, editor):
    address_limit = ratelimit.LIMITS["offer"][1]
    need = services.post_need(user=editor, initiative=initiative, title="Mange behov", how_many=999)
    # Many accounts from one address: under each account's limit, over the address's.
    for number in range(address_limit):
        cache.set("rate:offer:address:127.0.0.1", number + 1, 3600)
    client.force_login(make_user("ny@example.no"))
    response = client.post(f"/behov/{need.pk}/bidra/", {"message": "Hei"})
    assert response.status_code == 429
    assert not Answer.objects.filter(need=need).exists()
