"""Who may do what with ideas, challenges and comments. Views ask here, nowhere else."""

from kominn.portfolio import rules as portfolio_rules

from .models import IdeaStatus


def _participant(user):
    return user.is_authenticated and user.is_active


def _staff_of(user, organisation_id):
    return (
        _participant(user)
        and user.is_staff
        and (user.is_superuser or user.organisation_id == organisation_id)
    )


def can_view_idea(user, idea):
    return not idea.is_draft or (user.is_authenticated and idea.author_id == user.pk)


def can_submit_idea(user):
    return _participant(user)


def can_edit_idea(user, idea):
    """The author, until the municipality first answers."""
    return (
        _participant(user)
        and idea.author_id == user.pk
        and idea.first_answered_at is None
        and idea.status == IdeaStatus.RECEIVED
    )


def can_comment(user, idea):
    return _participant(user) and not idea.is_draft


def can_edit_comment(user, comment):
    return _participant(user) and comment.author_id == user.pk and comment.can_still_be_edited()


def can_delete_comment(user, comment):
    return _participant(user) and comment.author_id == user.pk and not comment.is_deleted


def can_support(user, idea):
    return _participant(user) and not idea.is_draft and idea.author_id != user.pk


def can_follow(user):
    return _participant(user)


def can_offer_help_on_idea(user, idea):
    return _participant(user) and not idea.is_draft and idea.author_id != user.pk


def can_see_offers_on_idea(user, idea):
    return _participant(user) and (
        idea.author_id == user.pk or _staff_of(user, idea.organisation_id)
    )


def can_see_offers_on_initiative(user, initiative):
    return portfolio_rules.can_edit_initiative(user, initiative)


def can_submit_to_challenge(challenge):
    return challenge.is_published and challenge.is_open
