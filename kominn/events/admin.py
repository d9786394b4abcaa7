from django.contrib import admin

from kominn.core.admin import ScopedAdmin
from kominn.portfolio import rules as portfolio_rules

from . import rules, services
from .models import Event, Registration, Workshop


class RegistrationInline(ScopedAdmin, admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["user", "status", "created_at"]
    readonly_fields = fields
    # People sign up and cancel on the event's page, where the waiting list moves up.
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "status", "registration_open", "capacity"]
    list_filter = ["kind", "status", "registration_open"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]
    fieldsets = [
        (
            None,
            {"fields": ["organisation", "initiative", "challenge", "kind", "title", "description"]},
        ),
        (None, {"fields": ["starts_at", "ends_at", "place", "video_link"]}),
        (
            None,
            {
                "fields": [
                    "step_free_access",
                    "hearing_loop",
                    "interpretation_on_request",
                    "accessibility_notes",
                ]
            },
        ),
        (None, {"fields": ["capacity", "registration_open", "status"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "initiative" and field is not None:
            field.queryset = portfolio_rules.editable_initiatives(request.user, field.queryset)
        challenge_editor = request.user.has_perm("participation.change_challenge")
        if db_field.name == "challenge" and field is not None and not challenge_editor:
            field.queryset = field.queryset.none()
        return field

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.can_edit_event(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.can_edit_event(request.user, obj))

    def save_model(self, request, obj, form, change):
        # One path for every change: the service tells those signed up.
        previous = Event.objects.get(pk=obj.pk) if change else None
        services.save_event(event=obj, previous=previous)


@admin.register(Workshop)
class WorkshopAdmin(ScopedAdmin, admin.ModelAdmin):
    """Staff set up the workshop here; cards, groups, votes and finishing are on its page."""

    list_display = ["title", "challenge", "opens_at", "closes_at", "finished_at"]
    search_fields = ["title"]
    date_hierarchy = "opens_at"
    fields = [
        "organisation",
        "challenge",
        "event",
        "title",
        "description",
        "opens_at",
        "closes_at",
        "votes_per_person",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "event" and field is not None:
            field.queryset = field.queryset.filter(kind="workshop", challenge__isnull=False)
        if (
            db_field.name == "challenge"
            and field is not None
            and not request.user.has_perm("participation.change_challenge")
        ):
            field.queryset = field.queryset.none()
        return field

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.can_run_workshop(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.can_run_workshop(request.user, obj))
