import re

import pytest

from conftest import PASSWORD
from kominn.accounts.models import User

REGISTRATION = {
    "email": "nina@example.no",
    "display_name": "Nina Nilsen fra Asker",
    "capacity": "citizen",
    "affiliation": "",
    "accept_privacy": "on",
    "website": "",
}
WEAK = [
    ("Nina Nilsen fra Asker", "ligner for mye på visningsnavn"),
    (" " * 10, "kan ikke bare være mellomrom"),
]


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_registration_refuses_the_display_name_and_blank_passwords(client, db, password, message):
    response = client.post("/konto/registrer/", REGISTRATION | {"password": password})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_password_error"' in content and message in content
    assert 'value="Nina Nilsen fra Asker"' in content
    assert not User.objects.exists()


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_password_change_refuses_the_display_name_and_blank_passwords(
    client, citizen, password, message
):
    citizen.display_name = "Nina Nilsen fra Asker"
    citizen.save()
    client.force_login(citizen)
    response = client.post(
        "/konto/passord/",
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_password_reset_refuses_the_display_name_and_blank_passwords(
    client, citizen, sent_mail, password, message
):
    citizen.display_name = "Nina Nilsen fra Asker"
    citizen.save()
    client.post("/konto/glemt-passord/", {"email": citizen.email})
    link = re.search(r"http://testserver(/\S+)", sent_mail()[-1].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)
