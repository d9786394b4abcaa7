"""Who may do what with events. Views and the admin ask here, nowhere else."""

from django.utils import timezone

from kominn.core.access import can_view, works_for
from kominn.participation import rules as participation_rules
from kominn.portfolio import rules as portfolio_rules


def can_view_event(user, event):
    """An event is seen by those who see its initiative or challenge."""
    return can_view(user, event.subject)


def can_edit_challenge(user, challenge):
    return (
        user.is_active
        and user.is_staff
        and user.has_perm("participation.change_challenge")
        and works_for(user, challenge.organisation_id)
    )


def can_edit_event(user, event):
    """Staff who may edit the event's initiative or challenge create and change its events."""
    if not (user.is_active and user.is_staff and user.has_perm("events.change_event")):
        return False
    if event.initiative_id:
        return portfolio_rules.can_edit_initiative(user, event.initiative)
    if event.challenge_id:
        return can_edit_challenge(user, event.challenge)
    return works_for(user, event.organisation_id)


def registration_is_open(event, now=None):
    """A scheduled event that has not begun, whose registration is open."""
    return (
        event.registration_open
        and not event.is_cancelled
        and event.starts_at > (now or timezone.now())
    )


def can_register(user, event, now=None):
    """Signing up: logged in and not blocked, while the event's registration is open."""
    return participation_rules.can_take_part(user) and registration_is_open(event, now)


def can_cancel_registration(user, registration, now=None):
    return participation_rules.can_take_part(user) and registration.user_id == user.pk


# --- Workshops ------------------------------------------------------------------------


def can_view_workshop(user, workshop):
    """A workshop is seen by those who see its challenge."""
    return can_view(user, workshop.challenge)


def can_run_workshop(user, workshop):
    """The challenge's staff (those who may edit the challenge) group, hide and choose
    cards, and finish the workshop."""
    return participation_rules.can_take_part(user) and can_edit_challenge(user, workshop.challenge)


def can_post_card(user, workshop, now=None):
    """Posting a card: logged in and not blocked, while the workshop is open."""
    return participation_rules.can_take_part(user) and workshop.is_open(now)


def can_vote(user, workshop, card, now=None):
    """Voting on a shown card, while the workshop is open."""
    return (
        participation_rules.can_take_part(user)
        and workshop.is_open(now)
        and card.workshop_id == workshop.pk
        and card.hidden_at is None
        and card.author.blocked_at is None
    )


def can_see_hidden_card(user, card, workshop):
    """A hidden card's text is for its author and the workshop's staff."""
    return (user.is_authenticated and card.author_id == user.pk) or can_run_workshop(user, workshop)


def can_see_card(user, card):
    """A card is found where its workshop is seen."""
    return can_view_workshop(user, card.workshop)


def can_see_card_text(user, card):
    """A shown card's text is for everyone who sees the workshop; a hidden one's (or a
    blocked author's) for its author and the workshop's staff."""
    shown = card.hidden_at is None and card.author.blocked_at is None
    return shown or can_see_hidden_card(user, card, card.workshop)


def can_finish_workshop(user, workshop, now=None):
    """Choosing the cards that become ideas: once the workshop has opened, and once."""
    return can_run_workshop(user, workshop) and workshop.state(now) in ("open", "closed")


def can_take_back_vote(user, workshop, card, now=None):
    """A vote is taken back while the workshop is open, even from a card hidden since."""
    return (
        participation_rules.can_take_part(user)
        and workshop.is_open(now)
        and card.workshop_id == workshop.pk
    )
