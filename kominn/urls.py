from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from kominn.accounts import views as accounts_views
from kominn.core.i18n import language_patterns
from kominn.pages import mailviewer
from kominn.pages import views as pages_views
from kominn.portfolio import sitemaps

urlpatterns_without_language = [
    path("helse/", pages_views.health, name="health"),
    path("admin/", admin.site.urls),
    # The open data API and its catalogue: one address whatever the language.
    path("api/v1/", include("kominn.opendata.api_urls")),
    # The open data downloads (CSV and JSON), likewise.
    path("data/", include("kominn.opendata.data_urls")),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap, name="sitemap-section"),
    # One address, without a language prefix, to register at ID-porten and Entra ID.
    path(
        "konto/ekstern/<slug:provider>/tilbake/",
        accounts_views.external_callback,
        name="external_callback",
    ),
    # Uploaded files, each only to those who may see what it belongs to: never serve
    # MEDIA_ROOT or the bucket past this view (see docs/production.md).
    re_path(r"^media/(?P<path>.+)$", pages_views.media, name="media"),
    # A local run's mail, decoded (DEBUG on only: 404 otherwise).
    path("_mail/", mailviewer.mail_list, name="mail_list"),
    path("_mail/<str:name>/<int:index>/", mailviewer.mail_detail, name="mail_detail"),
]
if settings.KOMINN_LOADTEST:
    urlpatterns_without_language += [path("__floor__/", pages_views.floor, name="floor")]


def site_patterns(default_language: str) -> list:
    """Every address, with `default_language` unprefixed and the others under /nb/, /nn/,
    /en/. kominn/urls_nn.py serves the same addresses for nynorsk organisations."""
    return [
        *urlpatterns_without_language,
        *language_patterns(
            path("", include("kominn.pages.urls")),
            path("", include("kominn.portfolio.urls")),
            path("", include("kominn.moderation.urls")),  # before participation: see its urls.py
            path("", include("kominn.collaboration.urls")),  # the same: see its urls.py
            path("", include("kominn.participation.urls")),
            path("", include("kominn.events.urls")),
            path("", include("kominn.search.urls")),
            path("", include("kominn.opendata.urls")),
            path("konto/varsler/", include("kominn.notifications.urls")),
            path("konto/", include("kominn.accounts.urls")),
            path("nyhetsbrev/", include("kominn.newsletter.urls")),
            default_language=default_language,
        ),
    ]


urlpatterns = site_patterns(settings.LANGUAGE_CODE)

handler400 = "kominn.pages.views.bad_request"
handler403 = "kominn.pages.views.permission_denied"
handler404 = "kominn.pages.views.page_not_found"
handler500 = "kominn.pages.views.server_error"
