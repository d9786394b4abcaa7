import json
import logging
import secrets
import time

import requests
from authlib.common.errors import AuthlibBaseError
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from joserfc.errors import JoseError

from . import external, login_reasons, services, throttle
from .forms import (
    ConfirmRegistrationForm,
    DeleteAccountForm,
    EmailChangeForm,
    ExternalCompleteForm,
    LoginForm,
    ProfileForm,
    RegistrationForm,
)
from .middleware import blocked_message

logger = logging.getLogger(__name__)


def _given_next(request) -> str:
    """The local address the person was on their way to, or "" when none was given or it
    leads elsewhere."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _next_url(request, default="accounts:profile"):
    return _given_next(request) or reverse(default)


def _on_the_way(request) -> dict:
    """Where the person is headed and why they must log in first, carried from the log-in
    page to registration and into the confirmation link."""
    target = _given_next(request)
    key = request.POST.get(login_reasons.PARAMETER) or request.GET.get(login_reasons.PARAMETER)
    key = key or ""
    reason = login_reasons.reason(next_url=target, key=key)
    key = key if login_reasons.is_known(key) else ""
    query = {"next": target} if target else {}
    if target and key:
        query[login_reasons.PARAMETER] = key
    return {
        "given_next": target,
        "login_reason": reason,
        "reason_key": key,
        "next_query": urlencode(query),
    }


@sensitive_post_parameters("password")
@never_cache
def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # One hash on every path (a new address, a taken one, the mail limit reached),
        # so the time the answer takes does not tell whether an address has an account.
        password_hash = make_password(data["password"])
        request.session["registered_email"] = data["email"]
        # Past the limit the answer is the same; the mailbox just gets no more mail for a while.
        if throttle.may_send_mail(request, data["email"]):
            services.register(
                email=data["email"],
                password_hash=password_hash,
                display_name=data["display_name"],
                capacity=data["capacity"],
                affiliation=data["affiliation"],
                build_url=request.build_absolute_uri,
                next_url=_given_next(request),
            )
        return redirect("accounts:registered")
    return render(request, "accounts/register.html", {"form": form} | _on_the_way(request))


def registered(request):
    return render(
        request, "accounts/registered.html", {"email": request.session.get("registered_email")}
    )


@sensitive_post_parameters("password")
@never_cache
def confirm(request, token):
    pending = services.registration_to_confirm(token)
    if pending is not None:
        return _confirm_registration(request, pending)
    user = services.confirm_email(token)
    if user is None:
        return render(request, "accounts/confirm_failed.html", status=400)
    messages.success(
        request, _("Your e-mail address is changed to %(email)s.") % {"email": user.email}
    )
    return redirect("accounts:profile" if request.user == user else "accounts:login")


def _confirm_registration(request, user):
    """GET asks for the password chosen at registration (mail scanners open links); the
    right password confirms the address and logs the person in."""
    form = ConfirmRegistrationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.confirm_registration(user)
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your e-mail address is confirmed. Welcome to KomInn!"))
        # Back to where they were going when they registered (the idea form), if anywhere.
        return redirect(_next_url(request))
    return render(
        request, "accounts/confirm_registration.html", {"form": form, "email": user.email}
    )


@sensitive_post_parameters("password")
@never_cache
def login(request):
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        auth_login(request, form.get_user())
        services.remember_language(request.user, translation.get_language())
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "next": _next_url(request),
            "external_providers": external.providers().values(),
        }
        | _on_the_way(request),
    )


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
    form = EmailChangeForm(
        request.user, request.POST or None, recently_verified=external.recently_verified(request)
    )
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
    return render(
        request,
        "accounts/change_email.html",
        {"form": form, "external_providers": external.providers().values()},
    )


@login_required
def my_data(request):
    form = DeleteAccountForm(request.user, recently_verified=external.recently_verified(request))
    return render(
        request,
        "accounts/my_data.html",
        {"form": form, "external_providers": external.providers().values()},
    )


@login_required
def export(request):
    data = json.dumps(services.export_personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kominn-mine-data.json"'
    return response


@sensitive_post_parameters("password")
@login_required
@require_POST
def delete(request):
    form = DeleteAccountForm(
        request.user, request.POST, recently_verified=external.recently_verified(request)
    )
    if not form.is_valid():
        context = {"form": form, "external_providers": external.providers().values()}
        return render(request, "accounts/my_data.html", context, status=400)
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


# Log-in through OpenID Connect (ID-porten, Entra ID); the rules live in external.py.


def _external_failed(request, provider, message):
    messages.error(request, message % {"provider": provider.label})
    return redirect("accounts:login")


@never_cache
def external_login(request, provider):
    found = external.get_provider(provider)
    if found is None:
        raise Http404
    request.session[external.SESSION_KEY] = {
        "next": _next_url(request),
        "language": translation.get_language(),
    }
    options = {"ui_locales": translation.get_language()}
    if found.acr_values:
        options["acr_values"] = found.acr_values
    redirect_uri = request.build_absolute_uri(reverse("external_callback", args=[provider]))
    try:
        return external.client(provider).authorize_redirect(request, redirect_uri, **options)
    except (AuthlibBaseError, requests.RequestException, ValueError, KeyError, RuntimeError):
        logger.warning("OpenID Connect discovery failed for %s", provider, exc_info=True)
        return _external_failed(
            request,
            found,
            _("%(provider)s does not answer right now. Try again in a while."),
        )


@never_cache
def external_callback(request, provider):
    """Where the provider sends the person back. Its path has no language prefix, so
    the provider needs only one address registered; the language travels in the session."""
    found = external.get_provider(provider)
    if found is None:
        raise Http404
    pending = request.session.get(external.SESSION_KEY) or {}
    # Unprefixed, the path is in the organisation's language form (the locale middleware's).
    translation.activate(pending.get("language") or translation.get_language())
    if request.GET.get("error") == "access_denied":
        return _external_failed(request, found, _("Logging in with %(provider)s was cancelled."))
    try:
        token = external.client(provider).authorize_access_token(request)
        claims = external.read_claims(found, token.get("userinfo") or {})
    except (AuthlibBaseError, JoseError, requests.RequestException, ValueError, KeyError):
        logger.warning("OpenID Connect log-in failed for %s", provider, exc_info=True)
        return _external_failed(
            request, found, _("Logging in with %(provider)s did not succeed. Try again.")
        )
    if not external.acr_satisfied(found, token.get("userinfo") or {}):
        return _external_failed(
            request, found, _("Logging in with %(provider)s did not succeed. Try again.")
        )
    user = external.known_user(claims)
    if user is None and claims.email and claims.name and external.may_join_by_claim(claims):
        user = external.link_or_create(
            claims=claims,
            email=claims.email,
            display_name=claims.name,
            capacity=found.capacity,
        )
    if user is not None:
        return _finish_external_login(request, user, pending.get("next"))
    pending["claims"] = claims.as_dict()
    request.session[external.SESSION_KEY] = pending
    return redirect("accounts:external_complete")


def _finish_external_login(request, user, next_url=None):
    if user.blocked_at is not None:
        messages.error(request, blocked_message(user.blocked_reason))
        return redirect("accounts:login")
    if not user.is_active:
        messages.error(request, _("This account is closed."))
        return redirect("accounts:login")
    request.session.pop(external.SESSION_KEY, None)
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[external.VERIFIED_AT_KEY] = int(time.time())
    services.remember_language(user, translation.get_language())
    messages.success(request, _("You are logged in as %(name)s.") % {"name": user.display_name})
    return redirect(next_url or "accounts:profile")


@never_cache
def external_complete(request):
    """A first log-in without a trusted address: ask for one, and for a name."""
    pending = request.session.get(external.SESSION_KEY) or {}
    if "claims" not in pending:
        messages.info(request, _("Start by logging in."))
        return redirect("accounts:login")
    claims = external.Claims(**pending["claims"])
    provider = external.get_provider(claims.provider)
    if provider is None:
        raise Http404
    initial = {"email": claims.email, "display_name": claims.name, "capacity": provider.capacity}
    form = ExternalCompleteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = {
            "display_name": data["display_name"],
            "capacity": data["capacity"],
            "affiliation": data["affiliation"],
        }
        same_as_trusted = claims.email and data["email"].lower() == claims.email.lower()
        if same_as_trusted and external.may_join_by_claim(claims):
            user = external.link_or_create(claims=claims, email=claims.email, **details)
            if user is not None:
                return _finish_external_login(request, user, pending.get("next"))
        elif throttle.may_send_mail(request, data["email"]):
            # The link works only in this browser, so an address typed by someone else
            # cannot tie their log-in to the address owner's account.
            pending["binding"] = secrets.token_urlsafe(16)
            request.session[external.SESSION_KEY] = pending
            token = external.make_confirm_token(
                claims, email=data["email"], binding=pending["binding"], **details
            )
            services.send_external_confirmation(
                email=data["email"],
                url=request.build_absolute_uri(external.confirm_url(token)),
                provider=provider.label,
            )
        request.session["registered_email"] = data["email"]
        return redirect("accounts:external_sent")
    return render(request, "accounts/external_complete.html", {"form": form, "provider": provider})


def external_sent(request):
    return render(
        request,
        "accounts/external_sent.html",
        {"email": request.session.get("registered_email")},
    )


@never_cache
def external_confirm(request, token):
    """GET shows a button (mail scanners open links); POST, in the browser that logged in
    at the provider, ties the log-in to the confirmed address."""
    data = external.read_confirm_token(token)
    if data is None:
        return render(request, "accounts/confirm_failed.html", status=400)
    pending = request.session.get(external.SESSION_KEY) or {}
    if not pending.get("binding") or pending["binding"] != data.get("binding"):
        return render(request, "accounts/external_other_browser.html", status=400)
    if request.method != "POST":
        return render(request, "accounts/external_confirm.html", {"email": data["confirm_email"]})
    claims = external.Claims(
        provider=data["provider"], subject=data["subject"], email="", name=data["name"]
    )
    user = external.link_or_create(
        claims=claims,
        email=data["confirm_email"],
        display_name=data["display_name"],
        capacity=data["capacity"],
        affiliation=data["affiliation"],
    )
    if user is None:
        return render(request, "accounts/confirm_failed.html", status=400)
    return _finish_external_login(request, user, pending.get("next"))
