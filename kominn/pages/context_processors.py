from django.urls import translate_url
from django.utils.translation import get_language, gettext

from .navigation import MAIN_NAVIGATION

LANGUAGE_LABELS = {"nb": "Norsk (bokmål)", "en": "English"}


def site(request):
    """What every page's layout needs: the organisation, navigation and language links."""
    path = request.get_full_path()
    current = get_language()
    languages = [
        {
            "code": code,
            "label": label,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, label in LANGUAGE_LABELS.items()
    ]
    match = getattr(request, "resolver_match", None)
    current_view = f"{match.namespace}:{match.url_name}" if match and match.namespace else None
    organisation = getattr(request, "organisation", None) or None
    return {
        "organisation": organisation,
        "organisation_name": organisation.name if organisation else gettext("the municipality"),
        "main_navigation": [
            {"url_name": name, "label": label, "current": name == current_view}
            for name, label in MAIN_NAVIGATION
        ],
        "language_links": languages,
    }
