"""Who may do what with the newsletter: roles × actions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from conftest import make_editor, make_organisation, make_user
from kominn.newsletter import rules
from kominn.newsletter.models import NewsletterIssue, Subscription

# role -> (sign up, write issue, edit unsent issue, edit sent issue, send unsent issue,
#          send sent issue, delete unsent issue, see subscribers, delete a subscription)
EXPECTED = {
    "anonymous": (True, False, False, False, False, False, False, False, False),
    "citizen": (True, False, False, False, False, False, False, False, False),
    "editor": (True, True, True, False, True, False, True, True, False),
    "area_editor": (True, True, True, False, True, False, True, True, False),
    "other_organisations_editor": (True, False, False, False, False, False, False, False, False),
    "staff_without_role": (True, False, False, False, False, False, False, False, False),
    "admin": (True, True, True, False, True, False, True, True, True),
}


@pytest.fixture
def people(asker, citizen, editor, area_editor, admin_user):
    baerum = make_organisation("baerum")
    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "editor": editor,
        "area_editor": area_editor,
        "other_organisations_editor": make_editor("r@baerum.kommune.no", organisation=baerum),
        "staff_without_role": make_user("stab@asker.kommune.no", is_staff=True, organisation=asker),
        "admin": admin_user,
    }


@pytest.mark.parametrize("role", EXPECTED)
def test_permission_matrix(asker, people, role):
    user = people[role]
    unsent = NewsletterIssue.objects.create(organisation=asker, subject="Utkast", body="Tekst")
    sent = NewsletterIssue.objects.create(
        organisation=asker, subject="Sendt", body="Tekst", sent_at=timezone.now(), recipient_count=3
    )
    subscription = Subscription.objects.create(
        organisation=asker, email="kari@example.no", consent_text="Ja.", consent_version="1"
    )
    actual = (
        rules.can_sign_up(asker),
        rules.can_write_issue(user, asker),
        rules.can_edit_issue(user, unsent),
        rules.can_edit_issue(user, sent),
        rules.can_send_issue(user, unsent),
        rules.can_send_issue(user, sent),
        rules.can_delete_issue(user, unsent),
        rules.can_view_subscribers(user, asker),
        rules.can_delete_subscription(user, subscription),
    )
    assert actual == EXPECTED[role]


def test_nobody_signs_up_where_there_is_no_organisation():
    assert not rules.can_sign_up(None)
