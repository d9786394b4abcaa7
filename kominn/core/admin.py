"""Shared pieces for the admin: the site, and the mixin every ModelAdmin and inline uses.

With several municipalities on one installation, the admin on an organisation's host name
is that organisation's admin:

- only its own staff get in (`works_here`); superusers, the installation's operators, get
  in on every host;
- every list, choice, filter, autocomplete and object page holds only its rows, so another
  organisation's object by its id is not found (404); a new object belongs to it;
- tables that belong to no one organisation (roles, the admin's own log, people's
  notification settings) are for superusers only.

Superusers see the host's organisation like its staff do. Only the operators' own tables
(`superusers_see_all`: organisations, accounts, the audit log, the outbox) show them every
organisation, so that they can set up a new municipality and its staff.
"""

import json

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from . import access
from .admin_language import DJANGO_STRINGS  # noqa: F401  (kept for `make messages`)

ORGANISATION_MODEL = "organisations.Organisation"


def works_here(user, organisation) -> bool:
    """May `user` use the admin of `organisation` (the request's, None for an unknown host)?
    Active staff of that organisation may; superusers may everywhere (with no organisation
    yet, only they can, to create the first one)."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or (
        organisation is not None and access.works_for(user, organisation.pk)
    )


def organisation_lookups(model) -> tuple[str, ...]:
    """How a row of `model` reaches the organisation it belongs to, as lookups for filter();
    empty when it belongs to no one organisation."""
    if model._meta.label == ORGANISATION_MODEL:
        return ("pk",)
    through = getattr(model, "organisation_through", None)
    if through:
        return (through,)
    try:
        field = model._meta.get_field("organisation")
    except FieldDoesNotExist:
        return ()
    if field.is_relation and field.related_model._meta.label == ORGANISATION_MODEL:
        return ("organisation",)
    return ()


def of_organisation(queryset, organisation, lookups):
    """The rows of `queryset` that belong to `organisation` by any of `lookups`."""
    if organisation is None:
        return queryset.none()
    condition = Q()
    for lookup in lookups:
        condition |= Q(**{lookup: organisation.pk})
    return queryset.filter(condition)


class ScopedAdmin:
    """The one place the admin is held to the request's organisation; every ModelAdmin and
    inline inherits it (tests/test_admin.py walks the site to make sure).

    `organisation_lookups` names how a row reaches its organisation when the model cannot
    say (e.g. a benefit through its initiative); by default it is found from the model.
    """

    organisation_lookups = None
    # The operators' tables: superusers see every organisation's rows there.
    superusers_see_all = False

    def get_organisation_lookups(self):
        if self.organisation_lookups is not None:
            return tuple(self.organisation_lookups)
        return organisation_lookups(self.model)

    def sees_all(self, request):
        return self.superusers_see_all and request.user.is_superuser

    def scope(self, request, queryset, lookups):
        """`queryset` held to the request's organisation by `lookups`; rows that belong to
        no organisation (no lookups) are for superusers only."""
        if not lookups:
            return queryset if request.user.is_superuser else queryset.none()
        return of_organisation(queryset, getattr(request, "organisation", None), lookups)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if isinstance(self, InlineModelAdmin) or self.sees_all(request):
            return queryset  # an inline's rows are those of its parent, which is held
        return self.scope(request, queryset, self.get_organisation_lookups())

    def get_object(self, request, object_id, from_field=None):
        # Another organisation's object is not found, as one that does not exist; never
        # "perhaps it was deleted", which would say it had been there.
        found = super().get_object(request, object_id, from_field)
        if found is None:
            raise Http404
        return found

    # Choices in forms: another organisation's areas, goals or initiatives cannot be picked,
    # nor sent by a forged form.

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._scoped_choices(db_field, request, field)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._scoped_choices(db_field, request, field)

    def _scoped_choices(self, db_field, request, field):
        if field is None or self.sees_all(request):
            return field
        lookups = organisation_lookups(db_field.related_model)
        if not lookups:
            return field
        field.queryset = self.scope(request, field.queryset, lookups)
        if lookups == ("pk",) and db_field.name == "organisation":
            # A new object belongs to the host's organisation, and stays there.
            organisation = getattr(request, "organisation", None)
            field.initial = organisation.pk if organisation else None
            field.disabled = True
        return field

    def get_list_filter(self, request):
        """Filters by a related object offer only those the listed rows use, so that the
        sidebar names nothing of another organisation."""
        filters = super().get_list_filter(request)
        if self.sees_all(request):
            return filters
        return [self._related_only(name) for name in filters]

    def _related_only(self, name):
        if not isinstance(name, str):
            return name
        field = get_fields_from_path(self.model, name)[-1]
        return (name, admin.RelatedOnlyFieldListFilter) if field.is_relation else name

    # Permissions: staff of another organisation have none here, and tables of no one
    # organisation are for superusers. (The site refuses the first already; this keeps a
    # ModelAdmin safe should it be reached some other way.)

    def _allowed(self, request):
        return works_here(request.user, getattr(request, "organisation", None)) and (
            isinstance(self, InlineModelAdmin)
            or bool(self.get_organisation_lookups())
            or request.user.is_superuser
        )

    def has_module_permission(self, request):
        return self._allowed(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._allowed(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request) and super().has_delete_permission(request, obj)

    # Words: "Legg til nytt tiltak" in the title, the button and the breadcrumbs, and in
    # the inlines' "add another" buttons, not Django's "Legg til ny tiltak" (see add_label).

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {"title": add_label(self.opts), **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_formset in inline_formsets:
            if type(inline_formset) is helpers.InlineAdminFormSet:
                inline_formset.__class__ = _LabelledInlineFormSet
        return inline_formsets


class ReadOnlyForSuperusers(ScopedAdmin):
    """A ModelAdmin mixin: the rows are shown to active superusers only, and nobody adds,
    changes or deletes them in the admin."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ForSuperusers(ScopedAdmin):
    """A ModelAdmin mixin for what spans organisations, such as the staff roles: for
    superusers only, whatever permissions others hold."""

    def _allowed(self, request):
        return super()._allowed(request) and request.user.is_superuser


def add_label(opts) -> str:
    """ "Add <thing>" in the reader's language, for the model of `opts`.

    Django says "Add %s" for every model, which bokmål makes "Legg til ny %s"; but bokmål
    nouns have gender ("ny gevinst", "nytt tiltak"). An app words its own with the phrase
    "Add <verbose name>" (e.g. `gettext_noop("Add initiative")` in its admin.py), and its
    translation wins; any other model gets Django's.
    """
    phrase = f"Add {opts.verbose_name_raw}"
    translated = gettext(phrase)
    return translated if translated != phrase else gettext("Add %s") % opts.verbose_name


class _LabelledInlineFormSet(helpers.InlineAdminFormSet):
    """An inline whose "Add another …" button says `add_label` of its model."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = capfirst(add_label(self.opts.opts))
        return json.dumps(data)


class AdminSite(admin.AdminSite):
    """The admin, for the staff of the organisation whose host it is on."""

    site_header = gettext_lazy("KomInn administration")
    site_title = gettext_lazy("KomInn administration")

    def has_permission(self, request):
        return works_here(request.user, getattr(request, "organisation", None))

    def get_urls(self):
        # "View on site" finds the object through its ModelAdmin, so it is held to the
        # organisation and to what the person may see like every other admin page.
        own = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            own,
            *(url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"),
        ]

    def view_on_site(self, request, content_type_id, object_id):
        content_type = get_object_or_404(ContentType, pk=content_type_id)
        model_admin = self._registry.get(content_type.model_class())
        if model_admin is None:
            raise Http404
        found = model_admin.get_object(request, object_id)
        if found is None or not model_admin.has_view_or_change_permission(request, found):
            raise Http404
        return shortcut(request, content_type_id, object_id)
