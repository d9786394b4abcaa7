from datetime import timedelta

from django.utils import timezone

from conftest import make_initiative
from kominn.events.models import Event


def make_event(organisation, *, initiative=None, challenge=None, days=3, **fields):
    if initiative is None and challenge is None:
        initiative = make_initiative(organisation)
    starts = timezone.now() + timedelta(days=days)
    fields.setdefault("title", "Åpent verksted om ladestasjoner")
    fields.setdefault("place", "Asker kulturhus, sal 2")
    fields.setdefault("starts_at", starts)
    fields.setdefault("ends_at", starts + timedelta(hours=2))
    return Event.objects.create(
        organisation=organisation, initiative=initiative, challenge=challenge, **fields
    )


def make_workshop(organisation, *, challenge=None, hours=(-1, 2), **fields):
    """A workshop on `challenge` (a new one if none), open from `hours[0]` to `hours[1]`
    hours from now."""
    from conftest import make_challenge
    from kominn.events.models import Workshop

    challenge = challenge or make_challenge(organisation)
    now = timezone.now()
    fields.setdefault("title", "Idéverksted: sykkelveier")
    fields.setdefault("opens_at", now + timedelta(hours=hours[0]))
    fields.setdefault("closes_at", now + timedelta(hours=hours[1]))
    return Workshop.objects.create(organisation=organisation, challenge=challenge, **fields)


def make_card(workshop, author, text="Sykkelparkering ved stasjonen", **fields):
    from kominn.events.models import Card

    return Card.objects.create(workshop=workshop, author=author, text=text, **fields)
