"""Signing up for events, cancelling, and the mail about them. Registrations are counted
under a lock on the event's row, so that places are exact however many sign up at once."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from kominn.outbox.services import absolute_url, queue_mail

from .models import Event, EventStatus, Registration, RegistrationStatus

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
