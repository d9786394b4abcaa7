"""Racing sends and sign-ups (PostgreSQL runs them in parallel)."""

import pytest

from conftest import at_once, make_editor
from kominn.newsletter import services
from kominn.newsletter.models import NewsletterIssue, Subscription
from kominn.outbox.models import OutgoingMail

from .test_sending import subscribe, write_issue

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def test_pressing_send_twice_at_once_sends_once(asker):
    editor = make_editor(organisation=asker)
    for number in range(5):
        subscribe(asker, f"person{number}@example.no")
    issue = write_issue(asker)

    outcomes = at_once(lambda: services.send_issue(issue=issue, sent_by=editor), 6)

    # One send queues the five mails; every other one is told the issue went already.
    assert [o for o in outcomes if not isinstance(o, services.AlreadySent)] == [5]
    assert OutgoingMail.objects.count() == 5
    assert NewsletterIssue.objects.get().recipient_count == 5


def test_signing_up_the_same_address_at_once_keeps_one_row(asker):

    outcomes = at_once(
        lambda: services.sign_up(organisation=asker, email="kari@example.no", language="nb"), 6
    )

    assert [isinstance(outcome, Exception) for outcome in outcomes] == [False] * 6
    assert Subscription.objects.count() == 1
