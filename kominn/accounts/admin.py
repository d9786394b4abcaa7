from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from kominn.core.admin import ForSuperusers, ScopedAdmin
from kominn.organisations.admin import OrganisationAdmin as BaseOrganisationAdmin
from kominn.organisations.models import Organisation

from . import roles, services
from .forms import AdminLoginForm
from .models import User

# The admin's log-in counts failures with the public log-in's throttle.
admin.site.login_form = AdminLoginForm


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(ScopedAdmin, BaseUserAdmin):
    """Superusers, who set up each municipality's staff, see every account; staff given
    rights over accounts see their own organisation's staff only, and cannot make anyone a
    superuser or grant single permissions."""

    superusers_see_all = True
    add_form = UserCreationForm
    form = UserEditForm
    ordering = ("email",)
    list_display = ("email", "display_name", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "display_name")
    filter_horizontal = ("groups", "service_areas", "user_permissions")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "capacity", "affiliation")}),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "organisation",
                    "groups",
                    "service_areas",
                    "user_permissions",
                )
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "email_verified_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "usable_password", "password1", "password2"),
            },
        ),
    )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return [*readonly, "is_superuser", "user_permissions"]

    # A municipality's administrator gives and takes the editor and moderator roles; the
    # other roles (administrator among them) are the superusers' to give, and stay as they
    # are when an administrator saves the person.

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups" and field is not None and not request.user.is_superuser:
            field.queryset = field.queryset.filter(name__in=roles.GIVEN_BY_ADMINISTRATORS)
        return field

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            if not change:
                # A person an administrator adds works for the administrator's municipality.
                obj.organisation = request.organisation
            obj.is_superuser = False
            request._kept_roles = (
                list(obj.groups.exclude(name__in=roles.GIVEN_BY_ADMINISTRATORS)) if change else []
            )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        kept = getattr(request, "_kept_roles", None)
        if kept:
            form.instance.groups.add(*kept)


# The staff roles are the same in every organisation: only superusers change them.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(ForSuperusers, BaseGroupAdmin):
    pass


# A new municipality is made with its first administrator: accounts adds that to the
# organisations' admin (organisations stands below accounts and knows no people).


class NewOrganisationForm(forms.ModelForm):
    administrator_email = forms.EmailField(
        label=_("First administrator's e-mail"),
        required=False,
        help_text=_(
            "Gets staff status and the Administrator role here; a new account gets a link "
            "to choose a password, shown after saving."
        ),
    )

    class Meta:
        model = Organisation
        fields = (
            "name", "slug", "language", "is_default", "contact_email", "contact_address",
            "organisation_number", "logo", "theme_colour", "accent_colour",
        )  # fmt: skip

    def clean_administrator_email(self):
        email = self.cleaned_data["administrator_email"]
        if email:
            refused = services.administrator_refused(organisation=self.instance, email=email)
            if refused:
                raise forms.ValidationError(refused)
        return email


admin.site.unregister(Organisation)


@admin.register(Organisation)
class OrganisationAdmin(BaseOrganisationAdmin):
    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = NewOrganisationForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return [*fieldsets, (_("First administrator"), {"fields": ["administrator_email"]})]
        return fieldsets

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        email = form.cleaned_data.get("administrator_email")
        if change or not email:
            return
        user = services.make_administrator(organisation=form.instance, email=email)
        host = form.instance.host_names.order_by("pk").first()
        if user.has_usable_password() or host is None:
            messages.info(request, _("Its administrator is %(email)s.") % {"email": user.email})
            return
        scheme = "http" if host.name.endswith(".localhost") else "https"
        link = services.password_link(user, lambda path: f"{scheme}://{host.name}{path}")
        messages.info(
            request,
            _("Its administrator is %(email)s. Send them this link to choose a password: %(link)s")
            % {"email": user.email, "link": link},
        )
