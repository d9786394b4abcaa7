import pytest
from django.utils.translation import gettext

from kominn.notifications import messages, services
from kominn.notifications.models import NotificationKind
from kominn.organisations.models import ServiceArea

# Notifications knows no domain; its own tests tell people about a service area, worded by
# a message of their own, as any app that sends notifications would.
TEST_MESSAGE = "tests.area"


class AreaMessage(messages.Message):
    def summary(self, notification):
        # A phrase the catalogue translates, to show the words follow the reader's language.
        return gettext("Notifications") + f": {notification.target_title}"

    def subject(self, notification):
        return f"Om {notification.target_title}"


messages.register(TEST_MESSAGE, AreaMessage())


@pytest.fixture(autouse=True)
def _links_in_mail(settings):
    """Mail needs absolute links; the demo organisation has no host name of its own."""
    settings.KOMINN_BASE_URL = "https://kominn.asker.kommune.no"


@pytest.fixture
def tell(asker):
    """tell(people, kind=..., actor=..., area=..., excerpt=...) notifies about a service area."""

    def run(recipients, *, kind=NotificationKind.COMMENT, actor=None, area=None, **fields):
        area = area or ServiceArea.objects.filter(organisation=asker).order_by("pk").first()
        fields.setdefault("excerpt", "Noe skjedde.")
        return services.notify(
            kind=kind,
            recipients=recipients,
            target=area,
            target_url=f"/omrade/{area.pk}/",
            message=TEST_MESSAGE,
            url=f"/omrade/{area.pk}/#noe",
            actor=actor,
            **fields,
        )

    return run
