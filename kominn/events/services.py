"""Signing up for events, cancelling, and the mail about them. Registrations are counted
under a lock on the event's row, so that places are exact however many sign up at once."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext

from kominn.accounts.models import Capacity
from kominn.core import audit
from kominn.outbox.services import absolute_url, queue_mail
from kominn.participation import services as participation_services
from kominn.participation.models import TITLE_MAX, Idea

from .models import (
    Card,
    CardGroup,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Vote,
    Workshop,
)

User = get_user_model()

# Changes to these fields are told to those signed up.
NOTICE_FIELDS = ("starts_at", "ends_at", "place", "video_link")


def _mail(*, registration, subject, template, extra=None):
    event = registration.event
    queue_mail(
        to=registration.user.email,
        subject=subject,
        template=template,
        context={
            "event": event,
            "registration": registration,
            "event_url": absolute_url(event.get_absolute_url(), event.organisation),
            **(extra or {}),
        },
        organisation=event.organisation,
    )


def register(*, event, user) -> Registration:
    """Sign `user` up: registered while there are places, else on the waiting list. Signing
    up twice returns the registration there is."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        existing = Registration.objects.filter(event=locked, user=user).first()
        if existing is not None:
            return existing
        taken = Registration.objects.filter(
            event=locked, status=RegistrationStatus.REGISTERED
        ).count()
        full = locked.capacity is not None and taken >= locked.capacity
        return Registration.objects.create(
            event=locked,
            user=user,
            status=RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED,
        )


def cancel_registration(*, registration) -> Registration | None:
    """Withdraw a registration; when it held a place, the first on the waiting list gets it
    and is told. Returns the registration moved up, if any."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        current = Registration.objects.filter(pk=registration.pk).first()
        if current is None:
            return None
        held_place = current.status == RegistrationStatus.REGISTERED
        current.delete()
        if not held_place:
            return None
        return _fill_places(event)


def _fill_places(event) -> Registration | None:
    """Move people up from the waiting list while there are places (call under the lock)."""
    moved = None
    while True:
        taken = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
        if event.capacity is not None and taken.count() >= event.capacity:
            return moved
        first = (
            Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
            .select_related("user", "event__organisation")
            .order_by("created_at", "pk")
            .first()
        )
        if first is None:
            return moved
        first.status = RegistrationStatus.REGISTERED
        first.save(update_fields=["status"])
        _mail(
            registration=first,
            subject=gettext("You have a place at %(title)s") % {"title": event.title},
            template="events/email/moved_up",
        )
        moved = first


def save_event(*, event, previous=None) -> int:
    """Save `event` (cleaned) and tell those signed up what changed: a new time or place,
    or the cancellation (once). `previous` is the event as it was before the change.
    Returns the number of mails queued."""
    with transaction.atomic():
        if previous is not None:
            # What was sent is the database's to know, not the form's copy of the event;
            # the lock keeps the reminder job from sending meanwhile.
            current = Event.objects.select_for_update().get(pk=event.pk)
            event.cancellation_sent_at = current.cancellation_sent_at
            event.reminder_sent_for = current.reminder_sent_for
        event.save()
        if previous is None:
            return 0
        locked = Event.objects.select_for_update().get(pk=event.pk)
        people = list(
            Registration.objects.filter(event=locked).select_related("user", "event__organisation")
        )
        if locked.status == EventStatus.CANCELLED:
            if locked.cancellation_sent_at is not None:
                return 0
            for registration in people:
                _mail(
                    registration=registration,
                    subject=gettext("Cancelled: %(title)s") % {"title": locked.title},
                    template="events/email/cancelled",
                )
            event.cancellation_sent_at = timezone.now()
            Event.objects.filter(pk=locked.pk).update(
                cancellation_sent_at=event.cancellation_sent_at
            )
            return len(people)
        changed = [
            name for name in NOTICE_FIELDS if getattr(previous, name) != getattr(locked, name)
        ]
        if changed:
            for registration in people:
                _mail(
                    registration=registration,
                    subject=gettext("Changed: %(title)s") % {"title": locked.title},
                    template="events/email/changed",
                )
        # A larger capacity gives places to those waiting.
        if previous.capacity != locked.capacity:
            _fill_places(locked)
        return len(people) if changed else 0


def send_reminders(*, now=None) -> int:
    """Remind those registered for events that start within the next day; each event's
    reminder goes once for its start time. Returns the number of mails queued."""
    now = now or timezone.now()
    due = Event.objects.filter(
        status=EventStatus.SCHEDULED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=1),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in due:
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=pk)
            if event.reminder_sent_for == event.starts_at:
                continue
            registrations = Registration.objects.filter(
                event=event, status=RegistrationStatus.REGISTERED
            ).select_related("user", "event__organisation")
            for registration in registrations:
                _mail(
                    registration=registration,
                    subject=gettext("Soon: %(title)s") % {"title": event.title},
                    template="events/email/reminder",
                )
                sent += 1
            Event.objects.filter(pk=event.pk).update(reminder_sent_for=event.starts_at)
    return sent


# --- Workshops ------------------------------------------------------------------------


class WorkshopClosed(Exception):
    """Cards and votes are taken only while the workshop is open."""


class NoVotesLeft(Exception):
    """The person has spent all their votes in the workshop."""


def post_card(*, workshop, author, text, consent_credit=False) -> Card:
    """Post a card while the workshop is open."""
    card = Card(workshop=workshop, author=author, text=text.strip(), consent_credit=consent_credit)
    card.full_clean(exclude=["group", "idea"])
    with transaction.atomic():
        locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
        if not locked.is_open():
            raise WorkshopClosed
        card.save()
    return card


def votes_left(*, workshop, user) -> int:
    used = Vote.objects.filter(workshop=workshop, user=user).count()
    return max(workshop.votes_per_person - used, 0)


def set_vote(*, workshop, card, user, vote: bool) -> bool:
    """Vote on the card, or take the vote back. Saying what is wanted, rather than
    toggling, makes a double click harmless. Returns whether the person now votes on it.

    The person's row is locked while their votes are counted (FOR NO KEY UPDATE: others'
    votes, which only refer to it, are not held up), so one person's votes sent at the
    same moment are counted one after the other and never pass votes_per_person; the
    unique constraint keeps it to one vote per card. Raises NoVotesLeft and
    WorkshopClosed."""
    with transaction.atomic():
        list(
            User.objects.select_for_update(no_key=True)
            .filter(pk=user.pk)
            .values_list("pk", flat=True)
        )
        current = Workshop.objects.get(pk=workshop.pk)
        if not current.is_open():
            raise WorkshopClosed
        mine = Vote.objects.filter(workshop=current, user=user)
        if not vote:
            mine.filter(card=card).delete()
            return False
        if mine.filter(card=card).exists():
            return True
        if mine.count() >= current.votes_per_person:
            raise NoVotesLeft
        try:
            with transaction.atomic():
                Vote.objects.create(workshop=current, card=card, user=user)
        except IntegrityError:
            pass
        return True


def add_group(*, workshop, name) -> CardGroup:
    group = CardGroup(workshop=workshop, name=name.strip())
    group.full_clean()
    group.save()
    return group


def move_card(*, card, group) -> None:
    """Put the card under `group` (of its workshop), or under none."""
    if group is not None and group.workshop_id != card.workshop_id:
        raise ValidationError("The group is of another workshop.")
    card.group = group
    card.save(update_fields=["group"])


def hide_card(*, card, reason, actor) -> None:
    card.hide(reason, by=actor)
    audit.record(
        actor=actor,
        action="hide",
        target=card,
        reason=reason,
        organisation=card.workshop.organisation,
    )


def restore_card(*, card, actor) -> None:
    card.restore(by=actor)
    audit.record(
        actor=actor, action="restore", target=card, organisation=card.workshop.organisation
    )


def _idea_from_card(card, *, workshop, actor) -> Idea:
    """The card as a submitted idea in the workshop's challenge. Credited to its author
    only if they agreed to stand by name; else the municipality (the staff member who
    chose it) sends it in, and the author's name is shown nowhere."""
    if card.consent_credit:
        author = card.author
        capacity = author.capacity or Capacity.CITIZEN
        affiliation = author.affiliation
    else:
        author, capacity, affiliation = actor, Capacity.EMPLOYEE, ""
    note = gettext("From the workshop “%(title)s”.") % {"title": workshop.title}
    idea = Idea(
        organisation=workshop.organisation,
        challenge=workshop.challenge,
        title=Truncator(card.text).chars(TITLE_MAX),
        description=f"{card.text}\n\n{note}",
        author=author,
        capacity=capacity,
        affiliation=affiliation,
        credit_author=card.consent_credit,
    )
    idea.full_clean()
    idea.save()
    participation_services.submit_idea(idea=idea)
    return idea


def finish_workshop(*, workshop, cards, actor) -> list[Idea]:
    """Finish the workshop: each chosen card (shown, of this workshop, not yet an idea)
    becomes a submitted idea in the challenge, and posting and voting end. Finishing
    twice (a double click) does nothing the second time. Returns the ideas made."""
    with transaction.atomic():
        locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
        if locked.finished_at is not None:
            return []
        chosen = (
            Card.objects.shown()
            .filter(workshop=locked, idea__isnull=True, pk__in=[card.pk for card in cards])
            .select_related("author")
            .order_by("created_at", "pk")
        )
        locked.challenge = workshop.challenge
        ideas = []
        for card in chosen:
            card.idea = _idea_from_card(card, workshop=locked, actor=actor)
            card.save(update_fields=["idea"])
            ideas.append(card.idea)
        locked.finished_at, locked.finished_by = timezone.now(), actor
        locked.save(update_fields=["finished_at", "finished_by"])
        workshop.finished_at, workshop.finished_by = locked.finished_at, actor
        audit.record(actor=actor, action="finish_workshop", target=locked)
    return ideas
