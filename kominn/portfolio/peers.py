"""Other KomInn installations' shared initiatives in this one's sharing bank.

`sync_peer(url)` (run by `manage.py sync_shared`, from cron or the scheduler, never in a
request) reads a peer's feed of shared initiatives page by page, checks every document,
and only when all of it is good stores them in one transaction: new ones added, changed
ones updated, the ones the peer no longer shares removed. A peer that is down, slow, too
large or sends one bad document changes nothing here; the run logs one line for each
failure and goes on with the next peer. Pages never fetch anything: a peer's trouble
cannot reach a visitor.

A peer's initiatives are Initiative rows of organisations created for its municipalities
(with no host name, so never served), published and shared, with `peer` set: the bank
lists and filters them with its one query, read-only, marked with their origin.
"""

import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation

from kominn.core.slugs import norwegian_slugify
from kominn.organisations.models import Organisation

from . import exchange
from .models import Approach, Benefit, Initiative, Lesson, Peer

logger = logging.getLogger("kominn.sharing")


@dataclass
class SyncResult:
    peer: str
    added: int = 0
    updated: int = 0
    removed: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


@translation.override("en")
def sync_peer(url, *, timeout=None) -> SyncResult:
    """Bring the bank's copy of one peer's shared initiatives up to date from its feed at
    `url`. Returns what changed, or the errors (then nothing changed), in English for the
    operator's log."""
    result = SyncResult(peer=url)
    try:
        exchange.check_url(url)
        documents = _read_feed(url, timeout=timeout, result=result)
    except (exchange.FetchError, exchange.DocumentError) as error:
        result.errors.append(str(error))
    if result.errors:
        for message in result.errors:
            logger.warning("sync_shared %s: %s", url, message)
        Peer.objects.filter(url=url).update(error="\n".join(result.errors)[:2000])
        return result
    _store(url, documents, result)
    logger.info(
        "sync_shared %s: %d added, %d updated, %d removed",
        url,
        result.added,
        result.updated,
        result.removed,
    )
    return result


def _read_feed(url, *, timeout, result):
    """Every document of the feed, checked; errors collected in `result`."""
    host = urlsplit(url).hostname
    documents = {}
    page_url, pages = url, 0
    while page_url and pages < exchange.MAX_FEED_PAGES:
        raw, page_url = exchange.validate_feed(exchange.fetch_json(page_url, timeout=timeout), url)
        pages += 1
        for index, raw_document in enumerate(raw):
            try:
                document = exchange.validate_document(raw_document)
            except exchange.DocumentError as error:
                result.errors.append(f"document {pages}.{index + 1}: {error}")
                continue
            # A peer speaks for its own initiatives only.
            if urlsplit(document["source_url"]).hostname != host:
                result.errors.append(
                    f"document {pages}.{index + 1}: source_url is not on the peer's host"
                )
                continue
            documents[document["source_url"]] = document
    return list(documents.values())


@transaction.atomic
def _store(url, documents, result):
    now = timezone.now()
    peer, _created = Peer.objects.select_for_update().get_or_create(
        url=url, defaults={"host": urlsplit(url).hostname}
    )
    existing = {item.source_url: item for item in peer.initiatives.select_related("organisation")}
    organisations = {organisation.name: organisation for organisation in peer.organisations.all()}
    for document in documents:
        name = document["municipality"]["name"]
        if name not in organisations:
            number = document["municipality"]["organisation_number"]
            organisations[name] = _organisation_for(peer, name, number)
        copy = existing.pop(document["source_url"], None)
        fields = _fields(document, organisations[name], now)
        if copy is None:
            copy = Initiative(peer=peer, source_url=document["source_url"], **fields)
            copy.save()
            result.added += 1
        elif any(getattr(copy, name) != value for name, value in fields.items()) or (
            _parts(copy) != _parts_of(document)
        ):
            for name, value in fields.items():
                setattr(copy, name, value)
            copy.save()
            copy.benefits.all().delete()
            copy.lessons.all().delete()
            result.updated += 1
        else:
            continue
        Benefit.objects.bulk_create(
            [Benefit(initiative=copy, **benefit) for benefit in document["benefits"]]
        )
        Lesson.objects.bulk_create(
            [
                Lesson(initiative=copy, order=order, **lesson)
                for order, lesson in enumerate(document["lessons"])
            ]
        )
    for gone in existing.values():
        gone.delete()
        result.removed += 1
    # Municipalities the peer no longer shares anything from go too.
    for organisation in peer.organisations.exclude(initiative__peer=peer):
        try:
            with transaction.atomic():
                organisation.delete()
        except ProtectedError:
            peer.organisations.remove(organisation)
    peer.synced_at, peer.error = now, ""
    peer.save(update_fields=["synced_at", "error"])


@transaction.atomic
def forget_peer(url) -> int:
    """Take a peer out of the bank: its initiatives and the organisations made for its
    municipalities go. Returns the number of initiatives removed."""
    peer = Peer.objects.filter(url=url).first()
    if peer is None:
        return 0
    organisations = list(peer.organisations.all())
    removed = peer.initiatives.count()
    peer.delete()
    for organisation in organisations:
        try:
            with transaction.atomic():
                organisation.delete()
        except ProtectedError:
            pass
    logger.info("sync_shared %s: forgotten, %d removed", url, removed)
    return removed


def unconfigured_peers(configured):
    """Peers stored here that `configured` no longer names."""
    return list(Peer.objects.exclude(url__in=configured).values_list("url", flat=True))


def _fields(document, organisation, now):
    updated = document["updated_at"]
    return {
        "organisation": organisation,
        "title": document["title"],
        "summary": document["summary"],
        "need": document["need"],
        "what_is_new": document["what_is_new"],
        "approach": document["approach"] or Approach.FIRST,
        "phase": document["phase"],
        "contact_name": document["contact"]["name"],
        "contact_email": document["contact"]["email"],
        # Newest first in the bank, by when the peer last changed it (never in the future).
        "published_at": min(updated, now),
        "is_published": True,
        "shared": True,
    }


def _parts(copy):
    benefits = [
        {"type": b.type, "indicator": b.indicator, "unit": b.unit, "description": b.description}
        for b in copy.benefits.order_by("pk")
    ]
    lessons = [{"title": lesson.title, "body": lesson.body} for lesson in copy.lessons.all()]
    return benefits, lessons


def _parts_of(document):
    return document["benefits"], document["lessons"]


def _organisation_for(peer, name, number=""):
    """An organisation for one of the peer's municipalities: no host name, so no site
    serves it, and a short name of its own (the municipality and the peer's host)."""
    base = norwegian_slugify(f"{name} {peer.host}")[:44].strip("-") or "kommune"
    taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    organisation = Organisation.objects.create(
        name=name, slug=slug, contact_email="", organisation_number=number or ""
    )
    peer.organisations.add(organisation)
    return organisation


def configured_peers(extra=()):
    """The peers to sync: those given, else the KOMINN_SHARING_PEERS setting."""
    return list(extra) or list(settings.KOMINN_SHARING_PEERS)
