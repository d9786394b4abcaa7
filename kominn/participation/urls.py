from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("ideer/", views.idea_list, name="ideas"),
    path("ideer/ny/", views.idea_new, name="idea_new"),
    path("ideer/oppfolging/", views.follow_up, name="follow_up"),
    path("ideer/<int:pk>/", views.idea_detail, name="idea"),
    path("ideer/<int:pk>/rediger/", views.idea_edit, name="idea_edit"),
    path("ideer/<int:pk>/forhandsvis/", views.idea_preview, name="idea_preview"),
    path("ideer/<int:pk>/send-inn/", views.idea_submit, name="idea_submit"),
    path("ideer/<int:pk>/stott/", views.support, name="support"),
    path("ideer/<int:pk>/folg/", views.follow_idea, name="follow_idea"),
    path("ideer/<int:pk>/kommenter/", views.comment, name="comment"),
    path("ideer/<int:pk>/svar/", views.answer, name="answer"),
    path("ideer/<int:pk>/<slug:slug>/", views.idea_detail, name="idea"),
    path("folger/<int:pk>/slutt/", views.unfollow, name="unfollow"),
    path("kommentarer/<int:pk>/rediger/", views.comment_edit, name="comment_edit"),
    path("kommentarer/<int:pk>/slett/", views.comment_delete, name="comment_delete"),
    path("utfordringer/", views.challenge_list, name="challenges"),
    path("utfordringer/<slug:slug>/", views.challenge_detail, name="challenge"),
    path("utfordringer/<slug:slug>/folg/", views.follow_challenge, name="follow_challenge"),
    path("tiltak/<slug:slug>/folg/", views.follow_initiative, name="follow_initiative"),
]
