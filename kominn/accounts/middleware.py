from django.contrib import messages
from django.contrib.auth import logout
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


def blocked_message(reason: str) -> str:
    return _("This account is blocked by a moderator: %(reason)s") % {"reason": reason or "–"}
