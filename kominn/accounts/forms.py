from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from kominn.core.admin import works_here
from kominn.core.forms import HoneypotMixin
from kominn.outbox.services import queue_mail

from . import throttle
from .models import CAPACITIES_WITH_AFFILIATION, Capacity

User = get_user_model()


class CapacityMixin(forms.Form):
    def clean(self):
        cleaned = super().clean()
        capacity = cleaned.get("capacity")
        if capacity in CAPACITIES_WITH_AFFILIATION and not cleaned.get("affiliation", "").strip():
            self.add_error(
                "affiliation", _("Write the name of the organisation or company you take part for.")
            )
        if capacity not in CAPACITIES_WITH_AFFILIATION:
            cleaned["affiliation"] = ""
        return cleaned


class NewParticipantForm(CapacityMixin, forms.Form):
    """What KomInn asks of everyone who joins: an address, a name, a capacity, consent."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=100,
        help_text=_("Shown with what you write. Your own name, or a name you are known by."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    capacity = forms.ChoiceField(
        label=_("I take part as"), choices=Capacity.choices, widget=forms.RadioSelect
    )
    affiliation = forms.CharField(
        label=_("Organisation or company"),
        max_length=200,
        required=False,
        help_text=_("For volunteers and businesses."),
    )
    accept_privacy = forms.BooleanField(
        label=_("I have read the privacy statement"),
        error_messages={"required": _("You must accept the privacy statement to register.")},
    )


class RegistrationForm(HoneypotMixin, NewParticipantForm):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 10 characters. A sentence you remember is a good password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    field_order = ["email", "display_name", "capacity", "affiliation", "password"]

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"]).strip()

    def clean_password(self):
        password = self.cleaned_data["password"]
        candidate = User(
            email=self.cleaned_data.get("email", ""),
            display_name=self.cleaned_data.get("display_name", ""),
        )
        password_validation.validate_password(password, candidate)
        return password


THROTTLED_MESSAGE = _("Too many failed attempts. Wait a quarter of an hour and try again.")


class ThrottledLoginMixin:
    """Counts failed log-ins in the throttle, and refuses while it is reached. Every form
    that checks a password for a log-in uses it, so all of them share one set of counters."""

    def clean(self):
        email = self.data.get("username", "")
        address = throttle.client_address(self.request)
        if throttle.is_throttled(email, address):
            raise forms.ValidationError(THROTTLED_MESSAGE, code="throttled")
        try:
            cleaned = self.check_credentials()
        except forms.ValidationError:
            throttle.record_failure(email, address)
            raise
        if self.get_user() is not None:
            throttle.clear(email, address)
        return cleaned

    def check_credentials(self):
        return super().clean()


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    """Log in by e-mail. The same message for a wrong address and a wrong password."""

    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("Wrong e-mail address or password."),
        "inactive": _(
            "Confirm your e-mail address first: use the link in the mail we sent you. "
            "Register again to get a new link."
        ),
        "blocked": _(
            "This account is blocked by a moderator: %(reason)s. If you think this is wrong, "
            "write to %(email)s."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.blocked_at is not None:
            organisation = getattr(self.request, "organisation", None)
            raise forms.ValidationError(
                self.error_messages["blocked"],
                code="blocked",
                params={
                    "reason": user.blocked_reason.rstrip(".") or "–",
                    "email": organisation.contact_email if organisation else "",
                },
            )

    def check_credentials(self):
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        waiting = None
        if email and password:
            waiting = User.objects.filter(
                email__iexact=email, is_active=False, email_verified_at=None
            ).first()
        if waiting is None:
            return super().check_credentials()
        # One password check, as for an active or a missing account, so the time the answer
        # takes does not tell that a registration awaits confirmation. Only someone who
        # knows the password learns it.
        if waiting.check_password(password):
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        raise self.get_invalid_login_error()


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The admin's log-in, throttled with the same counters as the public one. On an
    organisation's host name only its own staff (and superusers) log in."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "other_organisation": _(
            "This account is not staff of %(organisation)s. Log in to the administration "
            "at the address of the organisation you work for."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        organisation = getattr(self.request, "organisation", None)
        if not works_here(user, organisation):
            raise forms.ValidationError(
                self.error_messages["other_organisation"],
                code="other_organisation",
                params={"organisation": organisation.name if organisation else "–"},
            )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form; the mail is queued in the outbox like every other mail."""

    # Named as on the log-in and registration forms.
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = render_to_string(subject_template_name, context).strip()
        queue_mail(
            to=to_email,
            subject=subject,
            template=email_template_name.removesuffix(".txt"),
            context=context,
        )


class ProfileForm(CapacityMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "capacity", "affiliation", "language"]
        widgets = {"capacity": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].choices = Capacity.choices
        self.fields["capacity"].required = True


class PasswordConfirmedForm(forms.Form):
    """A form for a change that the person confirms with their current password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, recently_verified=False, **kwargs):
        self.user = user
        self.recently_verified = recently_verified
        super().__init__(*args, **kwargs)
        if not user.has_usable_password():
            # People who log in through ID-porten or Entra ID have no password here;
            # a log-in at the provider within the last minutes confirms instead.
            del self.fields["password"]

    @property
    def needs_fresh_login(self):
        return "password" not in self.fields and not self.recently_verified

    def clean(self):
        cleaned = super().clean()
        if self.needs_fresh_login:
            raise forms.ValidationError(
                _("For your safety, log in again with ID-porten or Entra ID first.")
            )
        return cleaned

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("The password is wrong."))
        return self.cleaned_data["password"]


class ConfirmRegistrationForm(PasswordConfirmedForm):
    """Confirming a registration asks for the password chosen when registering. Whoever
    registered an address last chose the account's password; asking for it keeps the
    mailbox's owner from activating an account with a stranger's password."""

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(
                _(
                    "This is not the password chosen when the address was registered. "
                    "If you registered more than once, use the link in the newest mail, "
                    "or register again to get a new one."
                )
            )
        return self.cleaned_data["password"]


class EmailChangeForm(PasswordConfirmedForm):
    email = forms.EmailField(label=_("New e-mail address"), max_length=254)
    field_order = ["email", "password"]


class DeleteAccountForm(PasswordConfirmedForm):
    contributions = forms.ChoiceField(
        label=_("What should happen to what you have written?"),
        choices=[
            ("keep", _("Keep it, shown as written by “deleted user”")),
            ("remove", _("Remove it")),
        ],
        widget=forms.RadioSelect,
    )
    field_order = ["contributions", "password"]


class ExternalCompleteForm(NewParticipantForm):
    """What a first log-in through ID-porten or Entra ID still needs: an address and a name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "We send a link to confirm it. Notifications about your ideas go here."
        )
