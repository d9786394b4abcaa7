"""Sending the queued mail: claim what is due, send it, record what happened.

A mail is claimed before it is sent, so two workers never send the same row; a
failure is written on the row with the time of the next attempt, never raised.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import mailers
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import OutgoingMail, backoff

logger = logging.getLogger("kominn.outbox")

BATCH_SIZE = 50
# A claimed mail is due again after this long, should its worker die before recording
# the result. Far longer than a batch takes to send.
CLAIM_LEASE = timedelta(minutes=30)


def send_due(*, now=None) -> int:
    """Send every mail that is due, once; return how many were sent."""
    sent = 0
    while batch := _claim(now or timezone.now()):
        sent += _send(batch, now)
    return sent


def _claim(now) -> list[OutgoingMail]:
    """Take up to BATCH_SIZE due mails for this worker, counting the attempt."""
    claim = {"next_attempt_at": now + CLAIM_LEASE, "attempts": F("attempts") + 1}
    due = OutgoingMail.objects.due(now).order_by("next_attempt_at", "pk")
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            # PostgreSQL: rows another worker is claiming are skipped, not waited for.
            locked = due.select_for_update(skip_locked=True)
            ids = list(locked.values_list("pk", flat=True)[:BATCH_SIZE])
            OutgoingMail.objects.filter(pk__in=ids).update(**claim)
        else:
            # SQLite has one writer at a time; the row is ours only if it is still due.
            ids = [
                pk
                for pk in due.values_list("pk", flat=True)[:BATCH_SIZE]
                if OutgoingMail.objects.due(now).filter(pk=pk).update(**claim)
            ]
    return list(OutgoingMail.objects.filter(pk__in=ids).order_by("next_attempt_at", "pk"))


def _send(batch, now=None) -> int:
    """Send the claimed mails over one connection. When the mail server cannot be
    reached, the rest of the batch is not tried: each gets the same failure recorded."""
    sent = 0
    unreachable = None
    try:
        mailer = mailers.default
    except Exception as error:  # A mail configuration that does not load
        for mail in batch:
            _record_failure(mail, error, now)
        return 0
    try:
        for mail in batch:
            if unreachable is not None:
                _record_failure(mail, unreachable, now)
                continue
            try:
                mailer.open()
                if not mailer.send_messages([mail.to_message()]):
                    raise RuntimeError("The mail backend sent nothing.")
            except Exception as error:
                _close(mailer)
                _record_failure(mail, error, now)
                if _server_unreachable(error):
                    unreachable = error
            else:
                _record_sent(mail, now)
                sent += 1
    finally:
        _close(mailer)
    return sent


def _record_sent(mail, now=None):
    now = now or timezone.now()
    OutgoingMail.objects.filter(pk=mail.pk).update(sent_at=now, next_attempt_at=None)
    logger.info("Sent mail %s (%s), attempt %s.", mail.pk, mail.kind, mail.attempts)


def _record_failure(mail, error, now=None):
    now = now or timezone.now()
    error_text = f"{type(error).__name__}: {error}"[:2000]
    if mail.attempts >= settings.KOMINN_MAIL_MAX_ATTEMPTS or _permanent(error):
        OutgoingMail.objects.filter(pk=mail.pk).update(
            last_error=error_text, failed_at=now, next_attempt_at=None
        )
        logger.error(
            "Gave up mail %s (%s) after %s attempts: %s",
            mail.pk,
            mail.kind,
            mail.attempts,
            error_text,
        )
        return
    next_attempt_at = now + backoff(mail.attempts)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        last_error=error_text, next_attempt_at=next_attempt_at
    )
    logger.warning(
        "Mail %s (%s) failed, attempt %s; next attempt %s: %s",
        mail.pk,
        mail.kind,
        mail.attempts,
        timezone.localtime(next_attempt_at).isoformat(timespec="seconds"),
        error_text,
    )


def _server_unreachable(error) -> bool:
    """The mail server is down or refuses us: every other mail would fail the same way."""
    server_level = (
        smtplib.SMTPServerDisconnected,
        smtplib.SMTPConnectError,
        smtplib.SMTPHeloError,
        smtplib.SMTPAuthenticationError,
        smtplib.SMTPSenderRefused,
    )
    if isinstance(error, server_level):
        return True
    # Refused connections, timeouts, name lookups, TLS (smtplib's own errors are OSErrors too).
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def _permanent(error) -> bool:
    """The receiving server says the address does not exist (5xx): retrying will not help."""
    return isinstance(error, smtplib.SMTPRecipientsRefused) and all(
        code >= 500 for code, _message in error.recipients.values()
    )


def _close(mailer):
    try:
        mailer.close()
    except Exception:  # A connection that is already broken cannot be closed politely.
        logger.debug("Closing the mail connection failed.", exc_info=True)
