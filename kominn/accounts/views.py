import json

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from . import services, throttle
from .forms import DeleteAccountForm, EmailChangeForm, LoginForm, ProfileForm, RegistrationForm


def _next_url(request, default="accounts:profile"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


@sensitive_post_parameters("password")
@never_cache
def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        request.session["registered_email"] = data["email"]
        if not throttle.may_send_mail(request, data["email"]):
            # The same answer as always; the mailbox just gets no more mail for a while.
            return redirect("accounts:registered")
        services.register(
            email=data["email"],
            password=data["password"],
            display_name=data["display_name"],
            capacity=data["capacity"],
            affiliation=data["affiliation"],
            build_url=request.build_absolute_uri,
        )
        return redirect("accounts:registered")
    return render(request, "accounts/register.html", {"form": form})


def registered(request):
    return render(
        request, "accounts/registered.html", {"email": request.session.get("registered_email")}
    )


def confirm(request, token):
    user, what = services.confirm_email(token)
    if user is None:
        return render(request, "accounts/confirm_failed.html", status=400)
    if what == "registered":
        # The first confirmation finishes the registration in the same breath.
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your e-mail address is confirmed. Welcome to KomInn!"))
        return redirect("accounts:profile")
    messages.success(
        request, _("Your e-mail address is changed to %(email)s.") % {"email": user.email}
    )
    return redirect("accounts:profile" if request.user == user else "accounts:login")


@sensitive_post_parameters("password")
@never_cache
def login(request):
    email = request.POST.get("username", "")
    address = throttle.client_address(request)
    throttled = request.method == "POST" and throttle.is_throttled(email, address)
    form = LoginForm(request, data=request.POST or None, throttled=throttled)
    if request.method == "POST":
        if form.is_valid():
            throttle.clear(email, address)
            auth_login(request, form.get_user())
            return redirect(_next_url(request))
        if not throttled:
            throttle.record_failure(email, address)
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


@require_POST
def logout(request):
    auth_logout(request)
    messages.info(request, _("You are logged out."))
    return redirect("pages:home")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@sensitive_post_parameters("password")
@login_required
def change_email(request):
    form = EmailChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["email"]
        if throttle.may_send_mail(request, new_email):
            services.send_confirmation(
                user=request.user, email=new_email, build_url=request.build_absolute_uri
            )
        messages.info(
            request,
            _("We have sent a link to %(email)s. Your address changes when you open it.")
            % {"email": new_email},
        )
        return redirect("accounts:profile")
    return render(request, "accounts/change_email.html", {"form": form})


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html", {"form": DeleteAccountForm(request.user)})


@login_required
def export(request):
    data = json.dumps(services.personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kominn-mine-data.json"'
    return response


@sensitive_post_parameters("password")
@login_required
@require_POST
def delete(request):
    form = DeleteAccountForm(request.user, request.POST)
    if not form.is_valid():
        return render(request, "accounts/my_data.html", {"form": form}, status=400)
    keep = form.cleaned_data["contributions"] == "keep"
    services.delete_account(request.user, keep_contributions=keep)
    auth_logout(request)
    messages.success(request, _("Your account is deleted."))
    return redirect("pages:home")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with a limit on how often one address is mailed."""

    def form_valid(self, form):
        if not throttle.may_send_mail(self.request, form.cleaned_data["email"]):
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset confirmation; a new password also lifts the login throttle here."""

    def form_valid(self, form):
        throttle.clear(self.user.email, throttle.client_address(self.request))
        return super().form_valid(form)
