"""Shared initiatives between KomInn installations: the document format, reading it
safely, and fetching it from another installation.

The format is described in docs/sharing.md ("Between installations"). A document is
untrusted input wherever it comes from: `validate_document` checks every field's type,
length and choices, that addresses are http(s), and refuses a version this installation
does not read; `fetch_json` reads from the network with timeouts and a size limit. The
Markdown fields are stored as written and, like everything people write, rendered through
the sanitizer (kominn/core/markdown.py) when shown.
"""

import json
import time
from datetime import datetime
from urllib.parse import urlsplit

import requests
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Approach, BenefitType, Phase

FORMAT = "kominn-initiative"
FEED_FORMAT = "kominn-feed"
VERSION = 1

# Untrusted input is bounded: no document or feed page larger than this, no wait longer.
MAX_BYTES = 2 * 1024 * 1024
TIMEOUT_SECONDS = 10  # to connect, and between any two pieces of the answer
TOTAL_SECONDS = 30  # the whole answer, so a server that trickles cannot hold a run
MAX_LIST = 50  # benefits or lessons in one document
MAX_MARKDOWN = 20_000
# A feed's pages of initiatives: 50 to a page, at most this many pages are read.
FEED_PAGE_SIZE = 50
MAX_FEED_PAGES = 40


class DocumentError(ValueError):
    """A document that cannot be read: `errors` says what is wrong, one line each."""

    def __init__(self, errors):
        self.errors = list(errors) if isinstance(errors, list | tuple) else [str(errors)]
        super().__init__("; ".join(self.errors))


class FetchError(RuntimeError):
    """The other installation did not answer with a document in time."""


# --- Writing ------------------------------------------------------------------------------


def export_document(initiative, source_url, image_url=None) -> dict:
    """A shared initiative as a document of the current version. `source_url` is the
    absolute address of its page in this installation's sharing bank. Benefits without
    their measurements; the contact as its owner entered it; no other personal data."""
    organisation = initiative.organisation
    document = {
        "format": FORMAT,
        "version": VERSION,
        "source_url": source_url,
        "municipality": {
            "name": organisation.name,
            "organisation_number": getattr(organisation, "organisation_number", "") or None,
        },
        "title": initiative.title,
        "summary": initiative.summary,
        "need": initiative.need,
        "what_is_new": initiative.what_is_new,
        "approach": initiative.approach,
        "phase": initiative.phase,
        "benefits": [
            {
                "type": benefit.type,
                "indicator": benefit.indicator,
                "unit": benefit.unit,
                "description": benefit.description,
            }
            for benefit in initiative.benefits.all()
        ],
        "lessons": [
            {"title": lesson.title, "text": lesson.body} for lesson in initiative.lessons.all()
        ],
        "contact": {"name": initiative.contact_name, "email": initiative.contact_email},
        "updated_at": initiative.updated_at.isoformat(),
    }
    if image_url:
        document["image_url"] = image_url
    return document


# --- Reading ------------------------------------------------------------------------------


def check_url(url) -> str:
    """`url` when it is an absolute http(s) address; else DocumentError."""
    if not isinstance(url, str) or len(url) > 500:
        raise DocumentError(_("The address must be text of at most 500 characters."))
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise DocumentError(
            _("Only http and https addresses are allowed, not “%(url)s”.") % {"url": url[:100]}
        )
    return url


class _Reader:
    """Collects every problem in a document, each named by its field."""

    def __init__(self, data):
        self.data = data
        self.errors = []

    def error(self, field, message):
        self.errors.append(f"{field}: {message}")

    def text(self, data, field, *, max_length, required=True, name=None):
        name = name or field
        value = data.get(field, "" if not required else None)
        if value is None and not required:
            value = ""
        if not isinstance(value, str):
            self.error(name, _("must be text") if value is not None else _("is missing"))
            return ""
        value = value.strip()
        if required and not value:
            self.error(name, _("must not be empty"))
        if len(value) > max_length:
            self.error(name, _("is longer than %(max)d characters") % {"max": max_length})
        return value

    def choice(self, data, field, choices, *, name=None):
        value = data.get(field)
        if value not in {choice.value for choice in choices}:
            self.error(name or field, _("“%(value)s” is not one of %(choices)s") % {
                "value": str(value)[:40],
                "choices": ", ".join(choice.value for choice in choices),
            })  # fmt: skip
            return None
        return value

    def url(self, data, field, *, required=True):
        value = data.get(field)
        if value in (None, "") and not required:
            return ""
        try:
            return check_url(value)
        except DocumentError as error:
            self.error(field, error.errors[0])
            return ""

    def mapping(self, data, field):
        value = data.get(field)
        if not isinstance(value, dict):
            self.error(field, _("must be an object"))
            return {}
        return value

    def items(self, data, field):
        value = data.get(field, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.error(field, _("must be a list of objects"))
            return []
        if len(value) > MAX_LIST:
            self.error(field, _("has more than %(max)d entries") % {"max": MAX_LIST})
            return []
        return value


def validate_document(data) -> dict:
    """The document's content, checked and trimmed, ready to store; DocumentError
    listing every problem when it is not a valid document of a version read here.
    Fields this version does not know are ignored (see the version rule)."""
    if not isinstance(data, dict):
        raise DocumentError(_("The document is not a JSON object."))
    if data.get("format") != FORMAT:
        raise DocumentError(
            _("This is not a KomInn initiative: “format” must be “%(format)s”.")
            % {"format": FORMAT}
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version != VERSION:
        raise DocumentError(
            _("Version %(version)s is not supported; this installation reads version %(ours)d.")
            % {"version": str(version)[:20], "ours": VERSION}
        )
    read = _Reader(data)
    municipality = read.mapping(data, "municipality")
    contact = data.get("contact") or {}
    if not isinstance(contact, dict):
        read.error("contact", _("must be an object"))
        contact = {}
    cleaned = {
        "source_url": read.url(data, "source_url"),
        "municipality": {
            "name": read.text(municipality, "name", max_length=200, name="municipality.name"),
            "organisation_number": "",
        },
        "title": read.text(data, "title", max_length=200),
        "summary": read.text(data, "summary", max_length=600),
        "need": read.text(data, "need", max_length=MAX_MARKDOWN, required=False),
        "what_is_new": read.text(data, "what_is_new", max_length=MAX_MARKDOWN, required=False),
        "approach": read.choice(data, "approach", Approach),
        "phase": read.choice(data, "phase", Phase),
        "contact": {
            "name": read.text(contact, "name", max_length=200, required=False, name="contact.name"),
            "email": read.text(
                contact, "email", max_length=254, required=False, name="contact.email"
            ),
        },
        "image_url": read.url(data, "image_url", required=False),
    }
    number = municipality.get("organisation_number")
    if number not in (None, ""):
        if not isinstance(number, str) or not number.isdigit() or len(number) != 9:
            read.error("municipality.organisation_number", _("must be nine digits"))
        else:
            cleaned["municipality"]["organisation_number"] = number
    if cleaned["contact"]["email"]:
        try:
            EmailValidator()(cleaned["contact"]["email"])
        except ValidationError:
            read.error("contact.email", _("is not an e-mail address"))
    cleaned["benefits"] = []
    for index, item in enumerate(read.items(data, "benefits")):
        prefix = f"benefits[{index}]"
        cleaned["benefits"].append({
            "type": read.choice(item, "type", BenefitType, name=f"{prefix}.type"),
            "indicator": read.text(item, "indicator", max_length=200, name=f"{prefix}.indicator"),
            "unit": read.text(item, "unit", max_length=50, required=False, name=f"{prefix}.unit"),
            "description": read.text(
                item, "description", max_length=5000, required=False, name=f"{prefix}.description"
            ),
        })  # fmt: skip
    cleaned["lessons"] = [
        {
            "title": read.text(item, "title", max_length=200, name=f"lessons[{index}].title"),
            "body": read.text(item, "text", max_length=MAX_MARKDOWN, name=f"lessons[{index}].text"),
        }
        for index, item in enumerate(read.items(data, "lessons"))
    ]
    cleaned["updated_at"] = _timestamp(read, data.get("updated_at"))
    if read.errors:
        raise DocumentError(read.errors)
    return cleaned


def _timestamp(read, value):
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        read.error("updated_at", _("must be a date and time (ISO 8601)"))
        return None
    if timezone.is_naive(moment):
        read.error("updated_at", _("must give its time zone"))
        return None
    return moment


def parse_json(raw: bytes):
    if len(raw) > MAX_BYTES:
        raise DocumentError(
            _("The document is larger than %(size)d MB.") % {"size": MAX_BYTES // 1024 // 1024}
        )
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise DocumentError(_("The document is not valid JSON.")) from None


def fetch_json(url, *, timeout=None, max_bytes=None):
    """The JSON at `url` (http or https only), read with timeouts and a size limit; it
    stops reading as soon as the answer is larger. FetchError when the server does not
    answer well in time, DocumentError when the answer is too large or not JSON."""
    check_url(url)
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    deadline = time.monotonic() + max(TOTAL_SECONDS, timeout)
    try:
        # requests follows redirects to http(s) addresses only.
        with requests.get(
            url,
            timeout=(timeout, timeout),
            stream=True,
            headers={"Accept": "application/json", "User-Agent": "KomInn sync_shared"},
        ) as response:
            if response.status_code != 200:
                raise FetchError(_("The server answered %(status)d.") % {
                    "status": response.status_code
                })  # fmt: skip
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise DocumentError(_too_large(max_bytes))
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise DocumentError(_too_large(max_bytes))
                if time.monotonic() > deadline:
                    raise FetchError(_("The server took too long to answer."))
    except requests.Timeout:
        raise FetchError(_("The server did not answer in time.")) from None
    except requests.RequestException as error:
        raise FetchError(
            _("Could not reach the server (%(error)s).") % {"error": type(error).__name__}
        ) from None
    try:
        return json.loads(bytes(body).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise DocumentError(_("The answer is not valid JSON.")) from None


def _too_large(max_bytes):
    return _("The answer is larger than %(size)s kB.") % {"size": max_bytes // 1024}


def validate_feed(data, feed_url) -> tuple[list, str | None]:
    """The documents of one feed page (not yet checked each) and the next page's address,
    which must be on the feed's own host; DocumentError when the page is not a feed."""
    if not isinstance(data, dict) or data.get("format") != FEED_FORMAT:
        raise DocumentError(
            _("This is not a KomInn feed: “format” must be “%(format)s”.") % {"format": FEED_FORMAT}
        )
    if data.get("version") != VERSION:
        raise DocumentError(
            _("Version %(version)s is not supported; this installation reads version %(ours)d.")
            % {"version": str(data.get("version"))[:20], "ours": VERSION}
        )
    documents = data.get("initiatives")
    if not isinstance(documents, list) or len(documents) > FEED_PAGE_SIZE * 2:
        raise DocumentError(_("“initiatives” must be a list of at most 100 documents."))
    following = data.get("next")
    if following in (None, ""):
        return documents, None
    check_url(following)
    if not same_origin(following, feed_url):
        raise DocumentError(_("“next” must be on the feed's own host."))
    return documents, following


def same_origin(url, other) -> bool:
    one, two = urlsplit(url), urlsplit(other)
    return (one.scheme, one.hostname, one.port) == (two.scheme, two.hostname, two.port)
