"""The admin, made fit for editing the portfolio. Permissions come from rules.py."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kominn.organisations.models import Organisation, ServiceArea, Theme

from . import rules
from .models import (
    Attachment,
    Award,
    Benefit,
    Goal,
    GoalContribution,
    Initiative,
    InitiativeImage,
    Lesson,
    Link,
    Measurement,
    NewsArticle,
    Partner,
    Relation,
    Update,
)

SCOPED_MODELS = {ServiceArea, Theme, Goal, Initiative, Organisation}


class OrganisationScopeMixin:
    """The admin on an organisation's host shows and links only that organisation's content.

    Choices in every foreign key and many-to-many field are limited the same way, so a
    forged form cannot tie content to another organisation's goals, areas or initiatives.
    Apps above the portfolio add their own content models to `scoped_models`.
    """

    scoped_models = SCOPED_MODELS

    def _scoped(self, request, queryset):
        if queryset.model is Organisation:
            return queryset.filter(pk=getattr(request.organisation, "pk", None))
        return queryset.for_organisation(request.organisation)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.related_model in self.scoped_models:
            field.queryset = self._scoped(request, field.queryset)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model in self.scoped_models:
            field.queryset = self._scoped(request, field.queryset)
        return field


class OrganisationDefaultMixin(OrganisationScopeMixin):
    """New content belongs to the organisation the admin is used for."""

    def get_queryset(self, request):
        return super().get_queryset(request).for_organisation(request.organisation)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if getattr(request, "organisation", None):
            initial.setdefault("organisation", request.organisation.pk)
        return initial


class GoalContributionInline(OrganisationScopeMixin, admin.TabularInline):
    model = GoalContribution
    extra = 0
    autocomplete_fields = ["goal"]


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0


class BenefitInline(admin.StackedInline):
    model = Benefit
    extra = 0
    show_change_link = True  # measurements are edited on the benefit's own page


class LessonInline(admin.StackedInline):
    model = Lesson
    extra = 0


class AwardInline(admin.TabularInline):
    model = Award
    extra = 0


class ImageInline(admin.StackedInline):
    model = InitiativeImage
    extra = 0
    fields = ["image", "alt_text", "caption", "order"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


class LinkInline(admin.TabularInline):
    model = Link
    extra = 0


class UpdateInline(admin.StackedInline):
    model = Update
    extra = 0


class RelationInline(OrganisationScopeMixin, admin.StackedInline):
    model = Relation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name_plural = _("relations to other initiatives")


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def clean_service_areas(self):
        areas = self.cleaned_data["service_areas"]
        allowed = rules.editable_area_ids(self.user)
        if allowed is not None and not allowed & {area.pk for area in areas}:
            raise forms.ValidationError(
                _("Include at least one of the service areas you edit for.")
            )
        return areas


@admin.register(Initiative)
class InitiativeAdmin(OrganisationDefaultMixin, admin.ModelAdmin):
    form = InitiativeForm
    list_display = [
        "title",
        "phase",
        "approach",
        "is_published",
        "is_example",
        "updated_at",
    ]
    list_filter = [
        "is_published",
        "phase",
        "approach",
        "service_areas",
        "themes",
        "goals",
        "is_example",
    ]
    search_fields = ["title", "summary", "need", "what_is_new"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["service_areas", "themes"]
    date_hierarchy = "published_at"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["organisation", "title", "slug", "summary", "is_published",
                           "published_at", "is_example"]}),
        (_("The work"), {"fields": ["need", "what_is_new", "approach", "phase", "stop_reason"]}),
        (_("Where it belongs"), {"fields": ["service_areas", "themes", "owner_unit"]}),
        (_("Contact, time and money"), {"fields": ["contact_name", "contact_email", "start_date",
                                                   "end_date", "cost", "funding"]}),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]  # fmt: skip
    inlines = [
        GoalContributionInline,
        PartnerInline,
        BenefitInline,
        LessonInline,
        UpdateInline,
        RelationInline,
        AwardInline,
        ImageInline,
        AttachmentInline,
        LinkInline,
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        phase = obj.phase
        if change and "phase" in form.changed_data:
            # The phase moves through change_phase, which records the move, like every
            # other path that changes it.
            obj.phase = form.initial["phase"]
        super().save_model(request, obj, form, change)
        if obj.phase != phase:
            obj.change_phase(phase, actor=request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name == "autocomplete":
            # Relations and news may point to any of the organisation's initiatives.
            return queryset
        return rules.editable_initiatives(request.user, queryset)

    def has_add_permission(self, request):
        return rules.can_create_initiative(request.user, request.organisation)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return rules.can_edit_initiative(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return rules.can_delete_initiative(request.user, obj)


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 1


@admin.register(Benefit)
class BenefitAdmin(OrganisationScopeMixin, admin.ModelAdmin):
    list_display = ["indicator", "unit", "type", "initiative"]
    list_filter = ["type"]
    search_fields = ["indicator", "unit", "initiative__title"]
    autocomplete_fields = ["initiative"]
    inlines = [MeasurementInline]

    def _editable(self, request):
        initiatives = Initiative.objects.for_organisation(request.organisation)
        return rules.editable_initiatives(request.user, initiatives)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(initiative__in=self._editable(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "initiative":
            # A benefit can be added to, or moved to, only an initiative the editor may edit.
            field.queryset = self._editable(request)
        return field

    def has_add_permission(self, request):
        return rules.can_create_initiative(request.user, request.organisation)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return rules.can_edit_initiative(request.user, obj.initiative)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return rules.can_edit_initiative(request.user, obj.initiative)


@admin.register(Goal)
class GoalAdmin(OrganisationDefaultMixin, admin.ModelAdmin):
    list_display = ["title", "parent", "period_start", "period_end", "is_published", "is_example"]
    list_filter = ["is_published", "parent", "is_example"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}

    def has_add_permission(self, request):
        return rules.can_edit_goal(request.user, request.organisation, "add")

    def has_change_permission(self, request, obj=None):
        return rules.can_edit_goal(request.user, request.organisation)

    def has_delete_permission(self, request, obj=None):
        return rules.can_edit_goal(request.user, request.organisation, "delete")


@admin.register(NewsArticle)
class NewsArticleAdmin(OrganisationDefaultMixin, admin.ModelAdmin):
    list_display = ["title", "published_at", "is_published", "is_example"]
    list_filter = ["is_published", "is_example"]
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["initiatives", "goals"]
    date_hierarchy = "published_at"

    def has_add_permission(self, request):
        return rules.can_edit_news(request.user, request.organisation, "add")

    def has_change_permission(self, request, obj=None):
        return rules.can_edit_news(request.user, request.organisation)

    def has_delete_permission(self, request, obj=None):
        return rules.can_edit_news(request.user, request.organisation, "delete")

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
