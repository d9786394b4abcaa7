"""What events hold about a person: the events they signed up for. Registered with
accounts (kominn/accounts/personal_data.py) for the export and for deleting an account."""

from kominn.accounts import personal_data
from kominn.accounts.personal_data import when

from . import services
from .models import Registration


def registrations(user) -> list:
    return [
        {
            "event": registration.event.title,
            "starts": when(registration.event.starts_at),
            "status": registration.status,
            "signed_up": when(registration.created_at),
        }
        for registration in Registration.objects.filter(user=user).select_related("event")
    ]


def erase_registrations(user, keep_contributions: bool) -> None:
    """A deleted account gives up its places, whatever else it keeps: the first on each
    waiting list moves up and is told, as when someone cancels."""
    for registration in Registration.objects.filter(user=user):
        services.cancel_registration(registration=registration)


def register() -> None:
    personal_data.register("event_registrations", export=registrations, erase=erase_registrations)
