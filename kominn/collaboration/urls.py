from django.urls import path

from . import views

app_name = "collaboration"

# Included before participation's URLs: "behov" would otherwise be taken for an idea's
# slug, and the offer forms of initiatives and ideas now answer their general need.
urlpatterns = [
    path("bidra/", views.contribute, name="contribute"),
    path("bidra/mine-ferdigheter/", views.my_skills, name="skills"),
    path("behov/<int:pk>/", views.need_detail, name="need"),
    path("behov/<int:pk>/bidra/", views.answer_need, name="answer"),
    path("behov/<int:pk>/status/", views.need_status, name="need_status"),
    path("behov/svar/<int:pk>/avgjor/", views.decide_answer, name="decide"),
    path("behov/svar/<int:pk>/trekk/", views.withdraw_answer, name="withdraw"),
    path("tiltak/<slug:slug>/behov/ny/", views.need_new_initiative, name="need_new_initiative"),
    path("utfordringer/<slug:slug>/behov/ny/", views.need_new_challenge, name="need_new_challenge"),
    path("ideer/<int:pk>/behov/ny/", views.need_new_idea, name="need_new_idea"),
    path("tiltak/<slug:slug>/bidra/", views.offer_on_initiative, name="offer_initiative"),
    path("ideer/<int:pk>/bidra/", views.offer_on_idea, name="offer_idea"),
]
