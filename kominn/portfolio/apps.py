from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "kominn.portfolio"
    label = "portfolio"
    verbose_name = _("Innovation portfolio")

    def ready(self):
        from kominn.accounts import roles

        roles.grant(
            roles.EDITOR,
            "portfolio",
            roles.every_action(
                "initiative", "goalcontribution", "partner", "benefit", "measurement",
                "lesson", "award", "initiativeimage", "attachment", "link", "update",
                "relation", "goal", "newsarticle",
            ),
        )  # fmt: skip
