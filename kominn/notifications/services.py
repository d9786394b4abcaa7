"""Telling people what happened: the notification, its mail at once, the daily digest.

Notifications knows no domain. The app that owns an event decides who is told and with
which words (e.g. kominn/participation/notify.py), and calls:

- `notify(...)`: tell these people about this thing, worded by this message.

And the commands call:

- `send_digests()`: the daily digest mails.

A notification is always listed on the person's page (/konto/varsler/). Whether it is also
mailed, at once or in the daily digest, is the person's choice per kind; "off" means no
e-mail, while the list on the site still shows it. Status changes and answers on your own
idea are always mailed at once.

Nobody is told about what they did themselves, nor about what a blocked account did.
Blocked and inactive (unconfirmed or deleted) accounts are told nothing.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from kominn.core import i18n
from kominn.outbox.services import absolute_url, queue_mail

from . import messages
from .models import (
    CHOOSABLE_KINDS,
    FIXED_DELIVERY,
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
)

User = get_user_model()
logger = logging.getLogger("kominn.notifications")

UNSUBSCRIBE_SALT = "kominn.notifications.unsubscribe"
# An unsubscribe link in a digest: it turns off every kind that comes in the digest.
DIGEST = "digest"


@transaction.atomic
def notify(
    *,
    kind,
    recipients,
    target,
    message: str,
    url: str,
    subject=None,
    target_url: str | None = None,
    params: dict | None = None,
    excerpt: str = "",
    actor=None,
) -> list[Notification]:
    """Tell `recipients` (users) that something of `kind` happened to `target` (the idea,
    challenge or initiative it is about; `subject` is what happened to it, e.g. a comment),
    caused by `actor`.

    `message` names the sender's registered words (kominn/notifications/messages.py) and
    `params` the values they need; the target's title and address, `url` (where the
    notification leads) and `excerpt` (what was written) are kept as they are now; the
    target's address is its `get_absolute_url()` unless `target_url` is given.
    Creates one notification per person (in the caller's transaction) and queues an e-mail
    at once for those who want it so; the daily ones wait for `send_digests`. The actor,
    duplicates, and blocked or inactive accounts are left out, and nothing is said about
    what a blocked account did. Returns the notifications made.
    """
    if actor is not None and actor.blocked_at is not None:
        return []
    people = _reachable(recipients, actor)
    if not people:
        return []
    organisation = target.organisation
    deliveries = NotificationPreference.objects.deliveries([person.pk for person in people], kind)
    now = timezone.now()
    about = {
        "target_type": ContentType.objects.get_for_model(target),
        "target_id": target.pk,
        "target_title": str(target),
        "target_url": target_url if target_url is not None else target.get_absolute_url(),
        "subject_type": ContentType.objects.get_for_model(subject) if subject else None,
        "subject_id": subject.pk if subject else None,
    }
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=person,
                kind=kind,
                organisation=organisation,
                **about,
                url=url,
                message=message,
                params=params or {},
                excerpt=excerpt,
                actor=actor,
                delivery=deliveries[person.pk],
            )
            for person in people
        ]
    )
    at_once = [n for n in notifications if n.delivery == Delivery.IMMEDIATELY]
    if at_once and (site := _site_or_none(organisation)) is not None:
        for notification in at_once:
            _mail_at_once(notification, site)
            notification.mailed_at = now
        Notification.objects.filter(pk__in=[n.pk for n in at_once]).update(mailed_at=now)
    return notifications


def _reachable(recipients, actor) -> list:
    people = {}
    for person in recipients:
        if person is None or person.pk in people:
            continue
        if actor is not None and person.pk == actor.pk:
            continue
        if not person.is_active or person.blocked_at is not None:
            continue
        people[person.pk] = person
    return list(people.values())


# E-mail.


def _site(organisation):
    """Makes absolute URLs on the organisation's site (looked up once)."""
    base = absolute_url("", organisation)
    return lambda path: base + path


def _site_or_none(organisation):
    # A comment must not fail because KomInn cannot say where it lives: the notification
    # is still listed on the site, and the log says what to set.
    try:
        return _site(organisation)
    except ImproperlyConfigured:
        logger.exception("Notification mail not queued: no address for links")
        return None


def _mail_at_once(notification, url) -> None:
    organisation = notification.organisation
    with (
        i18n.addresses_of(organisation),
        translation.override(notification.recipient.language or settings.LANGUAGE_CODE),
    ):
        unsubscribe = None
        if notification.kind not in FIXED_DELIVERY:
            unsubscribe = url(unsubscribe_path(notification.recipient, notification.kind))
        link = notification.link
        queue_mail(
            to=notification.recipient.email,
            subject=notification.mail_subject,
            template="notifications/email/notification",
            context={
                "notification": notification,
                "summary": notification.summary,
                "excerpt": notification.excerpt,
                "url": url(notification.get_absolute_url()),
                "link_text": link[0] if link else "",
                "link_url": url(link[1]) if link else "",
                "settings_url": url(reverse("notifications:notification_settings")),
                "always_sent": notification.kind in FIXED_DELIVERY,
            },
            unsubscribe_url=unsubscribe,
            kind="personal" if unsubscribe is None else "notification",
            organisation=organisation,
        )


def send_digests(*, now=None) -> int:
    """Mail each person their daily-digest notifications, grouped by what they are about
    (an idea, a challenge, an initiative). Nobody gets an empty digest, and nothing is
    mailed twice, so running it again the same day sends only what is new since. Runs what
    the apps registered to run first (`messages.before_digest`), such as the news pass, so
    news published today is in today's digest. Returns how many digests were queued.
    """
    now = now or timezone.now()
    messages.run_before_digest(now=now)
    people = (
        Notification.objects.awaiting_digest()
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    return sum(_send_digest(recipient_id, now) for recipient_id in list(people))


@transaction.atomic
def _send_digest(recipient_id, now) -> int:
    pending = list(
        Notification.objects.awaiting_digest()
        .filter(recipient_id=recipient_id)
        .for_list()
        .select_related("recipient", "organisation")
        .select_for_update(of=("self",), skip_locked=True)
        .order_by("created_at", "pk")
    )
    if not pending:
        return 0
    recipient = pending[0].recipient
    wanted = NotificationPreference.objects.for_user(recipient)
    reachable = recipient.is_active and recipient.blocked_at is None
    keep, drop = [], []
    for notification in pending:
        if (
            not reachable
            or wanted.get(notification.kind) == Delivery.OFF
            or notification.withdrawn
            or (notification.actor_id and notification.actor.blocked_at is not None)
        ):
            drop.append(notification.pk)
        else:
            keep.append(notification)
    # Turned off since, or hidden by a moderator since: no mail about it.
    Notification.objects.filter(pk__in=drop).update(delivery=Delivery.OFF)
    if not keep:
        return 0
    organisation = keep[-1].organisation
    url = _site(organisation)
    with (
        i18n.addresses_of(organisation),
        translation.override(recipient.language or settings.LANGUAGE_CODE),
    ):
        queue_mail(
            to=recipient.email,
            subject=ngettext(
                "%(count)d new notification from KomInn",
                "%(count)d new notifications from KomInn",
                len(keep),
            )
            % {"count": len(keep)},
            template="notifications/email/digest",
            context={
                "recipient": recipient,
                "groups": _groups(keep),
                "count": len(keep),
                "list_url": url(reverse("notifications:notifications")),
                "settings_url": url(reverse("notifications:notification_settings")),
            },
            unsubscribe_url=url(unsubscribe_path(recipient, DIGEST)),
            kind="notification",
            organisation=organisation,
        )
    Notification.objects.filter(pk__in=[n.pk for n in keep]).update(mailed_at=now)
    return 1


def _groups(notifications) -> list[dict]:
    """The notifications grouped by what they are about, in the order they first came."""
    groups, sites = {}, {}
    for notification in notifications:
        if notification.organisation_id not in sites:
            sites[notification.organisation_id] = _site(notification.organisation)
        url = sites[notification.organisation_id]
        key = (notification.target_type_id, notification.target_id)
        if key not in groups:
            groups[key] = {
                "title": notification.target_title,
                "url": url(notification.get_target_url()),
                "entries": [],
            }
        link = notification.link
        groups[key]["entries"].append(
            {
                "summary": notification.summary,
                "excerpt": notification.shown_excerpt,
                "url": url(notification.get_absolute_url()),
                "link_text": link[0] if link else "",
                "link_url": url(link[1]) if link else "",
                "created_at": notification.created_at,
            }
        )
    return list(groups.values())


# Preferences and one-click unsubscribe.


def set_preferences(*, user, choices: dict) -> None:
    """Save the person's delivery per kind. Fixed kinds (status) cannot be changed."""
    for kind, delivery in choices.items():
        if kind in FIXED_DELIVERY or kind not in CHOOSABLE_KINDS:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": Delivery(delivery)}
        )


def unsubscribe_path(user, kind) -> str:
    """A signed link that turns off e-mail of one kind (or the digest) for one person."""
    token = signing.dumps({"u": user.pk, "k": str(kind)}, salt=UNSUBSCRIBE_SALT, compress=True)
    return reverse("notifications:unsubscribe", args=[token])


def read_unsubscribe_token(token):
    """(user, kind) from a valid link, else None. The links do not expire: an old mail's
    link should still stop the mail."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    kind = data.get("k")
    if kind != DIGEST and kind not in CHOOSABLE_KINDS:
        return None
    user = User.objects.filter(pk=data.get("u")).first()
    return (user, kind) if user is not None else None


def kinds_to_turn_off(user, kind) -> list:
    """The kinds an unsubscribe link would turn off now: its own kind unless it is off
    already, or for the digest every kind the person gets in the digest."""
    wanted = NotificationPreference.objects.for_user(user)
    if kind == DIGEST:
        return [NotificationKind(k) for k, delivery in wanted.items() if delivery == Delivery.DAILY]
    return [] if wanted[kind] == Delivery.OFF else [NotificationKind(kind)]


@transaction.atomic
def unsubscribe(*, user, kind) -> list:
    """Turn off e-mail of the link's kind(s). Returns the kinds turned off."""
    kinds = kinds_to_turn_off(user, kind)
    set_preferences(user=user, choices=dict.fromkeys(kinds, Delivery.OFF))
    return kinds
