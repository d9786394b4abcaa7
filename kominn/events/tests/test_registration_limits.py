"""Signing up for events is limited per account and per address (kominn.core.ratelimit)."""

import pytest
from django.core.cache import cache

from conftest import make_user
from kominn.core import ratelimit
from kominn.events.models import Registration

from .helpers import make_event


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.mark.django_db
def test_signing_up_over_the_limit_says_so_in_norwegian_and_registers_nobody(client, asker):
    per_account = ratelimit.per_account("registration")
    events = [make_event(asker, title=f"Verksted {number}") for number in range(per_account + 1)]
    client.force_login(make_user("travel@example.no"))
    for event in events[:per_account]:
        assert client.post(f"/arrangementer/{event.pk}/meld-pa/").status_code == 302
    response = client.post(
        f"/arrangementer/{events[-1].pk}/meld-pa/", follow=True, HTTP_ACCEPT_LANGUAGE="nb"
    )
    assert "Du har meldt deg på mange ganger på kort tid. Prøv igjen senere." in (
        response.content.decode()
    )
    assert not Registration.objects.filter(event=events[-1]).exists()


@pytest.mark.django_db
def test_many_accounts_from_one_address_are_limited_together(client, asker):
    event = make_event(asker, title="Åpent verksted")
    cache.set("rate:registration:address:127.0.0.1", ratelimit.LIMITS["registration"][1], 3600)
    client.force_login(make_user("ny@example.no"))
    response = client.post(f"/arrangementer/{event.pk}/meld-pa/", follow=True)
    assert "Prøv igjen senere" in response.content.decode()
    assert not Registration.objects.exists()
