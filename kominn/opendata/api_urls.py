"""/api/v1/: the read-only JSON API and the DCAT-AP-NO catalogue, without a language
prefix (an API's address does not change with the visitor's language)."""

from django.urls import include, path

from .answers import error, open_data
from .api import api, index
from .views import catalogue


@open_data
def not_found(request, rest):
    return error(404, "not_found", "The API has no such address.")


def _api_patterns():
    """Ninja's routes, each answering as every open data answer does (answers.py)."""
    patterns, _app_name, _namespace = api.urls
    return [
        # Ninja's root (which it reverses to place its paths) is the API's index.
        path(str(p.pattern), open_data(index if p.name == "api-root" else p.callback), name=p.name)
        for p in patterns
    ]


urlpatterns: list = [
    path("", include((_api_patterns(), "api"), namespace="api")),
    # The DCAT-AP-NO catalogue: Turtle or JSON-LD, so not held to the API's JSON-only Accept.
    path("dcat", open_data(catalogue, negotiate=False), name="dcat"),
    # Last: every address the API does not know gets a JSON 404.
    path("<path:rest>", not_found, name="api_not_found"),
]
