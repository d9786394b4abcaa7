from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "kominn.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from kominn.accounts import roles
        from kominn.core import audit, pagecache

        from . import actions
        from .models import Report

        # Reports are for moderators; hiding saves the idea or comment, which is watched.
        pagecache.unseen(Report)

        audit.label_actions(actions.LABELS)
        # Moderators work the report queue at /moderering/.
        roles.grant(roles.MODERATOR, "moderation", ["moderate"])
