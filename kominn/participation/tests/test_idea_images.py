"""An idea's picture: on its card, small and lazy, and on its page in the width that fits."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import make_idea


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
    }


def photo(size=(2000, 1500)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 91, 127)).save(buffer, "JPEG")
    return SimpleUploadedFile("benk.jpg", buffer.getvalue(), content_type="image/jpeg")


def images_in(html):
    return [
        dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]+>", html)
    ]


@pytest.fixture
def idea(asker, citizen):
    return make_idea(
        asker, citizen, "Benker langs Askerelva", image=photo(), image_alt="En benk ved elva"
    )


def test_an_ideas_picture_is_kept_in_three_widths(idea):
    assert (idea.image_width, idea.image_height) == (1600, 1200)
    assert idea.medium.name.endswith(".webp") and idea.thumbnail.name.endswith(".webp")


def test_the_idea_card_shows_its_picture_small_and_lazy(client, idea):
    [card] = [i for i in images_in(client.get("/ideer/").text) if i.get("class") == "card-cover"]
    assert card["alt"] == "En benk ved elva"
    assert card["src"] == idea.thumbnail.url
    assert card["loading"] == "lazy"
    assert (card["width"], card["height"]) == ("1600", "1200")
    # A card never offers the full upload: a dense phone screen would pick it.
    assert "480w" in card["srcset"] and "960w" in card["srcset"]
    assert "1600w" not in card["srcset"] and idea.image.url not in card["srcset"]


def test_the_idea_page_shows_its_picture_with_every_width(client, idea):
    [picture] = [i for i in images_in(client.get(idea.get_absolute_url()).text) if "srcset" in i]
    assert picture["src"] == idea.image.url
    assert picture["alt"] == "En benk ved elva"
    assert picture["sizes"]


def test_removing_the_picture_removes_every_width(idea):
    idea.image = ""
    idea.image_alt = ""
    idea.save()
    assert not idea.thumbnail and not idea.medium
