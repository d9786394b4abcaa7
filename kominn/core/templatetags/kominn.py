from django import template

from kominn.core import admin, markdown
from kominn.core.formatting import format_number

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render user-written Markdown to sanitized HTML."""
    return markdown.render(text)


@register.filter
def number(value, decimals=None):
    """A number with Norwegian grouping, rounded to at most two decimals, none when whole."""
    if value is None or value == "":
        return ""
    return format_number(value, decimals)


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


@register.simple_tag
def widget(field, **attrs):
    """A form field's input with Designsystemet's class and its help and error linked."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    final = {"class": "ds-input"}
    if described:
        final["aria-describedby"] = " ".join(described)
    if field.errors:
        final["aria-invalid"] = "true"
    return field.as_widget(attrs=final | attrs)


@register.filter
def add_label(opts):
    """ "Add <thing>" for a model's `_meta`, in its gender in bokmål ("nytt tiltak")."""
    return admin.add_label(opts)
