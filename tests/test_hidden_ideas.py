"""A hidden idea, or someone else's draft, is not reached through any address that takes an
idea or a comment: not its page, nor the report forms, nor following, supporting,
commenting, replying, offering help, editing or deleting.

Every route whose pattern takes an idea's or a comment's id is walked (a new one is
walked without being named here), with a hidden idea and a draft and a comment on each,
by GET and POST, with and without htmx, anonymously, as another participant and as the
author of the comment. Each answer is 404, or the very answer an id that names nothing
gets (the wrong method, a log-in first); and the idea's title, its address's slug and the
comment's text are nowhere in the answer or where it redirects.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import make_idea, make_user
from kominn.moderation import services as moderation
from kominn.participation.models import Comment
from kominn.participation.services import add_comment
from tests.routes import POST_DATA, answer_of, missing_params, parameter_routes

TITLE = "Hemmelig forslag om Storgata 5"
SLUG = "hemmelig-forslag-om-storgata-5"
COMMENT = "Naboen i nummer sju er enig"


def idea_and_comment_routes():
    """The routes that name an idea or a comment by its id (the moderators' pages too)."""
    return [
        route
        for route in parameter_routes()
        if "ideer/<int:pk>" in route.route or "kommentarer/<int:pk>" in route.route
    ]


@pytest.fixture
def hidden(asker, citizen, other_citizen, moderator):
    idea = make_idea(asker, citizen, TITLE, description="Det står i Storgata.")
    comment = add_comment(idea=idea, author=other_citizen, body=COMMENT)
    moderation.hide(moderator=moderator, item=idea, reason="Personopplysninger")
    return idea, comment


@pytest.fixture
def draft(asker, citizen, other_citizen):
    idea = make_idea(asker, citizen, TITLE, description="Det står i Storgata.", submitted_at=None)
    # A draft takes no comments; one written before it went back to being a draft, or
    # straight into the database, is still not a way in.
    comment = Comment.objects.create(idea=idea, author=other_citizen, body=COMMENT)
    return idea, comment


def test_the_routes_walked_include_every_way_to_take_part():
    keys = {route.key for route in idea_and_comment_routes()}
    assert {
        "participation:idea",
        "participation:support",
        "participation:follow_idea",
        "participation:comment",
        "collaboration:offer_idea",
        "participation:comment_edit",
        "participation:comment_delete",
        "moderation:report_idea",
        "moderation:report_comment",
    } <= keys


def _leaks(response):
    shown = response.content.decode() + response.get("Location", "")
    return [text for text in (TITLE, SLUG, COMMENT) if text.lower() in shown.lower()]


@pytest.mark.parametrize("which", ["hidden", "draft"])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_hidden_idea_or_a_draft_is_reached_by_no_address(
    client, request, which, language, other_citizen
):
    idea, comment = request.getfixturevalue(which)
    people = {
        "anonymous": None,
        "another participant": make_user("tredje@example.no"),
        "the comment's author": other_citizen,
    }
    problems, walked = [], 0
    for role, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for route in idea_and_comment_routes():
            target = comment if "kommentarer/" in route.route else idea
            kwargs = {"pk": target.pk}
            if "slug" in route.params:
                kwargs["slug"] = "en-annen-tittel"  # the real one: see the next tests
            with translation.override(language):
                path = reverse(route.key, kwargs=kwargs)
                missing = reverse(route.key, kwargs=missing_params(kwargs))
            for method in ("get", "post"):
                for htmx in (False, True):
                    send = getattr(client, method)
                    headers = {"HX-Request": "true"} if htmx else {}
                    data = POST_DATA | {"parent": comment.pk} if method == "post" else None
                    response = send(path, data, headers=headers)
                    walked += 1
                    said = f"{role}: {method.upper()}{' (htmx)' if htmx else ''} {path}"
                    if leaks := _leaks(response):
                        problems.append(f"{said} shows {leaks}")
                    if response.status_code == 404:
                        continue
                    expected = answer_of(send(missing, data, headers=headers), missing, path)
                    if answer_of(response) != expected:
                        problems.append(f"{said} answered {answer_of(response)}, not 404")
    assert walked >= 3 * 4 * 15, walked
    assert not problems, "\n".join(problems)


def test_the_idea_is_still_there_for_its_author_and_the_moderators(
    client, hidden, citizen, moderator
):
    idea, _comment = hidden
    for person in (citizen, moderator):
        client.force_login(person)
        response = client.get(f"/ideer/{idea.pk}/")
        assert response.status_code == 301 and response["Location"] == f"/ideer/{idea.pk}/{SLUG}/"
        assert TITLE in client.get(response["Location"]).content.decode()


def test_others_see_the_moderators_notice_and_no_address_with_the_title(client, hidden):
    idea, _comment = hidden
    for path in (
        f"/ideer/{idea.pk}/",
        f"/ideer/{idea.pk}/gammel-tittel/",
        f"/ideer/{idea.pk}/{SLUG}/",
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert "Location" not in response
        content = response.content.decode()
        assert "Skjult av en moderator: Personopplysninger" in content
        assert TITLE not in content
        if SLUG not in path:  # the address asked for is in its language links
            assert SLUG not in content
