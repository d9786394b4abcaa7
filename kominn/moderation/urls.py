from django.urls import path

from . import views

app_name = "moderation"

# Included before participation's URLs: "rapporter" would otherwise be taken for an
# idea's slug.
urlpatterns = [
    *(
        path(pages.report_path, views.report, {"kind": kind}, name=f"report_{kind}")
        for kind, pages in views.PAGES.items()
    ),
    path("moderering/", views.queue, name="queue"),
    path("moderering/skjult/", views.hidden, name="hidden"),
    *(
        path(pages.moderation_path, views.moderate, {"kind": kind}, name=kind)
        for kind, pages in views.PAGES.items()
    ),
    path("moderering/kontoer/<int:pk>/", views.account, name="account"),
]
