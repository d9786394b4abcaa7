"""An idea's photo kept while its form comes back with errors.

Browsers never fill in a file input again, so a photo chosen in a form that is refused
(a missing title, a missing alt text) would be lost. A photo that passed its own checks is
kept instead as a *pending upload*: stored under `pending/` with a random name, and named
in the person's session under a random token that the form sends back in a hidden field.
Only that session can use it. Nothing serves files under `pending/` (kominn/core/media.py
knows no model that holds them), so a pending photo is never publicly addressable. When
the idea is saved, the photo goes through the idea's image field like a fresh upload and
the pending file is deleted; photos left behind in abandoned forms are deleted by
`purge_old_data` after a day (`purge`).
"""

import logging
import secrets
from datetime import timedelta
from pathlib import PurePosixPath

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from .models import Idea

logger = logging.getLogger(__name__)

FOLDER = "pending"
SESSION_KEY = "pending_idea_images"
# A person rarely has more than a form or two open; older pending photos give way.
MAX_PER_SESSION = 5
KEEP_HOURS = 24


def _storage():
    return Idea._meta.get_field("image").storage


def _kept(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def keep(request, upload) -> str:
    """Store `upload` as a pending photo of this session; return its token."""
    suffix = PurePosixPath(upload.name).suffix.lower()
    upload.seek(0)
    name = _storage().save(f"{FOLDER}/{secrets.token_urlsafe(18)}{suffix}", upload)
    upload.seek(0)
    token = secrets.token_urlsafe(12)
    kept = dict(_kept(request))
    kept[token] = {
        "name": name,
        "filename": PurePosixPath(upload.name).name[:200],
        "content_type": getattr(upload, "content_type", None) or "application/octet-stream",
    }
    while len(kept) > MAX_PER_SESSION:
        _delete(kept.pop(next(iter(kept)))["name"])
    request.session[SESSION_KEY] = kept
    return token


def find(request, token) -> dict | None:
    """The pending photo `token` names in this session: {"name", "filename", …}."""
    if not isinstance(token, str) or not token:
        return None
    return _kept(request).get(token)


def as_upload(pending) -> SimpleUploadedFile | None:
    """The pending photo as a file the form takes like a fresh upload; None when it is gone."""
    try:
        with _storage().open(pending["name"]) as file:
            content = file.read()
    except FileNotFoundError:
        return None
    return SimpleUploadedFile(pending["filename"], content, pending["content_type"])


def discard(request, token) -> None:
    """Forget the pending photo `token` and delete its file."""
    kept = dict(_kept(request))
    pending = kept.pop(token, None) if isinstance(token, str) else None
    if pending is None:
        return
    request.session[SESSION_KEY] = kept
    _delete(pending["name"])


def _delete(name) -> None:
    try:
        _storage().delete(name)
    except Exception:
        logger.exception("Could not delete the pending upload %s", name)


def purge(*, now=None) -> int:
    """Delete pending photos older than a day (forms left with errors); return how many."""
    storage = _storage()
    cutoff = (now or timezone.now()) - timedelta(hours=KEEP_HOURS)
    try:
        _folders, files = storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return 0
    deleted = 0
    for filename in files:
        name = f"{FOLDER}/{filename}"
        try:
            if storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                deleted += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return deleted
