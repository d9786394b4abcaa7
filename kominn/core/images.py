"""Uploaded images: checked to be real images under a size limit, re-encoded without
metadata (EXIF, GPS positions, ICC profiles), with a smaller variant for lists."""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
FULL_SIZE = 1600
SMALL_SIZE = 480

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ATTACHMENT_SUFFIXES = {".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".txt", ".csv"}


def validate_upload(file):
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
