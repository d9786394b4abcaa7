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


def can_offer_help_on_idea(user, idea):
    """The idea page's free offer of help, an answer to its general need: participation's
    rule for offers on ideas (not the author; the idea submitted and shown)."""
    return participation_rules.can_offer_help_on_idea(user, idea)


def can_see_offers_on_idea(user, idea):
    """The offers listed on the idea's page: its author and the organisation's staff."""
    return participation_rules.can_see_offers_on_idea(user, idea)


def can_keep_skills(user):
    return _participant(user)


# --- The team of an initiative -----------------------------------------------------------
# The initiative's editors own its team; members are those accepted to one of its needs
# (or added since). A blocked member keeps the row but may do nothing until unblocked.


def is_team_owner(user, initiative):
    return _participant(user) and portfolio_rules.can_edit_initiative(user, initiative)


def is_team_member(user, initiative, membership=None):
    """`membership`, when the view has looked it up already, saves a query."""
    if not _participant(user):
        return False
    if membership is not None:
        return membership.user_id == user.pk and membership.initiative_id == initiative.pk
    return initiative.team_members.filter(user=user).exists()


def can_see_team(user, initiative, membership=None):
    return is_team_owner(user, initiative) or is_team_member(user, initiative, membership)


def can_see_team_update(user, update):
    """An update is seen where the team page is: by the team, on an initiative the person
    may see."""
    return portfolio_rules.can_view(user, update.initiative) and can_see_team(
        user, update.initiative
    )


def can_see_hidden_team_update(user, update):
    """A hidden update (or one by a blocked account) leaves the team page for all but the
    team's owners."""
    shown = update.hidden_at is None and update.author.blocked_at is None
    return shown or is_team_owner(user, update.initiative)


def can_post_team_update(user, initiative, membership=None):
    return can_see_team(user, initiative, membership)


def can_hide_team_update(user, update):
    return is_team_owner(user, update.initiative) and update.hidden_at is None


def can_restore_team_update(user, update):
    return is_team_owner(user, update.initiative) and update.hidden_at is not None


def can_manage_tasks(user, initiative, membership=None):
    """Create tasks and move them between to do, in progress and done."""
    return can_see_team(user, initiative, membership)


def can_share_team_file(user, initiative, membership=None):
    return can_see_team(user, initiative, membership)


def can_download_team_file(user, team_file):
    return can_see_team(user, team_file.initiative)


def can_delete_team_file(user, team_file):
    return is_team_owner(user, team_file.initiative) or (
        _participant(user)
        and team_file.uploaded_by_id == user.pk
        and is_team_member(user, team_file.initiative)
    )


def can_edit_membership(user, member):
    """One's own role text and consents."""
    return _participant(user) and member.user_id == user.pk


def can_leave_team(user, member):
    return _participant(user) and member.user_id == user.pk


def can_remove_member(user, member):
    return is_team_owner(user, member.initiative) and member.user_id != user.pk


def sees_contact(user, member, *, viewer_in_team: bool) -> bool:
    """A member's e-mail address is shown inside the team, and only with their consent."""
    return viewer_in_team and member.share_contact


def shows_name_publicly(member) -> bool:
    return member.show_name and member.user.blocked_at is None
