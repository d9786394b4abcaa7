"""The audit log: who did what to which object, when and why.

Every moderation action writes here, and other staff actions may too (for example an
idea's status change):

    from kominn.core import audit
    audit.record(actor=request.user, action="idea_status", target=idea, reason=answer)

Each app names its own actions with `audit.label_actions(...)` in its AppConfig.ready(), so
the log reads in the reader's language. Administrators read the log in the admin
(superusers only), next to Django's own log of changes made in the admin.
"""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry

# action code -> label; an action without one is shown by its code.
ACTION_LABELS = {}


def label_actions(labels: dict) -> None:
    """Give actions their labels for the admin (lazy translations)."""
    ACTION_LABELS.update(labels)


def record(*, actor, action: str, target, reason: str = "", organisation=None) -> AuditEntry:
    """Write one entry. `actor` is the user who acted (None: KomInn itself); `action` a
    short English code; `target` the model instance acted on (or None); `organisation`
    defaults to the target's organisation when it has one."""
    if organisation is None:
        organisation = _organisation_of(target)
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_text=str(target)[:300] if target is not None else "",
        reason=reason,
        organisation=organisation,
    )


def _organisation_of(target):
    if target is None:
        return None
    if hasattr(target, "organisation"):
        return target.organisation
    if hasattr(target, "idea"):  # a comment
        return target.idea.organisation
    return None


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
