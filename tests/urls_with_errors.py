"""KomInn's URLs and one address that fails, so tests can see the 500 page as a visitor
would. Only tests use it (settings.ROOT_URLCONF); production has no failing address."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from kominn.urls import handler400, handler403, handler404, handler500, urlpatterns

from .routes import SERVER_ERROR_PATH


def fail(request):
    raise RuntimeError("A failure on purpose, to show the 500 page")


urlpatterns = [
    *i18n_patterns(path(SERVER_ERROR_PATH.strip("/") + "/", fail), prefix_default_language=False),
    *urlpatterns,
]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
