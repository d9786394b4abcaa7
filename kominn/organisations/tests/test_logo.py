"""KomInn's logo in the header, and the municipality's own logo in place of its name."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import PASSWORD, make_organisation, make_user


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
    }


def logo_file(size=(1200, 400)):
    buffer = io.BytesIO()
    Image.new("RGBA", size, (0, 91, 127, 255)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def header(html):
    return re.search(r'<a class="site-name"[^>]*>(.*?)</a>', html, re.S).group(1)


def test_the_header_shows_the_kominn_logo_and_the_municipalitys_name(client, asker):
    shown = header(client.get("/").text)
    assert re.search(
        r'<img class="site-name__logo" src="[^"]+kominn-logo[^"]*\.svg" alt="KomInn"', shown
    )
    assert "Asker kommune" in shown


def test_a_municipalitys_logo_takes_the_place_of_its_name(client, asker):
    asker.logo = logo_file()
    asker.save()
    asker.refresh_from_db()
    assert (asker.logo_width, asker.logo_height) == (432, 144)
    shown = header(client.get("/").text)
    assert f'src="{asker.logo.url}" alt="Asker kommune" width="432" height="144"' in shown
    assert 'site-name__organisation"' not in shown
    client.logout()
    response = client.get(asker.logo.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"].startswith("public")


def test_another_municipalitys_logo_is_not_served_on_this_host(client, asker, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "kominn.testby.no"]
    other = make_organisation("testby", hosts=["kominn.testby.no"])
    other.logo = logo_file()
    other.save()
    assert client.get(other.logo.url).status_code == 404
    assert client.get(other.logo.url, HTTP_HOST="kominn.testby.no").status_code == 200


def test_an_administrator_uploads_the_logo_in_the_admin(client, asker):
    admin = make_user("admin@asker.kommune.no", is_staff=True, is_superuser=True)
    client.login(username=admin.email, password=PASSWORD)
    page = client.get(f"/admin/organisations/organisation/{asker.pk}/change/").text
    assert 'type="file" name="logo"' in page
