import json
import re

import pytest
from django.core.cache import cache
from django.test import Client

from conftest import PASSWORD, link_in, make_idea, make_user
from kominn.accounts.models import User

from .test_registration import OWNER

GOOD = OWNER | {"email": "Nina@Example.no"}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_registration_confirms_by_mail_and_logs_in(client, sent_mail):
    response = client.post("/konto/registrer/", GOOD)
    assert response.status_code == 302
    assert "Sjekk e-posten din" in client.get(response["Location"]).content.decode()
    user = User.objects.get(email__iexact="nina@example.no")
    assert not user.is_active
    messages = sent_mail()
    assert len(messages) == 1
    assert messages[0].to == ["Nina@example.no"]
    link = link_in(messages[0])
    assert client.get(link).status_code == 200  # asks for the password chosen
    response = client.post(link, {"password": GOOD["password"]})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at
    assert "Innlogget som" in client.get("/konto/").content.decode()


def test_registering_a_taken_address_looks_the_same_and_tells_the_owner(client, citizen, sent_mail):
    response = client.post("/konto/registrer/", GOOD | {"email": "kari@example.no"})
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="kari@example.no").count() == 1
    messages = sent_mail()
    assert len(messages) == 1
    assert "allerede har en konto" in messages[0].body
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)


def test_bad_registration_explains_next_to_the_field_and_keeps_what_was_typed(client, db):
    response = client.post(
        "/konto/registrer/", GOOD | {"email": "ikke-en-adresse", "password": "kort"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in content and "gyldig e-postadresse" in content
    assert 'id="id_password_error"' in content and "bruk minst 10 tegn" in content
    assert 'value="Nina Nilsen"' in content
    assert 'value="ikke-en-adresse"' in content
    assert "kort" not in re.findall(r'name="password"[^>]*', content)[0]
    assert not User.objects.exists()


def test_volunteers_name_their_organisation(client, db):
    response = client.post("/konto/registrer/", GOOD | {"capacity": "volunteer"})
    assert "Skriv navnet på organisasjonen eller bedriften" in response.content.decode()


def test_filled_honeypot_is_refused(client, db):
    response = client.post("/konto/registrer/", GOOD | {"website": "http://spam.example"})
    assert response.status_code == 200
    assert not User.objects.exists()


def test_login_says_the_same_for_unknown_address_and_wrong_password(client, citizen):
    unknown = client.post("/konto/logg-inn/", {"username": "ukjent@example.no", "password": "x"})
    wrong = client.post("/konto/logg-inn/", {"username": "kari@example.no", "password": "x"})
    message = "Feil e-postadresse eller passord."
    assert message in unknown.content.decode()
    assert message in wrong.content.decode()


def test_login_works_and_goes_to_a_safe_next_address(client, citizen):
    response = client.post(
        "/konto/logg-inn/", {"username": "KARI@example.no", "password": PASSWORD, "next": "/om/"}
    )
    assert response["Location"] == "/om/"
    client.logout()
    response = client.post(
        "/konto/logg-inn/",
        {"username": "kari@example.no", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/konto/"


def test_unconfirmed_account_is_told_to_confirm_only_with_the_right_password(client, db):
    make_user("ny@example.no", is_active=False)  # registered, never confirmed
    right = client.post("/konto/logg-inn/", {"username": "ny@example.no", "password": PASSWORD})
    assert "Bekreft e-postadressen din først" in right.content.decode()
    wrong = client.post("/konto/logg-inn/", {"username": "ny@example.no", "password": "feil"})
    assert "Feil e-postadresse eller passord." in wrong.content.decode()


def test_repeated_failures_are_throttled_for_that_address_only(client, citizen):
    attacker = {"REMOTE_ADDR": "203.0.113.9"}
    for _ in range(5):
        client.post(
            "/konto/logg-inn/", {"username": "kari@example.no", "password": "gjett"}, **attacker
        )
    blocked = client.post(
        "/konto/logg-inn/", {"username": "kari@example.no", "password": PASSWORD}, **attacker
    )
    assert "For mange mislykkede forsøk" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    # The owner, elsewhere, is not locked out.
    owner = client.post(
        "/konto/logg-inn/",
        {"username": "kari@example.no", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )
    assert owner.status_code == 302


def test_password_reset_does_not_reveal_accounts_and_links_work_once(client, citizen, sent_mail):
    for address in ("kari@example.no", "ingen@example.no"):
        response = client.post("/konto/glemt-passord/", {"email": address})
        assert response["Location"] == "/konto/glemt-passord/sendt/"
    messages = sent_mail()
    assert len(messages) == 1
    link = link_in(messages[0])
    form_page = client.get(link, follow=True)
    new = {"new_password1": "ny sommer i asker", "new_password2": "ny sommer i asker"}
    response = client.post(form_page.redirect_chain[-1][0], new)
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password("ny sommer i asker")
    again = client.get(link, follow=True)
    assert "Lenken er brukt eller for gammel" in again.content.decode()


def test_reset_links_expire_within_hours(settings):
    assert settings.PASSWORD_RESET_TIMEOUT <= 3 * 3600


def test_profile_keeps_capacity_and_affiliation(client, citizen):
    client.force_login(citizen)
    response = client.post(
        "/konto/",
        {
            "display_name": "Kari N.",
            "capacity": "volunteer",
            "affiliation": "Asker Røde Kors",
            "language": "en",
        },
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.capacity_label == "Frivillig, Asker Røde Kors"
    assert citizen.language == "en"


def test_mail_follows_the_language_people_use_the_site_in(
    client, asker, citizen, other_citizen, sent_mail
):
    """Mail that others' doings send (here: a comment on one's idea, written by someone
    using the site in bokmål) is in the language the person last used the site in."""
    idea = make_idea(asker, citizen, "Benker på Holmen")
    other = Client()
    other.force_login(other_citizen)
    client.post("/en/konto/logg-inn/", {"username": citizen.email, "password": PASSWORD})
    other.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Gjerne ved badeplassen."})
    (mail,) = sent_mail()
    assert mail.to == [citizen.email]
    assert mail.subject == "New comment on your idea: Benker på Holmen"
    assert "Ola Nordmann commented on your idea “Benker på Holmen”" in mail.body
    assert "Gjerne ved badeplassen." in mail.body
    client.post("/konto/logg-inn/", {"username": citizen.email, "password": PASSWORD})
    other.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Og ved brygga."})
    mail = sent_mail()[-1]
    assert mail.subject == "Ny kommentar til ideen din: Benker på Holmen"
    assert "Ola Nordmann kommenterte ideen din «Benker på Holmen»" in mail.body
    assert "Og ved brygga." in mail.body


def test_changing_email_takes_effect_when_the_new_address_confirms(client, citizen, sent_mail):
    client.force_login(citizen)
    client.post("/konto/e-post/", {"email": "kari.ny@example.no", "password": PASSWORD})
    citizen.refresh_from_db()
    assert citizen.email == "kari@example.no"
    messages = sent_mail()
    assert messages[0].to == ["kari.ny@example.no"]
    client.get(link_in(messages[0]))
    citizen.refresh_from_db()
    assert citizen.email == "kari.ny@example.no"


def test_export_contains_what_kominn_holds(client, citizen):
    client.force_login(citizen)
    response = client.get("/konto/mine-data/eksport/")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "kari@example.no"
    assert data["account"]["display_name"] == "Kari Nordmann"


def test_deleting_and_keeping_contributions_erases_personal_data_and_ends_sessions(client, citizen):
    client.force_login(citizen)
    response = client.post("/konto/slett/", {"contributions": "keep", "password": PASSWORD})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.display_name == "Slettet bruker"
    assert "kari" not in citizen.email
    assert not citizen.has_usable_password()
    assert client.get("/konto/").status_code == 302  # logged out


def test_deleting_and_removing_contributions_removes_the_account(client, citizen):
    client.force_login(citizen)
    client.post("/konto/slett/", {"contributions": "remove", "password": PASSWORD})
    assert not User.objects.filter(pk=citizen.pk).exists()


def test_delete_needs_the_password(client, citizen):
    client.force_login(citizen)
    response = client.post("/konto/slett/", {"contributions": "remove", "password": "feil"})
    assert response.status_code == 400
    assert "Passordet er feil." in response.content.decode()
    assert User.objects.filter(pk=citizen.pk).exists()


def test_logout_needs_a_post(client, citizen):
    client.force_login(citizen)
    assert client.get("/konto/logg-ut/").status_code == 405
    assert client.post("/konto/logg-ut/").status_code == 302
    assert client.get("/konto/").status_code == 302


def test_keeping_contributions_shows_them_as_deleted_user(client, asker, citizen):
    from conftest import make_idea

    idea = make_idea(asker, citizen, "Min idé")
    client.force_login(citizen)
    client.post("/konto/slett/", {"contributions": "keep", "password": PASSWORD})
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Av Slettet bruker" in page
    assert "Kari Nordmann" not in page


def test_the_newest_registration_owns_an_unconfirmed_address_and_old_links_die(client, sent_mail):
    client.post("/konto/registrer/", GOOD | {"password": "inntrengerens passord her"})
    first_link = link_in(sent_mail()[-1])
    client.post("/konto/registrer/", GOOD)  # the real owner registers again
    second_link = link_in(sent_mail()[-1])
    assert client.get(first_link).status_code == 400
    assert client.post(second_link, {"password": GOOD["password"]}).status_code == 302
    user = User.objects.get(email__iexact="nina@example.no")
    assert user.check_password(GOOD["password"])
    assert not user.check_password("inntrengerens passord her")


def test_confirmation_links_work_once(client, sent_mail):
    client.post("/konto/registrer/", GOOD)
    link = link_in(sent_mail()[-1])
    assert client.post(link, {"password": GOOD["password"]}).status_code == 302
    client.logout()
    assert client.get(link).status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_old_link_does_not_unblock_or_revive_an_account(client, citizen, sent_mail):
    client.force_login(citizen)
    client.post("/konto/e-post/", {"email": "kari.ny@example.no", "password": PASSWORD})
    link = link_in(sent_mail()[-1])
    citizen.is_active = False  # blocked
    citizen.save()
    client.logout()
    assert client.get(link).status_code == 400
    citizen.refresh_from_db()
    assert not citizen.is_active and citizen.email == "kari@example.no"


def test_changing_address_tells_the_old_address_and_does_not_log_anyone_in(
    client, citizen, sent_mail
):
    client.force_login(citizen)
    client.post("/konto/e-post/", {"email": "kari.ny@example.no", "password": PASSWORD})
    link = link_in(sent_mail()[-1])
    client.logout()
    client.get(link)
    assert "_auth_user_id" not in client.session
    last = sent_mail()[-1]
    assert last.to == ["kari@example.no"]
    assert "kari.ny@example.no" in last.body


def test_one_address_gets_only_a_few_mails_an_hour(client, citizen, sent_mail):
    for _ in range(6):
        client.post("/konto/glemt-passord/", {"email": "kari@example.no"})
    assert len(sent_mail()) == 3


def test_account_mail_waits_in_the_outbox_and_is_personal(client, sent_mail):
    from django.core import mail

    client.post("/konto/registrer/", GOOD)
    assert mail.outbox == []  # nothing is sent while the person waits for the page
    message = sent_mail()[-1]
    assert message.subject == "Bekreft e-postadressen din i KomInn"
    assert "List-Unsubscribe" not in message.extra_headers
    assert message.alternatives[0].mimetype == "text/html"
    assert link_in(message) in message.alternatives[0].content


def test_mails_are_plain_text_without_html_entities(client, sent_mail):
    client.post("/konto/registrer/", GOOD)
    body = sent_mail()[-1].body
    assert "&amp;" not in body and "&#x27;" not in body
    assert "Nina" not in body  # no name chosen by a stranger goes to an unconfirmed address
