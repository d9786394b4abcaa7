"""Reporting content, and what moderators do about it. Every moderator action is audited."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from kominn.core import audit
from kominn.participation.models import Comment

from . import actions
from .models import (
    AUTO_HIDDEN_REASON,
    REPORTABLE,
    Report,
    Resolution,
    is_auto_hidden,
    kind_of,
    organisation_id_of,
    organisation_of,
)


@transaction.atomic
def report(*, reporter, item, reason: str, details: str = "") -> tuple[Report, bool]:
    """Report an idea, a comment, a need, an answer to a need, a team update or a workshop
    card. Returns the report and whether it is new: reporting again while one's first
    report waits for a moderator changes nothing.

    When enough different people have reported the item (KOMINN_REPORTS_TO_HIDE), it
    is hidden until a moderator decides.
    """
    field = kind_of(item)
    waiting = Report.objects.open().filter(reporter=reporter, **{field: item}).first()
    if waiting is not None:
        return waiting, False
    new = Report(
        organisation_id=organisation_id_of(item),
        reporter=reporter,
        reason=reason,
        details=details.strip(),
        **{field: item},
    )
    new.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError:  # the same person's report, sent twice at once
        return Report.objects.open().get(reporter=reporter, **{field: item}), False
    _hide_when_reported_enough(item)
    return new, True


def _hide_when_reported_enough(item):
    reporters = (
        Report.objects.open()
        .about(item)
        .filter(reporter__blocked_at__isnull=True)
        .aggregate(n=Count("reporter", distinct=True))["n"]
    )
    if reporters < settings.KOMINN_REPORTS_TO_HIDE:
        return
    if item.hide(AUTO_HIDDEN_REASON):
        audit.record(
            actor=None,
            action=actions.AUTO_HIDE,
            target=item,
            reason=AUTO_HIDDEN_REASON,
            organisation=organisation_of(item),
        )


def _resolve_reports(item, moderator, resolution):
    return (
        Report.objects.open()
        .about(item)
        .update(resolved_at=timezone.now(), resolved_by=moderator, resolution=resolution)
    )


@transaction.atomic
def hide(*, moderator, item, reason: str) -> None:
    """Hide an item. The reason is shown in its place: "Skjult av moderator: …"."""
    reason = reason.strip()
    if not reason:
        raise ValueError("Hiding needs a reason; it is shown in place of the content.")
    item.hide(reason, by=moderator)
    _resolve_reports(item, moderator, Resolution.HIDDEN)
    audit.record(
        actor=moderator,
        action=actions.HIDE,
        target=item,
        reason=reason,
        organisation=organisation_of(item),
    )


@transaction.atomic
def restore(*, moderator, item, reason: str = "") -> None:
    """Show a hidden item again, and close its reports."""
    item.restore(reason.strip(), by=moderator)
    _resolve_reports(item, moderator, Resolution.RESTORED)
    audit.record(
        actor=moderator,
        action=actions.RESTORE,
        target=item,
        reason=reason.strip(),
        organisation=organisation_of(item),
    )


@transaction.atomic
def dismiss(*, moderator, item, reason: str = "") -> None:
    """Close the item's reports: nothing is wrong. Lifts an automatic hiding."""
    _resolve_reports(item, moderator, Resolution.DISMISSED)
    if is_auto_hidden(item):
        item.restore(by=moderator)
    audit.record(
        actor=moderator,
        action=actions.DISMISS,
        target=item,
        reason=reason.strip(),
        organisation=organisation_of(item),
    )


def _was_blocked(account) -> bool:
    """Whether the account is blocked, read with its row locked for the transaction: of two
    moderators blocking at once, one sees the other's block, so the person's comments
    leave their ideas' counts once."""
    manager = type(account)._default_manager
    blocked_at = manager.select_for_update().values_list("blocked_at", flat=True)
    return blocked_at.get(pk=account.pk) is not None


@transaction.atomic
def block(*, moderator, account, reason: str, organisation) -> None:
    """Block an account: its log-in is refused with the reason, its sessions end at their
    next request, and everything it wrote is hidden from others."""
    reason = reason.strip()
    if not reason:
        raise ValueError("Blocking needs a reason; the person is told it when they log in.")
    was_blocked = _was_blocked(account)
    account.block(reason)
    if not was_blocked:
        Comment.objects.count_author_again(account, shown=False)
    Report.objects.open().filter(_written_by(account, organisation)).update(
        resolved_at=timezone.now(), resolved_by=moderator, resolution=Resolution.BLOCKED
    )
    audit.record(
        actor=moderator,
        action=actions.BLOCK,
        target=account,
        reason=reason,
        organisation=organisation,
    )


def _written_by(account, organisation):
    """Reports of what `account` wrote in `organisation`, whatever kind it is."""
    return reduce(
        or_,
        (
            Q(**{f"{name}__{spec.author}": account, f"{name}__{spec.organisation}": organisation})
            for name, spec in REPORTABLE.items()
        ),
    )


@transaction.atomic
def unblock(*, moderator, account, reason: str = "", organisation) -> None:
    """Let a blocked account log in again; what it wrote is shown again unless hidden
    on its own."""
    was_blocked = _was_blocked(account)
    account.unblock()
    if was_blocked:
        Comment.objects.count_author_again(account, shown=True)
    audit.record(
        actor=moderator,
        action=actions.UNBLOCK,
        target=account,
        reason=reason.strip(),
        organisation=organisation,
    )
