from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kominn.core.admin import ScopedAdmin
from kominn.portfolio import admin as portfolio_admin
from kominn.portfolio.models import NewsArticle

from .models import Challenge, Comment, Idea, Offer

# Bokmål nouns have gender: "Legg til nytt …", not "ny" (kominn.core.admin.add_label).
gettext_noop("Add offer of help")


class ChallengeNewsInline(ScopedAdmin, admin.TabularInline):
    """The challenges a news article is about, chosen while the article is written."""

    model = Challenge.news.through
    extra = 0
    autocomplete_fields = ["challenge"]
    verbose_name = _("challenge")
    verbose_name_plural = _("challenges")


# The news form is the portfolio's; participation adds the link to its challenges, which
# the portfolio does not know of.
admin.site.unregister(NewsArticle)


@admin.register(NewsArticle)
class NewsArticleAdmin(portfolio_admin.NewsArticleAdmin):
    inlines = [*portfolio_admin.NewsArticleAdmin.inlines, ChallengeNewsInline]


@admin.register(Challenge)
class ChallengeAdmin(ScopedAdmin, admin.ModelAdmin):
    # News and challenges are linked on the news article's form.
    exclude = ["news"]
    list_display = ["title", "opens_on", "closes_on", "is_published", "is_example"]
    list_filter = ["is_published", "is_example"]
    search_fields = ["title", "question", "background"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "opens_on"


class CommentInline(ScopedAdmin, admin.TabularInline):
    model = Comment
    extra = 0
    fields = ["author", "body", "created_at", "deleted_at"]
    # Comments are written, deleted and hidden on the idea's and the moderators' pages,
    # which keep the idea's comment count; here their text can be corrected.
    readonly_fields = ["author", "created_at", "deleted_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Idea)
class IdeaAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ["title", "author", "capacity", "status", "submitted_at", "is_example"]
    list_filter = ["status", "capacity", "theme", "challenge", "is_example"]
    search_fields = ["title", "description", "author__display_name"]
    # Status, answers and the initiative link change on the idea's page, where every
    # change gets a public answer and a line in the timeline; hiding on the moderators'
    # pages, where reports are closed and the audit log keeps who did it.
    readonly_fields = [
        "author", "created_at", "updated_at", "submitted_at",
        "status", "initiative", "first_answered_at", "hidden_at", "hidden_reason",
    ]  # fmt: skip
    inlines = [CommentInline]

    def get_queryset(self, request):
        # A draft is its author's alone: staff and superusers do not read it here either.
        return super().get_queryset(request).not_drafts_of_others(request.user)


@admin.register(Offer)
class OfferAdmin(ScopedAdmin, admin.ModelAdmin):
    # An offer is made on an idea or on an initiative, and belongs to its organisation.
    organisation_lookups = ["idea__organisation", "initiative__organisation"]
    list_display = ["user", "idea", "initiative", "created_at"]
    readonly_fields = ["user", "idea", "initiative", "message", "created_at"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ideas = Idea.objects.not_drafts_of_others(request.user)
        return queryset.filter(Q(idea=None) | Q(idea__in=ideas))
