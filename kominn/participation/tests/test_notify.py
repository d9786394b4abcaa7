"""What each event tells whom: comments, replies, offers, new ideas, news and status."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import make_challenge, make_idea, make_initiative, make_user
from kominn.notifications.models import Notification
from kominn.participation import notify
from kominn.participation import services as participation
from kominn.participation.models import Comment, Follow, IdeaEvent, IdeaStatus
from kominn.portfolio.models import NewsArticle


@pytest.fixture(autouse=True)
def _links_in_mail(settings):
    """Mail needs absolute links; the demo organisation has no host name of its own."""
    settings.KOMINN_BASE_URL = "https://kominn.asker.kommune.no"


def told(user):
    """The kinds of notification the user has, oldest first."""
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True)
    )


def test_comment_tells_the_ideas_author_by_mail_but_not_the_commenter(
    asker, citizen, other_citizen, sent_mail
):
    idea = make_idea(asker, citizen)
    participation.add_comment(idea=idea, author=other_citizen, body="Gjerne ved utsiktspunktet!")
    assert told(citizen) == ["comment"]
    assert told(other_citizen) == []
    (message,) = sent_mail()
    assert message.to == [citizen.email]
    assert idea.title in message.subject
    assert "Gjerne ved utsiktspunktet!" in message.body
    assert f"https://kominn.asker.kommune.no/ideer/{idea.pk}/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://kominn.asker.kommune.no/konto/varsler/av/"
    )


def test_commenting_on_your_own_idea_tells_nobody(asker, citizen, sent_mail):
    idea = make_idea(asker, citizen)
    participation.add_comment(idea=idea, author=citizen, body="Et tillegg.")
    assert told(citizen) == []
    assert sent_mail() == []


def test_reply_tells_the_comments_author_and_the_ideas_author(asker, citizen, other_citizen):
    third = make_user("per@example.no")
    idea = make_idea(asker, citizen)
    first = participation.add_comment(idea=idea, author=other_citizen, body="Første")
    participation.add_comment(idea=idea, author=third, body="Svar", parent=first)
    assert told(other_citizen) == ["reply"]
    assert told(citizen) == ["comment", "comment"]
    assert told(third) == []


def test_reply_to_the_authors_own_comment_is_told_once_as_a_reply(asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    own = participation.add_comment(idea=idea, author=citizen, body="Mer om ideen")
    participation.add_comment(idea=idea, author=other_citizen, body="Svar", parent=own)
    assert told(citizen) == ["reply"]


def test_hidden_comments_and_blocked_people_tell_nobody(asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    hidden = Comment.objects.create(
        idea=idea, author=other_citizen, body="Skjult", hidden_at=timezone.now()
    )
    notify.notify_comment(comment=hidden)
    other_citizen.blocked_at = timezone.now()
    other_citizen.save()
    participation.add_comment(idea=idea, author=other_citizen, body="Fra en blokkert konto")
    assert told(citizen) == []


def test_nothing_is_said_about_a_hidden_idea_or_to_a_blocked_author(asker, citizen, other_citizen):
    hidden_idea = make_idea(asker, citizen, hidden_at=timezone.now())
    participation.add_comment(idea=hidden_idea, author=other_citizen, body="Hei")
    assert told(citizen) == []
    idea = make_idea(asker, citizen, "Synlig")
    citizen.blocked_at = timezone.now()
    citizen.save()
    participation.add_comment(idea=idea, author=other_citizen, body="Hei")
    assert told(citizen) == []


def test_an_idea_sent_to_a_followed_challenge_tells_its_followers(
    client, asker, citizen, other_citizen
):
    challenge = make_challenge(asker)
    Follow.objects.create(user=other_citizen, challenge=challenge)
    Follow.objects.create(user=citizen, challenge=challenge)
    draft = make_idea(asker, citizen, challenge=challenge, submitted_at=None)
    client.force_login(citizen)
    assert client.post(f"/ideer/{draft.pk}/send-inn/").status_code == 302
    assert told(other_citizen) == ["challenge_idea"]
    assert told(citizen) == []
    # Sending it again changes nothing and tells nobody again.
    client.post(f"/ideer/{draft.pk}/send-inn/")
    assert told(other_citizen) == ["challenge_idea"]
    notification = Notification.objects.get(recipient=other_citizen)
    assert notification.target == challenge
    assert notification.get_absolute_url() == draft.get_absolute_url()


def test_a_draft_tells_nobody(asker, citizen, other_citizen):
    challenge = make_challenge(asker)
    Follow.objects.create(user=other_citizen, challenge=challenge)
    draft = make_idea(asker, citizen, challenge=challenge, submitted_at=None)
    notify.notify_idea_submitted(idea=draft)
    assert told(other_citizen) == []


def news_about(asker, *, published_at, initiatives=(), challenges=(), **fields):
    article = NewsArticle.objects.create(
        organisation=asker,
        title="Ladestasjonene er i drift",
        lead="Alle bilene lades nå på egne stasjoner.",
        body="Tekst.",
        is_published=True,
        published_at=published_at,
        **fields,
    )
    article.initiatives.set(initiatives)
    article.challenges.set(challenges)
    return article


def test_news_tells_followers_once_it_is_published_and_only_once(
    asker, citizen, other_citizen, editor
):
    initiative = make_initiative(asker)
    Follow.objects.create(user=citizen, initiative=initiative)
    Follow.objects.create(user=editor, initiative=initiative)
    now = timezone.now()
    article = news_about(
        asker, published_at=now + timedelta(days=1), initiatives=[initiative], author=editor
    )
    assert notify.notify_published_news(now=now) == 0
    assert told(citizen) == []
    # The publish date comes: the next pass tells the followers, except its author.
    assert notify.notify_published_news(now=now + timedelta(days=2)) == 1
    assert notify.notify_published_news(now=now + timedelta(days=3)) == 0
    call_command("notify_news", stdout=io.StringIO())
    assert told(citizen) == ["news"]
    assert told(editor) == told(other_citizen) == []
    notification = Notification.objects.get(recipient=citizen)
    assert notification.target == initiative
    assert notification.get_absolute_url() == article.get_absolute_url()


def test_a_draft_article_tells_nobody_until_published(asker, citizen):
    challenge = make_challenge(asker)
    Follow.objects.create(user=citizen, challenge=challenge)
    article = news_about(asker, published_at=timezone.now(), challenges=[challenge])
    article.is_published = False
    article.save()
    notify.notify_published_news()
    assert told(citizen) == []
    article.is_published = True
    article.save()
    notify.notify_published_news()
    assert told(citizen) == ["news"]


def test_news_about_two_followed_things_is_told_once(asker, citizen):
    initiative = make_initiative(asker)
    challenge = make_challenge(asker)
    Follow.objects.create(user=citizen, initiative=initiative)
    Follow.objects.create(user=citizen, challenge=challenge)
    news_about(asker, published_at=timezone.now(), initiatives=[initiative], challenges=[challenge])
    notify.notify_published_news()
    assert told(citizen) == ["news"]


def test_invented_demo_news_tells_nobody(asker, citizen):
    initiative = make_initiative(asker)
    Follow.objects.create(user=citizen, initiative=initiative)
    article = news_about(
        asker, published_at=timezone.now(), initiatives=[initiative], is_example=True
    )
    notify.notify_published_news()
    assert told(citizen) == []
    article.refresh_from_db()
    assert article.followers_notified_at is not None


def answer(idea, editor, **fields):
    fields.setdefault("kind", "status")
    return IdeaEvent.objects.create(
        idea=idea,
        status=fields.pop("status", IdeaStatus.UNDER_REVIEW),
        previous_status=IdeaStatus.RECEIVED,
        text=fields.pop("text", "Vi ser på ideen sammen med Natur og idrett."),
        actor=editor,
        **fields,
    )


def test_a_status_change_tells_the_author_at_once_and_followers_as_news(
    asker, citizen, other_citizen, editor, sent_mail
):
    idea = make_idea(asker, citizen)
    Follow.objects.create(user=other_citizen, idea=idea)
    Follow.objects.create(user=citizen, idea=idea)
    event = answer(idea, editor)
    notify.notify_idea_status(idea=idea, event=event, actor=editor)
    assert told(citizen) == ["status"]
    assert told(other_citizen) == ["news"]
    assert told(editor) == []
    # Followers get news in the daily digest (the default); the author gets mail at once,
    # a personal one with no unsubscribe link.
    (message,) = sent_mail()
    assert message.to == [citizen.email]
    assert idea.title in message.subject
    assert "Vi ser på ideen sammen med Natur og idrett." in message.body
    assert "List-Unsubscribe" not in message.extra_headers
    assert "/konto/varsler/av/" not in message.body


def test_submitting_and_moderation_events_are_not_told_as_status(asker, citizen, editor):
    idea = make_idea(asker, citizen)
    for kind in ("submitted", "hidden", "restored"):
        notify.notify_idea_status(idea=idea, event=answer(idea, editor, kind=kind))
    assert told(citizen) == []
    notify.notify_idea_status(idea=idea, event=answer(idea, editor, kind="answer"))
    assert told(citizen) == ["status"]
