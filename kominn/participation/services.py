"""Writes that touch several rows: supporting, following, commenting, offering help."""

from django.db import IntegrityError, transaction

from kominn.notifications import services as notifications

from .models import Comment, Follow, Offer, Support


def toggle_support(*, idea, user) -> bool:
    """Support the idea, or take the support back. Returns whether the user now supports it.

    The unique constraint keeps it to one per person even when two requests race: the
    losing insert fails inside its savepoint and the support simply stands.
    """
    deleted, _ = Support.objects.filter(idea=idea, user=user).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=user)
    except IntegrityError:
        pass
    return True


def toggle_follow(*, user, **target) -> bool:
    """Follow an idea, challenge or initiative (one keyword), or stop following it."""
    deleted, _ = Follow.objects.filter(user=user, **target).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Follow.objects.create(user=user, **target)
    except IntegrityError:
        pass
    return True


@transaction.atomic
def add_comment(*, idea, author, body, parent=None) -> Comment:
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent  # replies stay one level deep
    comment = Comment(idea=idea, author=author, body=body, parent=parent)
    comment.full_clean()
    comment.save()
    # Taking part in the discussion means hearing how it goes on.
    Follow.objects.get_or_create(user=author, idea=idea)
    notifications.notify_comment(comment=comment)
    return comment


@transaction.atomic
def offer_help(*, user, message, idea=None, initiative=None) -> Offer:
    offer = Offer(user=user, message=message, idea=idea, initiative=initiative)
    offer.full_clean()
    offer.save()
    notifications.notify_offer(offer=offer)
    return offer


@transaction.atomic
def submit_idea(*, idea) -> None:
    """Publish a draft, and tell the followers of its challenge."""
    if not idea.is_draft:
        return
    idea.submit()
    notifications.notify_idea_submitted(idea=idea)
