from django.urls import path

from . import feeds, views

app_name = "portfolio"

urlpatterns = [
    path("tiltak/", views.initiative_list, name="initiatives"),
    path("tiltak/feed/", feeds.InitiativeFeed(), name="initiative_feed"),
    path("tiltak/<slug:slug>/", views.initiative_detail, name="initiative"),
    path("mal/", views.goal_list, name="goals"),
    path("mal/<slug:slug>/", views.goal_detail, name="goal"),
    path("nyheter/", views.news_list, name="news"),
    path("nyheter/feed/", feeds.NewsFeed(), name="news_feed"),
    path("nyheter/<slug:slug>/", views.news_detail, name="news_article"),
    path("deling/", views.sharing_bank, name="sharing_bank"),
    path("deling/eksport.json", views.sharing_feed, name="sharing_feed"),
    path(
        "deling/<slug:organisation>/<slug:slug>/", views.shared_initiative, name="shared_initiative"
    ),
    path(
        "deling/<slug:organisation>/<slug:slug>/eksport.json",
        views.export_initiative,
        name="export_initiative",
    ),
    path(
        "deling/<slug:organisation>/<slug:slug>/ta-i-bruk/",
        views.adopt_initiative,
        name="adopt_initiative",
    ),
]
