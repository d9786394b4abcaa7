"""Mail servers that misbehave, for the tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusingBackend(BaseEmailBackend):
    """Nobody answers at the mail server's address."""

    attempts = 0

    def send_messages(self, email_messages):
        RefusingBackend.attempts += 1
        raise ConnectionRefusedError(111, "Connection refused")


class DisconnectingBackend(BaseEmailBackend):
    """The mail server hangs up when we connect."""

    def open(self):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def send_messages(self, email_messages):
        self.open()


class UnknownRecipientBackend(LocmemBackend):
    """Delivers, except to addresses at nowhere.invalid, which the server says do not exist."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if message.to[0].endswith("@nowhere.invalid"):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"5.1.1 User unknown")})
        return super().send_messages(email_messages)
