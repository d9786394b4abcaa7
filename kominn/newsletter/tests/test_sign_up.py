"""Signing up with double opt-in, confirming, unsubscribing, and signing up again."""

import re
import time
from unittest import mock

import pytest
from django.test import Client

from conftest import make_organisation
from kominn.newsletter import services, tokens
from kominn.newsletter.models import CONSENT_VERSION, Subscription
from kominn.outbox.models import OutgoingMail

DAY = 24 * 3600


def sign_up(client, email="kari@example.no", prefix="", **changes):
    data = {"email": email, "consent": "on", "website": ""} | changes
    return client.post(f"{prefix}/nyhetsbrev/", data)


def mails_to(email):
    return list(OutgoingMail.objects.filter(to__iexact=email).order_by("pk"))


def link_in(mail, kind="bekreft"):
    match = re.search(rf"https?://[^/\s]+(/(?:en/)?nyhetsbrev/{kind}/[^/\s]+/)", mail.body_text)
    assert match, f"No {kind} link in:\n{mail.body_text}"
    return match.group(1)


def main(response):
    content = response.content.decode()
    return content[content.index("<main") : content.index("</main>")]


def confirmed_subscription(client, email="kari@example.no"):
    sign_up(client, email)
    client.post(link_in(mails_to(email)[-1]))
    return Subscription.objects.get(email__iexact=email)


def test_sign_up_stores_the_consent_and_mails_a_link_to_confirm(client, asker, sent_mail):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == "/nyhetsbrev/sendt/"
    subscription = Subscription.objects.get()
    assert subscription.organisation == asker
    assert subscription.confirmed_at is None
    assert subscription.consent_version == CONSENT_VERSION
    assert "Asker kommune" in subscription.consent_text
    assert subscription.language == "nb"
    messages = sent_mail()
    assert [message.to for message in messages] == [["kari@example.no"]]
    assert "http://testserver/nyhetsbrev/bekreft/" in messages[0].body
    # A mail the person asked for: no unsubscribe headers.
    assert "List-Unsubscribe" not in messages[0].extra_headers


def test_the_form_shows_the_consent_text_it_stores(client, asker):
    page = client.get("/nyhetsbrev/").content.decode()
    sign_up(client)
    assert Subscription.objects.get().consent_text in page


def test_the_link_confirms_only_when_the_button_is_pressed(client, asker):
    sign_up(client)
    link = link_in(mails_to("kari@example.no")[0])

    page = client.get(link)  # as a mail system's link scanner would
    assert page.status_code == 200
    assert f'action="{link}"' in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None

    response = client.post(link)
    assert response["Location"] == "/nyhetsbrev/bekreftet/"
    assert Subscription.objects.get().confirmed_at is not None
    assert client.get("/nyhetsbrev/bekreftet/").status_code == 200


def test_confirming_needs_the_form_from_the_page(asker):
    client = Client(enforce_csrf_checks=True)
    sign_up(client, website="")  # CSRF is enforced on the sign-up too
    assert Subscription.objects.count() == 0
    services.sign_up(organisation=asker, email="kari@example.no", language="nb")
    link = link_in(mails_to("kari@example.no")[0])
    assert client.post(link).status_code == 403
    assert Subscription.objects.get().confirmed_at is None


def test_confirmation_link_expires_after_three_days(client, asker):
    sign_up(client)
    link = link_in(mails_to("kari@example.no")[0])
    now = time.time()

    with mock.patch("time.time", return_value=now + 3 * DAY + 60):
        expired = client.post(link)
    assert expired.status_code == 400
    assert 'href="/nyhetsbrev/"' in expired.content.decode()
    assert Subscription.objects.get().confirmed_at is None

    with mock.patch("time.time", return_value=now + 3 * DAY - 60):
        assert client.post(link).status_code == 302
    assert Subscription.objects.get().confirmed_at is not None


def test_confirmation_link_lifetime_is_a_setting(client, asker, settings):
    settings.NEWSLETTER_CONFIRM_DAYS = 1
    sign_up(client)
    link = link_in(mails_to("kari@example.no")[0])
    with mock.patch("time.time", return_value=time.time() + DAY + 60):
        assert client.get(link).status_code == 400


@pytest.mark.parametrize("kind", ["bekreft", "avmeld"])
def test_a_tampered_or_broken_link_is_explained_not_an_error(client, asker, kind):
    subscription = confirmed_subscription(client)
    confirm_token = tokens.make_confirm_token(subscription)
    unsubscribe_token = tokens.make_unsubscribe_token(subscription)
    token, other_kind = (
        (confirm_token, unsubscribe_token)
        if kind == "bekreft"
        else (unsubscribe_token, confirm_token)
    )
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    for bad in (forged, "abc", other_kind):
        for method in (client.get, client.post):
            response = method(f"/nyhetsbrev/{kind}/{bad}/")
            assert response.status_code == 400, bad
            assert 'href="/nyhetsbrev/"' in response.content.decode()
    assert Subscription.objects.get().is_active


def test_signing_up_twice_keeps_one_row_and_answers_the_same(client, asker):
    first = sign_up(client, "Kari@Example.no")
    again = sign_up(client, " kari@example.NO ")
    assert first["Location"] == again["Location"]
    assert Subscription.objects.count() == 1
    # The newest link confirms; the older one was replaced.
    old_link, new_link = (link_in(mail) for mail in mails_to("kari@example.no"))
    assert client.post(old_link).status_code == 400
    assert client.post(new_link).status_code == 302


def test_nobody_can_learn_whether_an_address_is_signed_up(client, asker):
    confirmed_subscription(client, "kari@example.no")
    known = client.get(sign_up(client, "kari@example.no")["Location"])
    unknown = client.get(sign_up(client, "ukjent@example.no")["Location"])
    assert main(known) == main(unknown)
    assert "<h1" in main(known)
    assert Subscription.objects.count() == 2
    # The owner of the confirmed address is told, with no new link to confirm.
    told = mails_to("kari@example.no")[-1]
    assert "bekreft/" not in told.body_text
    assert "/nyhetsbrev/avmeld/" in told.body_text
    assert Subscription.objects.get(email="kari@example.no").is_active


def test_the_same_address_may_sign_up_to_two_organisations(client, asker):
    baerum = make_organisation("baerum", hosts=["kominn.baerum.kommune.no"])
    services.sign_up(organisation=asker, email="kari@example.no", language="nb")
    services.sign_up(organisation=baerum, email="KARI@example.no", language="nb")
    assert Subscription.objects.count() == 2


def test_unsubscribe_by_link_shows_a_button_then_stops_the_newsletter(client, asker):
    subscription = confirmed_subscription(client)
    link = services.unsubscribe_url(subscription, build_url=lambda path: path)

    page = client.get(link)
    assert page.status_code == 200
    assert f'action="{link}"' in page.content.decode()
    assert Subscription.objects.get().is_active

    response = client.post(link)
    assert response["Location"] == "/nyhetsbrev/avmeldt/"
    stopped = Subscription.objects.get()
    assert stopped.unsubscribed_at is not None and not stopped.is_active

    # Again: nothing changes, and the answer is the same.
    assert client.post(link)["Location"] == "/nyhetsbrev/avmeldt/"
    assert Subscription.objects.get().unsubscribed_at == stopped.unsubscribed_at
    after = client.get(link).content.decode()
    assert f'action="{link}"' not in after


def test_one_click_unsubscribe_needs_no_csrf_token(asker):
    client = Client(enforce_csrf_checks=True)
    subscription = Subscription.objects.create(
        organisation=asker,
        email="kari@example.no",
        consent_text="Ja.",
        consent_version=CONSENT_VERSION,
        confirmed_at="2026-01-01T12:00:00Z",
    )
    link = services.unsubscribe_url(subscription, build_url=lambda path: path)
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 302
    assert not Subscription.objects.get().is_active


def test_unsubscribing_an_address_that_was_removed_is_fine(client, asker):
    subscription = confirmed_subscription(client)
    link = services.unsubscribe_url(subscription, build_url=lambda path: path)
    subscription.delete()
    assert client.get(link).status_code == 200
    assert client.post(link)["Location"] == "/nyhetsbrev/avmeldt/"


def test_signing_up_again_after_unsubscribing_starts_over_with_new_consent(client, asker):
    subscription = confirmed_subscription(client)
    old_confirm_link = link_in(mails_to("kari@example.no")[0])
    client.post(services.unsubscribe_url(subscription, build_url=lambda path: path))
    old = Subscription.objects.get()

    # An old confirmation link does not undo the unsubscribing.
    assert client.post(old_confirm_link).status_code == 400
    assert not Subscription.objects.get().is_active

    sign_up(client)
    again = Subscription.objects.get()
    assert again.pk == old.pk
    assert again.unsubscribed_at is None and again.confirmed_at is None
    assert again.consented_at > old.consented_at
    client.post(link_in(mails_to("kari@example.no")[-1]))
    assert Subscription.objects.get().is_active


def test_signing_up_in_english_stores_english_consent_and_mails_in_english(client, asker):
    page = client.get("/en/nyhetsbrev/")
    assert page.status_code == 200
    response = sign_up(client, prefix="/en")
    assert response["Location"] == "/en/nyhetsbrev/sendt/"
    subscription = Subscription.objects.get()
    assert subscription.language == "en"
    assert subscription.consent_text.startswith("Yes, send me the newsletter from Asker kommune")
    mail = mails_to("kari@example.no")[0]
    assert mail.subject == "Confirm that you want the newsletter from Asker kommune"
    assert link_in(mail).startswith("/en/nyhetsbrev/bekreft/")


def test_without_consent_the_form_explains_and_keeps_the_address(client, asker):
    response = sign_up(client, consent="")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_consent_error"' in content
    assert 'value="kari@example.no"' in content
    assert Subscription.objects.count() == 0
    assert OutgoingMail.objects.count() == 0


def test_an_invalid_address_is_explained(client, asker):
    response = sign_up(client, email="ikke-en-adresse")
    assert 'id="id_email_error"' in response.content.decode()
    assert Subscription.objects.count() == 0


def test_a_filled_honeypot_signs_nobody_up(client, asker):
    response = sign_up(client, website="http://spam.example")
    assert response.status_code == 200
    assert Subscription.objects.count() == 0
    assert OutgoingMail.objects.count() == 0


def test_repeated_sign_ups_do_not_flood_a_mailbox(client, asker):
    for _ in range(6):
        assert sign_up(client)["Location"] == "/nyhetsbrev/sendt/"
    assert len(mails_to("kari@example.no")) == 3


def test_one_client_cannot_sign_up_many_addresses(client, asker):
    for number in range(25):
        assert sign_up(client, f"person{number}@example.no")["Location"] == "/nyhetsbrev/sendt/"
    assert Subscription.objects.count() == 20
    assert OutgoingMail.objects.count() == 20


@pytest.mark.parametrize(
    "path", ["/nyhetsbrev/", "/nyhetsbrev/sendt/", "/nyhetsbrev/bekreftet/", "/nyhetsbrev/avmeldt/"]
)
def test_pages_answer_in_both_languages(client, asker, path):
    for prefix, lang in (("", "nb"), ("/en", "en")):
        response = client.get(prefix + path)
        assert response.status_code == 200
        assert f'<html lang="{lang}"' in response.content.decode()


def test_every_page_links_the_newsletter_in_the_footer(client, asker):
    content = client.get("/").content.decode()
    assert 'href="/nyhetsbrev/"' in content[content.index('<footer class="site-footer">') :]
