"""The admin, made fit for editing the portfolio. Permissions come from rules.py; every
ModelAdmin and inline is held to the host's organisation by kominn.core.admin.ScopedAdmin."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from kominn.core.admin import ScopedAdmin

from . import exchange, rules, services
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

# Bokmål nouns have gender: "Legg til nytt …", not "ny" (kominn.core.admin.add_label).
gettext_noop("Add initiative")
gettext_noop("Add goal")
gettext_noop("Add contribution to a goal")
gettext_noop("Add image")
gettext_noop("Add attachment")


class GoalContributionInline(ScopedAdmin, admin.TabularInline):
    model = GoalContribution
    extra = 0
    autocomplete_fields = ["goal"]


class PartnerInline(ScopedAdmin, admin.TabularInline):
    model = Partner
    extra = 0


class BenefitInline(ScopedAdmin, admin.StackedInline):
    model = Benefit
    extra = 0
    show_change_link = True  # measurements are edited on the benefit's own page


class LessonInline(ScopedAdmin, admin.StackedInline):
    model = Lesson
    extra = 0


class AwardInline(ScopedAdmin, admin.TabularInline):
    model = Award
    extra = 0


class ImageInline(ScopedAdmin, admin.StackedInline):
    model = InitiativeImage
    extra = 0
    fields = ["image", "alt_text", "caption", "order"]


class AttachmentInline(ScopedAdmin, admin.TabularInline):
    model = Attachment
    extra = 0


class LinkInline(ScopedAdmin, admin.TabularInline):
    model = Link
    extra = 0


class UpdateInline(ScopedAdmin, admin.StackedInline):
    model = Update
    extra = 0


class RelationInline(ScopedAdmin, admin.StackedInline):
    model = Relation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name_plural = _("relations to other initiatives")

    def get_queryset(self, request):
        # "Adopted from" another municipality's shared initiative is made by taking it
        # into use from the sharing bank; it is kept, not edited, here (the target
        # could not be chosen among this organisation's initiatives).
        return (
            super()
            .get_queryset(request)
            .filter(Q(target__isnull=True) | Q(target__organisation=F("source__organisation")))
        )


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


class ImportForm(forms.Form):
    """An initiative exported by another KomInn installation, as its JSON file."""

    document = forms.FileField(
        label=_("Document (JSON)"),
        help_text=_(
            "The file from “Download for another KomInn installation” on the initiative's "
            "page in the other installation's sharing bank (at most 2 MB)."
        ),
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        try:
            if upload.size > exchange.MAX_BYTES:
                raise exchange.DocumentError(
                    gettext("The file is larger than 2 MB; it cannot be an initiative.")
                )
            self.parsed = exchange.parse_json(upload.read())
            exchange.validate_document(self.parsed)
        except exchange.DocumentError as error:
            raise forms.ValidationError(error.errors) from None
        return upload


@admin.register(Initiative)
class InitiativeAdmin(ScopedAdmin, admin.ModelAdmin):
    form = InitiativeForm
    list_display = [
        "title",
        "phase",
        "approach",
        "innovation_type",
        "is_published",
        "is_example",
        "updated_at",
    ]
    list_filter = [
        "is_published",
        "shared",
        "phase",
        "approach",
        "innovation_type",
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
                           "published_at", "shared", "is_example"]}),
        (_("The work"), {"fields": ["need", "what_is_new", "approach", "innovation_type",
                                      "phase", "stop_reason"]}),
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

    def get_urls(self):
        own = path(
            "importer/",
            self.admin_site.admin_view(self.import_view),
            name="portfolio_initiative_import",
        )
        return [own, *super().get_urls()]

    def import_view(self, request):
        """Import another installation's initiative as a draft here (services.import_initiative)."""
        organisation = getattr(request, "organisation", None)
        if not (
            self.has_add_permission(request)
            and rules.can_create_initiative(request.user, organisation)
        ):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            draft, created = services.import_initiative(
                document=form.parsed, organisation=organisation, user=request.user
            )
            if created:
                messages.success(
                    request,
                    gettext("“%(title)s” is now a draft here. Adapt it and publish it.")
                    % {"title": draft.title},
                )
            else:
                messages.info(request, gettext("This initiative is already imported: here it is."))
            return redirect(reverse("admin:portfolio_initiative_change", args=[draft.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": gettext("Import from another KomInn installation"),
        }
        return TemplateResponse(request, "admin/portfolio/initiative/import.html", context)

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


class MeasurementInline(ScopedAdmin, admin.TabularInline):
    model = Measurement
    extra = 1


@admin.register(Benefit)
class BenefitAdmin(ScopedAdmin, admin.ModelAdmin):
    organisation_lookups = ["initiative__organisation"]
    list_display = ["indicator", "unit", "type", "gain_type", "initiative"]
    list_filter = ["type", "gain_type"]
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
class GoalAdmin(ScopedAdmin, admin.ModelAdmin):
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
class NewsArticleAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ["title", "published_at", "is_published", "is_example"]
    list_filter = ["is_published", "is_example"]
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["initiatives", "goals"]
    # Whoever writes it; a list to choose from would name every account.
    readonly_fields = ["author"]
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
