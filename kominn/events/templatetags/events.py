"""The events of an initiative or a challenge, shown on its page."""

from django import template

from kominn.events.models import Event, Workshop

register = template.Library()

SHOWN = 10


@register.inclusion_tag("events/_events_for.html")
def events_for(item):
    """The coming events of `item` (an initiative or a challenge), the soonest first."""
    field = "challenge" if item._meta.model_name == "challenge" else "initiative"
    events = list(Event.objects.filter(**{field: item}).upcoming()[:SHOWN])
    return {"events": events}


@register.inclusion_tag("events/_workshops_for.html")
def workshops_for(challenge):
    """The challenge's workshops, the latest first."""
    return {
        "workshops": list(Workshop.objects.filter(challenge=challenge).select_related("challenge"))
    }
