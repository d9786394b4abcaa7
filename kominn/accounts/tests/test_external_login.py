"""Log-in through OpenID Connect, against a local fake provider speaking the real protocol."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from joserfc.jwk import RSAKey

from conftest import make_user
from kominn.accounts.models import ExternalIdentity, User

from .fake_oidc import FakeProvider

ENTRA_CLAIMS = {"sub": "entra-oid-1", "email": "Per.Ansatt@Asker.kommune.no", "name": "Per Ansatt"}
IDPORTEN_CLAIMS = {"sub": "idporten-pairwise-1", "acr": "idporten-loa-substantial"}
COMPLETE = {
    "email": "nora@example.no",
    "display_name": "Nora Innbygger",
    "capacity": "citizen",
    "affiliation": "",
    "accept_privacy": "on",
}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def provider():
    with FakeProvider() as fake:
        yield fake


@pytest.fixture
def entra(provider, settings):
    settings.OIDC_PROVIDERS = {
        "entra": provider.settings(
            label="Microsoft Entra ID",
            scope="openid profile email",
            capacity="employee",
            trust_email=True,
        )
    }
    return provider


@pytest.fixture
def idporten(provider, settings):
    settings.OIDC_PROVIDERS = {
        "idporten": provider.settings(label="ID-porten", acr_values="idporten-loa-substantial")
    }
    return provider


def start(client, slug, next_url=""):
    response = client.get(f"/konto/ekstern/{slug}/" + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302, response
    return response["Location"]


def come_back(client, callback_url):
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def logged_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def mails():
    try:
        from kominn.outbox.worker import send_due
    except ImportError:
        pass
    else:
        send_due()
    return mail.outbox


def test_login_page_offers_only_configured_providers(client, db, entra, settings):
    content = client.get("/konto/logg-inn/").content.decode()
    assert "Logg inn med Microsoft Entra ID" in content
    assert "for ansatte" in content
    settings.OIDC_PROVIDERS = {}
    assert "Logg inn med" not in client.get("/konto/logg-inn/").content.decode()


def test_authorization_request_uses_pkce_state_nonce_and_one_callback(client, db, idporten):
    url = start(client, "idporten")
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) >= 43
    assert query["state"] and query["nonce"]
    assert query["acr_values"] == "idporten-loa-substantial"
    assert query["ui_locales"] == "nb"
    # The same callback whatever the language, so the provider knows one address.
    assert query["redirect_uri"] == "http://testserver/konto/ekstern/idporten/tilbake/"


def test_a_login_started_in_english_stays_in_english(client, db, idporten):
    url = client.get("/en/konto/ekstern/idporten/")["Location"]
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert query["ui_locales"] == "en"
    assert query["redirect_uri"] == "http://testserver/konto/ekstern/idporten/tilbake/"
    response = come_back(client, idporten.authorize(url, IDPORTEN_CLAIMS))
    assert response["Location"] == "/en/konto/ekstern/fullfor/"
    assert "Finish your first log-in" in client.get(response["Location"]).content.decode()


def test_first_entra_login_creates_a_confirmed_employee_and_logs_in(client, db, entra):
    url = start(client, "entra", next_url="/ideer/")
    response = come_back(client, entra.authorize(url, ENTRA_CLAIMS))
    assert response.status_code == 302 and response["Location"] == "/ideer/"
    user = logged_in_user(client)
    assert user.email == "Per.Ansatt@asker.kommune.no"
    assert user.display_name == "Per Ansatt"
    assert user.capacity == "employee"
    assert user.is_active and user.email_verified_at
    assert not user.has_usable_password()
    assert ExternalIdentity.objects.get(user=user).subject == "entra-oid-1"
    # The client secret and the PKCE verifier went to the token endpoint.
    assert entra.token_requests[0]["code_verifier"]


def test_next_entra_login_finds_the_same_account(client, db, entra):
    come_back(client, entra.authorize(start(client, "entra"), ENTRA_CLAIMS))
    client.logout()
    renamed = ENTRA_CLAIMS | {"email": "per.nytt.navn@asker.kommune.no"}
    come_back(client, entra.authorize(start(client, "entra"), renamed))
    assert User.objects.count() == 1
    assert logged_in_user(client).email == "Per.Ansatt@asker.kommune.no"


def test_trusted_address_joins_the_existing_account(client, db, entra):
    existing = make_user("per.ansatt@asker.kommune.no", display_name="Per fra før")
    come_back(client, entra.authorize(start(client, "entra"), ENTRA_CLAIMS))
    assert logged_in_user(client) == existing
    assert existing.external_identities.count() == 1
    assert User.objects.count() == 1


def test_untrusted_address_is_never_used_to_join_an_account(client, db, idporten):
    victim = make_user("offer@example.no")
    claims = IDPORTEN_CLAIMS | {"email": "offer@example.no", "email_verified": False}
    response = come_back(client, idporten.authorize(start(client, "idporten"), claims))
    assert response["Location"] == "/konto/ekstern/fullfor/"
    assert logged_in_user(client) is None
    assert not victim.external_identities.exists()


def test_idporten_login_asks_for_an_address_and_confirms_it_by_mail(client, db, idporten):
    come_back(client, idporten.authorize(start(client, "idporten"), IDPORTEN_CLAIMS))
    page = client.get("/konto/ekstern/fullfor/").content.decode()
    assert "Fullfør første innlogging" in page and "ID-porten" in page
    response = client.post("/konto/ekstern/fullfor/", COMPLETE)
    assert response["Location"] == "/konto/ekstern/sendt/"
    assert logged_in_user(client) is None
    (message,) = mails()
    assert message.to == ["nora@example.no"]
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)
    # Opening the link (as a mail scanner would) changes nothing; the button does.
    assert "Bekreft og logg inn" in client.get(link).content.decode()
    assert logged_in_user(client) is None
    response = client.post(link)
    assert response.status_code == 302
    user = logged_in_user(client)
    assert (user.email, user.display_name, user.capacity) == (
        "nora@example.no",
        "Nora Innbygger",
        "citizen",
    )
    assert user.external_identities.get().provider == "idporten"
    # The link works once.
    client.logout()
    assert client.post(link).status_code == 400
    # From now on ID-porten alone logs the person in.
    come_back(client, idporten.authorize(start(client, "idporten"), IDPORTEN_CLAIMS))
    assert logged_in_user(client) == user


def test_confirmed_address_joins_an_existing_account(client, db, idporten):
    existing = make_user("nora@example.no", display_name="Nora")
    come_back(client, idporten.authorize(start(client, "idporten"), IDPORTEN_CLAIMS))
    response = client.post("/konto/ekstern/fullfor/", COMPLETE)
    # The page says the same whether or not the address has an account.
    assert response["Location"] == "/konto/ekstern/sendt/"
    client.post(re.search(r"http://testserver(/\S+)", mails()[-1].body).group(1))
    assert logged_in_user(client) == existing
    existing.refresh_from_db()
    assert existing.display_name == "Nora"  # the profile is the person's own


def test_completion_form_explains_errors_and_keeps_input(client, db, idporten):
    come_back(client, idporten.authorize(start(client, "idporten"), IDPORTEN_CLAIMS))
    response = client.post(
        "/konto/ekstern/fullfor/", COMPLETE | {"email": "ikke-en-adresse", "accept_privacy": ""}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "gyldig e-postadresse" in content
    assert "personvernerklæringen" in content
    assert 'value="Nora Innbygger"' in content


def test_completion_without_a_provider_login_sends_to_login(client, db, idporten):
    response = client.get("/konto/ekstern/fullfor/")
    assert response["Location"] == "/konto/logg-inn/"


def test_token_signed_by_someone_else_is_refused(client, db, entra):
    stranger = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
    url = entra.authorize(start(client, "entra"), ENTRA_CLAIMS, sign_with=stranger)
    response = come_back(client, url)
    assert response["Location"] == "/konto/logg-inn/"
    assert logged_in_user(client) is None
    assert "lyktes ikke" in client.get("/konto/logg-inn/").content.decode()


@pytest.mark.parametrize("tweak", [{"nonce": "replayed"}, {"audience": "another-client"}])
def test_token_for_another_login_or_client_is_refused(client, db, entra, tweak):
    response = come_back(client, entra.authorize(start(client, "entra"), ENTRA_CLAIMS, **tweak))
    assert response["Location"] == "/konto/logg-inn/"
    assert logged_in_user(client) is None


def test_callback_with_forged_state_is_refused(client, db, entra):
    callback = entra.authorize(start(client, "entra"), ENTRA_CLAIMS)
    forged = re.sub(r"state=[^&]+", "state=forged", callback)
    assert come_back(client, forged)["Location"] == "/konto/logg-inn/"
    assert logged_in_user(client) is None


def test_cancelled_login_says_so(client, db, entra):
    start(client, "entra")
    response = client.get("/konto/ekstern/entra/tilbake/?error=access_denied&state=x", follow=True)
    assert "ble avbrutt" in response.content.decode()


def test_provider_that_does_not_answer_gives_a_plain_message(client, db, settings):
    settings.OIDC_PROVIDERS = {
        "idporten": {
            "label": "ID-porten",
            "client_id": "x",
            "client_secret": "y",
            "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
            "scope": "openid",
        }
    }
    response = client.get("/konto/ekstern/idporten/", follow=True)
    assert response.status_code == 200
    assert "svarer ikke" in response.content.decode()


def test_blocked_account_cannot_log_in_through_a_provider(client, db, entra):
    come_back(client, entra.authorize(start(client, "entra"), ENTRA_CLAIMS))
    user = logged_in_user(client)
    client.logout()
    User.objects.filter(pk=user.pk).update(blocked_at="2026-01-01T00:00Z", blocked_reason="Spam")
    response = come_back(client, entra.authorize(start(client, "entra"), ENTRA_CLAIMS))
    assert logged_in_user(client) is None
    assert "Spam" in client.get(response["Location"]).content.decode()


def test_unknown_provider_is_not_found(client, db, entra):
    assert client.get("/konto/ekstern/facebook/").status_code == 404
    assert client.get("/konto/ekstern/facebook/tilbake/?code=x&state=y").status_code == 404


def test_person_without_a_password_can_delete_their_account(client, db, entra):
    come_back(client, entra.authorize(start(client, "entra"), ENTRA_CLAIMS))
    assert 'name="password"' not in client.get("/konto/mine-data/").content.decode()
    response = client.post("/konto/slett/", {"contributions": "remove"})
    assert response.status_code == 302
    assert not User.objects.exists() and not ExternalIdentity.objects.exists()


def test_export_names_the_linked_provider_but_no_identifier(client, db, entra):
    come_back(client, entra.authorize(start(client, "entra"), ENTRA_CLAIMS))
    data = client.get("/konto/mine-data/eksport/").json()
    assert [login["provider"] for login in data["external_logins"]] == ["entra"]
    assert "entra-oid-1" not in str(data)


def test_confirmation_link_works_only_in_the_browser_that_logged_in(client, db, idporten):
    """Someone who types another person's address cannot use that person's mailbox to tie
    their own ID-porten log-in to the other's account: the link is for their browser."""
    victim = make_user("offer@example.no")
    come_back(client, idporten.authorize(start(client, "idporten"), IDPORTEN_CLAIMS))
    client.post("/konto/ekstern/fullfor/", COMPLETE | {"email": "offer@example.no"})
    link = re.search(r"http://testserver(/\S+)", mails()[-1].body).group(1)
    from django.test import Client

    victims_browser = Client()
    response = victims_browser.post(link)
    assert response.status_code == 400
    assert "samme nettleser" in response.content.decode()
    assert not victim.external_identities.exists()


def test_trusted_address_never_joins_a_staff_account_directly(client, db, entra):
    staff = make_user("per.ansatt@asker.kommune.no", is_staff=True)
    response = come_back(client, entra.authorize(start(client, "entra"), ENTRA_CLAIMS))
    assert response["Location"] == "/konto/ekstern/fullfor/"
    assert logged_in_user(client) is None
    response = client.post("/konto/ekstern/fullfor/", COMPLETE | {"email": staff.email})
    assert response["Location"] == "/konto/ekstern/sendt/"
    assert not staff.external_identities.exists()


def test_a_lower_security_level_than_asked_is_refused(client, db, idporten):
    claims = IDPORTEN_CLAIMS | {"acr": "idporten-loa-low"}
    response = come_back(client, idporten.authorize(start(client, "idporten"), claims))
    assert response["Location"] == "/konto/logg-inn/"
    assert "/konto/ekstern/fullfor/" not in response["Location"]


def test_changes_without_a_password_need_a_fresh_provider_login(client, db, entra):
    import time

    come_back(client, entra.authorize(start(client, "entra"), ENTRA_CLAIMS))
    session = client.session
    session["external_verified_at"] = int(time.time()) - 3600
    session.save()
    page = client.get("/konto/mine-data/").content.decode()
    assert "logge inn på nytt" in page and "/konto/ekstern/entra/?next=" in page
    response = client.post("/konto/slett/", {"contributions": "remove"})
    assert response.status_code == 400
    assert User.objects.count() == 1
    come_back(client, entra.authorize(start(client, "entra"), ENTRA_CLAIMS))
    assert client.post("/konto/slett/", {"contributions": "remove"}).status_code == 302
    assert not User.objects.exists()
