from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "kominn.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from kominn.accounts import roles
        from kominn.core import audit

        from . import actions

        audit.label_actions(actions.LABELS)
        # Moderators work the report queue at /moderering/.
        roles.grant(roles.MODERATOR, "moderation", ["moderate"])
