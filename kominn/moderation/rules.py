"""Who may report content and who may moderate it. Views ask here, nowhere else.

A moderator is staff in the "Moderator" group (which grants moderation.moderate),
working for one organisation; superusers moderate every organisation.
"""

from kominn.collaboration import rules as collaboration_rules

from .models import REPORTABLE, Report, author_id_of, kind_of


def _participant(user):
    return user.is_authenticated and user.is_active and user.blocked_at is None


def may_report(user):
    """Whether the person may report anything at all: logged in, active, not blocked."""
    return _participant(user)


def can_report(user, item):
    """Anyone taking part may report what others wrote that is shown to them: ideas,
    comments, needs, the answers to needs they see, their team's updates and workshop
    cards (those are found only by who sees them; a hidden one is reported no more)."""
    if not may_report(user) or author_id_of(item) == user.pk:
        return False
    kind = kind_of(item)
    if kind == "comment":
        return item.deleted_at is None and item.idea.submitted_at is not None
    if kind == "idea":
        return item.submitted_at is not None
    if kind == "need":
        return item.hidden_at is None
    if kind == "answer":
        return item.hidden_at is None and collaboration_rules.can_see_answer(user, item)
    if kind in ("teamupdate", "card"):
        return item.hidden_at is None
    return False


def can_moderate(user, organisation):
    """Work the report queue, hide and restore content, and block accounts."""
    if not _participant(user) or organisation is None:
        return False
    if user.is_superuser:
        return True
    return (
        user.is_staff
        and user.organisation_id == organisation.pk
        and user.has_perm("moderation.moderate")
    )


def can_block(user, account, organisation):
    """Moderators block participants; only superusers block staff, and nobody a superuser
    or themselves, so nobody can lock out the people who could undo it."""
    if not can_moderate(user, organisation) or account.pk == user.pk or account.is_superuser:
        return False
    if user.is_superuser:
        return True
    # Blocking is site-wide: a municipality's moderator blocks only people who have taken
    # part there alone; anyone active in other municipalities is a platform admin's call.
    return not account.is_staff and not _active_elsewhere(account, organisation)


def _active_elsewhere(account, organisation):
    """Whether the account wrote anything reportable in another organisation."""
    return any(
        Report._meta.get_field(name)
        .related_model.objects.filter(**{spec.author: account})
        .exclude(**{spec.organisation: organisation})
        .exists()
        for name, spec in REPORTABLE.items()
    )
