from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from kominn.core import i18n, serving
from kominn.core.admin import ScopedAdmin

from .models import (
    HostName,
    Organisation,
    PageText,
    PageTextVersion,
    ServiceArea,
    SharedCategory,
    Theme,
)

# Bokmål nouns have gender: "Legg til nytt …", not "ny" (kominn.core.admin.add_label).
gettext_noop("Add service area")
gettext_noop("Add theme")
gettext_noop("Add host name")
gettext_noop("Add shared category")
gettext_noop("Add page text")


class HostNameInline(ScopedAdmin, admin.TabularInline):
    model = HostName
    extra = 1

    # Which host names a municipality answers on is the operators' (superusers') choice:
    # a host name claimed by mistake would take another site's visitors.
    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin, admin.ModelAdmin):
    """Superusers set up the municipalities; its administrators edit their own: its name,
    contact details, language form, logo and colours."""

    superusers_see_all = True
    list_display = ("name", "slug", "language", "contact_email", "is_default")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [HostNameInline]
    readonly_fields = ("embed_snippet",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "language", "is_default")}),
        (
            _("Contact"),
            {
                "fields": (
                    "contact_email",
                    "contact_address",
                    "organisation_number",
                    "municipality_number",
                )
            },
        ),
        (_("Appearance"), {"fields": ("logo", "theme_colour", "accent_colour")}),
        (_("On the municipality's own website"), {"fields": ("embed_origins", "embed_snippet")}),
    )

    @admin.display(description=_("code to paste"))
    def embed_snippet(self, obj):
        """The <iframe> of each embed at the organisation's own address, for its web editors
        to copy into a page of the municipality's website."""
        if obj is None or obj.pk is None:
            return gettext("Save the municipality first: the code is shown here then.")
        snippets = embed_snippets(obj)
        return format_html(
            "{}<p>{}</p>",
            format_html_join(
                "",
                '<p><label for="embed-snippet-{}">{}</label><br>'
                '<textarea id="embed-snippet-{}" class="vLargeTextField" rows="3" readonly>'
                "{}</textarea></p>",
                ((key, label, key, escape(code)) for key, label, code in snippets),
            ),
            gettext(
                "Copy the code into a page of the municipality's website. The frame shows "
                "only when the website's address (e.g. https://www.asker.kommune.no) is in "
                "the list above and saved; on other websites the browser refuses to show it."
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return [*readonly, "slug", "is_default"]

    def get_prepopulated_fields(self, request, obj=None):
        return super().get_prepopulated_fields(request, obj) if request.user.is_superuser else {}

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


def embed_snippets(organisation) -> list[tuple[str, str, str]]:
    """(key, label, <iframe> HTML) for each embed, at the organisation's first host name
    (else the address the admin is served at), titled in its language form."""
    host = organisation.host_names.order_by("pk").values_list("name", flat=True).first()
    base = f"https://{host}" if host else (serving.served_at() or "")
    found = []
    for key, name, label, height in (
        ("latest", "opendata:embed_latest", _("Latest initiatives"), 640),
        ("share-idea", "opendata:embed_share_idea", _("Share an idea"), 480),
    ):
        # The frame's title is read out on the municipality's website: in its language form.
        with i18n.addresses_of(organisation), translation.override(organisation.language):
            path, title = reverse(name), f"{label} – {organisation.name}"
        code = format_html(
            '<iframe src="{}{}" title="{}" width="100%" height="{}" loading="lazy"></iframe>',
            base,
            path,
            title,
            height,
        )
        found.append((key, str(label), code))
    return found


@admin.register(SharedCategory)
class SharedCategoryAdmin(ScopedAdmin, admin.ModelAdmin):
    """The categories every municipality shares: the platform administrator's, as they
    belong to no one municipality (ScopedAdmin leaves such tables to superusers)."""

    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ServiceArea)
class ServiceAreaAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ("name", "parent", "shared_category", "organisation")
    list_filter = ("organisation", "parent", "shared_category")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Theme)
class ThemeAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class PageTextVersionInline(ScopedAdmin, admin.TabularInline):
    """The versions saved, newest first: read, never changed."""

    model = PageTextVersion
    extra = 0
    can_delete = False
    fields = ("saved_at", "saved_by", "body")
    readonly_fields = fields
    verbose_name = _("saved version")
    verbose_name_plural = _("version history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PageTextForm(forms.ModelForm):
    restore = forms.ModelChoiceField(
        label=_("Restore an earlier version"),
        queryset=PageTextVersion.objects.none(),
        required=False,
        help_text=_(
            "Choose a version to make it the page's text again; the text above is then "
            "ignored. The text you replace stays in the history."
        ),
    )

    class Meta:
        model = PageText
        fields = ("organisation", "page", "body")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["restore"].queryset = self.instance.versions.all()
            self.fields["restore"].label_from_instance = _version_label
        else:
            del self.fields["restore"]

    def clean(self):
        cleaned = super().clean()
        organisation, page = cleaned.get("organisation"), cleaned.get("page")
        others = PageText.objects.filter(organisation=organisation, page=page)
        if organisation and page and others.exclude(pk=self.instance.pk).exists():
            self.add_error(
                "page",
                _("This page has its own text already: change that one instead."),
            )
        return cleaned


def _version_label(version):
    who = version.saved_by.display_name if version.saved_by else "–"
    return f"{version.saved_at:%d.%m.%Y %H:%M} ({who})"


@admin.register(PageText)
class PageTextAdmin(ScopedAdmin, admin.ModelAdmin):
    """The municipality's own texts for the about, privacy and accessibility pages.
    Every save is kept as a version; an earlier one can be restored."""

    form = PageTextForm
    list_display = ("page", "organisation", "updated_at")
    inlines = [PageTextVersionInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def get_fields(self, request, obj=None):
        return ["organisation", "page", "body", *(["restore"] if obj else [])]

    def get_readonly_fields(self, request, obj=None):
        return ("page",) if obj else ()

    def save_model(self, request, obj, form, change):
        # The same path as every change: PageText.change keeps the version.
        version = form.cleaned_data.get("restore")
        if version is not None:
            obj.restore(version, user=request.user)
        else:
            obj.change(form.cleaned_data.get("body", obj.body), user=request.user)
