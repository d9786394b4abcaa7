"""The mail about events: the reminder the day before, and notices of changes and
cancellations, each sent once, all through the outbox."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from kominn.events import services
from kominn.events.models import Event, EventStatus

from .helpers import make_event


def _change(event, **fields):
    previous = Event.objects.get(pk=event.pk)
    for name, value in fields.items():
        setattr(event, name, value)
    return services.save_event(event=event, previous=previous)


@pytest.mark.django_db
def test_the_reminder_goes_once_to_those_registered_the_day_before(
    asker, citizen, other_citizen, sent_mail
):
    event = make_event(asker, capacity=1, days=0, title="Strikkekafé")
    event.starts_at = event.starts_at + timedelta(hours=20)
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    later = make_event(asker, days=3, title="Senere møte")
    services.register(event=event, user=citizen)
    services.register(event=event, user=other_citizen)  # waiting: no reminder
    services.register(event=later, user=citizen)
    call_command("send_event_reminders")
    call_command("send_event_reminders")
    messages = sent_mail()
    assert [message.to for message in messages] == [[citizen.email]]
    assert "Strikkekafé" in messages[0].subject
    assert "påmeldt" in messages[0].body and f"/arrangementer/{event.pk}/" in messages[0].body


@pytest.mark.django_db
def test_moving_an_event_tells_those_signed_up_and_reminds_again(asker, citizen, sent_mail):
    event = make_event(asker, days=0)
    event.starts_at += timedelta(hours=5)
    event.ends_at = event.starts_at + timedelta(hours=1)
    event.save()
    services.register(event=event, user=citizen)
    services.send_reminders()
    assert _change(event, place="Nytt sted: Rådhuset") == 1
    assert _change(event, title="Bare en ny tittel") == 0
    messages = sent_mail()
    assert len(messages) == 2
    assert "Endret" in messages[1].subject and "Nytt sted: Rådhuset" in messages[1].body
    # A new start time is reminded of again.
    _change(
        event,
        starts_at=event.starts_at + timedelta(hours=1),
        ends_at=event.ends_at + timedelta(hours=1),
    )
    services.send_reminders()
    assert len(sent_mail()) == 4


@pytest.mark.django_db
def test_a_cancellation_is_told_once_and_shown_on_the_page(client, asker, citizen, sent_mail):
    event = make_event(asker)
    services.register(event=event, user=citizen)
    assert _change(event, status=EventStatus.CANCELLED) == 1
    assert _change(event, accessibility_notes="Avlyst likevel") == 0
    messages = sent_mail()
    assert len(messages) == 1 and "Avlyst" in messages[0].subject
    assert "Dette arrangementet er avlyst." in client.get(event.get_absolute_url()).content.decode()
    # Nobody is reminded of a cancelled event.
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - timedelta(days=2, hours=12)
    )
    services.send_reminders()
    assert len(sent_mail()) == 1
