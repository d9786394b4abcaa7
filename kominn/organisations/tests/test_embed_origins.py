"""The websites a municipality lets show KomInn's embeds: checked line by line, and the
code for its web editors to paste, in the admin."""

import html

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from conftest import make_organisation, make_user

ADMINISTRATOR = "Administrator"  # the role (kominn.accounts.roles, a layer above)
HOST = "kominn.voss.kommune.no"


@pytest.fixture
def voss(settings, asker):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    return make_organisation("voss", name="Voss herad", hosts=[HOST])


@pytest.fixture
def voss_admin(voss):
    user = make_user("admin@voss.kommune.no", is_staff=True, organisation=voss)
    user.groups.add(Group.objects.get(name=ADMINISTRATOR))
    return user


def test_origins_one_per_line_are_kept_as_the_header_names_them(voss):
    voss.embed_origins = (
        "https://www.vossherad.no\n\n  HTTPS://Intranett.Vossherad.no:8443/ \n"
        "http://localhost:8000\nhttp://127.0.0.1:5500\nhttps://www.vossherad.no"
    )
    voss.full_clean()
    assert voss.embed_origin_list() == [
        "https://www.vossherad.no",
        "https://intranett.vossherad.no:8443",
        "http://localhost:8000",
        "http://127.0.0.1:5500",
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("www.vossherad.no", "Linje 2 («www.vossherad.no») er ikke adressen til et nettsted"),
        ("https://www.vossherad.no/tiltak", "Linje 2 («https://www.vossherad.no/tiltak»)"),
        ("http://www.vossherad.no", "Linje 2 («http://www.vossherad.no»): http:// er bare"),
        ("https://vossherad.no; script-src *", "Linje 2 («https://vossherad.no; script-src *»)"),
        ("'unsafe-inline'", "Linje 2 («'unsafe-inline'»)"),
        ("https://*.vossherad.no", "Linje 2 («https://*.vossherad.no»)"),
        ("https://vossherad.no:70000", "Linje 2 («https://vossherad.no:70000»)"),
    ],
)
def test_a_line_that_is_not_an_origin_is_named_in_norwegian(voss, line, message):
    voss.embed_origins = f"https://www.vossherad.no\n{line}"
    with pytest.raises(ValidationError) as error:
        voss.full_clean()
    messages = error.value.message_dict["embed_origins"]
    assert len(messages) == 1 and messages[0].startswith(message), messages


def test_every_bad_line_gets_its_own_message(voss):
    voss.embed_origins = "vossherad.no\nhttps://www.vossherad.no\nftp://vossherad.no"
    with pytest.raises(ValidationError) as error:
        voss.full_clean()
    messages = error.value.message_dict["embed_origins"]
    assert len(messages) == 2
    assert messages[0].startswith("Linje 1 («vossherad.no»)")
    assert messages[1].startswith("Linje 3 («ftp://vossherad.no»)")


def test_a_line_saved_past_the_check_never_reaches_the_header(voss):
    voss.embed_origins = "https://www.vossherad.no\nhttps://x.no; script-src *\n'self'"
    voss.save()  # as a script might, without full_clean()
    assert voss.embed_origin_list() == ["https://www.vossherad.no"]


def admin_data(**changes):
    return {
        "name": "Voss herad",
        "language": "nb",
        "contact_email": "post@voss.kommune.no",
        "contact_address": "",
        "organisation_number": "",
        "theme_colour": "#005B7F",
        "accent_colour": "",
        "embed_origins": "",
        "host_names-TOTAL_FORMS": "0",
        "host_names-INITIAL_FORMS": "0",
        **changes,
    }


def test_the_administrator_is_told_which_line_is_wrong_and_keeps_what_was_typed(
    client, voss, voss_admin
):
    client.force_login(voss_admin)
    url = f"/admin/organisations/organisation/{voss.pk}/change/"
    typed = "https://www.vossherad.no\nwww.vossherad.no/kart"
    response = client.post(url, admin_data(embed_origins=typed), HTTP_HOST=HOST)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Linje 2 («www.vossherad.no/kart») er ikke adressen til et nettsted" in page
    assert f">\n{typed}</textarea>" in page or f">{typed}</textarea>" in page
    voss.refresh_from_db()
    assert voss.embed_origins == ""

    response = client.post(
        url, admin_data(embed_origins="https://www.vossherad.no"), HTTP_HOST=HOST
    )
    assert response.status_code == 302
    voss.refresh_from_db()
    assert voss.embed_origin_list() == ["https://www.vossherad.no"]


def test_the_admin_shows_the_code_to_paste_with_the_municipalitys_own_host(
    client, voss, voss_admin
):
    client.force_login(voss_admin)
    response = client.get(f"/admin/organisations/organisation/{voss.pk}/change/", HTTP_HOST=HOST)
    page = response.content.decode()
    assert "På kommunens eget nettsted" in page
    assert (
        "&lt;iframe src=&quot;https://kominn.voss.kommune.no/innebygd/siste-tiltak/&quot; "
        "title=&quot;Nyeste tiltak – Voss herad&quot;"
    ) in page
    assert (
        "&lt;iframe src=&quot;https://kominn.voss.kommune.no/innebygd/del-en-ide/&quot; "
        "title=&quot;Del en idé – Voss herad&quot;"
    ) in page
    assert "readonly>&lt;iframe" in page  # to copy, not to edit
    assert "Rammen vises bare når nettstedets adresse" in page


def test_a_nynorsk_municipalitys_code_has_nynorsk_titles(client, voss, voss_admin):
    voss.language = "nn"
    voss.save()
    client.force_login(voss_admin)
    page = client.get(f"/admin/organisations/organisation/{voss.pk}/change/", HTTP_HOST=HOST)
    assert "title=&quot;Nyaste tiltak – Voss herad&quot;" in page.content.decode()
