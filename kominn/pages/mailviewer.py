"""The mail viewer of a local run: /_mail/ lists the mail written under var/mail/.

Without EMAIL_HOST, KomInn's mail goes to files (Django's file backend), encoded for
sending: quoted-printable, with its links broken over lines. This page decodes them, so a
newcomer can read the confirmation mail and follow its link. Only with DEBUG on; with
DEBUG off every address here answers 404, whatever the files.
"""

import email
import re
from email import policy
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
FILE_NAME = re.compile(r"^[\w.-]+\.log$")


def _mail_dir() -> Path | None:
    backend = settings.MAILERS.get("default", {})
    if not backend.get("BACKEND", "").endswith("filebased.EmailBackend"):
        return None
    return Path(backend["OPTIONS"]["file_path"])


def _messages(path: Path) -> list:
    """The messages in one file of the file backend, decoded."""
    chunks = [chunk.strip() for chunk in path.read_bytes().split(SEPARATOR)]
    return [email.message_from_bytes(chunk, policy=policy.default) for chunk in chunks if chunk]


def _summary(name, index, message) -> dict:
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return {
        "file": name,
        "index": index,
        "to": message.get("To", ""),
        "subject": message.get("Subject", ""),
        "date": message.get("Date", ""),
        "text": text.get_content() if text is not None else "",
        "has_html": html is not None,
    }


def _local_run_only():
    if not settings.DEBUG:
        raise Http404
    directory = _mail_dir()
    if directory is None:
        raise Http404
    return directory


@never_cache
def mail_list(request):
    directory = _local_run_only()
    files = sorted(directory.glob("*.log"), key=lambda path: path.stat().st_mtime, reverse=True)
    mails = []
    for path in files[:50]:
        found = _messages(path)
        mails += [_summary(path.name, i, m) for i, m in reversed(list(enumerate(found)))]
    return render(request, "pages/mail_list.html", {"mails": mails, "directory": directory})


@never_cache
def mail_detail(request, name, index):
    directory = _local_run_only()
    path = directory / name
    if not FILE_NAME.match(name) or not path.is_file():
        raise Http404
    found = _messages(path)
    if index >= len(found):
        raise Http404
    return render(request, "pages/mail_detail.html", {"mail": _summary(name, index, found[index])})
