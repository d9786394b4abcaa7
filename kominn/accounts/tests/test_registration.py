import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from conftest import link_in, make_user
from kominn.accounts.models import User

# A registration as the form sends it.
OWNER = {
    "email": "nina@example.no",
    "display_name": "Nina Nilsen",
    "capacity": "citizen",
    "affiliation": "",
    "password": "sommer ved fjorden i asker",
    "accept_privacy": "on",
    "website": "",
}
INTRUDER = OWNER | {"display_name": "Inntrenger", "password": "inntrengerens passord her"}


@pytest.fixture
def hashings(production_password_hashing, monkeypatch):
    """How many times a password was hashed (to store it or to check it), as production
    hashes: ask for it before the fixtures that make people."""
    calls = []
    for name in ("encode", "verify"):
        original = getattr(Argon2PasswordHasher, name)

        def counted(self, *args, _original=original, **kwargs):
            calls.append(1)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Argon2PasswordHasher, name, counted)
    return calls


def test_a_second_registration_cannot_plant_a_password_the_owner_activates(client, sent_mail):
    client.post("/konto/registrer/", OWNER)
    intruder = client.__class__()
    intruder.post("/konto/registrer/", INTRUDER, REMOTE_ADDR="203.0.113.9")
    # The owner opens the newest mail in their mailbox and confirms with their password.
    link = link_in(sent_mail()[-1])
    client.get(link)
    client.post(link, {"password": OWNER["password"]})
    user = User.objects.get(email__iexact="nina@example.no")
    if user.is_active:
        assert not user.check_password(INTRUDER["password"])
        assert user.display_name == "Nina Nilsen"
    login = intruder.post(
        "/konto/logg-inn/", {"username": "nina@example.no", "password": INTRUDER["password"]}
    )
    assert login.status_code == 200
    assert "_auth_user_id" not in intruder.session


def test_confirming_a_registration_asks_for_the_password_chosen(client, sent_mail):
    client.post("/konto/registrer/", OWNER)
    link = link_in(sent_mail()[-1])
    page = client.get(link)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200
    assert 'name="password"' in page.content.decode()
    assert not User.objects.get(email__iexact="nina@example.no").is_active
    wrong = client.post(link, {"password": "ikke mitt passord"})
    assert wrong.status_code == 200
    assert 'id="id_password_error"' in wrong.content.decode()
    assert not User.objects.get(email__iexact="nina@example.no").is_active
    right = client.post(link, {"password": OWNER["password"]})
    assert right.status_code == 302
    assert User.objects.get(email__iexact="nina@example.no").is_active
    assert "Innlogget som" in client.get("/konto/").content.decode()


def test_log_in_hashes_as_often_for_active_pending_and_missing_accounts(hashings, client, citizen):
    make_user("venter@example.no", is_active=False)  # registered, never confirmed
    counts = {}
    for email in ("kari@example.no", "venter@example.no", "ingen@example.no"):
        hashings.clear()
        client.post("/konto/logg-inn/", {"username": email, "password": "feil passord her"})
        counts[email] = len(hashings)
    assert counts == {"kari@example.no": 1, "venter@example.no": 1, "ingen@example.no": 1}


def test_registration_hashes_once_whether_or_not_the_address_is_taken(hashings, client, citizen):
    counts = {}
    for email in ("kari@example.no", "ny@example.no"):
        hashings.clear()
        client.post("/konto/registrer/", OWNER | {"email": email})
        counts[email] = len(hashings)
    assert counts == {"kari@example.no": 1, "ny@example.no": 1}


def test_registration_hashes_once_also_when_the_mail_limit_is_reached(hashings, client, db):
    for _ in range(3):
        client.post("/konto/registrer/", OWNER)
    hashings.clear()
    client.post("/konto/registrer/", OWNER)  # a fourth mail to one address within the hour
    assert len(hashings) == 1
