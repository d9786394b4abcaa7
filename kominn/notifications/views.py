from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kominn.core.access import get_for_request

from . import rules, services
from .forms import PreferencesForm
from .models import FIXED_DELIVERY, Notification


def _notification(request, pk):
    """The notification if it is this person's, about this organisation; else 404: others'
    are not even admitted."""
    return get_for_request(Notification.objects.for_list(), request, check=rules.can_open, pk=pk)


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user).for_list()
    page = Paginator(notifications, 20).get_page(request.GET.get("side"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_open(request, pk):
    """Opening a notification marks it read and leads to what it is about."""
    notification = _notification(request, pk)
    notification.mark_read()
    return redirect(notification.get_absolute_url())


@login_required
@require_POST
def mark_all_read(request):
    Notification.objects.filter(recipient=request.user).mark_read()
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:notifications")


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:notification_settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "fixed": list(FIXED_DELIVERY)},
    )


# One-click unsubscribe (RFC 8058): mail programs POST without a CSRF token or a session.
# The page shows one person's choice, behind the link's secret: no cache may keep it.
@csrf_exempt
@never_cache
def unsubscribe(request, token):
    found = services.read_unsubscribe_token(token)
    if found is None:
        return render(request, "notifications/unsubscribe.html", {"valid": False}, status=400)
    user, kind = found
    if request.method == "POST":
        services.unsubscribe(user=user, kind=kind)
        messages.success(request, _("You will no longer get these e-mails."))
        return redirect("notifications:unsubscribe", token=token)
    return render(
        request,
        "notifications/unsubscribe.html",
        {
            "valid": True,
            "token": token,
            "is_digest": kind == services.DIGEST,
            "kinds": services.kinds_to_turn_off(user, kind),
        },
    )
