from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("om/", views.about, name="about"),
    path("personvern/", views.privacy, name="privacy"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path("statistikk/", views.statistics, name="statistics"),
    path("statistikk/barometer/", views.barometer, name="barometer"),
    path("statistikk/barometer.csv", views.barometer_csv, name="barometer_csv"),
    path("min-side/", views.my_page, name="my_page"),
]
