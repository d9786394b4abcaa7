"""One-click unsubscribe links in notification mail."""

from django.test import Client

from conftest import make_user
from kominn.notifications import services
from kominn.notifications.models import Delivery, NotificationPreference


def unsubscribe_path(user, kind):
    return services.unsubscribe_path(user, kind)


def test_unsubscribe_link_asks_first_then_turns_the_kind_off(client, asker, citizen):
    path = unsubscribe_path(citizen, "comment")
    page = client.get(path)
    assert page.status_code == 200
    assert f'<form method="post" action="{path}">' in page.content.decode()
    assert not NotificationPreference.objects.exists()
    # One click from a mail program: a POST with no session and no CSRF token.
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=citizen)
    assert (preference.kind, preference.delivery) == ("comment", "off")
    assert "<form" not in client.get(path).content.decode().split("<main")[1]


def test_unsubscribe_works_with_a_csrf_token_too(client, asker, citizen):
    path = unsubscribe_path(citizen, "news")
    strict = Client(enforce_csrf_checks=True)
    strict.get(path)
    token = strict.cookies["csrftoken"].value if "csrftoken" in strict.cookies else "x"
    response = strict.post(path, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=citizen, kind="news").delivery == "off"


def test_the_digests_link_turns_off_everything_that_comes_daily(client, asker, citizen):
    services.set_preferences(user=citizen, choices={"comment": Delivery.DAILY})
    client.post(unsubscribe_path(citizen, services.DIGEST))
    assert NotificationPreference.objects.for_user(citizen) == {
        "comment": "off",
        "reply": "immediately",
        "offer": "immediately",
        "news": "off",
        "challenge_idea": "off",
        "adoption": "immediately",
        "need_reply": "immediately",
    }


def test_a_forged_or_status_unsubscribe_link_does_nothing(client, asker, citizen):
    forged = unsubscribe_path(citizen, "comment")[:-3] + "xx/"
    assert client.post(forged).status_code == 400
    assert client.get(forged).status_code == 400
    status = unsubscribe_path(citizen, "status")
    assert client.post(status).status_code == 400
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_from_a_deleted_account_is_refused(client, asker):
    gone = make_user("borte@example.no")
    path = unsubscribe_path(gone, "comment")
    gone.delete()
    assert client.get(path).status_code == 400
