from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import PasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("registrer/", views.register, name="register"),
    path("registrert/", views.registered, name="registered"),
    path("bekreft/<str:token>/", views.confirm, name="confirm"),
    path("logg-inn/", views.login, name="login"),
    path("logg-ut/", views.logout, name="logout"),
    path("ekstern/fullfor/", views.external_complete, name="external_complete"),
    path("ekstern/sendt/", views.external_sent, name="external_sent"),
    path("ekstern/bekreft/<str:token>/", views.external_confirm, name="external_confirm"),
    path("ekstern/<slug:provider>/", views.external_login, name="external_login"),
    path("e-post/", views.change_email, name="change_email"),
    path("mine-data/", views.my_data, name="my_data"),
    path("mine-data/eksport/", views.export, name="export"),
    path("slett/", views.delete, name="delete"),
    path(
        "passord/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "passord/endret/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_changed.html"),
        name="password_change_done",
    ),
    path(
        "glemt-passord/",
        views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_sent"),
        ),
        name="password_reset",
    ),
    path(
        "glemt-passord/sendt/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_sent",
    ),
    path(
        "nytt-passord/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "nytt-passord/ferdig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
]
