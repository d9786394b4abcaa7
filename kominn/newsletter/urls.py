from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("", views.sign_up, name="sign_up"),
    path("sendt/", views.sent, name="sent"),
    path("bekreft/<str:token>/", views.confirm, name="confirm"),
    path("bekreftet/", views.confirmed, name="confirmed"),
    path("avmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("avmeldt/", views.unsubscribed, name="unsubscribed"),
]
