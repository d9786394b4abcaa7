"""Mail that closes the loop: a receipt when an idea is sent in, with the date its first
answer is due; the "taken forward" mail and notification name and link the initiative;
links lead to the address the site is being served at."""

from datetime import timedelta
from html import unescape as html_unescape

import pytest
from django.utils import timezone

from conftest import make_editor, make_idea, make_initiative
from kominn.notifications.models import Notification
from kominn.participation.models import IdeaStatus


@pytest.fixture
def draft(asker, citizen):
    return make_idea(asker, citizen, "Bytteskap for ski", submitted_at=None)


def mails_to(person, sent_mail):
    return [message for message in sent_mail() if person.email in message.to]


def test_sending_an_idea_in_mails_a_receipt_with_the_answer_deadline(
    client, citizen, draft, sent_mail
):
    client.force_login(citizen)
    assert client.post(f"/ideer/{draft.pk}/send-inn/").status_code == 302
    draft.refresh_from_db()
    [receipt] = mails_to(citizen, sent_mail)
    assert receipt.subject == "Vi har mottatt ideen din: Bytteskap for ski"
    due = timezone.localtime(draft.submitted_at + timedelta(days=14)).date()
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august"]
    months += ["september", "oktober", "november", "desember"]
    assert f"senest {due.day}. {months[due.month - 1]} {due.year}" in receipt.body
    assert "innen 14 dager" in receipt.body
    # The link leads back to where the author is (the test server, not Asker's host).
    assert f"http://testserver{draft.get_absolute_url()}" in receipt.body
    # Sending it again (a second click) mails nothing more.
    client.post(f"/ideer/{draft.pk}/send-inn/")
    assert len(mails_to(citizen, sent_mail)) == 1


def test_the_receipt_is_in_the_authors_language(client, citizen, draft, sent_mail):
    citizen.language = "en"
    citizen.save()
    client.force_login(citizen)
    client.post(f"/ideer/{draft.pk}/send-inn/")
    [receipt] = mails_to(citizen, sent_mail)
    assert receipt.subject == "We have received your idea: Bytteskap for ski"
    assert "within 14 days" in receipt.body
    assert f"http://testserver/en/ideer/{draft.pk}/" in receipt.body


def test_a_draft_saved_is_no_receipt(client, citizen, asker, sent_mail):
    make_idea(asker, citizen, submitted_at=None)
    assert mails_to(citizen, sent_mail) == []


def test_taken_forward_names_and_links_the_initiative(client, asker, citizen, sent_mail):
    idea = make_idea(asker, citizen)
    initiative = make_initiative(asker, "Bytteskap på skolene")
    client.force_login(make_editor(organisation=asker))
    client.post(
        f"/ideer/{idea.pk}/svar/",
        {"status": "taken_forward", "answer": "Vi setter opp skap.", "initiative": initiative.pk},
    )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.TAKEN_FORWARD
    [mail] = mails_to(citizen, sent_mail)
    assert "den ble til tiltaket «Bytteskap på skolene»" in mail.body
    link = f"http://testserver{initiative.get_absolute_url()}"
    assert f"Tiltaket «Bytteskap på skolene»: {link}" in mail.body
    html = mail.alternatives[0][0]
    assert f'href="http://testserver{initiative.get_absolute_url()}"' in html
    # The notification on the site says and links it too.
    notification = Notification.objects.get(recipient=citizen)
    assert "Bytteskap på skolene" in notification.summary
    client.force_login(citizen)
    page = client.get("/konto/varsler/").content.decode()
    shown = f'<a class="ds-link" href="{initiative.get_absolute_url()}">Tiltaket «Bytteskap'
    assert shown in html_unescape(page)


def test_a_draft_initiative_is_not_named_in_the_mail(client, asker, citizen, sent_mail):
    idea = make_idea(asker, citizen)
    draft = make_initiative(asker, "Hemmelig utkast", is_published=False)
    client.force_login(make_editor(organisation=asker))
    client.post(
        f"/ideer/{idea.pk}/svar/",
        {"status": "taken_forward", "answer": "Vi jobber med det.", "initiative": draft.pk},
    )
    [mail] = mails_to(citizen, sent_mail)
    assert "Hemmelig utkast" not in mail.body and draft.get_absolute_url() not in mail.body
    assert "Tatt videre" in mail.body


def test_links_in_a_local_run_lead_to_the_address_being_served(
    client, asker, citizen, settings, sent_mail
):
    """The demo organisation has Asker's production host; a local run serves 127.0.0.1."""
    settings.DEBUG = True
    settings.KOMINN_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    idea = make_idea(asker, citizen)
    client.force_login(make_editor(organisation=asker))
    client.post(
        f"/ideer/{idea.pk}/svar/",
        {"status": "under_review", "answer": "Vi ser på den."},
        HTTP_HOST="127.0.0.1:8000",
    )
    [mail] = mails_to(citizen, sent_mail)
    assert f"http://127.0.0.1:8000{idea.get_absolute_url()}" in mail.body
    assert "kominn.asker.kommune.no" not in mail.body


def test_followers_digest_links_the_initiative_too(
    client, asker, citizen, other_citizen, sent_mail
):
    from kominn.notifications.services import send_digests
    from kominn.participation.models import Follow

    idea = make_idea(asker, citizen)
    Follow.objects.create(user=other_citizen, idea=idea)
    initiative = make_initiative(asker, "Bytteskap på skolene")
    client.force_login(make_editor(organisation=asker))
    client.post(
        f"/ideer/{idea.pk}/svar/",
        {"status": "taken_forward", "answer": "Vi setter opp skap.", "initiative": initiative.pk},
    )
    send_digests()
    [digest] = mails_to(other_citizen, sent_mail)
    # Written by the digest command, with no request: the organisation's own address.
    link = f"https://kominn.asker.kommune.no{initiative.get_absolute_url()}"
    assert f"Tiltaket «Bytteskap på skolene»: {link}" in digest.body
    assert initiative.get_absolute_url() in digest.alternatives[0][0]
