from conftest import PASSWORD

ATTACKER = {"REMOTE_ADDR": "203.0.113.9"}


def admin_login(client, email, password, **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": email, "password": password, "next": "/admin/"},
        **extra,
    )


def test_admin_login_is_throttled_by_failures_on_the_public_login(client, moderator):
    for _ in range(5):
        client.post(
            "/konto/logg-inn/", {"username": moderator.email, "password": "gjett"}, **ATTACKER
        )
    response = admin_login(client, moderator.email, PASSWORD, **ATTACKER)
    assert response.status_code == 200
    assert "For mange mislykkede forsøk" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_failures_throttle_both_logins(client, moderator):
    for _ in range(5):
        admin_login(client, moderator.email, "gjett", **ATTACKER)
    assert "For mange mislykkede forsøk" in (
        admin_login(client, moderator.email, PASSWORD, **ATTACKER).content.decode()
    )
    public = client.post(
        "/konto/logg-inn/", {"username": moderator.email, "password": PASSWORD}, **ATTACKER
    )
    assert "For mange mislykkede forsøk" in public.content.decode()
    assert "_auth_user_id" not in client.session
    # The moderator, from their own address, still gets in.
    response = admin_login(client, moderator.email, PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_one_address_is_throttled_after_fifty_failures_across_accounts(client, citizen):
    for number in range(50):
        client.post(
            "/konto/logg-inn/",
            {"username": f"person{number}@example.no", "password": "gjett"},
            **ATTACKER,
        )
    response = client.post(
        "/konto/logg-inn/", {"username": citizen.email, "password": PASSWORD}, **ATTACKER
    )
    assert "For mange mislykkede forsøk" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_address_limit_is_a_setting(client, citizen, settings):
    settings.KOMINN_LOGIN_ADDRESS_LIMIT = 2
    for email in ("a@example.no", "b@example.no"):
        client.post("/konto/logg-inn/", {"username": email, "password": "gjett"}, **ATTACKER)
    response = client.post(
        "/konto/logg-inn/", {"username": citizen.email, "password": PASSWORD}, **ATTACKER
    )
    assert "For mange mislykkede forsøk" in response.content.decode()
