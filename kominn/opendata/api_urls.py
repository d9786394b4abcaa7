"""/api/v1/: the read-only JSON API and the DCAT-AP-NO catalogue, without a language
prefix (an API's address does not change with the visitor's language)."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("dcat", views.catalogue, name="dcat"),
]
