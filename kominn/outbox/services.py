"""Queueing mail. Every mail KomInn sends is a row here first; the worker sends it."""

from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape

from kominn.core import serving
from kominn.organisations.models import Organisation

from .models import OutgoingMail

LOCAL_BASE_URL = "http://127.0.0.1:8000"


def queue_mail(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    unsubscribe_url: str | None = None,
    kind: str = "personal",
    organisation=None,
) -> OutgoingMail:
    """Queue one mail to `to`, rendered now, in the active language; the worker sends it.

    `template` names `<template>.txt` (required) and `<template>.html` (optional; made
    from the text when missing; HTML templates extend outbox/email_base.html). Give
    `unsubscribe_url` (absolute, one-click) for every mail that is not strictly personal:
    it becomes the List-Unsubscribe headers and a link in the footer of both parts.
    The row is written in the caller's transaction, so a rolled-back change sends nothing.
    """
    # A header is one line; a stray newline would make the mail unsendable.
    subject = " ".join(str(subject).split())
    context = {
        "organisation": organisation,
        "organisation_name": organisation.name if organisation else "KomInn",
        **context,
        "subject": subject,
        "unsubscribe_url": unsubscribe_url,
    }
    text = render_to_string(f"{template}.txt", context)
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        # The text is rendered without escaping (and marked safe); the HTML escapes it again.
        plain_text = "".join(text)
        html = render_to_string("outbox/email_base.html", context | {"text_body": plain_text})
    headers = {"Message-ID": _message_id(), "Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        if unsubscribe_url not in text:
            text = text.rstrip() + "\n" + render_to_string("outbox/_footer.txt", context)
        if unsubscribe_url not in html and escape(unsubscribe_url) not in html:
            raise ValueError(
                f"{template}.html has no unsubscribe link: extend outbox/email_base.html."
            )
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail = OutgoingMail(
        organisation=organisation,
        to=to,
        subject=subject,
        body_text=text,
        body_html=html,
        headers=headers,
        kind=kind,
        next_attempt_at=timezone.now(),
    )
    mail.full_clean()
    mail.save()
    return mail


def _message_id() -> str:
    # Chosen once, so a mail that is retried keeps its identity.
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "kominn.invalid"
    return make_msgid(domain=domain)


def absolute_url(path: str, organisation=None) -> str:
    """`path` as an absolute URL, for links in mail.

    KOMINN_BASE_URL when set. Else, while a request is answered (kominn.core.serving), the
    address it came on when that is a local run (DEBUG) or not one of the organisation's
    host names: a link then leads back to where the person is, not to the demo
    organisation's production host. Else https:// and the first host name of the
    organisation (or of the default one); with DEBUG on, the local development server
    comes before it (the worker and the scheduler run without a request).
    """
    if settings.KOMINN_BASE_URL:
        return settings.KOMINN_BASE_URL.rstrip("/") + path
    if organisation is None:
        organisation = Organisation.objects.filter(is_default=True).first()
    hosts = (
        list(organisation.host_names.order_by("pk").values_list("name", flat=True))
        if organisation is not None
        else []
    )
    served = serving.served_at()
    if served is not None and (settings.DEBUG or served.partition("://")[2].lower() not in hosts):
        return served + path
    if settings.DEBUG:
        return LOCAL_BASE_URL + path
    if hosts:
        return f"https://{hosts[0]}{path}"
    raise ImproperlyConfigured(
        "KomInn cannot make an absolute URL for mail: set KOMINN_BASE_URL, "
        "or give the organisation a host name."
    )
