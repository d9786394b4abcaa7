"""Who may do what with ideas and comments: roles × actions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from conftest import make_idea, make_user
from kominn.participation import rules
from kominn.participation.models import Comment

# role -> (view idea, view draft, take part, edit idea, comment, edit own comment,
#          support, follow, offer help, see offers, see a hidden idea's content,
#          comment on a hidden idea)
Y, N = True, False
EXPECTED = {
    "anonymous": (Y, N, N, N, N, N, N, N, N, N, N, N),
    "author": (Y, Y, Y, Y, Y, Y, N, Y, N, Y, Y, N),
    "other_participant": (Y, N, Y, N, Y, N, Y, Y, Y, N, N, N),
    "editor": (Y, N, Y, N, Y, N, Y, Y, Y, Y, Y, N),
    "moderator": (Y, N, Y, N, Y, N, Y, Y, Y, Y, Y, N),
    "blocked": (Y, N, N, N, N, N, N, N, N, N, N, N),
    "inactive": (Y, N, N, N, N, N, N, N, N, N, N, N),
}  # fmt: skip


@pytest.fixture
def people(asker, citizen, other_citizen, editor, moderator):
    blocked = make_user("blokkert@example.no", blocked_at=timezone.now(), blocked_reason="Reklame")
    inactive = make_user("uferdig@example.no", is_active=False)
    return {
        "anonymous": AnonymousUser(),
        "author": citizen,
        "other_participant": other_citizen,
        "editor": editor,
        "moderator": moderator,
        "blocked": blocked,
        "inactive": inactive,
    }


@pytest.mark.parametrize("role", EXPECTED)
def test_permission_matrix(asker, citizen, people, role):
    user = people[role]
    idea = make_idea(asker, citizen)
    draft = make_idea(asker, citizen, "Utkast", submitted_at=None)
    hidden = make_idea(asker, citizen, "Skjult", hidden_at=timezone.now(), hidden_reason="Reklame")
    comment = Comment.objects.create(idea=idea, author=citizen, body="Hei")
    actual = (
        rules.can_view_idea(user, idea),
        rules.can_view_idea(user, draft),
        rules.can_take_part(user),
        rules.can_edit_idea(user, idea),
        rules.can_comment(user, idea),
        rules.can_edit_comment(user, comment),
        rules.can_support(user, idea),
        rules.can_follow(user),
        rules.can_offer_help_on_idea(user, idea),
        rules.can_see_offers_on_idea(user, idea),
        rules.can_see_hidden(user, hidden),
        rules.can_comment(user, hidden),
    )
    assert actual == EXPECTED[role]


def test_an_idea_by_a_blocked_account_is_hidden_like_a_hidden_one(asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    citizen.blocked_at = timezone.now()
    citizen.save()
    idea = type(idea).objects.get(pk=idea.pk)
    assert not rules.can_see_hidden(other_citizen, idea)
    assert not rules.can_support(other_citizen, idea)


def test_nobody_supports_a_draft(asker, citizen, other_citizen):
    draft = make_idea(asker, citizen, "Utkast", submitted_at=None)
    assert not rules.can_support(other_citizen, draft)
    assert not rules.can_comment(other_citizen, draft)
