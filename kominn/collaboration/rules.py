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


def _staff_of(user, organisation_id):
    return _participant(user) and user.is_staff and works_for(user, organisation_id)


def can_see_hidden_need(user, need):
    """A hidden need shows a notice in its place; its owners and the organisation's staff
    (moderators among them) still see it."""
    return (
        need.hidden_at is None
        or can_manage_need(user, need)
        or _staff_of(user, need.organisation_id)
    )


def answer_is_shown(answer):
    """Not hidden by a moderator, nor written by a blocked account."""
    return answer.hidden_at is None and answer.user.blocked_at is None


def can_see_answer(user, answer):
    """An answer is seen by the person who sent it and by the organisation's staff (who
    moderate it); by the need's owners, in their list of answers, unless it is hidden."""
    if not _participant(user):
        return False
    if answer.user_id == user.pk or _staff_of(user, answer.need.organisation_id):
        return True
    return answer_is_shown(answer) and can_manage_need(user, answer.need)


def can_answer_need(user, need):
    """Logged in, not blocked, the need open and shown, and not one's own."""
    return (
        _participant(user)
        and need.status != NeedStatus.CLOSED
        and need.hidden_at is None
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


def can_keep_skills(user):
    return _participant(user)
