from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kominn.core import ratelimit
from kominn.core.access import get_for_request
from kominn.core.paging import BoundedPaginator
from kominn.outbox.services import absolute_url
from kominn.participation import access as participation_access
from kominn.participation.access import participant_required

from . import ics, rules, services
from .forms import CardForm, FinishForm, GroupForm, HideForm
from .models import Card, Event, Registration, RegistrationStatus, Vote, Workshop

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
        "workshop": Workshop.objects.filter(event=event).select_related("challenge").first(),
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


# --- Workshops ------------------------------------------------------------------------


def _workshop(request, slug, pk):
    challenge = participation_access.challenge(request, slug)
    workshops = Workshop.objects.filter(challenge=challenge).select_related("challenge", "event")
    return get_for_request(workshops, request, check=rules.can_view_workshop, pk=pk)


def _card(request, workshop, card_pk):
    card = Card.objects.filter(workshop=workshop, pk=card_pk).select_related("author").first()
    if card is None:
        raise Http404
    return card


def workshop_page(request, slug, pk, **kwargs):
    return _workshop(request, slug, pk).get_absolute_url()


def _closed_message(workshop):
    state = workshop.state()
    if state == "upcoming":
        return _("The workshop has not opened yet: cards and votes are taken from it opens.")
    if state == "finished":
        return _("The workshop is finished: cards and votes are closed.")
    return _("The workshop is closed: cards and votes are no longer taken.")


def _board(request, workshop):
    """The cards in their groups, each with its votes, and what this person may do."""
    user = request.user
    staff = rules.can_run_workshop(user, workshop)
    cards = list(
        workshop.cards.select_related("author", "idea")
        .annotate(vote_count=Count("votes"))
        .order_by("created_at", "pk")
    )
    mine = set()
    if user.is_authenticated:
        mine = set(
            Vote.objects.filter(workshop=workshop, user=user).values_list("card_id", flat=True)
        )
    groups = list(workshop.groups.all())
    by_group = {group.pk: [] for group in groups}
    ungrouped = []
    shown = 0
    can_act = rules.can_post_card(user, workshop)
    for card in cards:
        card.is_hidden = card.hidden_at is not None or card.author.blocked_at is not None
        card.text_shown = not card.is_hidden or staff or card.author_id == user.pk
        card.is_mine = card.author_id == user.pk
        card.voted = card.pk in mine
        card.can_vote = can_act and not card.is_hidden
        card.can_take_back = can_act and card.voted
        if card.is_hidden and not card.text_shown:
            continue
        shown += 1
        by_group.get(card.group_id, ungrouped).append(card)
    return {
        "groups": [(group, by_group[group.pk]) for group in groups],
        "ungrouped": ungrouped,
        "all_groups": groups,
        "votes_used": len(mine),
        "votes_left": max(workshop.votes_per_person - len(mine), 0),
        "card_count": shown,
        "staff": staff,
    }


def _render_workshop(request, workshop, status=200, **forms):
    open_now = workshop.is_open()
    context = {
        "workshop": workshop,
        "challenge": workshop.challenge,
        "state": workshop.state(),
        "open_now": open_now,
        "closed_message": None if open_now else _closed_message(workshop),
        "can_post": rules.can_post_card(request.user, workshop),
        "can_finish": rules.can_finish_workshop(request.user, workshop),
        "card_form": forms.get("card_form") or CardForm(),
        "group_form": forms.get("group_form") or GroupForm(),
        "finish_form": forms.get("finish_form") or FinishForm(workshop=workshop),
        **_board(request, workshop),
    }
    return render(request, "events/workshop_detail.html", context, status=status)


def workshop_detail(request, slug, pk):
    return _render_workshop(request, _workshop(request, slug, pk))


@require_POST
@participant_required(back=workshop_page)
def post_card(request, slug, pk):
    workshop = _workshop(request, slug, pk)
    if not workshop.is_open():
        messages.error(request, _closed_message(workshop))
        return redirect(workshop)
    if not rules.can_post_card(request.user, workshop):
        raise PermissionDenied
    form = CardForm(request.POST, request=request)
    if not form.is_valid():
        return _render_workshop(request, workshop, status=400, card_form=form)
    try:
        services.post_card(
            workshop=workshop,
            author=request.user,
            text=form.cleaned_data["text"],
            consent_credit=form.cleaned_data["consent_credit"],
        )
    except services.WorkshopClosed:
        messages.error(request, _closed_message(workshop))
        return redirect(workshop)
    form.record_rate()
    messages.success(request, _("Your card is posted."))
    return redirect(workshop)


@require_POST
@participant_required(back=workshop_page)
def vote(request, slug, pk, card):
    workshop = _workshop(request, slug, pk)
    card = _card(request, workshop, card)
    if not workshop.is_open():
        messages.error(request, _closed_message(workshop))
        return redirect(workshop)
    wanted = request.POST.get("vote") != "0"
    allowed = rules.can_vote if wanted else rules.can_take_back_vote
    if not allowed(request.user, workshop, card):
        raise PermissionDenied
    if not ratelimit.allowed("vote", request):
        messages.error(request, _("You have voted many times in a short while. Try later."))
        return redirect(workshop)
    ratelimit.record("vote", request)
    try:
        voted = services.set_vote(workshop=workshop, card=card, user=request.user, vote=wanted)
    except services.NoVotesLeft:
        messages.error(
            request,
            _("You have used all your %(votes)s votes. Take one back to vote on this card.")
            % {"votes": workshop.votes_per_person},
        )
        return redirect(workshop)
    except services.WorkshopClosed:
        messages.error(request, _closed_message(workshop))
        return redirect(workshop)
    messages.success(request, _("Your vote is given.") if voted else _("Your vote is taken back."))
    return redirect(f"{workshop.get_absolute_url()}#lapp-{card.pk}")


def _staff_only(request, workshop):
    if not rules.can_run_workshop(request.user, workshop):
        raise PermissionDenied


@require_POST
@participant_required(back=workshop_page)
def add_group(request, slug, pk):
    workshop = _workshop(request, slug, pk)
    _staff_only(request, workshop)
    form = GroupForm(request.POST, workshop=workshop)
    if not form.is_valid():
        return _render_workshop(request, workshop, status=400, group_form=form)
    services.add_group(workshop=workshop, name=form.cleaned_data["name"])
    messages.success(request, _("The group is added."))
    return redirect(workshop)


@require_POST
@participant_required(back=workshop_page)
def move_card(request, slug, pk, card):
    workshop = _workshop(request, slug, pk)
    _staff_only(request, workshop)
    card = _card(request, workshop, card)
    group = None
    if group_id := request.POST.get("group"):
        if not (group_id.isascii() and group_id.isdigit()):
            raise Http404
        group = workshop.groups.filter(pk=group_id).first()
        if group is None:
            raise Http404
    services.move_card(card=card, group=group)
    messages.success(request, _("The card is moved."))
    return redirect(f"{workshop.get_absolute_url()}#lapp-{card.pk}")


@require_POST
@participant_required(back=workshop_page)
def hide_card(request, slug, pk, card):
    workshop = _workshop(request, slug, pk)
    _staff_only(request, workshop)
    card = _card(request, workshop, card)
    if request.POST.get("restore"):
        services.restore_card(card=card, actor=request.user)
        messages.success(request, _("The card is shown again."))
        return redirect(workshop)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the card is hidden."))
        return redirect(f"{workshop.get_absolute_url()}#lapp-{card.pk}")
    services.hide_card(card=card, reason=form.cleaned_data["reason"], actor=request.user)
    messages.success(request, _("The card is hidden."))
    return redirect(workshop)


@require_POST
@participant_required(back=workshop_page)
def finish(request, slug, pk):
    workshop = _workshop(request, slug, pk)
    _staff_only(request, workshop)
    if not rules.can_finish_workshop(request.user, workshop):
        messages.error(request, _closed_message(workshop))
        return redirect(workshop)
    form = FinishForm(request.POST, workshop=workshop)
    if not form.is_valid():
        return _render_workshop(request, workshop, status=400, finish_form=form)
    ideas = services.finish_workshop(
        workshop=workshop, cards=form.cleaned_data["cards"], actor=request.user
    )
    messages.success(
        request,
        ngettext(
            "The workshop is finished, and %(count)s card became an idea in the challenge.",
            "The workshop is finished, and %(count)s cards became ideas in the challenge.",
            len(ideas),
        )
        % {"count": len(ideas)},
    )
    return redirect(workshop)
