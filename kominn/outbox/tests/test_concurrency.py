"""Workers running at the same time never send one mail twice (PostgreSQL runs them in
parallel; SQLite has one writer at a time)."""

from collections import Counter

import pytest
from django.core import mail

from conftest import at_once
from kominn.outbox import worker
from kominn.outbox.models import OutgoingMail
from kominn.outbox.services import queue_mail

pytestmark = pytest.mark.postgres


def test_parallel_workers_send_every_mail_exactly_once(transactional_db, monkeypatch):
    monkeypatch.setattr(worker, "BATCH_SIZE", 10)
    for number in range(120):
        queue_mail(
            to=f"person{number}@example.no",
            subject="Velkommen",
            template="outbox_test/plain",
            context={"name": "Kari"},
        )
    counts = at_once(worker.send_due, 4, timeout=60)
    assert sum(counts) == 120
    sent_to = Counter(message.to[0] for message in mail.outbox)
    assert len(sent_to) == 120 and set(sent_to.values()) == {1}
    assert OutgoingMail.objects.sent().count() == 120
