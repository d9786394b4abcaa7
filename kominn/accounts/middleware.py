from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _


class BlockedAccountMiddleware:
    """Ends the session of an account a moderator has blocked, at its next request.

    The log-in form refuses blocked accounts; this covers sessions that were open when
    the block came, and log-ins by any other route (the admin, ID-porten, Entra ID).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.blocked_at is not None:
            reason = user.blocked_reason
            logout(request)
            messages.error(request, blocked_message(reason))
        return self.get_response(request)


class PersonalPagesMiddleware:
    """Keeps a logged-in person's account pages (everything under /konto/, the export of
    their data too) out of every cache: a shared computer's browser or a proxy must not
    keep them."""

    def __init__(self, get_response):
        self.get_response = get_response
        with translation.override(settings.LANGUAGE_CODE):
            self.prefix = reverse("accounts:profile")

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path_info
        language = get_language_from_path(path)
        if language:
            path = path.removeprefix(f"/{language}")
        if path.startswith(self.prefix) and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


def blocked_message(reason: str) -> str:
    return _("This account is blocked by a moderator: %(reason)s") % {"reason": reason or "–"}
