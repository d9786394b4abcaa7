"""A newcomer's first hour: demo staff to log in as, and the mail viewer, in a local run
(DEBUG on) only."""

import json
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.filebased import EmailBackend
from django.core.management import call_command

from kominn.accounts.models import User
from kominn.accounts.roles import EDITOR, MODERATOR
from kominn.demo import staff

EMAILS = [email for _role, email, _name, _group in staff.ACCOUNTS]


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_a_local_run_has_demo_staff_with_passwords_of_its_own(settings, var_dir, asker):
    settings.DEBUG = True
    accounts = staff.ensure(asker)
    assert [role for role, _email, _password in accounts] == [
        "editor",
        "moderator",
        "administrator",
    ]
    kept = json.loads((var_dir / "demo-staff.json").read_text())
    assert (var_dir / "demo-staff.json").stat().st_mode & 0o077 == 0
    for _role, email, password in accounts:
        assert kept[email] == password and len(password) >= 16
        user = authenticate(email=email, password=password)
        assert user is not None and user.is_staff and user.organisation == asker
    editor, moderator, administrator = (User.objects.get(email=email) for email in EMAILS)
    assert list(editor.groups.values_list("name", flat=True)) == [EDITOR]
    assert list(moderator.groups.values_list("name", flat=True)) == [MODERATOR]
    assert administrator.is_superuser and not editor.is_superuser
    # The next run keeps the same passwords; another installation gets others.
    assert staff.ensure(asker) == accounts
    (var_dir / "demo-staff.json").unlink()
    assert [p for *_r, p in staff.ensure(asker)] != [p for *_r, p in accounts]


def test_make_run_prints_the_demo_staff(settings, var_dir, db):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    kept = json.loads((var_dir / "demo-staff.json").read_text())
    for email in EMAILS:
        assert f"{email}" in out.getvalue() and kept[email] in out.getvalue()


def test_no_demo_staff_without_debug(settings, var_dir, asker):
    settings.DEBUG = False
    assert staff.ensure(asker) == []
    assert not User.objects.filter(email__in=EMAILS).exists()
    assert not (var_dir / "demo-staff.json").exists()


def test_demo_staff_left_from_a_local_run_are_locked_without_debug(settings, var_dir, asker):
    settings.DEBUG = True
    accounts = staff.ensure(asker)
    settings.DEBUG = False
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo staff" not in out.getvalue()
    for _role, email, password in accounts:
        assert authenticate(email=email, password=password) is None
        assert not User.objects.get(email=email).is_active


@pytest.fixture
def mail_files(settings, tmp_path):
    """A mail written by Django's file backend, as a local run writes it: quoted-printable,
    its long link broken over lines."""
    directory = tmp_path / "mail"
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(directory)},
        }
    }
    link = "http://127.0.0.1:8000/konto/bekreft/" + "Mg" * 40 + "/"
    message = EmailMultiAlternatives(
        subject="Bekreft e-postadressen din på KomInn",
        body=f"Hei Kari Nordmann,\n\nÅpne lenken for å bekrefte: {link}\n",
        to=["kari@example.no"],
    )
    message.attach_alternative(f'<p><a href="{link}">Bekreft</a></p>', "text/html")
    EmailBackend(file_path=str(directory)).send_messages([message])
    [written] = directory.glob("*.log")
    raw = written.read_text()
    assert link not in raw and "=\n" in raw  # encoded, as the newcomer found it
    return written.name, link


def test_the_mail_viewer_decodes_a_local_runs_mail(client, settings, mail_files, asker):
    settings.DEBUG = True
    name, link = mail_files
    listed = client.get("/_mail/").content.decode()
    assert "Bekreft e-postadressen din på KomInn" in listed
    assert "kari@example.no" in listed
    response = client.get(f"/_mail/{name}/0/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Åpne lenken for å bekrefte" in page
    assert f'<a href="{link}"' in page


@pytest.mark.parametrize("url", ["/_mail/", "/_mail/{name}/0/"])
def test_the_mail_viewer_is_not_there_without_debug(client, settings, mail_files, url, asker):
    settings.DEBUG = False
    assert client.get(url.format(name=mail_files[0])).status_code == 404


@pytest.mark.parametrize(
    "url", ["/_mail/secret_key/0/", "/_mail/..%2Fsecret_key/0/", "/_mail/{name}/9/"]
)
def test_the_mail_viewer_shows_only_mail(client, settings, mail_files, url, asker):
    settings.DEBUG = True
    assert client.get(url.format(name=mail_files[0])).status_code == 404


def test_createsuperuser_needs_only_the_documented_variables(db, monkeypatch):
    from pathlib import Path

    from django.conf import settings

    documented = (Path(settings.BASE_DIR) / "docs/commands.md").read_text()
    variables = {
        "DJANGO_SUPERUSER_EMAIL": "drift@asker.kommune.no",
        "DJANGO_SUPERUSER_DISPLAY_NAME": "Drift",
        "DJANGO_SUPERUSER_PASSWORD": "et langt og hemmelig passord",
    }
    for name, value in variables.items():
        assert name in documented
        monkeypatch.setenv(name, value)
    call_command("createsuperuser", "--noinput", stdout=StringIO())
    user = authenticate(email="drift@asker.kommune.no", password="et langt og hemmelig passord")
    assert user is not None and user.is_superuser and user.display_name == "Drift"
