"""Who may see which notifications: roles × actions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import make_user
from kominn.notifications import rules
from kominn.notifications.models import Notification

# role -> (use notifications, open the citizen's notification)
EXPECTED = {
    "anonymous": (False, False),
    "recipient": (True, True),
    "other_participant": (True, False),
    "editor": (True, False),
    "admin": (True, False),
    "inactive": (False, False),
}


@pytest.mark.parametrize("role", EXPECTED)
def test_permission_matrix(tell, citizen, other_citizen, editor, admin_user, role):
    tell([citizen], actor=other_citizen)
    notification = Notification.objects.get(recipient=citizen)
    people = {
        "anonymous": AnonymousUser(),
        "recipient": citizen,
        "other_participant": other_citizen,
        "editor": editor,
        "admin": admin_user,
        "inactive": make_user("inaktiv@example.no", is_active=False),
    }
    user = people[role]
    actual = (rules.can_use_notifications(user), rules.can_open(user, notification))
    assert actual == EXPECTED[role]
