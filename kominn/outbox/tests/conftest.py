from pathlib import Path

import pytest

TEMPLATES = Path(__file__).parent / "templates"
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture(autouse=True)
def _test_templates(settings):
    """The outbox tests' own mail templates (outbox_test/...)."""
    settings.TEMPLATES = [
        settings.TEMPLATES[0] | {"DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}
    ]


@pytest.fixture
def mail_server(settings):
    """Switch the mail server between working ("up") and broken backends."""

    def switch(state):
        backends = {
            "up": "django.core.mail.backends.locmem.EmailBackend",
            "refusing": "kominn.outbox.tests.backends.RefusingBackend",
            "disconnecting": "kominn.outbox.tests.backends.DisconnectingBackend",
            "unknown_recipients": "kominn.outbox.tests.backends.UnknownRecipientBackend",
        }
        settings.MAILERS = {"default": {"BACKEND": backends[state]}}

    return switch
