from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "kominn.collaboration"
    label = "collaboration"
    verbose_name = _("Collaboration")

    def ready(self):
        from kominn.accounts import login_reasons
        from kominn.core import media, pagecache

        from . import models, notify, personal_data, rules

        pagecache.watch(models.Need)
        pagecache.watch(models.Answer, "need.organisation_id")
        # What a person says they can do: shown only to them, on their own pages.
        pagecache.unseen(models.Skills)
        # The initiative's page counts its team and names those who agreed to it.
        pagecache.watch(models.TeamMember, "initiative.organisation_id")
        # The rest of the team's work is on the team page, which only the team sees.
        pagecache.unseen(models.TeamUpdate, models.TeamTask, models.TeamFile)
        media.register(
            models.TeamFile,
            ["file"],
            can_view=rules.can_download_team_file,
            download_name=models.TeamFile.download_name,
        )
        notify.register()
        personal_data.register()
        for view_name, message in {
            "collaboration:offer_initiative": _("Log in to offer your help"),
            "collaboration:offer_idea": _("Log in to offer your help"),
            "collaboration:answer": _("Log in to offer your help"),
        }.items():
            login_reasons.register(view_name, message)
