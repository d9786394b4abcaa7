"""Object access shared by every app: which organisation a person works for, and loading
one object for a request so that nothing of another organisation, and nothing the person
may not see, is ever returned.

Views load objects through `get_for_request` (or an app's helper built on it), which
returns the object or raises 404; permissions to act on it stay in each app's rules.py.
"""

from django.http import Http404
from django.utils import timezone


def works_for(user, organisation_id) -> bool:
    """Staff work for their own organisation; superusers for all."""
    return user.is_superuser or (
        getattr(user, "organisation_id", None) is not None
        and user.organisation_id == organisation_id
    )


def can_view_unpublished(user, organisation) -> bool:
    """Staff of the organisation see its drafts and what is dated in the future."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and organisation is not None
        and works_for(user, organisation.pk)
    )


def is_public(item) -> bool:
    return item.is_published and item.published_at <= timezone.now()


def can_view(user, item) -> bool:
    """Published content is for everyone; drafts and future dates for the organisation's staff."""
    return is_public(item) or can_view_unpublished(user, item.organisation)


def organisation_lookup(model) -> str:
    """The lookup from `model` to its organisation: its own `organisation`, or a parent's
    named by the model's `organisation_through` (a comment belongs to its idea's)."""
    return getattr(model, "organisation_through", "organisation")


def get_for_request(queryset, request, *, check=None, **lookup):
    """The one object in `queryset` that `lookup` names, of the request's organisation;
    404 when there is none, it belongs to another organisation, or `check(user, object)`
    says the person may not see it.

    `queryset` is expected to hold only what the request's user may see (e.g.
    `Model.objects.visible_to(user, organisation)`), or `check` to say so; the
    organisation is checked here again so a view cannot forget it.
    """
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        raise Http404
    scope = {f"{organisation_lookup(queryset.model)}_id": organisation.pk}
    found = queryset.filter(**scope, **lookup).first()
    if found is None or (check is not None and not check(request.user, found)):
        raise Http404
    return found


def loader(model, field, *, check=None):
    """A function `load(request, value, *, queryset=None)` that loads the `model` whose
    `field` is `value` through `get_for_request`, from `queryset` (all of them unless a view
    narrows it or joins more), with `check`. Apps build their access helpers with it."""

    def load(request, value, *, queryset=None):
        queryset = model.objects.all() if queryset is None else queryset
        return get_for_request(queryset, request, check=check, **{field: value})

    return load


def of_request(item, request):
    """`item`, found some other way (e.g. from a signed link), if it belongs to the
    request's organisation; else 404."""
    organisation = getattr(request, "organisation", None)
    if organisation is None or item.organisation_id != organisation.pk:
        raise Http404
    return item
