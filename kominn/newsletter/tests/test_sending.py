"""Staff write an issue in the admin and send it, once, to the confirmed subscribers."""

import pytest
from django.utils import timezone

from conftest import make_editor, make_organisation
from kominn.newsletter import services
from kominn.newsletter.models import CONSENT_VERSION, NewsletterIssue, Subscription
from kominn.outbox.models import OutgoingMail

BODY = "Vi har **tre** nye tiltak.\n\n<script>alert('x')</script>\n\n[Les mer](https://asker.kommune.no/)"


def subscribe(organisation, email, *, confirmed=True, unsubscribed=False, language="nb"):
    now = timezone.now()
    return Subscription.objects.create(
        organisation=organisation,
        email=email,
        language=language,
        consent_text="Ja, send meg nyhetsbrevet.",
        consent_version=CONSENT_VERSION,
        confirmed_at=now if confirmed else None,
        unsubscribed_at=now if unsubscribed else None,
    )


def write_issue(organisation, subject="Nytt fra KomInn i november", body=BODY, **fields):
    return NewsletterIssue.objects.create(
        organisation=organisation, subject=subject, body=body, **fields
    )


@pytest.fixture
def subscribers(asker):
    baerum = make_organisation("baerum", hosts=["kominn.baerum.kommune.no"])
    return {
        "confirmed": subscribe(asker, "kari@example.no"),
        "english": subscribe(asker, "emma@example.com", language="en"),
        "pending": subscribe(asker, "venter@example.no", confirmed=False),
        "unsubscribed": subscribe(asker, "avmeldt@example.no", unsubscribed=True),
        "other_organisation": subscribe(baerum, "baerum@example.no"),
    }


def test_an_issue_reaches_only_confirmed_subscribers_of_its_organisation(
    asker, editor, subscribers, sent_mail
):
    issue = write_issue(asker)

    assert services.send_issue(issue=issue, sent_by=editor) == 2

    messages = sent_mail()
    assert sorted(message.to[0] for message in messages) == ["emma@example.com", "kari@example.no"]
    issue.refresh_from_db()
    assert issue.is_sent and issue.recipient_count == 2 and issue.sent_by == editor
    for message in messages:
        assert message.subject == "Nytt fra KomInn i november"
        unsubscribe = message.extra_headers["List-Unsubscribe"]
        assert unsubscribe.startswith("<https://kominn.asker.kommune.no/")
        assert "/nyhetsbrev/avmeld/" in unsubscribe
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html = message.alternatives[0].content
        assert "<strong>tre</strong>" in html
        assert "<script" not in html
        assert 'href="https://asker.kommune.no/"' in html
        assert unsubscribe[1:-1] in message.body  # the text part links it too
        assert "**tre**" in message.body


def test_each_subscriber_gets_their_own_unsubscribe_link_in_their_language(
    client, asker, editor, subscribers
):
    services.send_issue(issue=write_issue(asker), sent_by=editor)
    links = {
        mail.to: mail.headers["List-Unsubscribe"].strip("<>").split("kommune.no", 1)[1]
        for mail in OutgoingMail.objects.all()
    }
    assert links["emma@example.com"].startswith("/en/nyhetsbrev/avmeld/")
    assert links["kari@example.no"].startswith("/nyhetsbrev/avmeld/")

    client.post(links["kari@example.no"], {"List-Unsubscribe": "One-Click"})

    assert not Subscription.objects.get(email="kari@example.no").is_active
    assert Subscription.objects.get(email="emma@example.com").is_active


def test_an_issue_is_sent_once(asker, editor, subscribers):
    issue = write_issue(asker)
    services.send_issue(issue=issue, sent_by=editor)

    with pytest.raises(services.AlreadySent):
        services.send_issue(issue=issue, sent_by=editor)
    # Even from a copy that does not know it was sent.
    stale = NewsletterIssue.objects.get(pk=issue.pk)
    stale.sent_at = None
    with pytest.raises(services.AlreadySent):
        services.send_issue(issue=stale, sent_by=editor)
    assert OutgoingMail.objects.count() == 2


def test_an_issue_to_nobody_is_still_sent_and_says_so(asker, editor):
    issue = write_issue(asker)
    assert services.send_issue(issue=issue, sent_by=editor) == 0
    issue.refresh_from_db()
    assert issue.is_sent and issue.recipient_count == 0


def add_issue(client, subject="Nytt fra KomInn", body=BODY):
    return client.post("/admin/newsletter/newsletterissue/add/", {"subject": subject, "body": body})


def test_editor_writes_an_issue_and_sends_it_after_confirming(client, asker, editor, subscribers):
    client.force_login(editor)
    assert add_issue(client).status_code == 302
    issue = NewsletterIssue.objects.get()
    assert issue.organisation == asker and issue.created_by == editor

    change_url = f"/admin/newsletter/newsletterissue/{issue.pk}/change/"
    send_url = f"/admin/newsletter/newsletterissue/{issue.pk}/send/"
    assert f'href="{send_url}"' in client.get(change_url).content.decode()

    question = client.get(send_url)
    content = question.content.decode()
    assert question.status_code == 200
    assert "går til 2 bekreftede abonnenter" in content
    assert "<strong>tre</strong>" in content
    assert OutgoingMail.objects.count() == 0

    response = client.post(send_url)
    assert response["Location"] == change_url
    assert OutgoingMail.objects.filter(kind="newsletter").count() == 2

    # Sent: no button, no changes, and a second send is refused.
    page = client.get(change_url).content.decode()
    assert f'href="{send_url}"' not in page
    assert client.post(change_url, {"subject": "Endret", "body": "Endret"}).status_code == 403
    assert NewsletterIssue.objects.get().subject == "Nytt fra KomInn"
    again = client.post(send_url, follow=True)
    assert "allerede sendt" in again.content.decode()
    assert OutgoingMail.objects.count() == 2


def test_editor_of_another_organisation_cannot_send(client, asker, subscribers):
    baerum = make_organisation("baerum2", hosts=["kominn.baerum2.kommune.no"])
    outsider = make_editor("redaktor@baerum.kommune.no", organisation=baerum)
    issue = write_issue(asker)
    client.force_login(outsider)
    response = client.post(f"/admin/newsletter/newsletterissue/{issue.pk}/send/")
    # The admin on Asker's host is not Bærum's: its staff are sent to log in.
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert OutgoingMail.objects.count() == 0


def test_citizen_cannot_reach_the_send_page(client, asker, citizen):
    issue = write_issue(asker)
    client.force_login(citizen)
    response = client.post(f"/admin/newsletter/newsletterissue/{issue.pk}/send/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not NewsletterIssue.objects.get().is_sent


def test_editor_sees_subscribers_but_cannot_change_them(client, asker, editor, subscribers):
    client.force_login(editor)
    listing = client.get("/admin/newsletter/subscription/")
    content = listing.content.decode()
    assert listing.status_code == 200
    assert "kari@example.no" in content
    assert "baerum@example.no" not in content
    assert client.get("/admin/newsletter/subscription/add/").status_code == 403
    pk = subscribers["confirmed"].pk
    assert (
        client.post(f"/admin/newsletter/subscription/{pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Subscription.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("count", [5, 60])
def test_subscriber_list_keeps_a_fixed_number_of_queries(
    client, asker, admin_user, django_assert_max_num_queries, count
):
    for number in range(count):
        subscribe(asker, f"person{number}@example.no", confirmed=number % 2 == 0)
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        assert client.get("/admin/newsletter/subscription/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/admin/newsletter/newsletterissue/").status_code == 200
