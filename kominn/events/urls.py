from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("arrangementer/", views.event_list, name="events"),
    path("arrangementer/kalender.ics", views.calendar_feed, name="calendar_feed"),
    path("arrangementer/<int:pk>/", views.event_detail, name="event"),
    path("arrangementer/<int:pk>/kalender.ics", views.event_ics, name="event_ics"),
    path("arrangementer/<int:pk>/meld-pa/", views.register, name="register"),
    path("arrangementer/<int:pk>/meld-av/", views.cancel, name="cancel"),
]
