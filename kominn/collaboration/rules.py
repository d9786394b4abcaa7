"""Who may post needs, answer them and decide on answers. Views ask here, nowhere else.

A need is posted by those who speak for what it is on: the initiative's editors (the
portfolio's rule), the challenge's staff, or the idea's author."""

from kominn.core.access import works_for
from kominn.participation import rules as participation_rules
from kominn.portfolio import rules as portfolio_rules

from .models import AnswerStatus, NeedStatus


def _participant(user):
    return participation_rules.can_take_part(user)


def _challenge_staff(user, challenge):
    return (
        _participant(user)
        and user.is_staff
        and works_for(user, challenge.organisation_id)
        and user.has_perm("participation.change_challenge")
    )


def can_post_need(user, *, initiative=None, challenge=None, idea=None):
    if not _participant(user):
        return False
    if initiative is not None:
        return portfolio_rules.can_edit_initiative(user, initiative)
    if challenge is not None:
        return _challenge_staff(user, challenge)
    if idea is not None:
        return idea.author_id == user.pk and not idea.is_draft and idea.hidden_at is None
    return False


def can_manage_need(user, need):
    """Edit, close and decide on answers: whoever may post needs on its initiative,
    challenge or idea."""
    return can_post_need(user, initiative=need.initiative, challenge=need.challenge, idea=need.idea)


def can_answer_need(user, need):
    """Logged in, not blocked, the need open, and not one's own."""
    return (
        _participant(user)
        and need.status != NeedStatus.CLOSED
        and not can_manage_need(user, need)
        and not (need.idea_id and need.idea.author_id == user.pk)
    )


def can_decide_answer(user, answer):
    return can_manage_need(user, answer.need) and answer.status in (
        AnswerStatus.PENDING,
        AnswerStatus.WAITING,
    )


def can_withdraw_answer(user, answer):
    return (
        _participant(user)
        and answer.user_id == user.pk
        and answer.status not in (AnswerStatus.DECLINED, AnswerStatus.WITHDRAWN)
    )


def can_offer_help_on_idea(user, idea):
    """The idea page's free offer of help, an answer to its general need: participation's
    rule for offers on ideas (not the author; the idea submitted and shown)."""
    return participation_rules.can_offer_help_on_idea(user, idea)


def can_see_offers_on_idea(user, idea):
    """The offers listed on the idea's page: its author and the organisation's staff."""
    return participation_rules.can_see_offers_on_idea(user, idea)


def can_keep_skills(user):
    return _participant(user)
