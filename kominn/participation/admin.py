from django.contrib import admin

from kominn.portfolio.admin import OrganisationDefaultMixin

from .models import Challenge, Comment, Idea, Offer


@admin.register(Challenge)
class ChallengeAdmin(OrganisationDefaultMixin, admin.ModelAdmin):
    list_display = ["title", "opens_on", "closes_on", "is_published", "is_example"]
    list_filter = ["is_published", "is_example"]
    search_fields = ["title", "question", "background"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "opens_on"


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    fields = ["author", "body", "created_at", "deleted_at"]
    readonly_fields = ["author", "created_at"]


@admin.register(Idea)
class IdeaAdmin(OrganisationDefaultMixin, admin.ModelAdmin):
    list_display = ["title", "author", "capacity", "status", "submitted_at", "is_example"]
    list_filter = ["status", "capacity", "theme", "challenge", "is_example"]
    search_fields = ["title", "description", "author__display_name"]
    # Status, answers and the initiative link change on the idea's page, where every
    # change gets a public answer and a line in the timeline.
    readonly_fields = [
        "author", "created_at", "updated_at", "submitted_at",
        "status", "initiative", "first_answered_at",
    ]  # fmt: skip
    inlines = [CommentInline]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["user", "idea", "initiative", "created_at"]
    readonly_fields = ["user", "idea", "initiative", "message", "created_at"]
