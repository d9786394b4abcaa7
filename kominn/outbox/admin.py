from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kominn.core.admin import ReadOnlyForSuperusers

from .models import OutgoingMail

STATUS_LABELS = {"waiting": _("Waiting"), "sent": _("Sent"), "failed": _("Failed")}


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def queryset(self, request, queryset):
        if self.value() in STATUS_LABELS:
            return getattr(queryset, self.value())()
        return queryset


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyForSuperusers, admin.ModelAdmin):
    """The outbox, read-only, for administrators only: the mails carry personal
    links (confirmations, password resets) that would let a reader take over an account."""

    superusers_see_all = True  # the operators follow every organisation's mail

    list_display = ["to", "subject", "kind", "status_label", "created_at", "attempts", "sent_at"]
    list_filter = [StatusFilter, "kind"]
    search_fields = ["to"]
    date_hierarchy = "created_at"
    actions = ["try_again_now"]
    fields = [
        "to",
        "subject",
        "kind",
        "organisation",
        "status_label",
        "created_at",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "failed_at",
        "last_error",
        "headers",
        "body_text",
        "body_html",
    ]
    readonly_fields = fields

    @admin.display(description=_("status"))
    def status_label(self, mail):
        return STATUS_LABELS[mail.status]

    @admin.action(description=_("Try again now"), permissions=["retry"])
    def try_again_now(self, request, queryset):
        count = queryset.failed().update(failed_at=None, attempts=0, next_attempt_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d failed mail is queued to be sent again now.",
                "%(count)d failed mails are queued to be sent again now.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    def has_retry_permission(self, request):
        return self.has_module_permission(request)
