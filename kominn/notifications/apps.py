from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "kominn.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from kominn.accounts import login_reasons
        from kominn.core import pagecache

        from . import personal_data
        from .models import Notification, NotificationPreference

        personal_data.register()
        pagecache.unseen(Notification, NotificationPreference)
        login_reasons.register("notifications:notifications", _("Log in to see your notifications"))
        login_reasons.register(
            "notifications:notification_settings", _("Log in to choose what you are told")
        )
