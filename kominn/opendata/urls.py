"""Open data pages in the visitor's language: downloads, the API's documentation and the
views made to be framed on the municipality's own website."""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns: list = [
    path("apne-data/", views.index, name="index"),
]
