"""Support counts and automatic hiding stay exact when requests race (PostgreSQL runs
requests in parallel)."""

import urllib.request
from http.cookiejar import CookieJar

import pytest

from conftest import PASSWORD, at_once, make_idea, make_user
from kominn.participation.models import Idea, Support

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


def test_parallel_supports_from_many_people_are_all_counted(live_server, asker, citizen):
    idea = make_idea(asker, citizen)
    people = [make_user(f"person{number}@example.no") for number in range(12)]
    openers = [logged_in_opener(live_server.url, person.email) for person in people]
    # Each thread takes one person's session (list.pop is atomic).
    statuses = at_once(lambda: post_support(*openers.pop(), live_server.url, idea), 12)
    assert statuses == [200] * 12  # each followed its redirect back to the idea
    assert Support.objects.filter(idea=idea).count() == 12
    idea.refresh_from_db()
    assert idea.support_count == 12


def test_one_person_clicking_many_times_at_once_supports_once(
    live_server, asker, citizen, other_citizen
):
    idea = make_idea(asker, citizen)
    opener, csrf = logged_in_opener(live_server.url, other_citizen.email)
    statuses = at_once(lambda: post_support(opener, csrf, live_server.url, idea), 8)
    assert statuses == [200] * 8
    assert Support.objects.filter(idea=idea, user=other_citizen).count() == 1
    idea.refresh_from_db()
    assert idea.support_count == 1


def test_automatic_hidings_at_once_hide_an_idea_once(transactional_db, asker, citizen):
    idea = make_idea(asker, citizen)
    hidden = at_once(lambda: Idea.objects.get(pk=idea.pk).hide("Mange har meldt den."), 6)
    assert sorted(hidden) == [False] * 5 + [True]
