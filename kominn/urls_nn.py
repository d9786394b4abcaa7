"""The addresses of an organisation whose language form is nynorsk: nynorsk unprefixed,
bokmål under /nb/ and English under /en/ (see kominn/core/i18n.py)."""

from kominn.urls import handler400, handler403, handler404, handler500, site_patterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = site_patterns("nn")
