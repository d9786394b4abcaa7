from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from kominn.core import i18n

from .models import Organisation


class OrganisationMiddleware:
    """Sets request.organisation from the request's host, else the default organisation.

    None when no organisation exists yet, or none claims the host and none is the default;
    pages then show no content rather than another organisation's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = Organisation.objects.for_host(request.get_host())
        return self.get_response(request)


class OrganisationLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the organisation's language form at unprefixed addresses.

    A nynorsk municipality's `/` is nynorsk, with bokmål under /nb/; a bokmål one's `/` is
    bokmål, with nynorsk under /nn/; English is under /en/ on both. The request gets the
    URLconf that leaves the organisation's form unprefixed, so reverse() and the language
    switch make the right addresses. Runs after OrganisationMiddleware.
    """

    def process_request(self, request):
        organisation = getattr(request, "organisation", None)
        default = organisation.language if organisation else settings.LANGUAGE_CODE
        urlconf = i18n.urlconf_for(default)
        if urlconf != settings.ROOT_URLCONF:
            request.urlconf = urlconf
        from_path = translation.get_language_from_path(request.path_info)
        if from_path == default:
            # The organisation's own form has no prefix: /nn/x/ on a nynorsk site is /x/.
            return HttpResponsePermanentRedirect(self._without_prefix(request, default))
        translation.activate(from_path or default)
        request.LANGUAGE_CODE = translation.get_language()

    @staticmethod
    def _without_prefix(request, language):
        path = request.path_info.removeprefix(f"/{language}")
        path = "/" + path.lstrip("/")  # never //host: one path on this site
        query = request.META.get("QUERY_STRING", "")
        return f"{request.META.get('SCRIPT_NAME', '')}{path}" + (f"?{query}" if query else "")
