"""The audit log in the admin: read-only, for superusers. Django's own log of changes made
in the admin is shown the same way, so administrators see both staff edits and moderation."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext_lazy as _

from kominn.core import audit
from kominn.core.admin import ReadOnlyForSuperusers
from kominn.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyForSuperusers, admin.ModelAdmin):
    superusers_see_all = True  # the operators read what was done in every organisation
    list_display = ["created_at", "actor", "action_label", "target_text", "organisation"]
    list_filter = ["action", "organisation"]
    search_fields = ["target_text", "reason", "actor__email", "actor__display_name"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "organisation"]

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, entry):
        return audit.action_label(entry.action)


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyForSuperusers, admin.ModelAdmin):
    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "change_message", "user__email"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]
