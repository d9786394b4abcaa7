"""Racing sends and sign-ups (PostgreSQL runs them in parallel)."""

import threading

import pytest
from django.db import connections

from conftest import make_editor
from kominn.newsletter import services
from kominn.newsletter.models import NewsletterIssue, Subscription
from kominn.outbox.models import OutgoingMail

from .test_sending import subscribe, write_issue

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def race(function, times=6):
    """Run `function` in `times` threads at once; return what each raised, or None."""
    barrier = threading.Barrier(times)
    outcomes = []

    def run():
        barrier.wait()
        try:
            function()
            outcomes.append(None)
        except Exception as error:  # the test inspects what was raised
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def test_pressing_send_twice_at_once_sends_once(asker):
    editor = make_editor(organisation=asker)
    for number in range(5):
        subscribe(asker, f"person{number}@example.no")
    issue = write_issue(asker)

    outcomes = race(lambda: services.send_issue(issue=issue, sent_by=editor))

    assert sum(outcome is None for outcome in outcomes) == 1
    assert all(isinstance(o, services.AlreadySent) for o in outcomes if o is not None)
    assert OutgoingMail.objects.count() == 5
    assert NewsletterIssue.objects.get().recipient_count == 5


def test_signing_up_the_same_address_at_once_keeps_one_row(asker):

    outcomes = race(
        lambda: services.sign_up(organisation=asker, email="kari@example.no", language="nb")
    )

    assert outcomes == [None] * 6
    assert Subscription.objects.count() == 1
