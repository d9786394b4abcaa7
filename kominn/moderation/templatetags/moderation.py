from django import template

from kominn.core import audit
from kominn.moderation import models

register = template.Library()


@register.filter
def is_hidden(item):
    """Whether an idea or comment is hidden (also when its author is blocked)."""
    return models.is_hidden(item)


@register.filter
def hidden_notice(item):
    """The text shown in place of hidden content: "Skjult av moderator: …"."""
    return models.hidden_notice(item)


@register.filter
def action_label(entry):
    """An audit entry's action in words."""
    return audit.action_label(entry.action)
