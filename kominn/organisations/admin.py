from django.contrib import admin
from django.utils.translation import gettext_noop

from kominn.core.admin import ScopedAdmin

from .models import HostName, Organisation, ServiceArea, SharedCategory, Theme

# Bokmål nouns have gender: "Legg til nytt …", not "ny" (kominn.core.admin.add_label).
gettext_noop("Add service area")
gettext_noop("Add theme")
gettext_noop("Add host name")
gettext_noop("Add shared category")


class HostNameInline(ScopedAdmin, admin.TabularInline):
    model = HostName
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin, admin.ModelAdmin):
    """Superusers set up the municipalities; staff given rights here see their own."""

    superusers_see_all = True
    list_display = ("name", "slug", "language", "contact_email", "is_default")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [HostNameInline]

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(SharedCategory)
class SharedCategoryAdmin(ScopedAdmin, admin.ModelAdmin):
    """The categories every municipality shares: the platform administrator's, as they
    belong to no one municipality (ScopedAdmin leaves such tables to superusers)."""

    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ServiceArea)
class ServiceAreaAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ("name", "parent", "shared_category", "organisation")
    list_filter = ("organisation", "parent", "shared_category")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Theme)
class ThemeAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
