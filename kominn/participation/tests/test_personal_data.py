"""What participation holds about a person, in their export and when they delete their
account."""

import json

import pytest

from conftest import PASSWORD, make_idea
from kominn.notifications.models import Notification, NotificationPreference
from kominn.participation import services as participation
from kominn.participation.models import Comment, Follow, Idea, Offer, Support


@pytest.fixture(autouse=True)
def _links_in_mail(settings):
    """Mail needs absolute links; the demo organisation has no host name of its own."""
    settings.KOMINN_BASE_URL = "https://kominn.asker.kommune.no"


def test_export_includes_ideas_and_comments(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen, "Min idé")
    Comment.objects.create(idea=idea, author=citizen, body="Min kommentar")
    client.force_login(citizen)
    data = json.loads(client.get("/konto/mine-data/eksport/").content)
    assert data["ideas"][0]["title"] == "Min idé"
    assert data["comments"][0]["text"] == "Min kommentar"


def test_removing_contributions_keeps_others_replies_in_context(
    client, asker, citizen, other_citizen
):
    theirs = make_idea(asker, other_citizen, "Andres idé")
    mine = make_idea(asker, citizen, "Min idé")
    replied = Comment.objects.create(idea=theirs, author=citizen, body="Kommentar med svar")
    Comment.objects.create(idea=theirs, author=other_citizen, body="Svaret", parent=replied)
    Comment.objects.create(idea=theirs, author=citizen, body="Uten svar")
    client.force_login(citizen)
    client.post("/konto/slett/", {"contributions": "remove", "password": PASSWORD})
    assert not Idea.objects.filter(pk=mine.pk).exists()
    replied.refresh_from_db()
    assert replied.is_deleted and replied.author is None and replied.body == ""
    assert Comment.objects.filter(body="Svaret").exists()
    assert not Comment.objects.filter(body="Uten svar").exists()


def test_export_lists_supports_follows_and_offers(client, asker, citizen, other_citizen):
    idea = make_idea(asker, other_citizen, "Andres idé")
    Support.objects.create(idea=idea, user=citizen)
    Follow.objects.create(idea=idea, user=citizen)
    Offer.objects.create(idea=idea, user=citizen, message="Jeg hjelper gjerne")
    client.force_login(citizen)
    data = json.loads(client.get("/konto/mine-data/eksport/").content)
    assert list(data) == [
        "account",
        "external_logins",
        "ideas",
        "comments",
        "supports",
        "follows",
        "offers_of_help",
        "answers_to_needs",
        "skills_and_interests",
        "team_memberships",
        "team_updates",
        "team_tasks",
        "team_files",
        "event_registrations",
        "workshop_cards",
        "workshop_votes",
    ]
    assert data["supports"][0]["idea"] == "Andres idé"
    assert data["follows"][0]["following"] == "Andres idé"
    assert data["offers_of_help"][0] == {
        "on": "Andres idé",
        "message": "Jeg hjelper gjerne",
        "sent": data["offers_of_help"][0]["sent"],
    }


def test_deleting_the_account_erases_its_notifications_even_when_keeping_contributions(
    client, asker, citizen, other_citizen
):
    participation.add_comment(idea=make_idea(asker, citizen), author=other_citizen, body="Hei")
    NotificationPreference.objects.create(user=citizen, kind="news", delivery="off")
    client.force_login(citizen)
    client.post("/konto/slett/", {"contributions": "keep", "password": PASSWORD})
    assert not Notification.objects.filter(recipient=citizen).exists()
    assert not NotificationPreference.objects.filter(user=citizen).exists()
