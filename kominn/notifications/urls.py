from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("innstillinger/", views.preferences, name="notification_settings"),
    path("les-alle/", views.mark_all_read, name="notifications_read"),
    path("<int:pk>/", views.notification_open, name="notification_open"),
    path("av/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
