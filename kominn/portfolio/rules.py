"""Who may do what with the portfolio. Every view and the admin ask here, nowhere else.

An editor is staff with the editor role, working for one organisation (superusers work
for all). An editor limited to some service areas (the user's "limited to service
areas") may edit only initiatives in those areas or their units, and may not edit
goals, which belong to the whole organisation.
"""

from kominn.core.access import can_view, can_view_unpublished, works_for
from kominn.organisations.models import ServiceArea

# Seeing drafts is the same question for all content; the portfolio asks it through core.
__all__ = ["can_view", "can_view_unpublished"]


def _is_editor(user, action="change", model="initiative"):
    return user.is_active and user.is_staff and user.has_perm(f"portfolio.{action}_{model}")


def editable_area_ids(user):
    """The service areas (with their units) a limited editor may edit; None when unlimited."""
    if user.is_superuser:
        return None
    if not hasattr(user, "_editable_area_ids"):
        limits = list(user.service_areas.values_list("pk", flat=True))
        if not limits:
            user._editable_area_ids = None
        else:
            units = ServiceArea.objects.filter(parent__in=limits).values_list("pk", flat=True)
            user._editable_area_ids = set(limits) | set(units)
    return user._editable_area_ids


def can_create_initiative(user, organisation):
    return _is_editor(user, "add") and organisation is not None and works_for(user, organisation.pk)


def _in_editable_areas(user, initiative):
    areas = editable_area_ids(user)
    if areas is None:
        return True
    return bool(areas & {area.pk for area in initiative.service_areas.all()})


def can_edit_initiative(user, initiative):
    return (
        _is_editor(user, "change")
        and works_for(user, initiative.organisation_id)
        and _in_editable_areas(user, initiative)
    )


def can_delete_initiative(user, initiative):
    return (
        _is_editor(user, "delete")
        and works_for(user, initiative.organisation_id)
        and _in_editable_areas(user, initiative)
    )


def editable_initiatives(user, queryset):
    """The initiatives in `queryset` that the user may edit."""
    if not user.is_superuser:
        queryset = queryset.filter(organisation_id=user.organisation_id)
    areas = editable_area_ids(user)
    if areas is None:
        return queryset
    return queryset.filter(service_areas__in=areas).distinct()


def can_edit_goal(user, organisation, action="change"):
    return (
        _is_editor(user, action, "goal")
        and organisation is not None
        and works_for(user, organisation.pk)
        and editable_area_ids(user) is None
    )


def can_edit_news(user, organisation, action="change"):
    return (
        _is_editor(user, action, "newsarticle")
        and organisation is not None
        and works_for(user, organisation.pk)
    )


def can_view_part(user, part):
    """An initiative's image or attachment is seen by those who see the initiative."""
    return can_view(user, part.initiative)
