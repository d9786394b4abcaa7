"""A person's votes stay within the workshop's votes_per_person however many they send at
once (PostgreSQL runs transactions in parallel; each thread has its own connection)."""

import pytest

from conftest import at_once, make_user
from kominn.events import services
from kominn.events.models import Vote

from .helpers import make_card, make_workshop

pytestmark = pytest.mark.postgres


def test_votes_sent_at_once_never_pass_the_limit(transactional_db, asker):
    workshop = make_workshop(asker, votes_per_person=3)
    author = make_user("forfatter@example.no")
    cards = [make_card(workshop, author, f"Lapp {number}") for number in range(10)]
    voter = make_user("velger@example.no")
    others = [make_user(f"annen{number}@example.no") for number in range(5)]

    def vote(card):
        return services.set_vote(workshop=workshop, card=card, user=voter, vote=True)

    pending = list(cards)
    outcomes = at_once(lambda: vote(pending.pop()), 10)
    given = [outcome for outcome in outcomes if outcome is True]
    refused = [o for o in outcomes if isinstance(o, services.NoVotesLeft)]
    assert (len(given), len(refused)) == (3, 7), outcomes
    assert Vote.objects.filter(workshop=workshop, user=voter).count() == 3

    # Others voting at the same moment are not held up by, nor counted against, the voter.
    pending = [(person, card) for person in others for card in cards[:2]]

    def vote_of_another():
        person, card = pending.pop()
        return services.set_vote(workshop=workshop, card=card, user=person, vote=True)

    outcomes = at_once(vote_of_another, len(pending))
    assert outcomes == [True] * 10
    assert Vote.objects.filter(workshop=workshop).exclude(user=voter).count() == 10


def test_the_same_vote_sent_many_times_at_once_is_one_vote(transactional_db, asker):
    workshop = make_workshop(asker)
    card = make_card(workshop, make_user("forfatter@example.no"))
    voter = make_user("velger@example.no")
    outcomes = at_once(
        lambda: services.set_vote(workshop=workshop, card=card, user=voter, vote=True), 8
    )
    assert outcomes == [True] * 8
    assert Vote.objects.filter(card=card, user=voter).count() == 1
