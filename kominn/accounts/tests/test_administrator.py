"""A municipality's administrator runs its staff in the admin, and only its staff; a
platform administrator sets the municipality up with `manage.py add_organisation`."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from conftest import PASSWORD, make_editor, make_organisation, make_user
from kominn.accounts.models import User
from kominn.accounts.roles import ADMINISTRATOR, EDITOR, MODERATOR
from kominn.organisations.models import HostName, Organisation

HOST = "kominn.voss.kommune.no"


@pytest.fixture
def voss(settings, asker):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST, ".kominn.no"]
    return make_organisation("voss", name="Voss herad", hosts=[HOST], language="nn")


def make_administrator(email, organisation):
    user = make_user(email, is_staff=True, organisation=organisation)
    user.groups.add(Group.objects.get(name=ADMINISTRATOR))
    return user


@pytest.fixture
def voss_admin(voss):
    return make_administrator("admin@voss.kommune.no", voss)


@pytest.fixture
def voss_staff(voss):
    return make_user("tilsett@voss.kommune.no", display_name="Tone Tilsett", organisation=voss)


def change_data(user, **changes):
    """What the admin's change form for `user` sends, with `changes`."""
    data = {
        "email": user.email,
        "display_name": user.display_name,
        "capacity": user.capacity,
        "affiliation": user.affiliation,
        "is_active": "on",
        "groups": [group.pk for group in user.groups.all()],
        "service_areas": [],
        "date_joined_0": user.date_joined.strftime("%d.%m.%Y"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "",
        "last_login_1": "",
        "email_verified_at_0": "",
        "email_verified_at_1": "",
    }
    if user.is_staff:
        data["is_staff"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_administrator_sees_only_its_own_municipalitys_staff(client, asker, voss_admin):
    asker_editor = make_editor("redaktor@asker.kommune.no", organisation=asker)
    own = make_editor("redaktor@voss.kommune.no", organisation=voss_admin.organisation)
    client.force_login(voss_admin)
    page = client.get("/admin/accounts/user/", HTTP_HOST=HOST).content.decode()
    assert own.email in page
    assert asker_editor.email not in page
    assert (
        client.get(f"/admin/accounts/user/{asker_editor.pk}/change/", HTTP_HOST=HOST).status_code
        == 404
    )
    response = client.post(
        f"/admin/accounts/user/{asker_editor.pk}/change/",
        change_data(asker_editor, is_staff=None),
        HTTP_HOST=HOST,
    )
    assert response.status_code == 404
    asker_editor.refresh_from_db()
    assert asker_editor.is_staff


def test_the_administrator_cannot_use_another_municipalitys_admin(client, voss_admin):
    client.force_login(voss_admin)
    response = client.get("/admin/accounts/user/")  # Asker's host
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_administrator_gives_staff_status_and_the_editor_role(client, voss_admin, voss_staff):
    client.force_login(voss_admin)
    url = f"/admin/accounts/user/{voss_staff.pk}/change/"
    page = client.get(url, HTTP_HOST=HOST).content.decode()
    # The roles on offer: editor and moderator, not administrator.
    assert EDITOR in page and MODERATOR in page
    assert f">{ADMINISTRATOR}<" not in page
    editor = Group.objects.get(name=EDITOR)
    response = client.post(
        url, change_data(voss_staff, is_staff="on", groups=[editor.pk]), HTTP_HOST=HOST
    )
    assert response.status_code == 302
    voss_staff.refresh_from_db()
    assert voss_staff.is_staff
    assert list(voss_staff.groups.values_list("name", flat=True)) == [EDITOR]

    response = client.post(url, change_data(voss_staff, groups=[]), HTTP_HOST=HOST)
    assert response.status_code == 302
    assert not voss_staff.groups.exists()


def test_the_administrator_cannot_grant_superuser_status_or_single_permissions(
    client, voss_admin, voss_staff
):
    client.force_login(voss_admin)
    url = f"/admin/accounts/user/{voss_staff.pk}/change/"
    page = client.get(url, HTTP_HOST=HOST).content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="user_permissions"' not in page
    every = list(Permission.objects.values_list("pk", flat=True)[:5])
    response = client.post(
        url,
        change_data(voss_staff, is_superuser="on", user_permissions=every),
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302
    voss_staff.refresh_from_db()
    assert not voss_staff.is_superuser
    assert not voss_staff.user_permissions.exists()


def test_the_administrator_cannot_make_an_administrator_or_take_that_role(client, voss, voss_admin):
    other_admin = make_administrator("admin2@voss.kommune.no", voss)
    client.force_login(voss_admin)
    administrator = Group.objects.get(name=ADMINISTRATOR)
    moderator = Group.objects.get(name=MODERATOR)
    response = client.post(
        f"/admin/accounts/user/{other_admin.pk}/change/",
        change_data(other_admin, groups=[moderator.pk]),
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302
    assert set(other_admin.groups.values_list("name", flat=True)) == {ADMINISTRATOR, MODERATOR}

    staff = make_user("ny@voss.kommune.no", is_staff=True, organisation=voss)
    response = client.post(
        f"/admin/accounts/user/{staff.pk}/change/",
        change_data(staff, groups=[administrator.pk]),
        HTTP_HOST=HOST,
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not staff.groups.exists()


def test_a_person_the_administrator_adds_works_for_its_municipality(client, voss, voss_admin):
    client.force_login(voss_admin)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "ny.redaktor@voss.kommune.no",
            "display_name": "Ny Redaktør",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302, response.content.decode()
    assert User.objects.get(email="ny.redaktor@voss.kommune.no").organisation == voss


def test_the_administrator_reaches_its_texts_and_appearance_but_not_roles(client, voss_admin):
    client.force_login(voss_admin)
    home = client.get("/admin/", HTTP_HOST=HOST).content.decode()
    assert "/admin/organisations/pagetext/" in home
    assert "/admin/organisations/organisation/" in home
    assert "/admin/auth/group/" not in home
    assert client.get("/admin/auth/group/", HTTP_HOST=HOST).status_code == 403
    assert client.get("/admin/organisations/organisation/add/", HTTP_HOST=HOST).status_code == 403


# manage.py add_organisation


def add_organisation(*args):
    out = StringIO()
    call_command("add_organisation", *args, stdout=out)
    return out.getvalue()


VOSS = [
    "--name", "Voss herad",
    "--host", "voss.kominn.no",
    "--host", "kominn.vossherad.no",
    "--language", "nn",
    "--admin-email", "person@voss.kommune.no",
]  # fmt: skip


def test_add_organisation_sets_up_the_municipality_and_its_administrator(client, asker, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".kominn.no"]
    output = add_organisation(*VOSS)
    voss = Organisation.objects.get(slug="voss-herad")
    assert (voss.name, voss.language, voss.is_default) == ("Voss herad", "nn", False)
    assert set(voss.host_names.values_list("name", flat=True)) == {
        "voss.kominn.no",
        "kominn.vossherad.no",
    }
    admin = User.objects.get(email="person@voss.kommune.no")
    assert admin.organisation == voss and admin.is_staff and not admin.is_superuser
    assert list(admin.groups.values_list("name", flat=True)) == [ADMINISTRATOR]
    assert not admin.has_usable_password()
    assert "https://voss.kominn.no/konto/nytt-passord/" in output
    # The link lets the administrator choose a password, and then in to Voss's admin.
    link = output.split("https://voss.kominn.no", 1)[1].split()[0]
    response = client.get(link, HTTP_HOST="voss.kominn.no", follow=True)
    assert 'name="new_password1"' in response.content.decode()
    client.force_login(admin)
    assert client.get("/admin/", HTTP_HOST="voss.kominn.no").status_code == 200


def test_add_organisation_again_changes_nothing(asker):
    add_organisation(*VOSS)
    output = add_organisation(*VOSS)
    assert "set up already; nothing was changed" in output
    assert Organisation.objects.filter(slug="voss-herad").count() == 1


def test_add_organisation_refuses_a_host_name_another_municipality_has(asker):
    HostName.objects.create(organisation=asker, name="voss.kominn.no")
    with pytest.raises(CommandError) as error:
        add_organisation(*VOSS)
    assert "voss.kominn.no belongs to Asker kommune already" in str(error.value)
    assert not Organisation.objects.filter(slug="voss-herad").exists()
    assert not User.objects.filter(email="person@voss.kommune.no").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--language", "se", "Unknown language form “se”: use nb (bokmål) or nn (nynorsk)."),
        ("--admin-email", "person@", "“person@” is not an e-mail address."),
        ("--host", "voss kominn", "“voss kominn” is not a host name."),
    ],
)
def test_add_organisation_refuses_bad_input_and_changes_nothing(asker, option, value, message):
    args = list(VOSS)
    args[args.index(option) + 1] = value
    with pytest.raises(CommandError) as error:
        add_organisation(*args)
    assert message in str(error.value)
    assert "Nothing was changed" in str(error.value)
    assert not Organisation.objects.filter(slug="voss-herad").exists()


def test_add_organisation_refuses_an_administrator_of_another_municipality(asker):
    make_editor("person@voss.kommune.no", organisation=asker)
    with pytest.raises(CommandError) as error:
        add_organisation(*VOSS)
    assert "person@voss.kommune.no works for Asker kommune already" in str(error.value)


def test_add_organisation_refuses_a_municipality_set_up_otherwise(asker):
    add_organisation(*VOSS)
    args = list(VOSS)
    args[args.index("--language") + 1] = "nb"
    with pytest.raises(CommandError) as error:
        add_organisation(*args)
    assert "short name voss-herad exists already" in str(error.value)
    assert Organisation.objects.get(slug="voss-herad").language == "nn"


# In the admin


def test_a_superuser_creates_a_municipality_with_its_first_administrator_in_the_admin(
    client, asker, admin_user
):
    client.force_login(admin_user)
    data = {
        "name": "Voss herad",
        "slug": "voss",
        "language": "nn",
        "contact_email": "post@voss.kommune.no",
        "contact_address": "",
        "organisation_number": "",
        "theme_colour": "#005B7F",
        "accent_colour": "",
        "administrator_email": "person@voss.kommune.no",
        "host_names-TOTAL_FORMS": "1",
        "host_names-INITIAL_FORMS": "0",
        "host_names-0-name": "voss.kominn.no",
    }
    page = client.get("/admin/organisations/organisation/add/").content.decode()
    assert "Første administrators e-postadresse" in page
    response = client.post("/admin/organisations/organisation/add/", data, follow=True)
    assert response.status_code == 200
    voss = Organisation.objects.get(slug="voss")
    admin = User.objects.get(email="person@voss.kommune.no")
    assert admin.organisation == voss and admin.is_staff
    assert list(admin.groups.values_list("name", flat=True)) == [ADMINISTRATOR]
    page = response.content.decode()
    assert "Administratoren er person@voss.kommune.no." in page
    assert "https://voss.kominn.no/konto/nytt-passord/" in page


def test_the_admin_refuses_an_administrator_of_another_municipality(client, asker, admin_user):
    make_editor("person@voss.kommune.no", organisation=asker)
    client.force_login(admin_user)
    response = client.post(
        "/admin/organisations/organisation/add/",
        {
            "name": "Voss herad",
            "slug": "voss",
            "language": "nn",
            "contact_email": "post@voss.kommune.no",
            "theme_colour": "#005B7F",
            "administrator_email": "person@voss.kommune.no",
            "host_names-TOTAL_FORMS": "0",
            "host_names-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "person@voss.kommune.no jobber allerede for Asker kommune." in response.content.decode()
    assert not Organisation.objects.filter(slug="voss").exists()
