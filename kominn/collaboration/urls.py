from django.urls import path

from . import team_views, views

app_name = "collaboration"

# Included before participation's URLs: "behov" would otherwise be taken for an idea's
# slug, and the offer forms of initiatives and ideas now answer their general need.
urlpatterns = [
    path("bidra/", views.contribute, name="contribute"),
    path("bidra/mine-ferdigheter/", views.my_skills, name="skills"),
    path("bidra/nye-behov-av/<str:token>/", views.needs_digest_off, name="needs_digest_off"),
    path("behov/<int:pk>/", views.need_detail, name="need"),
    path("behov/<int:pk>/endre/", views.need_edit, name="need_edit"),
    path("behov/<int:pk>/bidra/", views.answer_need, name="answer"),
    path("behov/<int:pk>/status/", views.need_status, name="need_status"),
    path("behov/svar/<int:pk>/avgjor/", views.decide_answer, name="decide"),
    path("behov/svar/<int:pk>/trekk/", views.withdraw_answer, name="withdraw"),
    path("tiltak/<slug:slug>/behov/ny/", views.need_new_initiative, name="need_new_initiative"),
    path("utfordringer/<slug:slug>/behov/ny/", views.need_new_challenge, name="need_new_challenge"),
    path("ideer/<int:pk>/behov/ny/", views.need_new_idea, name="need_new_idea"),
    path("tiltak/<slug:slug>/bidra/", views.offer_on_initiative, name="offer_initiative"),
    # The initiative's team: members, updates, tasks and files.
    path("tiltak/<slug:slug>/team/", team_views.team, name="team"),
    path("tiltak/<slug:slug>/team/meg/", team_views.membership, name="team_membership"),
    path("tiltak/<slug:slug>/team/forlat/", team_views.leave, name="team_leave"),
    path(
        "tiltak/<slug:slug>/team/medlem/<int:pk>/fjern/",
        team_views.remove_member,
        name="team_remove",
    ),
    path(
        "tiltak/<slug:slug>/team/oppdatering/<int:pk>/skjul/",
        team_views.team_update_hide,
        name="team_update_hide",
    ),
    path("tiltak/<slug:slug>/team/oppgaver/ny/", team_views.task_new, name="team_task_new"),
    path("tiltak/<slug:slug>/team/oppgaver/<int:pk>/", team_views.task_move, name="team_task_move"),
    path("tiltak/<slug:slug>/team/filer/ny/", team_views.file_new, name="team_file_new"),
    path(
        "tiltak/<slug:slug>/team/filer/<int:pk>/slett/",
        team_views.file_delete,
        name="team_file_delete",
    ),
    path("ideer/<int:pk>/bidra/", views.offer_on_idea, name="offer_idea"),
]
