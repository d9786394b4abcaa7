from django import template
from django.utils.formats import number_format

from kominn.pages import markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render user-written Markdown to sanitized HTML."""
    return markdown.render(text)


@register.filter
def number(value, decimals=None):
    """A number with Norwegian grouping, without trailing ,00 on whole numbers."""
    if value is None or value == "":
        return ""
    if decimals is None:
        decimals = 0 if value == int(value) else 1
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (None removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
