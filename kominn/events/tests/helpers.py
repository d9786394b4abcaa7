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
