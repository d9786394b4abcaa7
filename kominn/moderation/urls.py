from django.urls import path

from . import views

app_name = "moderation"

# Included before participation's URLs: "rapporter" would otherwise be taken for an
# idea's slug.
urlpatterns = [
    path("ideer/<int:pk>/rapporter/", views.report_idea, name="report_idea"),
    path("kommentarer/<int:pk>/rapporter/", views.report_comment, name="report_comment"),
    path("behov/<int:pk>/rapporter/", views.report_need, name="report_need"),
    path("behov/svar/<int:pk>/rapporter/", views.report_answer, name="report_answer"),
    path("moderering/", views.queue, name="queue"),
    path("moderering/skjult/", views.hidden, name="hidden"),
    path("moderering/ideer/<int:pk>/", views.moderate_idea, name="idea"),
    path("moderering/kommentarer/<int:pk>/", views.moderate_comment, name="comment"),
    path("moderering/behov/<int:pk>/", views.moderate_need, name="need"),
    path("moderering/svar/<int:pk>/", views.moderate_answer, name="answer"),
    path("moderering/kontoer/<int:pk>/", views.account, name="account"),
]
