from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kominn.accounts import throttle
from kominn.core.access import of_request

from . import rules, services
from .forms import SignUpForm


def sign_up(request):
    organisation = request.organisation
    if not rules.can_sign_up(organisation):
        raise Http404
    form = SignUpForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        # Over the limit, the answer is the same; the mailbox just gets no more mail.
        if throttle.may_send_mail(request, email):
            services.sign_up(
                organisation=organisation,
                email=email,
                language=get_language(),
                build_url=request.build_absolute_uri,
            )
        return redirect("newsletter:sent")
    return render(request, "newsletter/sign_up.html", {"form": form})


def sent(request):
    return render(
        request, "newsletter/sent.html", {"confirm_days": settings.NEWSLETTER_CONFIRM_DAYS}
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    # GET only shows a button: link scanners in mail systems open links, but do not
    # press buttons, so they cannot sign anyone up.
    subscription = services.find_for_confirmation(token)
    if subscription is not None:
        of_request(subscription, request)
    if subscription is None:
        return render(
            request,
            "newsletter/link_failed.html",
            {"action": "confirm", "confirm_days": settings.NEWSLETTER_CONFIRM_DAYS},
            status=400,
        )
    if request.method == "POST":
        services.confirm(subscription)
        return redirect("newsletter:confirmed")
    return render(request, "newsletter/confirm.html", {"subscription": subscription})


def confirmed(request):
    return render(request, "newsletter/confirmed.html")


@csrf_exempt  # one-click unsubscribe (RFC 8058): mail programs POST without a token
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    valid, subscription = services.find_for_unsubscribe(token)
    if not valid:
        return render(request, "newsletter/link_failed.html", {"action": "unsubscribe"}, status=400)
    if subscription is not None:
        of_request(subscription, request)
    if request.method == "POST":
        if subscription is not None:
            subscription.unsubscribe()
        return redirect("newsletter:unsubscribed")
    stopped = subscription is None or subscription.unsubscribed_at is not None
    return render(
        request, "newsletter/unsubscribe.html", {"subscription": subscription, "stopped": stopped}
    )


def unsubscribed(request):
    return render(request, "newsletter/unsubscribed.html")
