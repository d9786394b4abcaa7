from django.contrib import admin
from django.utils.translation import gettext_noop

from kominn.core.admin import ScopedAdmin

from .models import Notification, NotificationPreference

# Bokmål nouns have gender: "Legg til nytt …", not "ny" (kominn.core.admin.add_label).
gettext_noop("Add notification")


@admin.register(Notification)
class NotificationAdmin(ScopedAdmin, admin.ModelAdmin):
    """For finding out why someone did or did not hear about something; read only."""

    list_display = ["recipient", "kind", "delivery", "created_at", "mailed_at", "read_at"]
    list_filter = ["kind", "delivery"]
    search_fields = ["recipient__email"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ScopedAdmin, admin.ModelAdmin):
    """A person's settings span the organisations they take part in: for superusers."""

    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
