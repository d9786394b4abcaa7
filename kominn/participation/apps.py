from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "kominn.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from kominn.core import audit

        audit.label_actions({"idea_status": _("Changed an idea's status")})
