"""Who may do what with ideas and comments: roles × actions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import make_idea, make_user
from kominn.participation import rules
from kominn.participation.models import Comment

# role -> (view idea, view draft, submit, edit idea, comment, edit own comment,
#          support, follow, offer help, see offers)
EXPECTED = {
    "anonymous": (True, False, False, False, False, False, False, False, False, False),
    "author": (True, True, True, True, True, True, False, True, False, True),
    "other_participant": (True, False, True, False, True, False, True, True, True, False),
    "editor": (True, False, True, False, True, False, True, True, True, True),
    "blocked": (True, False, False, False, False, False, False, False, False, False),
}


@pytest.fixture
def people(asker, citizen, other_citizen, editor):
    blocked = make_user("blokkert@example.no", is_active=False)
    return {
        "anonymous": AnonymousUser(),
        "author": citizen,
        "other_participant": other_citizen,
        "editor": editor,
        "blocked": blocked,
    }


@pytest.mark.parametrize("role", EXPECTED)
def test_permission_matrix(asker, citizen, people, role):
    user = people[role]
    idea = make_idea(asker, citizen)
    draft = make_idea(asker, citizen, "Utkast", submitted_at=None)
    comment = Comment.objects.create(idea=idea, author=citizen, body="Hei")
    actual = (
        rules.can_view_idea(user, idea),
        rules.can_view_idea(user, draft),
        rules.can_submit_idea(user),
        rules.can_edit_idea(user, idea),
        rules.can_comment(user, idea),
        rules.can_edit_comment(user, comment),
        rules.can_support(user, idea),
        rules.can_follow(user),
        rules.can_offer_help_on_idea(user, idea),
        rules.can_see_offers_on_idea(user, idea),
    )
    assert actual == EXPECTED[role]


def test_nobody_supports_a_draft(asker, citizen, other_citizen):
    draft = make_idea(asker, citizen, "Utkast", submitted_at=None)
    assert not rules.can_support(other_citizen, draft)
    assert not rules.can_comment(other_citizen, draft)
