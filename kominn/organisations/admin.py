from django.contrib import admin

from .models import HostName, Organisation, ServiceArea, Theme


class HostNameInline(admin.TabularInline):
    model = HostName
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "contact_email", "is_default")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [HostNameInline]


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "organisation")
    list_filter = ("organisation", "parent")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
