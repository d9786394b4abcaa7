from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "kominn.portfolio"
    label = "portfolio"
    verbose_name = _("Innovation portfolio")

    def ready(self):
        from kominn.accounts import roles
        from kominn.core import media, pagecache

        from . import models, notify, rules
        from .models import Attachment, InitiativeImage, NewsArticle

        media.register(NewsArticle, ["image", "thumbnail"], can_view=rules.can_view)
        media.register(
            InitiativeImage,
            ["image", "medium", "thumbnail"],
            can_view=rules.can_view_part,
            # The sharing bank shows other municipalities' covers on every site.
            shared=InitiativeImage.in_sharing_bank,
        )
        media.register(
            Attachment,
            ["file"],
            can_view=rules.can_view_part,
            download_name=Attachment.download_name,
        )
        for model in (models.Goal, models.Initiative, models.NewsArticle):
            pagecache.watch(model)
        for model in (
            models.PhaseChange, models.GoalContribution, models.Partner, models.Benefit,
            models.Lesson, models.Award, models.InitiativeImage, models.Attachment,
            models.Link, models.Update,
        ):  # fmt: skip
            pagecache.watch(model, "initiative.organisation_id")
        pagecache.watch(models.Measurement, "benefit.initiative.organisation_id")
        notify.register()
        # "Adopted from" may point to another organisation's initiative.
        pagecache.watch(models.Relation, None)
        # A peer installation's address and last sync: the bank shows its initiatives,
        # whose own saves mark pages stale.
        pagecache.unseen(models.Peer)

        roles.grant(
            roles.EDITOR,
            "portfolio",
            roles.every_action(
                "initiative", "goalcontribution", "partner", "benefit", "measurement",
                "lesson", "award", "initiativeimage", "attachment", "link", "update",
                "relation", "goal", "newsarticle",
            ),
        )  # fmt: skip
