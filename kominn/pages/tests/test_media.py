"""Uploaded files at /media/: only for those who may see what they belong to, under names
nobody can guess, and gone from storage with what they belong to."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import PASSWORD, make_idea, make_initiative, make_organisation
from kominn.participation.models import Idea
from kominn.portfolio.models import Attachment, InitiativeImage, NewsArticle


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
    }
    return tmp_path


def png(name="min-hemmelige-hage.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def idea_form(**changes):
    data = {
        "title": "Flere benker langs Askerelva",
        "description": "Eldre trenger steder å hvile.",
        "capacity": "citizen",
        "affiliation": "",
        "website": "",
        "action": "preview",
        "image": png(),
        "image_alt": "En benk ved elva",
    }
    return data | changes


def image_urls(html):
    return re.findall(r'<img src="(/media/[^"]+)"', html)


def status(client, url, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def test_a_drafts_image_is_seen_by_its_author_alone_until_it_is_sent(
    client, asker, citizen, other_citizen, moderator
):
    client.force_login(citizen)
    client.post("/ideer/ny/", idea_form())
    idea = Idea.objects.get()
    preview = client.get(f"/ideer/{idea.pk}/forhandsvis/").content.decode()
    [url] = image_urls(preview)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (40, 30)
    for url in (idea.image.url, idea.thumbnail.url):
        assert status(client, url) == 404
        assert status(client, url, other_citizen) == 404
        assert status(client, url, moderator) == 404
        assert status(client, url, citizen) == 200

    client.post(f"/ideer/{idea.pk}/send-inn/")
    client.logout()
    response = client.get(idea.image.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"


def test_a_hidden_ideas_image_is_for_its_author_and_moderators(
    client, asker, citizen, other_citizen, moderator
):
    idea = make_idea(asker, citizen, image=png(), image_alt="En benk")
    assert status(client, idea.image.url) == 200
    idea.hide("Reklame", by=moderator)
    for url in (idea.image.url, idea.thumbnail.url):
        assert status(client, url) == 404
        assert status(client, url, other_citizen) == 404
        assert status(client, url, moderator) == 200
        assert status(client, url, citizen) == 200
    idea.restore(by=moderator)
    assert status(client, idea.image.url) == 200


def test_file_names_tell_nothing_of_the_uploaded_name_and_cannot_be_guessed(client, asker, citizen):
    client.force_login(citizen)
    client.post("/ideer/ny/", idea_form(action="draft"))
    client.post("/ideer/ny/", idea_form(action="draft", title="Flere benker ved stranda"))
    names = [name for idea in Idea.objects.all() for name in (idea.image.name, idea.thumbnail.name)]
    assert len(set(names)) == 4
    for name in names:
        assert "hemmelige" not in name and "hage" not in name
        # The full size keeps its kind; the small one for lists is WebP (core.images).
        assert re.fullmatch(r"ideas/[\w-]{24}\.jpg|ideas/small/[\w-]{24}\.webp", name), name


def test_a_deleted_ideas_image_is_deleted_from_storage(
    client, asker, citizen, django_capture_on_commit_callbacks
):
    idea = make_idea(asker, citizen, image=png(), image_alt="En benk")
    names = [idea.image.name, idea.thumbnail.name]
    url = idea.image.url
    assert all(default_storage.exists(name) for name in names)
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/slett/", {"contributions": "remove", "password": PASSWORD})
    assert not Idea.objects.exists()
    assert not any(default_storage.exists(name) for name in names)
    assert status(client, url) == 404


def test_a_replaced_or_removed_image_is_deleted_from_storage(
    client, asker, citizen, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    client.post("/ideer/ny/", idea_form(action="draft"))
    idea = Idea.objects.get()
    first = [idea.image.name, idea.thumbnail.name]
    form = idea_form(action="draft", image=png("ny.png"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/ideer/{idea.pk}/rediger/", form)
    idea.refresh_from_db()
    second = [idea.image.name, idea.thumbnail.name]
    assert set(second).isdisjoint(first)
    assert all(default_storage.exists(name) for name in second)
    assert not any(default_storage.exists(name) for name in first)

    form = idea_form(action="draft", image="", image_alt="")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/ideer/{idea.pk}/rediger/", form | {"image-clear": "on"})
    idea.refresh_from_db()
    assert not idea.image and not idea.thumbnail
    assert not any(default_storage.exists(name) for name in second)


def test_a_saved_idea_keeps_its_image(asker, citizen, django_capture_on_commit_callbacks):
    idea = make_idea(asker, citizen, image=png(), image_alt="En benk")
    with django_capture_on_commit_callbacks(execute=True):
        idea.title = "Nye benker"
        idea.save()
        idea.submit()
    assert default_storage.exists(idea.image.name) and default_storage.exists(idea.thumbnail.name)


def test_images_of_unpublished_news_and_initiatives_are_for_the_organisations_staff(
    client, asker, editor, citizen
):
    article = NewsArticle.objects.create(
        organisation=asker,
        title="Nytt om benker",
        lead="Nytt.",
        body="Mer.",
        image=png(),
        image_alt="En benk",
        is_published=False,
    )
    initiative = make_initiative(asker, is_published=False)
    image = InitiativeImage.objects.create(initiative=initiative, image=png(), alt_text="Lader")
    urls = [article.image.url, article.thumbnail.url, image.image.url, image.thumbnail.url]
    for url in urls:
        assert status(client, url) == 404
        assert status(client, url, citizen) == 404
        assert status(client, url, editor) == 200
    article.is_published = initiative.is_published = True
    article.save()
    initiative.save()
    assert [status(client, url) for url in urls] == [200] * 4
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert image.image.url in page


def test_an_attachment_is_saved_under_its_title(client, asker):
    initiative = make_initiative(asker)
    attachment = Attachment.objects.create(
        initiative=initiative,
        title="Sluttrapport for ladestasjoner",
        file=SimpleUploadedFile("rapport_v3_ENDELIG.pdf", b"%PDF-1.4 test"),
    )
    assert "rapport" not in attachment.file.name
    response = client.get(attachment.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="sluttrapport-for-ladestasjoner.pdf"'
    )


def test_covers_in_the_sharing_bank_load_on_every_municipalitys_site(client, asker, settings):
    """The sharing bank on Bærum's site shows Asker's shared initiatives with their covers;
    the pictures load there too. Asker's other pictures stay Asker's."""
    settings.ALLOWED_HOSTS = ["testserver", "kominn.baerum.kommune.no"]
    make_organisation("baerum", name="Bærum kommune", hosts=["kominn.baerum.kommune.no"])
    shared = make_initiative(asker, "Digitale trygghetsalarmer", shared=True)
    own = make_initiative(asker, "Ladestasjoner")
    cover = InitiativeImage.objects.create(initiative=shared, image=png(), alt_text="Alarm")
    other = InitiativeImage.objects.create(initiative=own, image=png(), alt_text="Lader")
    bank = client.get("/deling/", HTTP_HOST="kominn.baerum.kommune.no").content.decode()
    assert cover.thumbnail.url in bank

    def on_baerum(url):
        return client.get(url, HTTP_HOST="kominn.baerum.kommune.no").status_code

    assert [on_baerum(cover.image.url), on_baerum(cover.thumbnail.url)] == [200, 200]
    assert [on_baerum(other.image.url), on_baerum(other.thumbnail.url)] == [404, 404]
    shared.shared = False
    shared.save()
    assert on_baerum(cover.thumbnail.url) == 404
    assert status(client, cover.thumbnail.url) == 200  # on Asker's own site


def test_a_deleted_initiatives_files_are_deleted_from_storage(
    asker, django_capture_on_commit_callbacks
):
    initiative = make_initiative(asker)
    image = InitiativeImage.objects.create(initiative=initiative, image=png(), alt_text="Lader")
    attachment = Attachment.objects.create(
        initiative=initiative, title="Rapport", file=SimpleUploadedFile("r.pdf", b"%PDF-1.4")
    )
    names = [image.image.name, image.thumbnail.name, attachment.file.name]
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        initiative.delete()
    assert not any(default_storage.exists(name) for name in names)


def test_files_of_nothing_are_not_found(client, asker, media_root):
    (media_root / "ideas").mkdir()
    (media_root / "ideas" / "left-behind.jpg").write_bytes(b"x")
    (media_root / "secret_key").write_text("x")
    for path in ["ideas/left-behind.jpg", "secret_key", "ideas/../secret_key", "ideas/"]:
        assert client.get(f"/media/{path}").status_code == 404
