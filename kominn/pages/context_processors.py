from django.urls import reverse, translate_url
from django.utils.translation import get_language, gettext

from kominn.core.i18n import default_language

from .navigation import MAIN_NAVIGATION

# Each language in its own words, as a language switch names them.
LANGUAGE_LABELS = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


def site(request):
    """What every page's layout needs: the organisation, navigation and language links."""
    # A path such as //evil.example/ reads as another site in a link: make every link
    # one path on this site, whatever the request's path looks like.
    path = _same_site(request.get_full_path())
    # Search engines get the page itself in each language, as absolute addresses without
    # the query, like the canonical link.
    page = _same_site(request.path)
    current = get_language()
    languages = [
        {
            "code": code,
            "label": label,
            "url": translate_url(path, code),
            "alternate_url": request.build_absolute_uri(translate_url(page, code)),
            "current": code == current,
        }
        for code, label in LANGUAGE_LABELS.items()
    ]
    # The organisation's language form is served without a prefix; it is the page for
    # everyone else.
    unprefixed = default_language()
    default_url = next(
        language["alternate_url"] for language in languages if language["code"] == unprefixed
    )
    here = request.path
    organisation = getattr(request, "organisation", None) or None
    return {
        "organisation": organisation,
        "organisation_name": organisation.name if organisation else gettext("the municipality"),
        "main_navigation": [_nav_item(name, label, here) for name, label in MAIN_NAVIGATION],
        "language_links": languages,
        "default_language_url": default_url,
        "canonical_url": request.build_absolute_uri(_same_site(request.path)),
    }


def _same_site(path):
    return "/" + path.lstrip("/\\")


def _nav_item(url_name, label, here):
    url = reverse(url_name)
    # "page" on the section's own page, "true" on the pages inside it.
    current = "page" if here == url else "true" if here.startswith(url) else None
    return {"url": url, "label": label, "current": current}
