"""What events hold about a person: the events they signed up for, and the cards and
votes they gave in workshops. Registered with
accounts (kominn/accounts/personal_data.py) for the export and for deleting an account."""

from kominn.accounts import personal_data
from kominn.accounts.personal_data import when

from . import services
from .models import Card, Registration, Vote


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


def cards(user) -> list:
    return [
        {
            "workshop": card.workshop.title,
            "text": card.text,
            "name_may_stand_on_the_idea": card.consent_credit,
            "posted": when(card.created_at),
            "hidden": when(card.hidden_at),
        }
        for card in Card.objects.filter(author=user).select_related("workshop")
    ]


def votes(user) -> list:
    return [
        {"workshop": vote.workshop.title, "card": vote.card.text, "given": when(vote.created_at)}
        for vote in Vote.objects.filter(user=user).select_related("workshop", "card")
    ]


def erase_cards(user, keep_contributions: bool) -> None:
    """Removing contributions takes the person's cards, and the votes on them, with it;
    an idea a card became stays, as the idea it is (credited or not)."""
    if not keep_contributions:
        Card.objects.filter(author=user).delete()


def erase_votes(user, keep_contributions: bool) -> None:
    if not keep_contributions:
        Vote.objects.filter(user=user).delete()


def register() -> None:
    personal_data.register("event_registrations", export=registrations, erase=erase_registrations)
    personal_data.register("workshop_cards", export=cards, erase=erase_cards)
    personal_data.register("workshop_votes", export=votes, erase=erase_votes)
