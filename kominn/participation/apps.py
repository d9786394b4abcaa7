from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "kominn.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from kominn.accounts import login_reasons, roles
        from kominn.core import audit, media, pagecache

        from . import models, notify, personal_data, rules
        from .models import Idea

        for model in (models.Challenge, models.Idea):
            pagecache.watch(model)
        for model in (models.Comment, models.Support, models.IdeaEvent):
            pagecache.watch(model, "idea.organisation_id")
        pagecache.watch(
            models.Follow,
            ["idea.organisation_id", "challenge.organisation_id", "initiative.organisation_id"],
        )
        pagecache.watch(models.Offer, ["idea.organisation_id", "initiative.organisation_id"])

        audit.label_actions({"idea_status": _("Changed an idea's status")})
        notify.register()
        register_login_reasons(login_reasons)
        personal_data.register()
        media.register(Idea, ["image", "medium", "thumbnail"], can_view=rules.can_view_idea_media)
        editor = [*roles.every_action("challenge"), "view_idea", "view_comment", "view_offer"]
        # Answering ideas and moving their status happens on the idea's page, through
        # services.answer_idea, never by editing the idea in the admin.
        roles.grant(roles.EDITOR, "participation", [*editor, "answer_idea"])
        # In the admin, moderators may read ideas and comments.
        roles.grant(roles.MODERATOR, "participation", ["view_idea", "view_comment"])


def register_login_reasons(login_reasons):
    """What the log-in page says to a visitor on their way to one of these (see
    kominn/accounts/login_reasons.py)."""
    for view_name, message in {
        "participation:idea_new": _("Log in to share an idea"),
        "participation:idea_edit": _("Log in to change your idea"),
        "participation:idea_preview": _("Log in to see your draft"),
        "participation:idea": _("Log in to support, follow or comment on the idea"),
        "participation:support": _("Log in to support the idea"),
        "participation:follow_idea": _("Log in to follow the idea"),
        "participation:comment": _("Log in to comment"),
        "participation:comment_edit": _("Log in to change your comment"),
        "participation:follow_challenge": _("Log in to follow the challenge"),
        "participation:follow_initiative": _("Log in to follow the initiative or offer to help"),
        "portfolio:initiative": _("Log in to follow the initiative or offer to help"),
    }.items():
        login_reasons.register(view_name, message)
