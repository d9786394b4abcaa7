"""Places stay exact when many sign up or cancel at the same moment (PostgreSQL runs
transactions in parallel; each thread has its own connection)."""

import pytest

from conftest import at_once, make_user
from kominn.events import services
from kominn.events.models import Registration, RegistrationStatus

from .helpers import make_event

pytestmark = pytest.mark.postgres


def _counts(event):
    registrations = Registration.objects.filter(event=event)
    return (
        registrations.filter(status=RegistrationStatus.REGISTERED).count(),
        registrations.filter(status=RegistrationStatus.WAITING).count(),
    )


def test_fifty_people_signing_up_at_once_for_twenty_places(transactional_db, asker):
    event = make_event(asker, capacity=20)
    people = [make_user(f"deltaker{number}@example.no") for number in range(50)]
    outcomes = at_once(lambda: services.register(event=event, user=people.pop()), 50)
    assert [outcome for outcome in outcomes if isinstance(outcome, Exception)] == []
    assert len(outcomes) == 50
    assert _counts(event) == (20, 30)

    # Two of those registered cancel at once: exactly two move up, the first two waiting.
    waiting = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
            "created_at", "pk"
        )
    )
    leaving = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)[:2]
    )
    moved = at_once(lambda: services.cancel_registration(registration=leaving.pop()), 2)
    assert sorted(registration.pk for registration in moved) == sorted(
        registration.pk for registration in waiting[:2]
    )
    assert _counts(event) == (20, 28)


def test_one_cancellation_moves_exactly_one_up(transactional_db, asker):
    event = make_event(asker, capacity=20)
    people = [make_user(f"person{number}@example.no") for number in range(22)]
    for person in people:
        services.register(event=event, user=person)
    assert _counts(event) == (20, 2)
    leaving = Registration.objects.filter(event=event, user=people[0]).get()
    # The same cancellation sent many times at once (a double click) moves one person up.
    moved = at_once(lambda: services.cancel_registration(registration=leaving), 5)
    assert [outcome for outcome in moved if outcome is not None] == [
        Registration.objects.get(event=event, user=people[20])
    ]
    assert _counts(event) == (20, 1)
