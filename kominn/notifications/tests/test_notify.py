"""Telling people, whatever app sends it: who is told, the mail at once, the words in the
reader's language, the list and the daily digest grouped by what it is about."""

import io

from django.core.management import call_command
from django.utils import timezone

from conftest import make_user
from kominn.notifications import services
from kominn.notifications.models import Delivery, Notification, NotificationKind
from kominn.organisations.models import ServiceArea


def test_the_actor_blocked_and_inactive_people_are_not_told(tell, citizen, other_citizen):
    blocked = make_user("blokkert@example.no", blocked_at=timezone.now())
    inactive = make_user("inaktiv@example.no", is_active=False)
    told = tell([citizen, citizen, other_citizen, blocked, inactive], actor=other_citizen)
    assert [n.recipient for n in told] == [citizen]
    other_citizen.blocked_at = timezone.now()
    assert tell([citizen], actor=other_citizen) == []


def test_mail_at_once_says_it_in_the_readers_language_with_links(tell, citizen, sent_mail):
    citizen.language = "en"
    citizen.save()
    tell([citizen], excerpt="Det som ble skrevet.")
    (message,) = sent_mail()
    assert message.to == [citizen.email]
    assert message.subject.startswith("Om ")
    assert "Notifications: " in message.body and "Varsler" not in message.body
    assert "Det som ble skrevet." in message.body
    assert "https://kominn.asker.kommune.no/omrade/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://kominn.asker.kommune.no/en/konto/varsler/av/"
    )


def test_the_list_shows_the_senders_words_in_the_readers_language(client, tell, citizen):
    (notification,) = tell([citizen])
    client.force_login(citizen)
    page = client.get("/konto/varsler/").content.decode()
    assert f"Varsler: {notification.target_title}" in page
    response = client.get(f"/konto/varsler/{notification.pk}/")
    assert response["Location"] == f"/omrade/{notification.target_id}/#noe"


def test_a_message_nobody_words_any_longer_says_the_title(client, tell, citizen):
    (notification,) = tell([citizen])
    Notification.objects.filter(pk=notification.pk).update(message="gone.app")
    client.force_login(citizen)
    page = client.get("/konto/varsler/").content.decode()
    assert f">{notification.target_title}</a>" in page


def test_the_digest_groups_by_what_it_is_about_and_leaves_out_blocked_actors(
    asker, tell, citizen, other_citizen, sent_mail
):
    services.set_preferences(user=citizen, choices={"comment": Delivery.DAILY})
    first, second = ServiceArea.objects.filter(organisation=asker).order_by("pk")[:2]
    tell([citizen], area=first, excerpt="En")
    tell([citizen], area=second, excerpt="To")
    tell([citizen], area=first, excerpt="Tre")
    tell([citizen], area=first, excerpt="Fra en som blir blokkert", actor=other_citizen)
    other_citizen.blocked_at = timezone.now()
    other_citizen.save()
    output = io.StringIO()
    call_command("send_digests", stdout=output)
    assert "1 digest" in output.getvalue()
    (message,) = sent_mail()
    assert "3" in message.subject
    body = message.body
    assert body.count(f"== {first} ==") == 1 and body.count(f"== {second} ==") == 1
    first_part = body.split(f"== {first} ==")[1].split("==")[0]
    assert "En" in first_part and "Tre" in first_part and "To" not in first_part
    assert "blokkert" not in body
    assert not Notification.objects.awaiting_digest().exists()
    call_command("send_digests", stdout=output)
    assert len(sent_mail()) == 1


def test_status_is_always_mailed_at_once_without_an_unsubscribe_link(tell, citizen, sent_mail):
    tell([citizen], kind=NotificationKind.STATUS)
    (message,) = sent_mail()
    assert "List-Unsubscribe" not in message.extra_headers
