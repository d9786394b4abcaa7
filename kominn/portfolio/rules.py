"""Who may do what with the portfolio. Every view and the admin ask here, nowhere else.

An editor is staff with the editor role. An editor limited to some service areas
(the user's "limited to service areas") may edit only initiatives in those areas or
their units, and may not edit goals, which belong to the whole organisation.
"""

from django.utils import timezone

from kominn.organisations.models import ServiceArea


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


def can_view_unpublished(user):
    return user.is_authenticated and user.is_active and user.is_staff


def can_view(user, item):
    """Published content is for everyone; drafts and future dates for staff only."""
    if item.is_published and item.published_at <= timezone.now():
        return True
    return can_view_unpublished(user)


def can_create_initiative(user):
    return _is_editor(user, "add")


def _in_editable_areas(user, initiative):
    areas = editable_area_ids(user)
    if areas is None:
        return True
    return bool(areas & {area.pk for area in initiative.service_areas.all()})


def can_edit_initiative(user, initiative):
    return _is_editor(user, "change") and _in_editable_areas(user, initiative)


def can_delete_initiative(user, initiative):
    return _is_editor(user, "delete") and _in_editable_areas(user, initiative)


def editable_initiatives(user, queryset):
    """The initiatives in `queryset` that the user may edit."""
    areas = editable_area_ids(user)
    if areas is None:
        return queryset
    return queryset.filter(service_areas__in=areas).distinct()


def can_edit_goal(user, goal=None):
    return _is_editor(user, "change", "goal") and editable_area_ids(user) is None


def can_edit_news(user, article=None):
    return _is_editor(user, "change", "newsarticle")
