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

# Workshops on a challenge, under the challenge's address.
WORKSHOP = "utfordringer/<slug:slug>/verksted/<int:pk>/"
urlpatterns += [
    path(WORKSHOP, views.workshop_detail, name="workshop"),
    path(f"{WORKSHOP}lapp/", views.post_card, name="workshop_card"),
    path(f"{WORKSHOP}grupper/", views.add_group, name="workshop_group"),
    path(f"{WORKSHOP}avslutt/", views.finish, name="workshop_finish"),
    path(f"{WORKSHOP}lapper/<int:card>/stem/", views.vote, name="workshop_vote"),
    path(f"{WORKSHOP}lapper/<int:card>/flytt/", views.move_card, name="workshop_move"),
    path(f"{WORKSHOP}lapper/<int:card>/skjul/", views.hide_card, name="workshop_hide"),
]
