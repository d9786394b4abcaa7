"""Telling people what happened to their ideas, comments and what they follow.

Other apps call these, inside their own transaction, after the change is saved:

- `notify_comment(comment=...)`: a comment or reply was written.
- `notify_offer(offer=...)`: someone offered to help with an idea or an initiative.
- `notify_idea_submitted(idea=...)`: an idea was sent in (tells a challenge's followers).
- `notify_idea_status(idea=..., event=..., actor=...)`: the municipality changed an idea's
  status, answered it, linked it to an initiative, or that initiative changed phase.
- `notify(...)`: the general function the others use.

And the commands call:

- `notify_published_news()`: news that has become visible, to the followers of what it is
  about (once per article; a publish date may lie in the future, so this runs often).
- `send_digests()`: the daily digest mails.

A notification is always listed on the person's page (/konto/varsler/). Whether it is also
mailed, at once or in the daily digest, is the person's choice per kind; "off" means no
e-mail, while the list on the site still shows it. Status changes and answers on your own
idea are always mailed at once.

Nobody is told about what they did themselves, and nothing is said about hidden ideas or
comments, or about what a blocked account did. Blocked and inactive (unconfirmed or deleted)
accounts are told nothing.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from kominn.outbox.services import absolute_url, queue_mail
from kominn.participation.models import Follow, IdeaEventKind
from kominn.portfolio.models import Initiative, NewsArticle
from kominn.portfolio.rules import can_edit_initiative

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
    idea=None,
    comment=None,
    challenge=None,
    initiative=None,
    news=None,
    offer=None,
    event=None,
    actor=None,
    text="",
) -> list[Notification]:
    """Tell `recipients` (users) that something of `kind` happened, caused by `actor`.

    Creates one notification per person (in the caller's transaction) and queues an e-mail
    at once for those who want it so; the daily ones wait for `send_digests`. The actor,
    duplicates, and blocked or inactive accounts are left out. Nothing is said about a
    hidden or unsent idea, a hidden comment, or what a blocked account did.
    Returns the notifications made.
    """
    if _about_hidden(idea=idea, comment=comment, actor=actor):
        return []
    people = _reachable(recipients, actor)
    if not people:
        return []
    about = next(thing for thing in (idea, challenge, initiative, news) if thing is not None)
    organisation = about.organisation
    deliveries = NotificationPreference.objects.deliveries([person.pk for person in people], kind)
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=person,
                kind=kind,
                organisation=organisation,
                idea=idea,
                comment=comment,
                challenge=challenge,
                initiative=initiative,
                news=news,
                offer=offer,
                event=event,
                actor=actor,
                text=text,
                delivery=deliveries[person.pk],
            )
            for person in people
        ]
    )
    at_once = [n for n in notifications if n.delivery == Delivery.IMMEDIATELY]
    if at_once and (url := _site_or_none(organisation)) is not None:
        for notification in at_once:
            _mail_at_once(notification, url)
            notification.mailed_at = now
        Notification.objects.filter(pk__in=[n.pk for n in at_once]).update(mailed_at=now)
    return notifications


def _about_hidden(*, idea, comment, actor) -> bool:
    if idea is not None and (idea.hidden_at or idea.is_draft or idea.author.blocked_at):
        return True
    if comment is not None and comment.hidden_at:
        return True
    return actor is not None and actor.blocked_at is not None


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


# What happened, by kind.


def notify_comment(*, comment) -> list[Notification]:
    """A comment on an idea tells the idea's author; a reply tells the comment's author.

    Someone whose idea gets a reply to their own comment hears it once, as a reply.
    """
    idea = comment.idea
    told = []
    replied_to = comment.parent.author if comment.parent_id else None
    if replied_to is not None:
        told += notify(
            kind=NotificationKind.REPLY,
            recipients=[replied_to],
            idea=idea,
            comment=comment,
            actor=comment.author,
        )
    if replied_to is None or replied_to.pk != idea.author_id:
        told += notify(
            kind=NotificationKind.COMMENT,
            recipients=[idea.author],
            idea=idea,
            comment=comment,
            actor=comment.author,
        )
    return told


def notify_offer(*, offer) -> list[Notification]:
    """An offer of help tells the idea's author, or the initiative's editors."""
    recipients = [offer.idea.author] if offer.idea_id else initiative_editors(offer.initiative)
    return notify(
        kind=NotificationKind.OFFER,
        recipients=recipients,
        idea=offer.idea,
        initiative=offer.initiative,
        offer=offer,
        actor=offer.user,
    )


def initiative_editors(initiative) -> list:
    """Who hears about offers of help on an initiative: the people who may see them.

    That is the organisation's editors who may edit the initiative (superusers only when
    they work for the organisation). When its contact e-mail belongs to one of them, only
    that person is told, so a large editorial staff is not told about every offer.
    """
    may_change = Q(
        groups__permissions__codename="change_initiative",
        groups__permissions__content_type__app_label="portfolio",
    ) | Q(
        user_permissions__codename="change_initiative",
        user_permissions__content_type__app_label="portfolio",
    )
    candidates = (
        User.objects.filter(
            is_active=True,
            is_staff=True,
            blocked_at__isnull=True,
            organisation_id=initiative.organisation_id,
        )
        .filter(may_change | Q(is_superuser=True))
        .distinct()
        .order_by("pk")
    )
    editors = [user for user in candidates if can_edit_initiative(user, initiative)]
    contact = initiative.contact_email.strip().lower()
    contacts = [user for user in editors if contact and user.email.lower() == contact]
    return contacts or editors


def notify_idea_submitted(*, idea) -> list[Notification]:
    """A new idea in a challenge tells the challenge's followers."""
    challenge = idea.challenge
    if challenge is None or not challenge.is_published:
        return []
    followers = User.objects.filter(follows__challenge=challenge)
    return notify(
        kind=NotificationKind.CHALLENGE_IDEA,
        recipients=followers,
        idea=idea,
        challenge=challenge,
        actor=idea.author,
    )


# What happens to an idea that its author and followers are told.
TOLD_EVENTS = {
    IdeaEventKind.STATUS,
    IdeaEventKind.ANSWER,
    IdeaEventKind.INITIATIVE,
    IdeaEventKind.PHASE,
}


def notify_idea_status(*, idea, event, actor=None) -> list[Notification]:
    """Tell the author and the followers what happened to an idea (an IdeaEvent).

    The author hears it as kind *status*: always, at once, by e-mail (it is the answer to
    what they sent in). Followers hear it as kind *news* ("news on something you follow"),
    delivered as each of them chose. Status changes, answers, the link to an initiative and
    that initiative's phase changes are told; being submitted, hidden or restored is not
    (moderation tells the author itself). `actor` defaults to the event's actor.
    """
    if event.kind not in TOLD_EVENTS:
        return []
    actor = actor if actor is not None else event.actor
    told = notify(
        kind=NotificationKind.STATUS,
        recipients=[idea.author],
        idea=idea,
        event=event,
        actor=actor,
        text=event.text,
    )
    followers = User.objects.filter(follows__idea=idea).exclude(pk=idea.author_id)
    told += notify(
        kind=NotificationKind.NEWS,
        recipients=followers,
        idea=idea,
        event=event,
        actor=actor,
        text=event.text,
    )
    return told


def notify_published_news(*, now=None) -> int:
    """Tell the followers of initiatives and challenges about news on them that has become
    visible (published, publish date reached) since the last run. Each article is told
    once: it is marked `followers_notified_at`, even when nobody follows. Invented demo news
    is marked without telling anyone. Returns how many articles were told about.
    """
    now = now or timezone.now()
    due = NewsArticle.objects.filter(
        is_published=True, published_at__lte=now, followers_notified_at__isnull=True
    )
    return sum(_notify_news_article(pk, now) for pk in list(due.values_list("pk", flat=True)))


@transaction.atomic
def _notify_news_article(pk, now) -> int:
    # Claiming the article first makes a second, simultaneous run skip it.
    claimed = NewsArticle.objects.filter(pk=pk, followers_notified_at__isnull=True).update(
        followers_notified_at=now
    )
    if not claimed:
        return 0
    article = NewsArticle.objects.select_related("author", "organisation").get(pk=pk)
    if article.is_example:
        return 0
    follows = (
        Follow.objects.filter(
            Q(initiative__in=article.initiatives.all()) | Q(challenge__in=article.challenges.all())
        )
        .select_related("user", "initiative", "challenge")
        .order_by("pk")
    )
    # Someone following two of the things the article is about hears of it once.
    by_item, seen = {}, set()
    for follow in follows:
        if follow.user_id in seen:
            continue
        seen.add(follow.user_id)
        item = follow.initiative or follow.challenge
        by_item.setdefault(item, []).append(follow.user)
    for item, people in by_item.items():
        about_initiative = isinstance(item, Initiative)
        notify(
            kind=NotificationKind.NEWS,
            recipients=people,
            news=article,
            initiative=item if about_initiative else None,
            challenge=None if about_initiative else item,
            actor=article.author,
        )
    return 1


# E-mail.


SUBJECTS = {
    NotificationKind.STATUS: lambda n: (
        gettext("News on your idea: %(title)s")
        if n.event is not None and n.event.kind in {IdeaEventKind.INITIATIVE, IdeaEventKind.PHASE}
        else gettext("New answer on your idea: %(title)s")
    ),
    NotificationKind.COMMENT: lambda n: gettext("New comment on your idea: %(title)s"),
    NotificationKind.REPLY: lambda n: gettext("New reply to your comment on: %(title)s"),
    NotificationKind.OFFER: lambda n: gettext("An offer of help on: %(title)s"),
    NotificationKind.CHALLENGE_IDEA: lambda n: gettext(
        "New idea in a challenge you follow: %(title)s"
    ),
    NotificationKind.NEWS: lambda n: (
        gettext("News about: %(title)s")
        if n.news_id
        else gettext("News on an idea you follow: %(title)s")
    ),
}


def _subject(notification) -> str:
    return SUBJECTS[notification.kind](notification) % {"title": notification.item}


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
    with translation.override(notification.recipient.language or settings.LANGUAGE_CODE):
        unsubscribe = None
        if notification.kind not in FIXED_DELIVERY:
            unsubscribe = url(unsubscribe_path(notification.recipient, notification.kind))
        queue_mail(
            to=notification.recipient.email,
            subject=_subject(notification),
            template="notifications/email/notification",
            context={
                "notification": notification,
                "summary": notification.summary,
                "excerpt": notification.excerpt,
                "url": url(notification.get_absolute_url()),
                "settings_url": url(reverse("notifications:notification_settings")),
                "always_sent": notification.kind in FIXED_DELIVERY,
            },
            unsubscribe_url=unsubscribe,
            kind="personal" if unsubscribe is None else "notification",
            organisation=organisation,
        )


def send_digests(*, now=None) -> int:
    """Mail each person their daily-digest notifications, grouped by idea, challenge or
    initiative. Nobody gets an empty digest, and nothing is mailed twice, so running it
    again the same day sends only what is new since. Runs the news pass first, so news
    published today is in today's digest. Returns how many digests were queued.
    """
    now = now or timezone.now()
    notify_published_news(now=now)
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
            or _hidden_since(notification)
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
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
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


def _hidden_since(notification) -> bool:
    return _about_hidden(
        idea=notification.idea, comment=notification.comment, actor=notification.actor
    )


def _groups(notifications) -> list[dict]:
    """The notifications grouped by what they are about, in the order they first came."""
    groups, sites = {}, {}
    for notification in notifications:
        if notification.organisation_id not in sites:
            sites[notification.organisation_id] = _site(notification.organisation)
        url = sites[notification.organisation_id]
        item = notification.item
        key = (type(item).__name__, item.pk)
        if key not in groups:
            groups[key] = {"title": str(item), "url": url(item.get_absolute_url()), "entries": []}
        groups[key]["entries"].append(
            {
                "summary": notification.summary,
                "excerpt": notification.excerpt,
                "url": url(notification.get_absolute_url()),
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
