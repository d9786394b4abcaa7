"""Markdown written by people, rendered to HTML that is safe to show.

Nothing a user writes is trusted as HTML: Markdown is rendered, then nh3 (the Ammonia
sanitizer) keeps only a short list of tags and attributes, and only http(s) and mailto
links. Headings are moved two levels down so they sit under the page's own h1 and h2.
"""

import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
HEADING = re.compile(r"<(/?)h([1-6])\b")


def _demote_headings(html: str, levels: int = 2) -> str:
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + levels, 6)}", html)


def render(text: str, *, top_heading: int = 3) -> SafeString:
    """`text` as safe HTML; its headings start at h`top_heading` (h3: under the page's
    own h1 and h2; h2 for a whole page's text under its h1)."""
    if not text:
        return mark_safe("")  # nosec B308 - an empty string
    html = markdown_lib.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    top_heading = max(2, min(top_heading, 6))
    clean = nh3.clean(
        _demote_headings(html, top_heading - 1),
        tags=ALLOWED_TAGS | {f"h{level}" for level in range(top_heading, 7)},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308  # nosec B308 B703 - sanitized by nh3 above
