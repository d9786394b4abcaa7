"""Addresses in the reader's language.

A link stored when something happened (a notification's, say) is in the language of the
person whose request made it. Shown to someone else, it is put into that reader's language.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def in_language(url: str, language: str | None = None) -> str:
    """`url` (a path, or absolute) in `language` (default: the active one)."""
    language = language or translation.get_language()
    written_in = translation.get_language_from_path(url.split("?")[0].split("#")[0])
    # translate_url resolves the path in the active language, so resolve it in its own.
    with translation.override(written_in or settings.LANGUAGE_CODE):
        return translate_url(url, language)
