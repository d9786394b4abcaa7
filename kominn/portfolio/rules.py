"""Who may do what with the portfolio. Every view and the admin ask here, nowhere else.

An editor is staff with the editor role, working for one organisation (superusers work
for all). An editor limited to some service areas (the user's "limited to service
areas") may edit only initiatives in those areas or their units, and may not edit
goals, which belong to the whole organisation.
"""

from django.utils import timezone

from kominn.organisations.models import ServiceArea


def _works_for(user, organisation_id):
    return user.is_superuser or (
        user.organisation_id is not None and user.organisation_id == organisation_id
    )


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


def can_view_unpublished(user, organisation):
    """Staff of the organisation see its drafts and what is dated in the future."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and organisation is not None
        and _works_for(user, organisation.pk)
    )


def can_view(user, item):
    """Published content is for everyone; drafts and future dates for the organisation's staff."""
    if item.is_published and item.published_at <= timezone.now():
        return True
    return can_view_unpublished(user, item.organisation)


def can_create_initiative(user, organisation):
    return (
        _is_editor(user, "add") and organisation is not None and _works_for(user, organisation.pk)
    )


def _in_editable_areas(user, initiative):
    areas = editable_area_ids(user)
    if areas is None:
        return True
    return bool(areas & {area.pk for area in initiative.service_areas.all()})


def can_edit_initiative(user, initiative):
    return (
        _is_editor(user, "change")
        and _works_for(user, initiative.organisation_id)
        and _in_editable_areas(user, initiative)
    )


def can_delete_initiative(user, initiative):
    return (
        _is_editor(user, "delete")
        and _works_for(user, initiative.organisation_id)
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
        and _works_for(user, organisation.pk)
        and editable_area_ids(user) is None
    )


def can_edit_news(user, organisation, action="change"):
    return (
        _is_editor(user, action, "newsarticle")
        and organisation is not None
        and _works_for(user, organisation.pk)
    )
