"""Each person chooses per kind: e-mail at once, a daily digest, or none."""

import re

from kominn.notifications.models import NotificationPreference


def checked(content, name):
    """The value of the checked radio button called `name`."""
    match = re.search(rf'name="{name}" id="[^"]+" value="([^"]+)" checked', content)
    return match.group(1) if match else None


def test_settings_need_login(client, asker):
    response = client.get("/konto/varsler/innstillinger/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logg-inn/")


def test_defaults_say_what_is_personal_at_once_and_news_daily(client, asker, citizen):
    client.force_login(citizen)
    content = client.get("/konto/varsler/innstillinger/").content.decode()
    assert checked(content, "comment") == "immediately"
    assert checked(content, "reply") == "immediately"
    assert checked(content, "offer") == "immediately"
    assert checked(content, "news") == "daily"
    assert checked(content, "challenge_idea") == "daily"
    assert checked(content, "adoption") == "immediately"
    # Status changes on your own idea are always sent: shown, but not a choice.
    assert 'name="status"' not in content


def test_choices_are_saved_and_shown_again(client, asker, citizen):
    client.force_login(citizen)
    choices = {
        "comment": "daily",
        "reply": "off",
        "offer": "immediately",
        "news": "off",
        "challenge_idea": "immediately",
        "adoption": "daily",
        "need_reply": "immediately",
        "status": "off",  # not offered; ignored
    }
    response = client.post("/konto/varsler/innstillinger/", choices)
    assert response.status_code == 302
    content = client.get(response["Location"]).content.decode()
    assert checked(content, "comment") == "daily"
    assert checked(content, "reply") == "off"
    assert checked(content, "news") == "off"
    assert checked(content, "challenge_idea") == "immediately"
    assert checked(content, "adoption") == "daily"
    assert not NotificationPreference.objects.filter(kind="status").exists()


def test_a_refused_choice_is_explained_and_the_rest_kept(client, asker, citizen):
    client.force_login(citizen)
    response = client.post(
        "/konto/varsler/innstillinger/",
        {"comment": "hourly", "reply": "off", "offer": "daily", "news": "off"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_comment_error"' in content and 'id="id_challenge_idea_error"' in content
    assert checked(content, "reply") == "off" and checked(content, "offer") == "daily"
    assert not NotificationPreference.objects.exists()
