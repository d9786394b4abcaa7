"""Who in the portfolio is told what, and with which words.

- `initiative_editors(initiative)`: the people told about what happens to an initiative
  (offers of help, in participation; adoptions, here).
- `notify_adopted(adoption=..., source=..., actor=...)`: another municipality took a
  shared initiative into use (called by services.adopt_initiative, in its transaction).

The words are the `Message`s below, registered in PortfolioConfig.ready().
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext

from kominn.notifications import messages
from kominn.notifications.models import NotificationKind
from kominn.notifications.services import notify

from .rules import can_edit_initiative

User = get_user_model()

# The message key stored on adoption notifications.
ADOPTED = "portfolio.adopted"


def initiative_editors(initiative) -> list:
    """Who hears about what happens to an initiative: the people who may edit it.

    That is the organisation's editors who may edit the initiative (superusers only when
    they work for the organisation). When its contact e-mail belongs to one of them, only
    that person is told, so a large editorial staff is not told about everything.
    """
    may_change = Q(
        groups__permissions__codename="change_initiative",
        groups__permissions__content_type__app_label="portfolio",
    ) | Q(
        user_permissions__codename="change_initiative",
        user_permissions__content_type__app_label="portfolio",
    )
    candidates = (
        User.objects.filter(
            is_active=True,
            is_staff=True,
            blocked_at__isnull=True,
            organisation_id=initiative.organisation_id,
        )
        .filter(may_change | Q(is_superuser=True))
        .distinct()
        .order_by("pk")
    )
    editors = [user for user in candidates if can_edit_initiative(user, initiative)]
    contact = initiative.contact_email.strip().lower()
    contacts = [user for user in editors if contact and user.email.lower() == contact]
    return contacts or editors


def notify_adopted(*, adoption, source, actor) -> list:
    """`adoption` (a draft in another municipality) was made from the shared `source`:
    tell the source's editors (its contact person, when that is one of them). The draft
    itself is not linked: it is not theirs to see; it is named by its municipality."""
    return notify(
        kind=NotificationKind.ADOPTION,
        recipients=initiative_editors(source),
        target=source,
        message=ADOPTED,
        url=source.get_absolute_url(),
        params={"organisation": adoption.organisation.name},
        actor=actor,
    )


class AdoptedMessage(messages.Message):
    def summary(self, notification):
        return gettext("%(organisation)s is taking “%(initiative)s” into use") % {
            "organisation": notification.params.get("organisation", ""),
            "initiative": notification.target_title,
        }

    def subject(self, notification):
        return gettext("Another municipality is taking your initiative into use: %(title)s") % {
            "title": notification.target_title
        }


def register() -> None:
    messages.register(ADOPTED, AdoptedMessage())
