"""Staff write newsletter issues in the admin and send them from there. Rules decide who."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kominn.core import markdown
from kominn.core.admin import ScopedAdmin

from . import rules, services
from .models import NewsletterIssue, Subscription


class StatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("confirmed", gettext_lazy("Gets the newsletter")),
            ("pending", gettext_lazy("Not confirmed")),
            ("unsubscribed", gettext_lazy("Unsubscribed")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "confirmed":
            return queryset.confirmed()
        if self.value() == "pending":
            return queryset.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True)
        if self.value() == "unsubscribed":
            return queryset.filter(~Q(unsubscribed_at=None))
        return queryset


@admin.register(Subscription)
class SubscriptionAdmin(ScopedAdmin, admin.ModelAdmin):
    """Read only: consent is given by the person, never entered by staff."""

    list_display = ["email", "status_label", "confirmed_at", "unsubscribed_at", "consent_version"]
    list_filter = [StatusFilter, "consent_version"]
    search_fields = ["email"]
    fields = [
        "email", "language", "created_at", "consented_at", "consent_version", "consent_text",
        "confirmed_at", "unsubscribed_at",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description=gettext_lazy("status"))
    def status_label(self, obj):
        return {
            "confirmed": _("Gets the newsletter"),
            "pending": _("Not confirmed"),
            "unsubscribed": _("Unsubscribed"),
        }[obj.status]

    def has_view_permission(self, request, obj=None):
        return rules.can_view_subscribers(request.user, request.organisation)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return rules.can_delete_subscription(request.user, obj)


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ["subject", "created_at", "sent_at", "recipient_count"]
    search_fields = ["subject", "body"]
    fields = ["subject", "body", "created_by", "sent_at", "sent_by", "recipient_count"]
    readonly_fields = ["created_by", "sent_at", "sent_by", "recipient_count"]
    change_form_template = "newsletter/admin/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_sent:
            return self.fields  # what was sent stays as it was
        return self.readonly_fields

    def has_add_permission(self, request):
        return rules.can_write_issue(request.user, request.organisation)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return rules.can_write_issue(request.user, request.organisation)
        return rules.can_edit_issue(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return rules.can_write_issue(request.user, request.organisation)
        return rules.can_delete_issue(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return rules.can_write_issue(request.user, request.organisation)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.organisation = request.organisation
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_send"] = obj is not None and rules.can_send_issue(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return [
            path(
                "<int:pk>/send/",
                self.admin_site.admin_view(self.send_view),
                name="newsletter_newsletterissue_send",
            ),
            *super().get_urls(),
        ]

    def send_view(self, request, pk):
        """Ask, then send: the issue goes to the confirmed subscribers once."""
        issue = get_object_or_404(self.get_queryset(request), pk=pk)
        change_url = reverse("admin:newsletter_newsletterissue_change", args=[issue.pk])
        if issue.is_sent:
            messages.error(request, _("This newsletter has been sent already. It is sent once."))
            return redirect(change_url)
        if not rules.can_send_issue(request.user, issue):
            raise PermissionDenied
        if request.method == "POST":
            try:
                count = services.send_issue(
                    issue=issue, sent_by=request.user, build_url=request.build_absolute_uri
                )
            except services.AlreadySent:
                messages.error(
                    request, _("This newsletter has been sent already. It is sent once.")
                )
            else:
                messages.success(
                    request,
                    _("The newsletter is on its way to %(count)d subscribers.") % {"count": count},
                )
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "issue": issue,
            "title": _("Send the newsletter?"),
            "body_html": markdown.render(issue.body),
            "recipients": Subscription.objects.for_organisation(issue.organisation)
            .confirmed()
            .count(),
            "change_url": change_url,
        }
        return TemplateResponse(request, "newsletter/admin/send_confirm.html", context)
