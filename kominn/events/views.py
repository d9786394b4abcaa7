from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kominn.core import ratelimit
from kominn.core.access import get_for_request
from kominn.core.paging import BoundedPaginator
from kominn.outbox.services import absolute_url
from kominn.participation.access import participant_required

from . import ics, rules, services
from .models import Event, Registration, RegistrationStatus

PER_PAGE = 20
FEED_SIZE = 200


def _events(request):
    return Event.objects.for_organisation(request.organisation).visible().for_list()


def _event(request, pk):
    return get_for_request(_events(request), request, check=rules.can_view_event, pk=pk)


def event_page(request, pk):
    return _event(request, pk).get_absolute_url()


def event_list(request):
    past = request.GET.get("vis") == "tidligere"
    events = _events(request)
    events = events.past() if past else events.upcoming()
    page = BoundedPaginator(events, PER_PAGE).get_page(request.GET.get("side"))
    return render(request, "events/event_list.html", {"page": page, "past": past})


def event_detail(request, pk):
    event = _event(request, pk)
    mine = None
    if request.user.is_authenticated:
        mine = Registration.objects.filter(event=event, user=request.user).first()
    registered = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    context = {
        "event": event,
        "mine": mine,
        "registered": registered,
        "places_left": None if event.capacity is None else max(event.capacity - registered, 0),
        # Visitors see the button, and log in when they press it.
        "can_register": rules.registration_is_open(event)
        and (rules.can_register(request.user, event) or not request.user.is_authenticated),
        "can_edit": rules.can_edit_event(request.user, event),
    }
    return render(request, "events/event_detail.html", context)


@require_POST
@participant_required(back=event_page)
def register(request, pk):
    event = _event(request, pk)
    if not rules.can_register(request.user, event):
        raise PermissionDenied
    if not ratelimit.allowed("registration", request):
        messages.error(request, _("You have signed up many times in a short while. Try later."))
        return redirect(event)
    ratelimit.record("registration", request)
    registration = services.register(event=event, user=request.user)
    if registration.status == RegistrationStatus.REGISTERED:
        messages.success(request, _("You are signed up."))
    else:
        messages.success(request, _("The event is full: you are on the waiting list."))
    return redirect(event)


@require_POST
@participant_required(back=event_page)
def cancel(request, pk):
    event = _event(request, pk)
    registration = Registration.objects.filter(event=event, user=request.user).first()
    if registration is None:
        return redirect(event)
    if not rules.can_cancel_registration(request.user, registration):
        raise PermissionDenied
    services.cancel_registration(registration=registration)
    messages.success(request, _("You are no longer signed up."))
    return redirect(event)


def _calendar_response(request, events, name, filename):
    body = ics.calendar(
        events,
        name=name,
        url_for=lambda event: absolute_url(event.get_absolute_url(), request.organisation),
        host=request.get_host().split(":")[0] or "kominn",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, pk):
    event = _event(request, pk)
    return _calendar_response(request, [event], event.title, f"arrangement-{event.pk}.ics")


def calendar_feed(request):
    events = _events(request).upcoming()[:FEED_SIZE]
    name = _("Events – %(organisation)s") % {"organisation": request.organisation.name}
    return _calendar_response(request, events, name, "arrangementer.ics")
