"""What notifications holds about a person, registered with accounts
(kominn/accounts/personal_data.py): their notifications and their choices for them. They
go when the account is deleted, also when its contributions are kept."""

from kominn.accounts import personal_data

from .models import Notification, NotificationPreference


def erase(user, keep_contributions: bool) -> None:
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()


def register() -> None:
    personal_data.register("notifications", erase=erase)
