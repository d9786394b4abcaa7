"""Open data pages in the visitor's language: downloads, the API's documentation and the
views made to be framed on the municipality's own website."""

from django.urls import path

from . import embeds, views

app_name = "opendata"

urlpatterns: list = [
    path("innebygd/siste-tiltak/", embeds.latest_initiatives, name="embed_latest"),
    path("innebygd/del-en-ide/", embeds.share_idea, name="embed_share_idea"),
    path("apne-data/", views.index, name="index"),
]
