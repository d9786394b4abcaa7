"""Sending: every queued mail goes out exactly once, however long the mail server is down."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from kominn.outbox import worker
from kominn.outbox.models import OutgoingMail
from kominn.outbox.services import queue_mail
from kominn.outbox.tests.backends import RefusingBackend

UNSUBSCRIBE = "https://kominn.asker.kommune.no/nyhetsbrev/avmeld/abc123/"


def queue(to="kari@example.no", **extra):
    return queue_mail(
        **{
            "to": to,
            "subject": "Nye ideer om sykkel og gange – æøå",
            "template": "outbox_test/news",
            "context": {"name": "Kari", "count": 3, "topic": "Sykkel"},
        }
        | extra
    )


def test_the_worker_sends_text_and_html_with_the_headers(db, settings):
    settings.DEFAULT_FROM_EMAIL = "KomInn <kominn@asker.kommune.no>"
    queued = queue(unsubscribe_url=UNSUBSCRIBE, kind="newsletter")
    assert worker.send_due() == 1
    [message] = mail.outbox
    assert message.to == ["kari@example.no"]
    assert message.from_email == "KomInn <kominn@asker.kommune.no>"
    assert message.body == queued.body_text
    assert message.alternatives[0] == (queued.body_html, "text/html")
    sent = message.message()
    assert sent["Subject"] == "Nye ideer om sykkel og gange – æøå"
    assert sent["List-Unsubscribe"] == f"<{UNSUBSCRIBE}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent["Message-ID"] == queued.headers["Message-ID"]
    assert sent.get_content_type() == "multipart/alternative"
    queued.refresh_from_db()
    assert queued.status == "sent" and queued.attempts == 1 and queued.next_attempt_at is None


def test_a_mail_is_sent_once_however_often_the_worker_runs(db):
    queue()
    assert worker.send_due() == 1
    assert worker.send_due() == 0
    assert len(mail.outbox) == 1


def test_mail_queued_for_later_waits(db):
    queued = queue()
    OutgoingMail.objects.filter(pk=queued.pk).update(
        next_attempt_at=timezone.now() + timedelta(minutes=5)
    )
    assert worker.send_due() == 0
    assert worker.send_due(now=timezone.now() + timedelta(minutes=6)) == 1


@pytest.mark.parametrize("down", ["refusing", "disconnecting"])
def test_nothing_is_lost_while_the_mail_server_is_down(db, mail_server, down, caplog):
    mails = [queue(f"person{number}@example.no") for number in range(3)]
    start = timezone.now()
    mail_server(down)
    with caplog.at_level(logging.WARNING, logger="kominn.outbox"):
        assert worker.send_due(now=start) == 0  # the failure is recorded, never raised
    assert mail.outbox == []
    for row in OutgoingMail.objects.all():
        assert row.status == "waiting" and row.attempts == 1
        assert row.next_attempt_at == start + timedelta(minutes=1)
        assert "Connection" in row.last_error
    assert "failed, attempt 1" in caplog.text

    # Nothing is tried again before the back-off has passed; then it is, and backs off more.
    assert worker.send_due(now=start + timedelta(seconds=30)) == 0
    worker.send_due(now=start + timedelta(minutes=1))
    row = OutgoingMail.objects.get(pk=mails[0].pk)
    assert row.attempts == 2
    assert row.next_attempt_at == start + timedelta(minutes=1) + timedelta(minutes=5)

    # The server is back: everything goes out, exactly once.
    mail_server("up")
    later = start + timedelta(minutes=10)
    assert worker.send_due(now=later) == 3
    assert worker.send_due(now=later + timedelta(days=1)) == 0
    assert sorted(message.to[0] for message in mail.outbox) == [
        "person0@example.no",
        "person1@example.no",
        "person2@example.no",
    ]
    assert OutgoingMail.objects.sent().count() == 3


def test_an_unreachable_server_is_tried_once_per_pass_not_once_per_mail(db, mail_server):
    for number in range(5):
        queue(f"person{number}@example.no")
    mail_server("refusing")
    RefusingBackend.attempts = 0
    worker.send_due()
    assert RefusingBackend.attempts == 1
    assert set(OutgoingMail.objects.values_list("attempts", flat=True)) == {1}


def test_the_back_off_grows_then_stays_at_twelve_hours():
    waits = [worker.backoff(attempts) for attempts in range(1, 9)]
    assert waits == [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=6),
        timedelta(hours=12),
        timedelta(hours=12),
        timedelta(hours=12),
    ]


def test_the_worker_gives_up_after_the_last_attempt_and_says_so(db, mail_server, settings, caplog):
    settings.KOMINN_MAIL_MAX_ATTEMPTS = 3
    queued = queue()
    mail_server("refusing")
    now = timezone.now()
    for _ in range(3):
        worker.send_due(now=now)
        now += timedelta(hours=13)
    queued.refresh_from_db()
    assert queued.status == "failed" and queued.attempts == 3
    assert queued.failed_at and queued.next_attempt_at is None
    assert "ConnectionRefusedError" in queued.last_error
    assert "Gave up mail" in caplog.text
    mail_server("up")
    assert worker.send_due(now=now + timedelta(days=30)) == 0


def test_an_address_that_does_not_exist_is_given_up_at_once_and_others_still_go(db, mail_server):
    unknown = queue("ingen@nowhere.invalid")
    queue("kari@example.no")
    mail_server("unknown_recipients")
    assert worker.send_due() == 1
    unknown.refresh_from_db()
    assert unknown.status == "failed" and unknown.attempts == 1
    assert "User unknown" in unknown.last_error
    assert [message.to for message in mail.outbox] == [["kari@example.no"]]


def test_a_worker_that_died_while_sending_leaves_the_mail_for_a_later_pass(db):
    queued = queue()
    now = timezone.now()
    [claimed] = worker._claim(now)  # claimed, then the process died
    assert claimed.pk == queued.pk
    assert worker.send_due(now=now) == 0  # another worker does not send it meanwhile
    assert worker.send_due(now=now + worker.CLAIM_LEASE) == 1
    queued.refresh_from_db()
    assert queued.attempts == 2 and queued.status == "sent"


def test_a_mail_configuration_that_does_not_load_is_recorded_on_the_mail(db, settings):
    queued = queue()
    settings.MAILERS = {"default": {"BACKEND": "kominn.outbox.tests.backends.Missing"}}
    assert worker.send_due() == 0
    queued.refresh_from_db()
    assert queued.status == "waiting" and queued.attempts == 1
    assert "Missing" in queued.last_error
