"""Who may report and moderate: roles × actions, in the rules and through the pages."""

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import make_idea, make_moderator, make_organisation, make_user
from kominn.moderation import rules
from kominn.moderation.models import Report
from kominn.participation.models import Comment

ROLES = ["anonymous", "author", "other_participant", "editor", "moderator", "admin"]

# role -> (report an idea, report a comment, see the queue, hide, restore, dismiss, block
#          the author)
EXPECTED = {
    "anonymous": (False, False, False, False, False, False, False),
    "author": (False, False, False, False, False, False, False),
    "other_participant": (True, True, False, False, False, False, False),
    "editor": (True, True, False, False, False, False, False),
    "moderator": (True, True, True, True, True, True, True),
    "admin": (True, True, True, True, True, True, True),
}


@pytest.fixture
def people(asker, citizen, other_citizen, editor, moderator, admin_user):
    return {
        "anonymous": AnonymousUser(),
        "author": citizen,
        "other_participant": other_citizen,
        "editor": editor,
        "moderator": moderator,
        "admin": admin_user,
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(asker, citizen, people, role):
    user = people[role]
    idea = make_idea(asker, citizen)
    comment = Comment.objects.create(idea=idea, author=citizen, body="Kjøp billige klokker her")
    moderate = rules.can_moderate(user, asker)
    actual = (
        rules.can_report(user, idea),
        rules.can_report(user, comment),
        moderate,
        moderate,  # hide, restore and dismiss are the moderator's, all three
        moderate,
        moderate,
        rules.can_block(user, citizen, asker),
    )
    assert actual == EXPECTED[role]


# role -> status of: the queue, the report page, hiding (POST)
PAGES = {
    "anonymous": (302, 302, 302),
    "author": (403, 403, 403),
    "other_participant": (403, 200, 403),
    "editor": (403, 200, 403),
    "moderator": (200, 200, 302),
    "admin": (200, 200, 302),
}


@pytest.mark.parametrize("role", ROLES)
def test_the_pages_ask_the_same_rules(client, asker, citizen, people, role):
    idea = make_idea(asker, citizen)
    if role != "anonymous":
        client.force_login(people[role])
    statuses = (
        client.get("/moderering/").status_code,
        client.get(f"/ideer/{idea.pk}/rapporter/").status_code,
        client.post(
            f"/moderering/ideer/{idea.pk}/", {"action": "hide", "hide-reason": "Reklame"}
        ).status_code,
    )
    assert statuses == PAGES[role]
    idea.refresh_from_db()
    assert (idea.hidden_at is not None) == (role in {"moderator", "admin"})


def test_a_moderator_moderates_only_their_own_organisation(client, asker, citizen):
    other = make_organisation("baerum", name="Bærum kommune")
    outsider = make_moderator("moderator@baerum.kommune.no", organisation=other)
    idea = make_idea(asker, citizen)
    assert not rules.can_moderate(outsider, asker)
    client.force_login(outsider)
    assert client.get("/moderering/").status_code == 403
    assert client.get(f"/moderering/ideer/{idea.pk}/").status_code == 403


def test_nobody_blocks_themselves_a_superuser_or_as_moderator_other_staff(
    asker, moderator, editor, admin_user
):
    assert not rules.can_block(moderator, moderator, asker)
    assert not rules.can_block(moderator, admin_user, asker)
    assert not rules.can_block(moderator, editor, asker)
    assert rules.can_block(admin_user, editor, asker)
    assert not rules.can_block(admin_user, admin_user, asker)


def test_blocked_and_inactive_people_report_nothing(asker, citizen):
    idea = make_idea(asker, citizen)
    blocked = make_user("blokkert@example.no")
    blocked.blocked_at = idea.submitted_at
    inactive = make_user("uferdig@example.no", is_active=False)
    assert not rules.can_report(blocked, idea)
    assert not rules.can_report(inactive, idea)


def test_drafts_and_deleted_comments_cannot_be_reported(asker, citizen, other_citizen):
    draft = make_idea(asker, citizen, "Utkast", submitted_at=None)
    idea = make_idea(asker, citizen)
    comment = Comment.objects.create(idea=idea, author=citizen, body="Hei")
    comment.delete_by_author()
    assert not rules.can_report(other_citizen, draft)
    assert not rules.can_report(other_citizen, comment)
    assert Report.objects.count() == 0


def test_moderators_do_not_open_a_draft_on_the_moderation_page(client, asker, citizen, moderator):
    """A draft is its author's alone; nobody can have reported it."""
    draft = make_idea(asker, citizen, "Utkast: en plan ingen har sett", submitted_at=None)
    submitted = make_idea(asker, citizen, "Innsendt: benker langs stien")
    client.force_login(moderator)
    assert client.get(f"/moderering/ideer/{draft.pk}/").status_code == 404
    assert client.post(f"/moderering/ideer/{draft.pk}/", {"action": "hide"}).status_code == 404
    assert client.get(f"/moderering/ideer/{submitted.pk}/").status_code == 200
