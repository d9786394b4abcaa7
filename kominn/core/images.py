"""Uploaded images: checked to be real images under a size limit, re-encoded without
metadata (EXIF, GPS positions, ICC profiles), with smaller variants for lists and phones.

A cover image is kept in three widths (`process_cover`): the full size (at most 1600 px),
a middle one (960 px) and a small one (480 px), the two smaller as WebP, so a page's `srcset`
lets a phone fetch a small file while a wide screen still gets a sharp one."""

import io
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
FULL_SIZE = 1600
MEDIUM_SIZE = 960
SMALL_SIZE = 480
# A municipality's logo is shown at most 3rem (48 CSS px) high in the header: three
# times that serves every screen.
LOGO_HEIGHT = 144
LOGO_WIDTH = 600

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ATTACHMENT_SUFFIXES = {".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".txt", ".csv"}


def validate_upload(file):
    if getattr(file, "_committed", False):
        # Already stored, so checked when it came in. Saving the record again (an
        # initiative in the admin, with its images inline) must not read it back: the
        # admin has opened and closed it by then, and seeking a closed file fails.
        return
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The image is %(size).1f MB; the limit is 10 MB. Use a smaller image."),
            params={"size": file.size / 1024 / 1024},
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("The image has too many pixels. Use a smaller image."))
            image.verify()
        # verify() passes some cut-off files; decoding the pixels catches them.
        file.seek(0)
        with Image.open(file) as image:
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            _("The file is not an image we can read. Use a JPEG, PNG or WebP image.")
        ) from None
    finally:
        file.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Use a JPEG, PNG or WebP image."))


def validate_attachment(file):
    if Path(file.name).suffix.lower() not in ATTACHMENT_SUFFIXES:
        raise ValidationError(
            _("Attach PDF, Word, Excel, PowerPoint, OpenDocument, text or CSV files.")
        )
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is larger than the limit of 20 MB."))


def _fit(image, size):
    copy = image.copy()
    copy.thumbnail((size, size), Image.Resampling.LANCZOS)
    return copy


def _encode(image, transparent):
    buffer = io.BytesIO()
    if transparent:
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def process(file):
    """Re-encode an uploaded image without metadata; return (full size, small) files."""
    file.seek(0)
    with Image.open(file) as original:
        # Turn the pixels as the camera meant before the orientation tag is dropped.
        image = ImageOps.exif_transpose(original)
        transparent = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
        image = image.convert("RGBA" if transparent else "RGB")
        image.info = {}
        full = _encode(_fit(image, FULL_SIZE), transparent)
        small = _encode(_fit(image, SMALL_SIZE), transparent)
    # The uploaded name is not kept: files are stored under random names (core.media).
    suffix = "png" if transparent else "jpg"
    return ContentFile(full, name=f"image.{suffix}"), ContentFile(small, name=f"small.{suffix}")


def _encode_webp(image):
    buffer = io.BytesIO()
    # WebP keeps transparency; quality 80 keeps a 480 px cover around 20–40 KB.
    image.save(buffer, "WEBP", quality=80, method=6)
    return buffer.getvalue()


def _opened(file):
    file.seek(0)
    with Image.open(file) as original:
        image = ImageOps.exif_transpose(original)
        transparent = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
        image = image.convert("RGBA" if transparent else "RGB")
        image.info = {}
    return image, transparent


def process_cover(file):
    """Re-encode an uploaded image without metadata; return (full size, medium, small)
    files, the medium and small ones as WebP. The small one is always made (lists show
    it); the medium one only for an image wider than it (none is blown up), else None."""
    image, transparent = _opened(file)
    full = _fit(image, FULL_SIZE)
    medium = None
    if max(image.size) > MEDIUM_SIZE:
        medium = ContentFile(_encode_webp(_fit(image, MEDIUM_SIZE)), name="medium.webp")
    small = ContentFile(_encode_webp(_fit(image, SMALL_SIZE)), name="small.webp")
    suffix = "png" if transparent else "jpg"
    return ContentFile(_encode(full, transparent), name=f"image.{suffix}"), medium, small


def process_logo(file):
    """Re-encode an uploaded logo without metadata, at most LOGO_HEIGHT high and LOGO_WIDTH
    wide, as PNG (logos are drawings with flat colours and often transparent)."""
    image, _transparent = _opened(file)
    copy = image.copy()
    copy.thumbnail((LOGO_WIDTH, LOGO_HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="logo.png")


def variant_width(width, height, size):
    """The width of the variant fitted within size × size of a width × height image."""
    if not width or not height:
        return None
    return max(1, round(width * min(1, size / max(width, height))))


@dataclass(frozen=True)
class Responsive:
    """What an <img> needs to show one uploaded image in the width that fits the screen."""

    src: str
    small: str
    srcset: str
    width: int | None
    height: int | None
    alt: str
    # Cards never need the full file: at most the middle width, so a list on a phone with
    # a dense screen fetches a few kilobytes a card.
    card_srcset: str = ""


def responsive(*, full, medium, small, width, height, alt) -> Responsive | None:
    """The sources of an image stored in up to three widths (see process_cover); images
    stored before the middle width was made have two, and the srcset says so."""
    if not full:
        return None
    sources = {}
    for file, size in ((small, SMALL_SIZE), (medium, MEDIUM_SIZE), (full, None)):
        if file:
            file_width = width if size is None else variant_width(width, height, size)
            if file_width and file_width not in sources:
                sources[file_width] = file.url
    srcset = ", ".join(f"{url} {file_width}w" for file_width, url in sorted(sources.items()))
    card = {w: url for w, url in sources.items() if url != full.url} if small else sources
    return Responsive(
        src=full.url,
        small=small.url if small else full.url,
        srcset=srcset,
        width=width,
        height=height,
        alt=alt,
        card_srcset=", ".join(f"{url} {w}w" for w, url in sorted(card.items())),
    )
