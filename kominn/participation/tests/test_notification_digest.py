"""The daily digest: grouped by item, never empty, never twice."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from conftest import make_challenge, make_idea, make_initiative, make_user
from kominn.notifications import services
from kominn.notifications.models import Delivery, Notification, NotificationKind
from kominn.participation import notify
from kominn.participation import services as participation
from kominn.participation.models import Follow
from kominn.portfolio.models import NewsArticle


@pytest.fixture(autouse=True)
def _links_in_mail(settings):
    """Mail needs absolute links; the demo organisation has no host name of its own."""
    settings.KOMINN_BASE_URL = "https://kominn.asker.kommune.no"


def run_digests():
    output = io.StringIO()
    call_command("send_digests", stdout=output)
    return output.getvalue()


def news(asker, title, initiative):
    article = NewsArticle.objects.create(
        organisation=asker, title=title, lead=f"Ingress: {title}", body="Tekst.", is_published=True
    )
    article.initiatives.set([initiative])
    return article


def test_digest_groups_by_item_and_is_sent_once(asker, citizen, other_citizen, sent_mail):
    chargers = make_initiative(asker, "Ladestasjoner")
    challenge = make_challenge(asker, "Flere syklister")
    Follow.objects.create(user=citizen, initiative=chargers)
    Follow.objects.create(user=citizen, challenge=challenge)
    news(asker, "Første stasjon åpnet", chargers)
    news(asker, "Andre stasjon åpnet", chargers)
    author = make_user("syklist@example.no", display_name="Sykle Syklist")
    idea = make_idea(asker, author, "Sykkelhotell ved stasjonen", challenge=challenge)
    notify.notify_idea_submitted(idea=idea)
    assert "1 digest" in run_digests()
    (message,) = sent_mail()
    assert message.to == [citizen.email]
    assert "3" in message.subject
    body = message.body
    # One heading per item, each with its own entries under it.
    assert body.count("== Ladestasjoner ==") == 1
    assert body.count("== Flere syklister ==") == 1
    chargers_part = body.split("== Ladestasjoner ==")[1].split("==")[0]
    assert "Første stasjon åpnet" in chargers_part and "Andre stasjon åpnet" in chargers_part
    assert "Sykkelhotell ved stasjonen" in body.split("== Flere syklister ==")[1]
    assert "Ingress: Første stasjon åpnet" in body
    html = message.alternatives[0][0]
    assert html.count("<h2") == 2
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://kominn.asker.kommune.no/konto/varsler/av/"
    )
    # The same day again: nothing new, so no mail at all.
    assert "0 digest" in run_digests()
    assert len(sent_mail()) == 1


def test_nobody_gets_an_empty_digest(asker, citizen, other_citizen, sent_mail):
    # Immediate notifications are not repeated in the digest.
    participation.add_comment(idea=make_idea(asker, citizen), author=other_citizen, body="Hei")
    sent_mail()
    assert "0 digest" in run_digests()
    assert len(sent_mail()) == 1


def test_the_next_digest_holds_only_what_is_new(asker, citizen, sent_mail):
    chargers = make_initiative(asker, "Ladestasjoner")
    Follow.objects.create(user=citizen, initiative=chargers)
    news(asker, "Første stasjon åpnet", chargers)
    run_digests()
    news(asker, "Andre stasjon åpnet", chargers)
    run_digests()
    first, second = sent_mail()
    assert "Første stasjon åpnet" in first.body
    assert "Andre stasjon åpnet" in second.body and "Første stasjon åpnet" not in second.body


def test_turned_off_since_or_hidden_since_is_left_out(asker, citizen, other_citizen, sent_mail):
    services.set_preferences(
        user=citizen, choices={"comment": Delivery.DAILY, "reply": Delivery.DAILY}
    )
    idea = make_idea(asker, citizen)
    kept = participation.add_comment(idea=idea, author=other_citizen, body="Synlig innspill")
    hidden = participation.add_comment(idea=idea, author=other_citizen, body="Stygt innspill")
    own = participation.add_comment(idea=idea, author=citizen, body="Mitt innspill")
    participation.add_comment(idea=idea, author=other_citizen, body="Et svar", parent=own)
    hidden.hidden_at = timezone.now()
    hidden.save()
    services.set_preferences(user=citizen, choices={"reply": Delivery.OFF})
    run_digests()
    (message,) = sent_mail()
    assert kept.body in message.body
    assert "Stygt innspill" not in message.body and "Et svar" not in message.body
    assert not Notification.objects.awaiting_digest().exists()


def test_only_off_and_hidden_means_no_digest(asker, citizen, other_citizen, sent_mail):
    services.set_preferences(user=citizen, choices={"comment": Delivery.DAILY})
    participation.add_comment(idea=make_idea(asker, citizen), author=other_citizen, body="Hei")
    services.set_preferences(user=citizen, choices={"comment": Delivery.OFF})
    assert "0 digest" in run_digests()
    assert sent_mail() == []
    # Still listed on the site.
    assert Notification.objects.filter(recipient=citizen, kind=NotificationKind.COMMENT).exists()


def test_digest_includes_news_that_became_visible_since(asker, citizen, sent_mail):
    chargers = make_initiative(asker, "Ladestasjoner")
    Follow.objects.create(user=citizen, initiative=chargers)
    article = news(asker, "Kommer i morgen", chargers)
    article.published_at = timezone.now() + timedelta(hours=1)
    article.save()
    run_digests()
    assert sent_mail() == []
    services.send_digests(now=timezone.now() + timedelta(hours=2))
    (message,) = sent_mail()
    assert "Kommer i morgen" in message.body


def test_links_lead_to_the_page_in_the_readers_language(
    client, asker, citizen, other_citizen, sent_mail
):
    # What happened was done in English; one reader uses the site in English, one in bokmål.
    citizen.language = "en"
    citizen.save(update_fields=["language"])
    challenge = make_challenge(asker, "Flere syklister")
    Follow.objects.create(user=citizen, challenge=challenge)
    Follow.objects.create(user=other_citizen, challenge=challenge)
    author = make_user("syklist@example.no", display_name="Sykle Syklist")
    idea = make_idea(asker, author, "Sykkelhotell ved stasjonen", challenge=challenge)
    idea_path, challenge_path = idea.get_absolute_url(), challenge.get_absolute_url()
    with translation.override("en"):
        notify.notify_idea_submitted(idea=idea)
    run_digests()
    site = "https://kominn.asker.kommune.no"
    by_reader = {message.to[0]: message for message in sent_mail()}
    english, bokmal = by_reader[citizen.email], by_reader[other_citizen.email]
    assert f"{site}/en{challenge_path}\n" in english.body
    assert f'href="{site}/en{idea_path}' in english.alternatives[0][0]
    assert f"{site}{challenge_path}\n" in bokmal.body
    assert f'href="{site}{idea_path}' in bokmal.alternatives[0][0]
    assert f"{site}/en/" not in bokmal.body + bokmal.alternatives[0][0]
    # On the site, a notification opened from the English list leads to the English page.
    client.force_login(citizen)
    notification = Notification.objects.get(recipient=citizen)
    response = client.get(f"/en/konto/varsler/{notification.pk}/")
    assert response["Location"].startswith(f"/en{idea_path}")
