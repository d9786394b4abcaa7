"""How initiatives look in lists and on their page: a cover image in the width that fits,
approach tags each in their colour, phase tags outlined."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import make_initiative
from kominn.portfolio.models import InitiativeImage


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
    }


def photo(size=(2400, 1350), colour=(46, 125, 50)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def images_in(html):
    return [
        dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]+>", html)
    ]


@pytest.fixture
def pictured(asker):
    initiative = make_initiative(asker, "Ladeplasser ved rådhuset", approach="first")
    InitiativeImage.objects.create(
        initiative=initiative, image=photo(), alt_text="Elbiler som lader", order=0
    )
    InitiativeImage.objects.create(
        initiative=initiative,
        image=photo((1200, 900), (194, 65, 12)),
        alt_text="Et ladepunkt på nært hold",
        order=1,
    )
    return initiative


def test_a_card_shows_the_cover_small_with_its_widths_and_size(client, pictured):
    [cover] = [i for i in images_in(client.get("/tiltak/").text) if i.get("class") == "card-cover"]
    assert cover["alt"] == "Elbiler som lader"
    assert cover["src"].endswith(".webp")
    # Never the full upload on a card: a dense phone screen would pick it.
    assert re.fullmatch(r"\S+\.webp 480w, \S+\.webp 960w", cover["srcset"])
    assert cover["sizes"]
    assert (cover["width"], cover["height"]) == ("1600", "900")
    assert cover["loading"] == "lazy"


def test_the_page_shows_the_cover_at_once_and_the_other_images_below(client, pictured):
    html = client.get(pictured.get_absolute_url()).text
    first, second = [i for i in images_in(html) if i["src"].startswith("/media/")]
    assert first["alt"] == "Elbiler som lader"
    assert "loading" not in first  # the cover is on the first screen
    assert first["src"].endswith(".jpg") and "960w" in first["srcset"]
    assert second["alt"] == "Et ladepunkt på nært hold"
    assert second["loading"] == "lazy"
    assert "Flere bilder" in html
    assert f'<meta property="og:image" content="http://testserver{pictured.cover.image.url}">' in (
        html
    )


def test_every_image_of_a_list_page_is_served(client, pictured):
    cover = [i for i in images_in(client.get("/tiltak/").text) if i.get("class") == "card-cover"]
    for source in cover[0]["srcset"].split(", "):
        url = source.split()[0]
        response = client.get(url)
        assert response.status_code == 200, url


def test_approaches_have_their_own_colours_and_phases_are_outlined(client, asker):
    for approach in ("first", "adopted", "shared"):
        make_initiative(asker, f"Tiltak {approach}", approach=approach, phase="practice")
    html = client.get("/tiltak/").text
    colours = {
        approach: re.search(
            rf'class="ds-tag approach-tag approach-tag--{approach}" data-color="(\w+)"', html
        ).group(1)
        for approach in ("first", "adopted", "shared")
    }
    assert len(set(colours.values())) == 3
    assert (
        'class="ds-tag phase-tag phase-tag--practice" data-color="neutral" data-variant="outline"'
        in html
    )


def test_an_initiative_without_images_has_no_cover(client, asker):
    initiative = make_initiative(asker, "Uten bilde")
    assert '<img class="card-cover"' not in client.get("/tiltak/").text
    assert "<figure" not in client.get(initiative.get_absolute_url()).text
