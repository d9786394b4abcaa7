from functools import cache

from .models import Notification


def notifications(request):
    """The number of unread notifications for the header, counted in one query, and only
    when a page for a logged-in person shows it (templates call the function once)."""

    @cache
    def unread_notifications():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return Notification.objects.filter(recipient=user).unread().count()

    return {"unread_notifications": unread_notifications}
