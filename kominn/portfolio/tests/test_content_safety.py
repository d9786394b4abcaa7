import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import make_initiative
from kominn.core import images
from kominn.core.markdown import render
from kominn.portfolio.models import InitiativeImage


def test_markdown_keeps_formatting_and_drops_scripts():
    html = render(
        "**Viktig** og *pent*\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>"
    )
    assert "<strong>Viktig</strong>" in html
    assert "<em>pent</em>" in html
    assert "<script" not in html
    assert "onerror" not in html
    assert "<img" not in html


def test_markdown_links_are_safe():
    html = render("[trygg](https://asker.kommune.no) [farlig](javascript:alert(1))")
    assert '<a href="https://asker.kommune.no" rel="noopener noreferrer nofollow">trygg</a>' in html
    assert "javascript:" not in html


def test_markdown_headings_sit_below_the_page_headings():
    html = render("# Stor\n\n## Mindre")
    assert "<h3>Stor</h3>" in html
    assert "<h4>Mindre</h4>" in html
    assert "<h1" not in html and "<h2" not in html


def jpeg_with_gps(size=(3000, 2000)):
    image = Image.new("RGB", size, (0, 90, 127))
    exif = Image.Exif()
    exif[0x010F] = "Kameraprodusent"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 50.0, 0.0), 3: "E", 4: (10.0, 26.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("ferie bilde.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_uploaded_image_is_reencoded_without_exif_and_gps(asker, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    upload = jpeg_with_gps()
    with Image.open(upload) as original:
        assert original.getexif()  # the test image really carries EXIF
    upload.seek(0)
    initiative = make_initiative(asker)
    stored = InitiativeImage.objects.create(
        initiative=initiative, image=upload, alt_text="Ladestasjon ved Asker rådhus"
    )
    with Image.open(stored.image.path) as full:
        assert not full.getexif()
        assert max(full.size) == images.FULL_SIZE
    with Image.open(stored.thumbnail.path) as small:
        assert not small.getexif()
        assert max(small.size) == images.SMALL_SIZE
    assert stored.width == images.FULL_SIZE


def test_a_file_that_is_not_an_image_is_refused():
    fake = SimpleUploadedFile("bilde.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="ikke et bilde vi kan lese"):
        images.validate_upload(fake)


def test_an_image_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(ValidationError, match="grensen er 10 MB"):
        images.validate_upload(jpeg_with_gps((50, 50)))


def test_gif_images_are_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    gif = SimpleUploadedFile("animasjon.gif", buffer.getvalue())
    with pytest.raises(ValidationError, match="JPEG-, PNG- eller WebP-bilde"):
        images.validate_upload(gif)


def test_an_initiative_with_a_stored_image_saves_again(asker, settings, tmp_path):
    """Saving an initiative in the admin checks its image rows again after the admin has
    opened and closed their files: that was a server error; a stored image passes, and a
    new upload to the same row is still checked."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    initiative = make_initiative(asker)
    stored = InitiativeImage.objects.create(
        initiative=initiative, image=jpeg_with_gps((800, 600)), alt_text="Ladestasjon"
    )
    again = InitiativeImage.objects.get(pk=stored.pk)
    again.image.open()
    again.image.close()
    again.full_clean()
    again.image = SimpleUploadedFile("bilde.jpg", b"%PDF-1.4 not an image")
    with pytest.raises(ValidationError, match="ikke et bilde vi kan lese"):
        again.full_clean()
