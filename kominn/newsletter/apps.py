from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "kominn.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from kominn.accounts import roles
        from kominn.core import pagecache

        from .models import NewsletterIssue, Subscription

        # Neither shows on a page: issues go out by mail only.
        pagecache.unseen(NewsletterIssue, Subscription)

        # Editors write issues and see who subscribes; removing an address is for admins.
        roles.grant(
            roles.EDITOR,
            "newsletter",
            [*roles.every_action("newsletterissue"), "view_subscription"],
        )
