"""Signing up, the waiting list, cancelling and moving up, as people see it on the page."""

import pytest
from django.core import mail

from conftest import make_user
from kominn.accounts import services as accounts
from kominn.accounts.personal_data import export
from kominn.events import services
from kominn.events.models import Registration, RegistrationStatus

from .helpers import make_event


def _statuses(event):
    return {
        registration.user.email: registration.status
        for registration in Registration.objects.filter(event=event).select_related("user")
    }


@pytest.mark.django_db
def test_signing_up_registers_until_full_then_waits(client, asker, citizen, other_citizen):
    event = make_event(asker, capacity=1)
    client.force_login(citizen)
    response = client.post(f"/arrangementer/{event.pk}/meld-pa/", follow=True)
    assert "Du er påmeldt." in response.content.decode()
    client.force_login(other_citizen)
    response = client.post(f"/arrangementer/{event.pk}/meld-pa/", follow=True)
    assert "venteliste" in response.content.decode()
    assert _statuses(event) == {
        citizen.email: RegistrationStatus.REGISTERED,
        other_citizen.email: RegistrationStatus.WAITING,
    }


@pytest.mark.django_db
def test_signing_up_twice_keeps_one_registration(client, asker, citizen):
    event = make_event(asker, capacity=5)
    client.force_login(citizen)
    client.post(f"/arrangementer/{event.pk}/meld-pa/")
    client.post(f"/arrangementer/{event.pk}/meld-pa/")
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_a_cancellation_moves_the_first_waiting_person_up_and_tells_them(
    client, asker, citizen, other_citizen, sent_mail
):
    event = make_event(asker, capacity=1)
    third = make_user("tredje@example.no")
    for person in (citizen, other_citizen, third):
        services.register(event=event, user=person)
    client.force_login(citizen)
    response = client.post(f"/arrangementer/{event.pk}/meld-av/", follow=True)
    assert "Du er ikke lenger påmeldt." in response.content.decode()
    assert _statuses(event) == {
        other_citizen.email: RegistrationStatus.REGISTERED,
        third.email: RegistrationStatus.WAITING,
    }
    messages = sent_mail()
    assert [message.to for message in messages] == [[other_citizen.email]]
    assert event.title in messages[0].subject


@pytest.mark.django_db
def test_leaving_the_waiting_list_moves_nobody(asker, citizen, other_citizen, sent_mail):
    event = make_event(asker, capacity=1)
    services.register(event=event, user=citizen)
    waiting = services.register(event=event, user=other_citizen)
    assert services.cancel_registration(registration=waiting) is None
    assert _statuses(event) == {citizen.email: RegistrationStatus.REGISTERED}
    assert sent_mail() == []


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, asker):
    event = make_event(asker)
    response = client.post(f"/arrangementer/{event.pk}/meld-pa/")
    assert response.status_code == 302
    assert "/konto/logg-inn/" in response["Location"]
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_blocked_people_cannot_sign_up(client, asker, citizen):
    event = make_event(asker)
    citizen.block("Spam")
    client.force_login(citizen)
    assert client.post(f"/arrangementer/{event.pk}/meld-pa/").status_code in (302, 403)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_no_signing_up_for_a_cancelled_or_closed_event(client, asker, citizen):
    cancelled = make_event(asker, status="cancelled")
    closed = make_event(asker, registration_open=False)
    client.force_login(citizen)
    for event in (cancelled, closed):
        page = client.get(f"/arrangementer/{event.pk}/").content.decode()
        assert "Påmeldingen er stengt." in page
        assert client.post(f"/arrangementer/{event.pk}/meld-pa/").status_code == 403
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_signing_up_is_rate_limited(client, asker, citizen):
    events = [make_event(asker, title=f"Møte {number}") for number in range(21)]
    client.force_login(citizen)
    for event in events[:20]:
        client.post(f"/arrangementer/{event.pk}/meld-pa/")
    response = client.post(f"/arrangementer/{events[20].pk}/meld-pa/", follow=True)
    assert "Prøv igjen senere" in response.content.decode()
    assert Registration.objects.count() == 20


@pytest.mark.django_db
def test_a_larger_capacity_moves_waiting_people_up(asker, citizen, other_citizen, sent_mail):
    event = make_event(asker, capacity=1)
    services.register(event=event, user=citizen)
    services.register(event=event, user=other_citizen)
    previous = type(event).objects.get(pk=event.pk)
    event.capacity = 2
    services.save_event(event=event, previous=previous)
    assert _statuses(event)[other_citizen.email] == RegistrationStatus.REGISTERED
    assert len(mail.outbox) == 0 and len(sent_mail()) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("keep_contributions", [True, False])
def test_a_deleted_account_gives_its_place_to_the_first_waiting(
    asker, citizen, other_citizen, sent_mail, keep_contributions
):
    event = make_event(asker, capacity=1, title="Dugnad i parken")
    services.register(event=event, user=citizen)
    services.register(event=event, user=other_citizen)
    assert export(citizen)["event_registrations"][0]["event"] == "Dugnad i parken"
    accounts.delete_account(citizen, keep_contributions=keep_contributions)
    assert _statuses(event) == {other_citizen.email: RegistrationStatus.REGISTERED}
    assert [message.to for message in sent_mail()] == [[other_citizen.email]]
