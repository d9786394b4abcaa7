"""Every page KomInn serves, for the tests that must visit them all."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

# Routes that are not pages for visitors.
NOT_PAGES = {"health"}


def page_paths() -> list[str]:
    """Paths of every parameterless page outside the admin, in bokmål; /en/ adds English."""
    paths = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith("admin/"):
                    continue
                walk(pattern.url_patterns, prefix + route.removeprefix("^"))
            elif isinstance(pattern, URLPattern):
                if pattern.name in NOT_PAGES or "<" in route:
                    continue
                paths.append("/" + prefix + route)

    # i18n_patterns' prefix is empty for bokmål, the default language.
    with translation.override("nb"):
        walk(get_resolver().url_patterns)
    return sorted(set(paths))


def all_page_paths() -> list[str]:
    bokmal = page_paths()
    return bokmal + ["/en" + path for path in bokmal]
