"""Who may do what with ideas, challenges and comments. Views ask here, nowhere else."""

from kominn.portfolio import rules as portfolio_rules

from .models import Comment, IdeaStatus


def _participant(user):
    return user.is_authenticated and user.is_active and user.blocked_at is None


def _staff_of(user, organisation_id):
    return (
        _participant(user)
        and user.is_staff
        and (user.is_superuser or user.organisation_id == organisation_id)
    )


def can_view_idea(user, idea):
    """Drafts are their author's; a hidden idea is for its author and the organisation's
    staff (can_see_hidden). Nobody else reaches it, nor anything on it, by any address."""
    if idea.is_draft:
        return user.is_authenticated and idea.author_id == user.pk
    return can_see_hidden(user, idea)


def can_view_idea_media(user, idea):
    """An idea's image is seen by those who see the idea's content: not the draft of
    another, nor a hidden idea unless it is one's own or one is the organisation's staff."""
    return can_view_idea(user, idea) and can_see_hidden(user, idea)


def _hidden(item):
    """Hidden by a moderator or after many reports, or written by a blocked account."""
    return item.hidden_at is not None or (
        item.author_id is not None and item.author.blocked_at is not None
    )


def can_see_hidden(user, item):
    """Hidden ideas and comments show a notice in place of the content; their author and
    the organisation's staff (moderators among them) still see the content."""
    if not _hidden(item):
        return True
    organisation_id = (
        item.idea.organisation_id if isinstance(item, Comment) else item.organisation_id
    )
    return (user.is_authenticated and item.author_id == user.pk) or _staff_of(user, organisation_id)


def speaks_for_municipality(user, idea):
    """A comment by the organisation's staff is marked "Municipality": it is the
    municipality answering, not a resident. Employees taking part as themselves are not
    staff accounts and are not marked."""
    return user is not None and user.is_staff and user.organisation_id == idea.organisation_id


def can_see_hidden_comments(user, idea):
    """The organisation's staff read hidden comments on the idea (each author their own)."""
    return _staff_of(user, idea.organisation_id)


def _open_to_others(idea):
    """Taking part (support, comments, offers) needs a submitted idea that is shown."""
    return not idea.is_draft and not _hidden(idea)


def can_take_part(user):
    """Act here at all (submit ideas, comment, support, follow, offer help): logged in,
    active and not blocked. Each action's own rule says more."""
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
    return _participant(user) and _open_to_others(idea)


def can_edit_comment(user, comment):
    return _participant(user) and comment.author_id == user.pk and comment.can_still_be_edited()


def can_delete_comment(user, comment):
    return _participant(user) and comment.author_id == user.pk and not comment.is_deleted


def can_support(user, idea):
    return _participant(user) and _open_to_others(idea) and idea.author_id != user.pk


def can_follow(user):
    return _participant(user)


def can_offer_help_on_idea(user, idea):
    return _participant(user) and _open_to_others(idea) and idea.author_id != user.pk


def can_see_offers_on_idea(user, idea):
    return _participant(user) and (
        idea.author_id == user.pk or _staff_of(user, idea.organisation_id)
    )


def can_submit_to_challenge(challenge):
    return challenge.is_published and challenge.is_open


def can_answer_idea(user, idea):
    """Editors of the idea's organisation answer it and move its status. An editor limited
    to service areas answers ideas in those areas only (ideas without one: unlimited editors)."""
    if not (
        _staff_of(user, idea.organisation_id)
        and user.has_perm("participation.answer_idea")
        and not idea.is_draft
    ):
        return False
    areas = portfolio_rules.editable_area_ids(user)
    return areas is None or idea.service_area_id in areas


def can_follow_up_ideas(user, organisation):
    """The staff dashboard of ideas waiting for an answer."""
    return (
        organisation is not None
        and _staff_of(user, organisation.pk)
        and user.has_perm("participation.answer_idea")
    )
