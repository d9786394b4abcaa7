"""Each person's choice per kind decides how participation's notifications are delivered."""

import pytest

from conftest import make_idea
from kominn.notifications import services
from kominn.notifications.models import Delivery, Notification, NotificationPreference
from kominn.participation import notify
from kominn.participation import services as participation
from kominn.participation.models import IdeaEvent


@pytest.fixture(autouse=True)
def _links_in_mail(settings):
    """Mail needs absolute links; the demo organisation has no host name of its own."""
    settings.KOMINN_BASE_URL = "https://kominn.asker.kommune.no"


def test_off_means_no_mail_but_still_listed(asker, citizen, other_citizen, sent_mail):
    services.set_preferences(user=citizen, choices={"comment": Delivery.OFF})
    idea = make_idea(asker, citizen)
    participation.add_comment(idea=idea, author=other_citizen, body="Hei")
    assert sent_mail() == []
    notification = Notification.objects.get(recipient=citizen)
    assert notification.delivery == "off" and notification.is_unread


def test_daily_means_no_mail_at_once(asker, citizen, other_citizen, sent_mail):
    services.set_preferences(user=citizen, choices={"comment": Delivery.DAILY})
    participation.add_comment(idea=make_idea(asker, citizen), author=other_citizen, body="Hei")
    assert sent_mail() == []
    assert Notification.objects.awaiting_digest().filter(recipient=citizen).count() == 1


def test_status_cannot_be_turned_off(asker, citizen, editor, sent_mail):
    services.set_preferences(user=citizen, choices={"status": Delivery.OFF})
    assert not NotificationPreference.objects.exists()
    idea = make_idea(asker, citizen)
    event = IdeaEvent.objects.create(idea=idea, kind="answer", text="Takk!", actor=editor)
    notify.notify_idea_status(idea=idea, event=event, actor=editor)
    assert [message.to for message in sent_mail()] == [[citizen.email]]
