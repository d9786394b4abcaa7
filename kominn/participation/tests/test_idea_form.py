"""The idea form keeps everything a person gave it when it comes back with errors, the
photo too, and says plainly what is optional and how to format text."""

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from conftest import make_idea
from kominn.participation import uploads
from kominn.participation.models import Idea


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def storage_dir(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path)}}
    }  # fmt: skip
    return tmp_path


def idea_form(**changes):
    data = {
        "title": "Flere benker langs Askerelva",
        "description": "Eldre trenger steder å hvile.",
        "capacity": "citizen",
        "affiliation": "",
        "website": "",
        "action": "preview",
    }
    return data | changes


def png(name="benk.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def kept_token(page):
    found = re.search(r'name="kept_image" value="([^"]+)"', page)
    return found and found.group(1)


def pending_files(storage_dir):
    folder = storage_dir / "pending"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_photo_survives_a_validation_error_and_is_saved_with_the_idea(
    client, asker, citizen, storage_dir
):
    client.force_login(citizen)
    refused = client.post("/ideer/ny/", idea_form(title="", image=png(), image_alt="En benk"))
    page = refused.content.decode()
    assert refused.status_code == 200 and 'id="id_title_error"' in page
    assert "Bildet er lagret: <strong>benk.png</strong>" in page
    assert "Velg bildet på nytt" not in page
    token = kept_token(page)
    assert token and not Idea.objects.exists()
    [kept] = pending_files(storage_dir)
    # Nothing serves a kept photo: not to others, not even to the person who chose it.
    assert client.get(f"/media/pending/{kept.name}").status_code == 404
    assert Client().get(f"/media/pending/{kept.name}").status_code == 404

    sent = client.post("/ideer/ny/", idea_form(kept_image=token, image_alt="En benk"))
    idea = Idea.objects.get()
    assert sent["Location"] == f"/ideer/{idea.pk}/forhandsvis/"
    with idea.image.open() as stored, Image.open(stored) as image:
        assert image.size == (40, 30)
    assert idea.thumbnail and idea.image_alt == "En benk"
    assert pending_files(storage_dir) == []  # the idea holds its own copy
    # The draft's photo is its author's alone until the idea is sent.
    assert client.get(idea.image.url).status_code == 200
    assert Client().get(idea.image.url).status_code == 404


def test_a_kept_photo_survives_a_second_error(client, asker, citizen, storage_dir):
    client.force_login(citizen)
    first = client.post("/ideer/ny/", idea_form(title="", image=png(), image_alt="En benk"))
    token = kept_token(first.content.decode())
    second = client.post("/ideer/ny/", idea_form(kept_image=token, image_alt=""))
    page = second.content.decode()
    assert 'id="id_image_alt_error"' in page
    assert "Bildet er lagret: <strong>benk.png</strong>" in page and kept_token(page) == token
    client.post("/ideer/ny/", idea_form(kept_image=token, image_alt="En benk"))
    assert Idea.objects.get().image


def test_a_kept_photo_can_be_removed_or_replaced(client, asker, citizen, storage_dir):
    client.force_login(citizen)
    first = client.post("/ideer/ny/", idea_form(title="", image=png(), image_alt="En benk"))
    token = kept_token(first.content.decode())
    client.post("/ideer/ny/", idea_form(kept_image=token, kept_image_remove="1", image_alt=""))
    assert not Idea.objects.get().image
    assert pending_files(storage_dir) == []

    first = client.post("/ideer/ny/", idea_form(title="", image=png(), image_alt="En benk"))
    token = kept_token(first.content.decode())
    client.post(
        "/ideer/ny/",
        idea_form(title="Et annet", kept_image=token, image=png("stor.png", (80, 60)),
                  image_alt="En større benk"),
    )  # fmt: skip
    with Idea.objects.get(title="Et annet").image.open() as stored, Image.open(stored) as image:
        assert image.size == (80, 60)
    assert pending_files(storage_dir) == []


def test_a_kept_photo_is_only_for_the_session_that_chose_it(
    client, asker, citizen, other_citizen, storage_dir
):
    client.force_login(citizen)
    first = client.post("/ideer/ny/", idea_form(title="", image=png(), image_alt="En benk"))
    token = kept_token(first.content.decode())
    other = Client()
    other.force_login(other_citizen)
    other.post("/ideer/ny/", idea_form(kept_image=token, image_alt="En benk"))
    assert not Idea.objects.get(author=other_citizen).image
    assert len(pending_files(storage_dir)) == 1  # still the first person's


def test_a_new_photo_for_an_idea_being_changed_survives_an_error(
    client, asker, citizen, storage_dir
):
    idea = make_idea(asker, citizen)
    client.force_login(citizen)
    refused = client.post(
        f"/ideer/{idea.pk}/rediger/",
        idea_form(title="", image=png(), image_alt="En benk", action="save"),
    )
    page = refused.content.decode()
    assert "Bildet er lagret: <strong>benk.png</strong>" in page
    idea.refresh_from_db()
    assert not idea.image  # the published idea is not changed until the form is right
    client.post(
        f"/ideer/{idea.pk}/rediger/",
        idea_form(kept_image=kept_token(page), image_alt="En benk", action="save"),
    )
    idea.refresh_from_db()
    assert idea.image and idea.image_alt == "En benk"


def test_photos_of_abandoned_forms_are_deleted_after_a_day(client, asker, citizen, storage_dir):
    from django.utils import timezone

    client.force_login(citizen)
    client.post("/ideer/ny/", idea_form(title="", image=png(), image_alt="En benk"))
    assert uploads.purge() == 0
    assert len(pending_files(storage_dir)) == 1
    assert uploads.purge(now=timezone.now() + timedelta(hours=25)) == 1
    assert pending_files(storage_dir) == []


def test_a_missing_alt_text_is_explained_once(client, asker, citizen, storage_dir):
    client.force_login(citizen)
    page = client.post("/ideer/ny/", idea_form(image=png(), image_alt="")).content.decode()
    message = "Beskriv bildet for dem som ikke kan se det."
    error = re.search(r'id="id_image_alt_error"[^>]*>(.*?)</p>', page).group(1)
    assert error == message
    assert page.count(message) == 2  # next to the field, and in the list at the top


def test_optional_fields_say_so(client, asker, citizen):
    client.force_login(citizen)
    page = client.get("/ideer/ny/").content.decode()

    def label(field_id):
        return re.search(rf'<label class="ds-label" for="{field_id}">(.*?)</label>', page).group(1)

    assert "(valgfritt)" in label("id_place_name")
    assert "(valgfritt)" in label("id_image")
    assert "(valgfritt)" not in label("id_title")
    assert "(valgfritt)" not in label("id_image_alt")  # required with an image
    assert "(valgfritt)" not in label("id_description")


def test_the_form_explains_formatting_plainly_and_promises_a_preview(client, asker, citizen):
    client.force_login(citizen)
    page = client.get("/ideer/ny/").content.decode()
    assert "to stjerner rundt ord for **fet skrift**" in page
    assert "Markdown" not in page
    assert "Du ser en forhåndsvisning" not in page
    assert "får du se hvordan den ser ut" in page


def test_the_form_with_a_kept_photo_is_valid_html(client, asker, citizen, storage_dir, tmp_path):
    from tests.test_html import nu_checker_report

    client.force_login(citizen)
    page = client.post("/ideer/ny/", idea_form(title="", image=png(), image_alt="En benk"))
    assert "Bildet er lagret" in page.content.decode()
    checked = tmp_path / "checked"
    checked.mkdir()
    (checked / "idea_form_kept_photo.html").write_bytes(page.content)
    assert nu_checker_report(checked) == ""


def test_a_form_posted_empty_says_what_is_missing(client, asker, citizen):
    """A post with no fields at all (a broken browser extension, a replayed request) gets
    the form back with its errors, for a new idea and for one being changed."""
    client.force_login(citizen)
    new = client.post("/ideer/ny/", {})
    assert new.status_code == 200
    # Title, description and capacity: next to each field, and in the summary at the top.
    assert new.text.count("Feltet er påkrevet.") == 6
    idea = make_idea(asker, citizen)
    idea.submitted_at = None
    idea.save()
    edited = client.post(f"/ideer/{idea.pk}/rediger/", {})
    assert edited.status_code in {200, 403}
    assert Idea.objects.count() == 1
