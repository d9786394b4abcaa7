"""Uploaded files: stored under names nobody can guess, shown only to those who may see
what they belong to, and removed from storage together with it.

Every upload field names its files with `RandomName`, so an address tells nothing of the
uploader's file name and cannot be guessed from another one. An app registers each model
with uploaded files in its AppConfig.ready():

    media.register(Idea, ["image", "thumbnail"], can_view=rules.can_view_idea_media)

Then `serve(request, name)` (the `/media/` view) finds the object that holds the file, in
the request's organisation (or, for rows a model names as shared with every organisation,
in any), and answers 404 unless `can_view(user, object)` says the
person may see it. The file comes from the local disk, or, from object storage, by a
redirect to a signed address that expires soon (kominn/core/storage.py). When the object is
deleted, or a file replaced or cleared, the old file is deleted from storage once the
transaction commits.
"""

import logging
import mimetypes
import secrets
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.deconstruct import deconstructible

from .access import organisation_lookup

logger = logging.getLogger(__name__)

# The organisation itself holds files too (its logo); core names it without importing it.
ORGANISATION_MODEL = "organisations.Organisation"
# How long a signed address to object storage is valid; redirects to it, and the file
# fetched by it, may be kept by the browser for half of that.
SIGNED_URL_SECONDS = 600
# How long anyone (a browser, a proxy) may keep a file of public content. Content hidden or
# unpublished later may so be seen in a cache for up to this long.
PUBLIC_MAX_AGE = 3600


@deconstructible
class RandomName:
    """`upload_to` for uploaded files: `<folder>/<random token><suffix>`, keeping only the
    uploaded name's suffix (lower case)."""

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename):
        suffix = PurePosixPath(filename).suffix.lower()
        return f"{self.folder}/{secrets.token_urlsafe(18)}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


@dataclass(frozen=True)
class Owner:
    model: type
    fields: tuple[str, ...]
    can_view: object
    download_name: object
    shared: object = None

    @property
    def prefixes(self):
        """The folders its files are stored in (files stored before the names were random
        are in the same folders)."""
        return tuple(
            f"{self.model._meta.get_field(field).upload_to.folder}/" for field in self.fields
        )

    def find(self, organisation, name):
        if self.model._meta.label == ORGANISATION_MODEL:
            scope = {"pk": organisation.pk}  # the organisation's own files: its logo
        else:
            scope = {f"{organisation_lookup(self.model)}_id": organisation.pk}
        holds = Q()
        for field in self.fields:
            holds |= Q(**{field: name})
        rows = self.model._default_manager.filter(holds)
        found = rows.filter(**scope).first()
        if found is None and self.shared is not None:
            # Shown on every municipality's site (the sharing bank), so served on every host.
            found = rows.filter(self.shared()).first()
        if found is None:
            return None, None
        field = next(f for f in self.fields if getattr(found, f).name == name)
        return found, self.model._meta.get_field(field).storage


_owners: dict[str, Owner] = {}


def register(model, fields, *, can_view, download_name=None, shared=None) -> None:
    """Serve and clean up the files in `model`'s `fields`: `can_view(user, object)` says who
    may see them; `download_name(object)` gives a file name for the browser to save
    it as (e.g. an attachment's title); `shared()`, a Q, picks the rows every
    organisation's site shows (the sharing bank's), whose files are served on every host.
    Registering a model again replaces it (ready() may run more than once in tests)."""
    label = model._meta.label
    _owners[label] = Owner(model, tuple(fields), can_view, download_name, shared)
    # Signals, because deleting cascades (an idea with its author's account, an image with
    # its initiative) call no delete() of the rows they take along.
    post_delete.connect(_delete_files, sender=model, dispatch_uid=f"media-delete-{label}")
    pre_save.connect(_note_replaced, sender=model, dispatch_uid=f"media-note-{label}")
    post_save.connect(_delete_replaced, sender=model, dispatch_uid=f"media-replaced-{label}")


def serve(request, name):
    """The response for the uploaded file `name`: the file, or a redirect to it, when the
    person may see what holds it in the request's organisation; else 404."""
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        raise Http404
    for owner in _owners.values():
        if not name.startswith(owner.prefixes):
            continue
        found, storage = owner.find(organisation, name)
        if found is not None:
            break
    else:
        raise Http404
    if not owner.can_view(request.user, found):
        raise Http404
    public = owner.can_view(AnonymousUser(), found)
    download_name = owner.download_name(found) if owner.download_name else None
    if hasattr(storage, "signed_url"):
        cache_control = f"{'public' if public else 'private'}, max-age={SIGNED_URL_SECONDS // 2}"
        response = HttpResponseRedirect(
            storage.signed_url(
                name,
                expire=SIGNED_URL_SECONDS,
                cache_control=cache_control,
                download_name=download_name,
            )
        )
        response["Cache-Control"] = cache_control if public else "private, no-store"
        return response
    try:
        file = storage.open(name)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        file,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        filename=download_name or "",
    )
    response["Cache-Control"] = (
        f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, no-store"
    )
    return response


def _names(instance, fields):
    return {
        getattr(instance, field).name: instance._meta.get_field(field).storage
        for field in fields
        if getattr(instance, field)
    }


def _remove(files):
    for name, storage in files.items():
        try:
            storage.delete(name)
        except Exception:
            # The change is committed; a file left behind is wasted space, not an error
            # for the person who made it.
            logger.exception("Could not delete the uploaded file %s", name)


def _delete_files(sender, instance, using, **kwargs):
    owner = _owners[sender._meta.label]
    transaction.on_commit(partial(_remove, _names(instance, owner.fields)), using=using)


def _note_replaced(sender, instance, raw, using, update_fields, **kwargs):
    owner = _owners[sender._meta.label]
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(owner.fields):
        return
    stored = sender._base_manager.using(using).filter(pk=instance.pk).values(*owner.fields).first()
    if stored is None:
        return
    replaced = {}
    for field in owner.fields:
        current = getattr(instance, field)
        # A newly chosen file still has the uploaded name here; it gets its own after this.
        if stored[field] and not (current and current._committed and current.name == stored[field]):
            replaced[stored[field]] = instance._meta.get_field(field).storage
    instance._media_replaced = replaced


def _delete_replaced(sender, instance, using, **kwargs):
    replaced = instance.__dict__.pop("_media_replaced", None)
    if replaced:
        transaction.on_commit(partial(_remove, replaced), using=using)
