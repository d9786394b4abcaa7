import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from conftest import PASSWORD, make_user


def test_people_log_in_with_their_email_in_any_case(citizen):
    assert authenticate(email="KARI@example.no", password=PASSWORD) == citizen
    assert authenticate(email="kari@example.no", password="feil passord her") is None


def test_the_same_address_in_another_case_is_the_same_account(citizen):
    with pytest.raises(IntegrityError):
        make_user("Kari@Example.no")


def test_user_is_shown_by_display_name(citizen):
    assert str(citizen) == "Kari Nordmann"


def test_passwords_are_hashed_with_argon2(production_password_hashing, citizen):
    assert citizen.password.startswith("argon2")


def test_password_shorter_than_ten_characters_is_refused(citizen):
    with pytest.raises(ValidationError) as error:
        validate_password("kort1234!", citizen)
    assert any("10" in message for message in error.value.messages)


def test_ten_characters_without_special_classes_are_enough(citizen):
    validate_password("fjordbåter", citizen)


def test_long_passphrases_are_accepted(citizen):
    validate_password("en lang setning om fjorder og fjell og sommer " * 6, citizen)


@pytest.mark.parametrize("common", ["1234567890", "qwertyuiop", "password123"])
def test_common_passwords_are_refused(citizen, common):
    with pytest.raises(ValidationError):
        validate_password(common, citizen)


def test_superuser_can_reach_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/organisations/organisation/").status_code == 200
