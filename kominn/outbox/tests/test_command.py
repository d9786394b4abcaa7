"""`manage.py send_mail_queue`: one pass with --once, or a loop that outlives failures."""

from io import StringIO

from django.core import mail
from django.core.management import call_command

from kominn.core import workers
from kominn.outbox.management.commands import send_mail_queue
from kominn.outbox.models import OutgoingMail
from kominn.outbox.services import queue_mail


def queue(to):
    return queue_mail(
        to=to, subject="Velkommen", template="outbox_test/plain", context={"name": "Kari"}
    )


def test_once_sends_what_is_due_and_stops(db):
    queue("kari@example.no")
    queue("ola@example.no")
    out = StringIO()
    call_command("send_mail_queue", "--once", stdout=out)
    assert "Sent 2 mail(s)." in out.getvalue()
    assert len(mail.outbox) == 2
    assert not OutgoingMail.objects.waiting().exists()


def test_the_loop_survives_a_failing_pass_and_sends_on_the_next(db, monkeypatch, caplog):
    queue("kari@example.no")
    passes = []
    real_send_due = send_mail_queue.send_due

    def flaky_send_due():
        passes.append(1)
        if len(passes) == 1:
            raise ConnectionError("the database went away")
        return real_send_due()

    def sleep(worker, seconds):
        worker.stopping = len(passes) >= 2

    closed = []
    # Stale database connections are closed before each pass (not the test's own, here).
    monkeypatch.setattr(workers, "close_old_connections", lambda: closed.append(1))
    monkeypatch.setattr(send_mail_queue, "send_due", flaky_send_due)
    monkeypatch.setattr(workers.Worker, "sleep", sleep)
    monkeypatch.setattr(workers.signal, "signal", lambda *args: None)
    call_command("send_mail_queue", "--interval", "0")
    assert len(passes) == 2
    assert len(closed) >= 2
    assert "pass failed" in caplog.text
    assert [message.to for message in mail.outbox] == [["kari@example.no"]]
