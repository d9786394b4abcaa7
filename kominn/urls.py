from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from kominn.pages import views as pages_views
from kominn.portfolio.sitemaps import SITEMAPS

urlpatterns = [
    path("helse/", pages_views.health, name="health"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
urlpatterns += i18n_patterns(
    path("", include("kominn.pages.urls")),
    path("", include("kominn.portfolio.urls")),
    prefix_default_language=False,
)

handler400 = "kominn.pages.views.bad_request"
handler403 = "kominn.pages.views.permission_denied"
handler404 = "kominn.pages.views.page_not_found"
handler500 = "kominn.pages.views.server_error"
