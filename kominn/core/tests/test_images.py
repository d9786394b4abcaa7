"""Cover images in the widths a page's srcset offers, and a municipality's logo."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kominn.core import images


def upload(size, mode="RGB", colour=(0, 91, 127)):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, "PNG")
    return SimpleUploadedFile("bilde.png", buffer.getvalue(), content_type="image/png")


def opened(content_file):
    content_file.seek(0)
    return Image.open(io.BytesIO(content_file.read()))


def test_a_cover_is_kept_in_three_widths_the_smaller_two_as_webp():
    full, medium, small = images.process_cover(upload((3000, 2000)))
    assert opened(full).format == "JPEG" and opened(full).size == (1600, 1067)
    assert opened(medium).format == "WEBP" and opened(medium).size == (960, 640)
    assert opened(small).format == "WEBP" and opened(small).size == (480, 320)


def test_a_small_cover_is_not_blown_up():
    full, medium, small = images.process_cover(upload((400, 300)))
    assert medium is None
    assert opened(full).size == (400, 300)
    assert opened(small).size == (400, 300)


def test_a_transparent_cover_stays_transparent():
    full, _medium, small = images.process_cover(upload((1200, 800), "RGBA", (0, 0, 0, 0)))
    assert opened(full).format == "PNG" and opened(full).mode == "RGBA"
    assert opened(small).mode == "RGBA"


class Stored:
    def __init__(self, url):
        self.url = url

    def __bool__(self):
        return True


def test_the_srcset_names_each_width_once_smallest_first():
    picture = images.responsive(
        full=Stored("/media/full.jpg"),
        medium=Stored("/media/medium.webp"),
        small=Stored("/media/small.webp"),
        width=1600,
        height=900,
        alt="En sykkel",
    )
    assert picture.srcset == (
        "/media/small.webp 480w, /media/medium.webp 960w, /media/full.jpg 1600w"
    )
    assert (picture.src, picture.small) == ("/media/full.jpg", "/media/small.webp")
    assert (picture.width, picture.height, picture.alt) == (1600, 900, "En sykkel")


def test_an_image_stored_before_the_middle_width_has_two_sources():
    picture = images.responsive(
        full=Stored("/media/full.jpg"),
        medium="",
        small=Stored("/media/small.jpg"),
        width=900,
        height=1600,
        alt="Et portrett",
    )
    assert picture.srcset == "/media/small.jpg 270w, /media/full.jpg 900w"


def test_cards_never_offer_the_full_file():
    """A card is small: a dense phone screen would otherwise pick the full upload."""
    stored = {"full": Stored("/media/full.jpg"), "small": Stored("/media/small.webp")}
    three = images.responsive(
        **stored, medium=Stored("/media/medium.webp"), width=1600, height=900, alt="Sykkel"
    )
    assert three.card_srcset == "/media/small.webp 480w, /media/medium.webp 960w"
    two = images.responsive(**stored, medium="", width=900, height=600, alt="Sykkel")
    assert two.card_srcset == "/media/small.webp 480w"


def test_no_image_gives_nothing_to_show():
    assert images.responsive(full="", medium="", small="", width=None, height=None, alt="") is None


def test_a_logo_is_made_header_sized_and_png():
    logo = opened(images.process_logo(upload((2000, 1000), "RGBA", (0, 91, 127, 255))))
    assert logo.format == "PNG"
    assert logo.size == (images.LOGO_HEIGHT * 2, images.LOGO_HEIGHT)
