from django.urls import path

from . import views

app_name = "moderation"

# Included before participation's URLs: "rapporter" would otherwise be taken for an
# idea's slug.
urlpatterns = [
    path("ideer/<int:pk>/rapporter/", views.report_idea, name="report_idea"),
    path("kommentarer/<int:pk>/rapporter/", views.report_comment, name="report_comment"),
    path("moderering/", views.queue, name="queue"),
    path("moderering/skjult/", views.hidden, name="hidden"),
    path("moderering/ideer/<int:pk>/", views.moderate_idea, name="idea"),
    path("moderering/kommentarer/<int:pk>/", views.moderate_comment, name="comment"),
    path("moderering/kontoer/<int:pk>/", views.account, name="account"),
]
