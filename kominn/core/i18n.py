"""Addresses in the reader's language.

A link stored when something happened (a notification's, say) is in the language of the
person whose request made it. Shown to someone else, it is put into that reader's language.

Each organisation has a language form (bokmål or nynorsk), and its pages are in that form at
unprefixed addresses; the other languages have a prefix (/nb/, /nn/, /en/). Django's own
LocalePrefixPattern leaves only LANGUAGE_CODE unprefixed, and reverse() caches the prefix per
active language, so each language form has its own URLconf (URLCONFS), whose pattern leaves
that form unprefixed. The organisation's locale middleware picks the URLconf per request.
"""

from contextlib import contextmanager

from django.conf import settings
from django.urls import URLResolver, get_resolver, get_urlconf, set_urlconf, translate_url
from django.urls.resolvers import LocalePrefixPattern as DjangoLocalePrefixPattern
from django.utils import translation

# The URLconf serving each language form other than LANGUAGE_CODE (which ROOT_URLCONF serves).
URLCONFS = {"nn": "kominn.urls_nn"}


class LocalePrefixPattern(DjangoLocalePrefixPattern):
    """Language prefixes, none for `default_language` (rather than for LANGUAGE_CODE)."""

    def __init__(self, default_language: str):
        super().__init__(prefix_default_language=False)
        self.default_language = default_language

    @property
    def language_prefix(self):
        language = translation.get_language() or self.default_language
        return "" if language == self.default_language else f"{language}/"


def language_patterns(*urls, default_language: str) -> list:
    """i18n_patterns(), with `default_language` served without a prefix."""
    return [URLResolver(LocalePrefixPattern(default_language), list(urls))]


def urlconf_for(language: str | None) -> str:
    """The URLconf whose unprefixed addresses are in `language`."""
    return URLCONFS.get(language, settings.ROOT_URLCONF)


@contextmanager
def addresses_of(organisation):
    """Addresses made inside (reverse(), in_language()) are those of `organisation`'s site,
    unprefixed in its language form: for mail written outside a request, by a worker."""
    previous = get_urlconf()
    set_urlconf(urlconf_for(getattr(organisation, "language", None)))
    try:
        yield
    finally:
        set_urlconf(previous)


def default_language(urlconf: str | None = None) -> str:
    """The language `urlconf` (default: the current one) serves without a prefix."""
    for pattern in get_resolver(urlconf or get_urlconf()).url_patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            return pattern.pattern.default_language
    return settings.LANGUAGE_CODE


def in_language(url: str, language: str | None = None) -> str:
    """`url` (a path, or absolute) in `language` (default: the active one)."""
    language = language or translation.get_language()
    written_in = translation.get_language_from_path(url.split("?")[0].split("#")[0])
    unprefixed = default_language()
    if written_in == unprefixed:
        # Made for a site where this language has a prefix (/nn/ on a bokmål site's
        # addresses): here it has none.
        url = url[len(unprefixed) + 1 :] or "/"
    # translate_url resolves the path in the active language, so resolve it in its own.
    with translation.override(written_in or unprefixed):
        return translate_url(url, language)
