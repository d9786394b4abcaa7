from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import format_html

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


# Inter, the theme's typeface, from the npm package @fontsource-variable/inter (settings:
# STATICFILES_DIRS): the Latin subset only, one variable file for every weight. Without the
# package the pages use the system's sans-serif, and nothing is fetched in vain.
INTER_FONT = "vendor/inter/inter-latin-wght-normal.woff2"
INTER_FONT_FACE = (
    "@font-face {{ font-family: Inter; font-style: normal; font-weight: 100 900; "
    'font-display: swap; src: url("{}") format("woff2"); '
    "unicode-range: U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, "
    "U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, "
    "U+FEFF, U+FFFD; }}"
)


@lru_cache(maxsize=1)
def inter_font_url():
    """The address of the Inter font file, or None when the package is not installed."""
    if finders.find(INTER_FONT) is None:
        return None
    return static(INTER_FONT)


@register.simple_tag(takes_context=True)
def inter_font(context):
    """Load Inter, when it is installed: preloaded, since every page's text is set in it,
    and declared in the page (a stylesheet naming a file that may be missing would stop
    collectstatic)."""
    url = inter_font_url()
    if url is None:
        return ""
    return format_html(
        '<link rel="preload" href="{}" as="font" type="font/woff2" crossorigin>\n'
        '  <style nonce="{}">' + INTER_FONT_FACE + "</style>",
        url,
        context.get("csp_nonce", ""),
        url,
    )


@register.filter
def add_label(opts):
    """ "Add <thing>" for a model's `_meta`, in its gender in bokmål ("nytt tiltak")."""
    return admin.add_label(opts)
