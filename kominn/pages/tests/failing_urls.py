"""A URLconf with views that fail, to test the error pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from kominn.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("Something broke")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("feil/", broken),
    path("ingen-tilgang/", forbidden),
    *site_urlpatterns,
]

handler403 = "kominn.pages.views.permission_denied"
handler500 = "kominn.pages.views.server_error"
