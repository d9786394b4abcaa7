"""/data/: the open data downloads, without a language prefix (a file's address does not
change with the visitor's language; its labels are in the municipality's)."""

from django.urls import path

from . import downloads

app_name = "data"

urlpatterns = [
    path("tiltak.csv", downloads.initiatives_csv, name="initiatives_csv"),
    path("tiltak.json", downloads.initiatives_json, name="initiatives_json"),
    path("gevinster.csv", downloads.benefits_csv, name="benefits_csv"),
    path("gevinster.json", downloads.benefits_json, name="benefits_json"),
    path("ideer.csv", downloads.ideas_csv, name="ideas_csv"),
    path("ideer.json", downloads.ideas_json, name="ideas_json"),
    path("idetrakt.csv", downloads.funnel_csv, name="funnel_csv"),
    path("idetrakt.json", downloads.funnel_json, name="funnel_json"),
]
