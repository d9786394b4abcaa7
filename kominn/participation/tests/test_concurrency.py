"""Support counts, automatic hiding, the hourly limits and double submits stay exact when
requests race (PostgreSQL runs requests in parallel)."""

import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from conftest import PASSWORD, at_once, make_idea, make_user
from kominn.core import ratelimit
from kominn.participation.models import Comment, Idea, Support

pytestmark = pytest.mark.postgres


def logged_in_opener(base_url, email):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base_url}/konto/logg-inn/").read().decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    data = f"csrfmiddlewaretoken={token}&username={email}&password={PASSWORD}".encode()
    request = urllib.request.Request(
        f"{base_url}/konto/logg-inn/", data=data, headers={"Referer": f"{base_url}/"}
    )
    opener.open(request)
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    return opener, csrf


def post_support(opener, csrf, base_url, idea):
    """Press "Support the idea" as the page's form sends it; returns the status code."""
    request = urllib.request.Request(
        f"{base_url}/ideer/{idea.pk}/stott/",
        data=f"csrfmiddlewaretoken={csrf}&support=1".encode(),
        headers={"Referer": f"{base_url}/", "X-CSRFToken": csrf},
    )
    try:
        return opener.open(request).status
    except urllib.error.HTTPError as error:
        return error.code


def test_parallel_supports_from_many_people_are_all_counted(own_live_server, asker, citizen):
    idea = make_idea(asker, citizen)
    people = [make_user(f"person{number}@example.no") for number in range(12)]
    openers = [logged_in_opener(own_live_server.url, person.email) for person in people]
    # Each thread takes one person's session (list.pop is atomic).
    statuses = at_once(lambda: post_support(*openers.pop(), own_live_server.url, idea), 12)
    assert statuses == [200] * 12  # each followed its redirect back to the idea
    assert Support.objects.filter(idea=idea).count() == 12
    idea.refresh_from_db()
    assert idea.support_count == 12


def test_one_person_clicking_many_times_at_once_supports_once(
    own_live_server, asker, citizen, other_citizen
):
    idea = make_idea(asker, citizen)
    opener, csrf = logged_in_opener(own_live_server.url, other_citizen.email)
    statuses = at_once(lambda: post_support(opener, csrf, own_live_server.url, idea), 8)
    assert statuses == [200] * 8
    assert Support.objects.filter(idea=idea, user=other_citizen).count() == 1
    idea.refresh_from_db()
    assert idea.support_count == 1


def test_automatic_hidings_at_once_hide_an_idea_once(transactional_db, asker, citizen):
    idea = make_idea(asker, citizen)
    hidden = at_once(lambda: Idea.objects.get(pk=idea.pk).hide("Mange har meldt den."), 6)
    assert sorted(hidden) == [False] * 5 + [True]


def post_form(opener, csrf, url, fields):
    """Send a form as the page does; returns the status and the address it ended on."""
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, **fields}).encode()
    request = urllib.request.Request(url, data=data, headers={"Referer": url})
    try:
        response = opener.open(request)
    except urllib.error.HTTPError as error:
        return error.code, error.url
    return response.status, response.url


def slow_saves(monkeypatch, model):
    """Checking and storing `model` take a moment longer, as with an image to check and
    scale or a busy database: long enough for racing requests to meet between counting
    what a person sent and storing what they send now."""
    for name in ("clean", "save"):
        method = getattr(model, name)

        def slow(self, *args, _method=method, **kwargs):
            time.sleep(0.05)
            return _method(self, *args, **kwargs)

        monkeypatch.setattr(model, name, slow)


def idea_fields(title="Flere benker langs Askerelva"):
    return {
        "title": title,
        "description": "Eldre trenger steder å hvile.",
        "capacity": "citizen",
        "affiliation": "",
        "website": "",
        "action": "preview",
    }


def test_parallel_ideas_from_one_person_stop_exactly_at_the_hourly_limit(
    own_live_server, asker, citizen, monkeypatch
):
    monkeypatch.setitem(ratelimit.LIMITS, "idea", (5, 60))
    slow_saves(monkeypatch, Idea)
    opener, csrf = logged_in_opener(own_live_server.url, citizen.email)
    titles = [f"Idé nummer {number}" for number in range(12)]
    answers = at_once(
        lambda: post_form(
            opener, csrf, f"{own_live_server.url}/ideer/ny/", idea_fields(titles.pop())
        ),
        12,
    )
    assert [status for status, _url in answers] == [200] * 12
    assert Idea.objects.filter(author=citizen).count() == 5
    # Five went on to their preview; the others came back to the form, which says why.
    previews = [url for _status, url in answers if url.endswith("/forhandsvis/")]
    assert len(previews) == 5


def test_the_same_idea_sent_again_at_once_is_stored_once(
    own_live_server, asker, citizen, monkeypatch
):
    slow_saves(monkeypatch, Idea)
    opener, csrf = logged_in_opener(own_live_server.url, citizen.email)
    answers = at_once(
        lambda: post_form(opener, csrf, f"{own_live_server.url}/ideer/ny/", idea_fields()), 4
    )
    idea = Idea.objects.get(author=citizen)
    assert answers == [(200, f"{own_live_server.url}/ideer/{idea.pk}/forhandsvis/")] * 4


def test_parallel_comments_from_one_person_stop_exactly_at_the_hourly_limit(
    own_live_server, asker, citizen, other_citizen, monkeypatch
):
    monkeypatch.setitem(ratelimit.LIMITS, "comment", (5, 200))
    slow_saves(monkeypatch, Comment)
    idea = make_idea(asker, citizen)
    opener, csrf = logged_in_opener(own_live_server.url, other_citizen.email)
    bodies = [f"Innspill nummer {number}" for number in range(12)]
    url = f"{own_live_server.url}/ideer/{idea.pk}/kommenter/"
    answers = at_once(lambda: post_form(opener, csrf, url, {"body": bodies.pop()}), 12)
    # Those stored lead to the idea; the others come back with the form, saying why.
    assert sorted(status for status, _url in answers) == [200] * 5 + [400] * 7
    assert Comment.objects.filter(author=other_citizen).count() == 5
    idea.refresh_from_db()
    assert idea.comment_count == 5


def test_the_same_comment_sent_again_at_once_is_stored_once(
    own_live_server, asker, citizen, other_citizen, monkeypatch
):
    slow_saves(monkeypatch, Comment)
    idea = make_idea(asker, citizen)
    opener, csrf = logged_in_opener(own_live_server.url, other_citizen.email)
    url = f"{own_live_server.url}/ideer/{idea.pk}/kommenter/"
    answers = at_once(lambda: post_form(opener, csrf, url, {"body": "Gjerne ved elva!"}), 4)
    comment = Comment.objects.get(author=other_citizen)
    assert answers == [(200, f"{own_live_server.url}{comment.get_absolute_url()}")] * 4
    idea.refresh_from_db()
    assert idea.comment_count == 1
