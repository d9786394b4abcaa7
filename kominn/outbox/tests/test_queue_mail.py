"""Queueing: a mail is a row written in the caller's transaction, rendered in its language."""

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import translation

from conftest import make_organisation
from kominn.core.serving import serving
from kominn.outbox.models import OutgoingMail
from kominn.outbox.services import absolute_url, queue_mail

NEWS = {"name": "Kari", "count": 3, "topic": "Sykkel & gange"}
UNSUBSCRIBE = "https://kominn.asker.kommune.no/nyhetsbrev/avmeld/abc123/"


def queue(**extra):
    return queue_mail(
        **{
            "to": "kari@example.no",
            "subject": "Nye ideer i Asker – uke 48",
            "template": "outbox_test/news",
            "context": NEWS,
        }
        | extra
    )


def test_a_queued_mail_is_a_row_and_nothing_is_sent_yet(db):
    queued = queue()
    assert OutgoingMail.objects.waiting().get() == queued
    assert queued.attempts == 0 and queued.next_attempt_at and queued.sent_at is None
    assert mail.outbox == []


def test_a_mail_queued_in_a_rolled_back_transaction_is_never_sent(db, sent_mail):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the change that wanted the mail failed")
    assert not OutgoingMail.objects.exists()
    assert sent_mail() == []


def test_text_and_html_are_rendered_with_the_context(db):
    queued = queue()
    assert "3 nye ideer om «Sykkel & gange»" in queued.body_text  # text is not HTML-escaped
    assert "3 nye ideer om «Sykkel &amp; gange»" in queued.body_html
    assert "<h1" in queued.body_html and '<html lang="nb">' in queued.body_html
    assert "<title>Nye ideer i Asker – uke 48</title>" in queued.body_html


def test_html_is_made_from_the_text_when_there_is_no_html_template(db):
    queued = queue(template="outbox_test/plain")
    assert queued.body_text.startswith("Hei Kari,")
    assert "&amp; svar innen fredag" in queued.body_html
    assert '<a href="https://kominn.example.no/ideer/"' in queued.body_html


def test_the_mail_speaks_the_active_language(db):
    with translation.override("en"):
        queued = queue(organisation=make_organisation())
    assert '<html lang="en">' in queued.body_html
    assert "Testby kommune" in queued.body_html
    assert '<html lang="nb">' in queue(organisation=queued.organisation).body_html


def test_mail_that_is_not_personal_carries_one_click_unsubscribe(db):
    queued = queue(unsubscribe_url=UNSUBSCRIBE, kind="newsletter")
    assert queued.headers["List-Unsubscribe"] == f"<{UNSUBSCRIBE}>"
    assert queued.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f'href="{UNSUBSCRIBE}"' in queued.body_html
    # The text part gets the footer even when its template does not include it.
    assert queued.body_text.rstrip().endswith(UNSUBSCRIBE)
    assert queued.body_text.count(UNSUBSCRIBE) == 1


def test_personal_mail_has_no_unsubscribe_headers_or_link(db):
    queued = queue()
    assert "List-Unsubscribe" not in queued.headers
    assert "List-Unsubscribe-Post" not in queued.headers
    footer = queued.body_html.split("<hr", 1)[1]
    assert "<a " not in footer
    assert "https://" not in queued.body_text
    assert queued.kind == "personal"


def test_html_templates_that_drop_the_unsubscribe_link_are_refused(db, tmp_path, settings):
    (tmp_path / "outbox_test").mkdir()
    (tmp_path / "outbox_test" / "bare.txt").write_text("Hei")
    (tmp_path / "outbox_test" / "bare.html").write_text("<p>Hei</p>")
    settings.TEMPLATES = [
        settings.TEMPLATES[0] | {"DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    with pytest.raises(ValueError, match="unsubscribe"):
        queue(template="outbox_test/bare", unsubscribe_url=UNSUBSCRIBE)


def test_a_subject_is_one_line_and_bad_addresses_are_refused(db):
    assert queue(subject="Nye ideer\r\nBcc: alle@example.no").subject == (
        "Nye ideer Bcc: alle@example.no"
    )
    with pytest.raises(ValidationError, match="to"):
        queue(to="ikke en adresse")


def test_absolute_urls_without_a_request(db, settings):
    testby = make_organisation(hosts=["kominn.testby.kommune.no", "innovasjon.testby.no"])
    assert absolute_url("/ideer/1/", testby) == "https://kominn.testby.kommune.no/ideer/1/"
    settings.KOMINN_BASE_URL = "https://kominn.example.no/"
    assert absolute_url("/ideer/1/", testby) == "https://kominn.example.no/ideer/1/"


def test_absolute_urls_fall_back_to_the_default_organisation(db, settings):
    settings.KOMINN_BASE_URL = ""
    settings.DEBUG = False
    make_organisation(default=True, hosts=["kominn.asker.kommune.no"])
    assert absolute_url("/ideer/") == "https://kominn.asker.kommune.no/ideer/"


def test_a_local_run_links_to_the_local_server_not_the_organisations_host(db, settings):
    """The demo organisation has Asker's production host; a local run must not link there."""
    settings.KOMINN_BASE_URL = ""
    settings.DEBUG = True
    make_organisation(default=True, hosts=["kominn.asker.kommune.no"])
    assert absolute_url("/ideer/") == "http://127.0.0.1:8000/ideer/"
    with serving("http://localhost:8001"):
        assert absolute_url("/ideer/") == "http://localhost:8001/ideer/"


def test_links_lead_to_the_address_being_served_when_it_is_not_the_organisations(db, settings):
    settings.KOMINN_BASE_URL = ""
    settings.DEBUG = False
    testby = make_organisation(hosts=["kominn.testby.kommune.no"])
    with serving("https://kominn.testby.kommune.no"):
        assert absolute_url("/ideer/", testby) == "https://kominn.testby.kommune.no/ideer/"
    with serving("http://staging.testby.no"):
        assert absolute_url("/ideer/", testby) == "http://staging.testby.no/ideer/"


def test_production_refuses_to_guess_a_host(db, settings):
    settings.KOMINN_BASE_URL = ""
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured, match="KOMINN_BASE_URL"):
        absolute_url("/ideer/", make_organisation())


def test_what_people_wrote_is_escaped_in_the_html_made_from_text(db):
    queued = queue(template="outbox_test/plain", context={"name": "<b>Kari</b>"})
    assert "Hei <b>Kari</b>," in queued.body_text
    assert "Hei &lt;b&gt;Kari&lt;/b&gt;," in queued.body_html
