from functools import cached_property

from django import template

from kominn.core import audit
from kominn.moderation import models, rules

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


class _Flags:
    """What the person may do about one idea or comment, worked out when asked."""

    def __init__(self, user, organisation, item):
        self.user, self.organisation, self.item = user, organisation, item

    @cached_property
    def may_report(self):
        return rules.may_report(self.user)

    @cached_property
    def can_report(self):
        return rules.can_report(self.user, self.item)

    @cached_property
    def can_moderate(self):
        return rules.can_moderate(self.user, self.organisation)


@register.simple_tag(takes_context=True)
def moderation_flags(context, item):
    """`{% moderation_flags idea as moderation %}`: whether the person may report the idea
    or comment (`moderation.can_report`), report at all (`may_report`) and moderate it
    (`can_moderate`). The pages of the apps below show moderation's links through this."""
    request = context["request"]
    return _Flags(request.user, request.organisation, item)
