from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "kominn.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from kominn.accounts import login_reasons, roles
        from kominn.core import audit, pagecache

        from . import models, personal_data

        pagecache.watch(models.Event)
        pagecache.watch(models.Registration, "event.organisation_id")
        pagecache.watch(models.Workshop)
        for model in (models.CardGroup, models.Card, models.Vote):
            pagecache.watch(model, "workshop.organisation_id")
        # Editors create and change events on their initiatives and challenges; rules.py
        # holds them to the ones they may edit.
        roles.grant(
            roles.EDITOR,
            "events",
            [*roles.every_action("event", "workshop"), "view_registration"],
        )
        personal_data.register()
        audit.label_actions({"finish_workshop": _("Finished a workshop")})
        login_reasons.register("events:register", _("Log in to sign up for the event"))
        login_reasons.register("events:workshop_card", _("Log in to post a card"))
        login_reasons.register("events:workshop_vote", _("Log in to vote"))
