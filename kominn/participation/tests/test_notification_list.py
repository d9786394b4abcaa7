"""The notification list with participation's notifications: opening one, marking all read,
the header count, and what is hidden since."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_idea
from kominn.core import ratelimit
from kominn.notifications import services
from kominn.notifications.models import Delivery, Notification
from kominn.participation import services as participation
from kominn.participation.models import Comment


@pytest.fixture(autouse=True)
def _links_in_mail(settings):
    """Mail needs absolute links; the demo organisation has no host name of its own."""
    settings.KOMINN_BASE_URL = "https://kominn.asker.kommune.no"


def comments_on(idea, author, count=1):
    for number in range(count):
        participation.add_comment(idea=idea, author=author, body=f"Innspill nummer {number}")


def header_count(response):
    """The unread count in the header's notifications link, or None when there is none."""
    link = re.search(
        r'<a class="ds-link" href="/konto/varsler/"[^>]*>(.*?)</a>', response.text, re.S
    )
    assert link, "no notifications link in the header"
    count = re.search(r'\((\d+)<span class="ds-sr-only"> \w+</span>\)', link.group(1))
    return int(count.group(1)) if count else None


def test_the_list_needs_login(client, asker):
    response = client.get("/konto/varsler/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logg-inn/?next=/konto/varsler/")


def test_list_shows_newest_first_with_unread_marked_in_words(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen, "Benker langs turstien")
    comments_on(idea, other_citizen, 2)
    Notification.objects.filter(recipient=citizen).order_by("pk").first().mark_read()
    client.force_login(citizen)
    content = client.get("/konto/varsler/").content.decode()
    items = re.findall(
        r'<li class="notification( notification--unread)?">(.*?)</li>', content, re.S
    )
    assert len(items) == 2
    (newest_unread, newest), (oldest_unread, oldest) = items
    assert newest_unread and "Innspill nummer 1" in newest
    assert '<span class="ds-tag" data-color="info">' in newest  # a word, not only a colour
    assert not oldest_unread and "Innspill nummer 0" in oldest
    assert "ds-tag" not in oldest
    assert "Ola Nordmann" in newest and "Benker langs turstien" in newest


def test_opening_a_notification_marks_it_read_and_leads_to_the_comment(
    client, asker, citizen, other_citizen
):
    idea = make_idea(asker, citizen)
    comment = participation.add_comment(idea=idea, author=other_citizen, body="Hei")
    notification = Notification.objects.get(recipient=citizen)
    client.force_login(citizen)
    assert header_count(client.get("/")) == 1
    response = client.get(f"/konto/varsler/{notification.pk}/")
    assert response["Location"] == f"{idea.get_absolute_url()}#kommentar-{comment.pk}"
    notification.refresh_from_db()
    assert not notification.is_unread
    assert header_count(client.get("/")) is None


def test_nobody_opens_or_even_finds_anothers_notification(client, asker, citizen, other_citizen):
    comments_on(make_idea(asker, citizen), other_citizen)
    notification = Notification.objects.get(recipient=citizen)
    client.force_login(other_citizen)
    assert client.get(f"/konto/varsler/{notification.pk}/").status_code == 404
    assert client.get("/konto/varsler/999999/").status_code == 404
    assert "Innspill nummer 0" not in client.get("/konto/varsler/").content.decode()
    notification.refresh_from_db()
    assert notification.is_unread
    client.logout()
    response = client.get(f"/konto/varsler/{notification.pk}/")
    assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]


def test_mark_all_read(client, asker, citizen, other_citizen):
    comments_on(make_idea(asker, citizen), other_citizen, 3)
    comments_on(make_idea(asker, other_citizen, "Ola sin idé"), citizen, 1)
    client.force_login(citizen)
    page = client.get("/konto/varsler/")
    assert header_count(page) == 3
    assert 'action="/konto/varsler/les-alle/"' in page.content.decode()
    assert client.get("/konto/varsler/les-alle/").status_code == 405
    response = client.post("/konto/varsler/les-alle/")
    assert response["Location"] == "/konto/varsler/"
    page = client.get("/konto/varsler/")
    assert header_count(page) is None
    assert "notification--unread" not in page.content.decode()
    assert 'action="/konto/varsler/les-alle/"' not in page.content.decode()
    # Only one's own are marked.
    assert Notification.objects.filter(recipient=other_citizen).unread().count() == 1


def test_header_count_is_for_logged_in_people_and_readable_by_screen_readers(
    client, asker, citizen, other_citizen
):
    assert 'href="/konto/varsler/"' not in client.get("/").content.decode()
    comments_on(make_idea(asker, citizen), other_citizen, 2)
    client.force_login(citizen)
    response = client.get("/om/")
    assert header_count(response) == 2
    assert re.search(r'\(2<span class="ds-sr-only"> \w+</span>\)', response.text)
    page = client.get("/konto/varsler/").content.decode()
    assert 'href="/konto/varsler/" aria-current="page"' in page


def notification_queries(context):
    return [q["sql"] for q in context.captured_queries if "notifications_notification" in q["sql"]]


def test_header_count_costs_one_query_and_none_for_visitors(client, asker, citizen, other_citizen):
    comments_on(make_idea(asker, citizen), other_citizen, 3)
    with CaptureQueriesContext(connection) as anonymous:
        client.get("/om/")
    assert notification_queries(anonymous) == []
    client.force_login(citizen)
    with CaptureQueriesContext(connection) as logged_in:
        client.get("/om/")
    assert len(notification_queries(logged_in)) == 1


@pytest.mark.parametrize("count", [5, 60])
def test_list_keeps_a_fixed_number_of_queries(
    client, asker, citizen, other_citizen, django_assert_max_num_queries, count, monkeypatch
):
    # More comments from one person than an hour allows: the limit is not what is tested.
    monkeypatch.setitem(ratelimit.LIMITS, "comment", (count, count))
    idea = make_idea(asker, citizen)
    services.set_preferences(user=citizen, choices={"comment": Delivery.OFF})
    comments_on(idea, other_citizen, count)
    # An offer of help, an answer to the idea's general need: told in collaboration's words.
    client.force_login(other_citizen)
    client.post(f"/ideer/{idea.pk}/bidra/", {"message": "Jeg hjelper"})
    client.force_login(citizen)
    # organisation, session, user, the header's count, the page's count and its rows
    with django_assert_max_num_queries(6):
        assert client.get("/konto/varsler/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/konto/varsler/?side=2").status_code == 200


def test_once_hidden_the_list_shows_neither_the_ideas_title_nor_the_comment(
    client, asker, citizen, other_citizen
):
    idea = make_idea(asker, citizen, "Et tema som ble skjult")
    mine = participation.add_comment(idea=idea, author=other_citizen, body="Mitt innspill")
    participation.add_comment(idea=idea, author=citizen, body="Et stygt svar", parent=mine)
    idea.hidden_at = timezone.now()
    idea.save()
    Comment.objects.filter(author=citizen).update(hidden_at=timezone.now())
    client.force_login(other_citizen)
    content = client.get("/konto/varsler/").content.decode().split("<main")[1]
    assert 'class="notification notification--unread"' in content
    assert "Et tema som ble skjult" not in content and "Et stygt svar" not in content
    # The idea's author still sees their own idea's title.
    client.force_login(citizen)
    assert "Et tema som ble skjult" in client.get("/konto/varsler/").content.decode()
