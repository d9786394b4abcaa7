from dataclasses import dataclass
from functools import reduce, wraps
from operator import or_

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kominn.collaboration import access as collaboration_access
from kominn.collaboration import rules as collaboration_rules
from kominn.collaboration.models import Answer, Need, TeamUpdate
from kominn.core.access import get_for_request
from kominn.core.models import AuditEntry
from kominn.events import access as events_access
from kominn.events import rules as events_rules
from kominn.events.models import Card
from kominn.participation import access as participation_access
from kominn.participation import rules as participation_rules
from kominn.participation.models import Comment, Idea

from . import rules, services
from .forms import ReasonForm, ReportForm
from .models import REPORTABLE, REPORTABLE_FIELDS, Report, is_auto_hidden, kind_of

User = get_user_model()

# Hidden items and blocked accounts are few; the list shows the latest this many of each.
HIDDEN_LIST_LIMIT = 100


def moderator_required(view):
    """Moderators of the request's organisation (and superusers) only."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not rules.can_moderate(request.user, request.organisation):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _idea(request, pk):
    """One of the organisation's ideas that the person may see: a draft is its author's
    alone, moderators included."""
    return get_for_request(
        Idea.objects.all(), request, pk=pk, check=participation_rules.can_view_idea
    )


def _comment(request, pk):
    return get_for_request(Comment.objects.select_related("author", "idea"), request, pk=pk)


def _need(request, pk):
    return get_for_request(Need.objects.select_related("created_by"), request, pk=pk)


def _answer(request, pk):
    return get_for_request(Answer.objects.select_related("user", "need"), request, pk=pk)


def _teamupdate(request, pk):
    return get_for_request(
        TeamUpdate.objects.select_related("author", "initiative"), request, pk=pk
    )


def _card(request, pk):
    return get_for_request(
        Card.objects.select_related("author", "workshop__challenge"), request, pk=pk
    )


def _participant(request, pk):
    """An account that has taken part in the request's organisation (an idea or a comment
    there); else 404: moderators see no one else."""
    person = User.objects.filter(pk=pk).first()
    if person is None or not _took_part(person, request.organisation):
        raise Http404
    return person


def _written(name, organisation, person):
    """What `person` wrote of one reportable kind in the organisation."""
    spec = REPORTABLE[name]
    model = Report._meta.get_field(name).related_model
    return model.objects.filter(
        **{spec.author: person, spec.organisation: organisation}, **spec.written
    )


def _took_part(person, organisation):
    return any(_written(name, organisation, person).exists() for name in REPORTABLE)


# Reporting


@dataclass(frozen=True)
class Pages:
    """The pages of one reportable kind (see models.REPORTABLE): where it is reported and
    moderated (urls.py makes the routes "report_<kind>" and "<kind>" from these), how the
    reporter finds it (404 unless they may see it) and whether they see past a hidden one's
    notice, how the moderators find it and load it for the queue, and the page titles."""

    report_path: str
    moderation_path: str
    load_for_reporter: object
    sees_content: object
    load_for_moderator: object
    for_queue: object
    report_title: object
    moderate_title: object


# One line per reportable kind (and a branch in moderation/_content.html to show it).
PAGES = {
    "idea": Pages(
        "ideer/<int:pk>/rapporter/",
        "moderering/ideer/<int:pk>/",
        participation_access.idea,
        participation_rules.can_see_hidden,
        _idea,
        lambda: Idea.objects.select_related("author"),
        gettext_lazy("Report an idea"),
        gettext_lazy("Moderate an idea"),
    ),
    "comment": Pages(
        "kommentarer/<int:pk>/rapporter/",
        "moderering/kommentarer/<int:pk>/",
        participation_access.comment,
        participation_rules.can_see_hidden,
        _comment,
        lambda: Comment.objects.select_related("author", "idea"),
        gettext_lazy("Report a comment"),
        gettext_lazy("Moderate a comment"),
    ),
    "need": Pages(
        "behov/<int:pk>/rapporter/",
        "moderering/behov/<int:pk>/",
        collaboration_access.need,
        collaboration_rules.can_see_hidden_need,
        _need,
        lambda: Need.objects.select_related("created_by", "initiative", "challenge", "idea"),
        gettext_lazy("Report a need"),
        gettext_lazy("Moderate a need"),
    ),
    # Answers are seen by the need's owners and the organisation's staff: to anyone else
    # one is not found.
    "answer": Pages(
        "behov/svar/<int:pk>/rapporter/",
        "moderering/svar/<int:pk>/",
        collaboration_access.answer,
        collaboration_rules.can_see_answer,
        _answer,
        lambda: Answer.objects.select_related("user", "need"),
        gettext_lazy("Report an offer to help"),
        gettext_lazy("Moderate an offer to help"),
    ),
    # Team updates are seen by the initiative's team alone (its members and those who may
    # edit the initiative): to anyone else, moderators included, one is not found.
    "teamupdate": Pages(
        "tiltak/team/oppdateringer/<int:pk>/rapporter/",
        "moderering/teamoppdateringer/<int:pk>/",
        collaboration_access.team_update_of_request,
        collaboration_rules.can_see_hidden_team_update,
        _teamupdate,
        lambda: TeamUpdate.objects.select_related("author", "initiative"),
        gettext_lazy("Report a team update"),
        gettext_lazy("Moderate a team update"),
    ),
    # Workshop cards are seen by those who see the workshop's challenge.
    "card": Pages(
        "utfordringer/verksted/lapper/<int:pk>/rapporter/",
        "moderering/lapper/<int:pk>/",
        events_access.card,
        events_rules.can_see_card_text,
        _card,
        lambda: Card.objects.select_related("author", "workshop__challenge"),
        gettext_lazy("Report a workshop card"),
        gettext_lazy("Moderate a workshop card"),
    ),
}


@login_required
def report(request, pk, kind):
    pages = PAGES[kind]
    return _report(request, pages.load_for_reporter(request, pk), seen=pages.sees_content)


def _report(request, item, *, seen):
    # Found only if its idea, initiative or challenge may be seen; a hidden item is found,
    # but not reported by those who see only its notice.
    if not seen(request.user, item):
        raise Http404
    if not rules.can_report(request.user, item):
        raise PermissionDenied
    already = Report.objects.open().about(item).filter(reporter=request.user).exists()
    form = ReportForm(request.POST or None)
    if request.method == "POST" and (already or form.is_valid()):
        if not already:
            _new, created = services.report(
                reporter=request.user,
                item=item,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
            already = not created
        if already:
            messages.info(
                request, _("You have already reported this. A moderator will look at it.")
            )
        else:
            messages.success(request, _("Thank you. A moderator will look at what you reported."))
        return redirect(item.get_absolute_url())
    return render(
        request,
        "moderation/report_form.html",
        {
            "item": item,
            "kind": kind_of(item),
            "title": PAGES[kind_of(item)].report_title,
            "is_comment": isinstance(item, Comment),
            "form": form,
            "already": already,
            "back_url": item.get_absolute_url(),
        },
    )


# The queue


@dataclass
class QueueEntry:
    item: object
    reports: list
    reporters: int
    first_reported: object

    @property
    def kind(self):
        return kind_of(self.item)

    @property
    def is_comment(self):
        return isinstance(self.item, Comment)

    @property
    def moderate_url(self):
        return reverse(f"moderation:{self.kind}", args=[self.item.pk])


def _queue_entries(rows):
    """The items of a page of Report.objects.grouped_by_item(), with their open reports;
    a fixed number of queries."""
    rows = list(rows)
    ids = {name: [row[f"{name}_id"] for row in rows if row[f"{name}_id"]] for name in REPORTABLE}
    items = {
        name: PAGES[name].for_queue().in_bulk(ids[name]) if ids[name] else {} for name in REPORTABLE
    }
    reports = {}
    for report in Report.objects.open().filter(_any_of(ids)).select_related("reporter"):
        key = tuple(getattr(report, f"{name}_id") for name in REPORTABLE_FIELDS)
        reports.setdefault(key, []).append(report)
    entries = []
    for row in rows:
        key = tuple(row[f"{name}_id"] for name in REPORTABLE_FIELDS)
        name = next(name for name in REPORTABLE_FIELDS if row[f"{name}_id"])
        item = items[name].get(row[f"{name}_id"])
        entries.append(
            QueueEntry(item, reports.get(key, []), row["reporters"], row["first_reported"])
        )
    return entries


def _any_of(ids):
    match = Q(pk__in=[])
    for name, values in ids.items():
        if values:
            match |= Q(**{f"{name}__in": values})
    return match


@moderator_required
def queue(request):
    rows = Report.objects.for_organisation(request.organisation).open().grouped_by_item()
    page = Paginator(rows, 20).get_page(request.GET.get("side"))
    return render(
        request,
        "moderation/queue.html",
        {"page": page, "entries": _queue_entries(page.object_list), "tab": "queue"},
    )


@moderator_required
def hidden(request):
    organisation = request.organisation
    has_content = reduce(
        or_, (Exists(_written(name, organisation, OuterRef("pk"))) for name in REPORTABLE)
    )
    context = {
        "ideas": Idea.objects.for_organisation(organisation)
        .filter(hidden_at__isnull=False)
        .select_related("author")
        .order_by("-hidden_at")[:HIDDEN_LIST_LIMIT],
        "comments": Comment.objects.filter(idea__organisation=organisation, hidden_at__isnull=False)
        .select_related("author", "idea")
        .order_by("-hidden_at")[:HIDDEN_LIST_LIMIT],
        "needs": Need.objects.for_organisation(organisation)
        .filter(hidden_at__isnull=False)
        .select_related("created_by")
        .order_by("-hidden_at")[:HIDDEN_LIST_LIMIT],
        "answers": Answer.objects.filter(need__organisation=organisation, hidden_at__isnull=False)
        .select_related("user", "need")
        .order_by("-hidden_at")[:HIDDEN_LIST_LIMIT],
        "team_updates": TeamUpdate.objects.filter(
            initiative__organisation=organisation, hidden_at__isnull=False
        )
        .select_related("author", "initiative")
        .order_by("-hidden_at")[:HIDDEN_LIST_LIMIT],
        "cards": Card.objects.filter(workshop__organisation=organisation, hidden_at__isnull=False)
        .select_related("author", "workshop")
        .order_by("-hidden_at")[:HIDDEN_LIST_LIMIT],
        "accounts": User.objects.filter(has_content, blocked_at__isnull=False).order_by(
            "-blocked_at"
        )[:HIDDEN_LIST_LIMIT],
        "limit": HIDDEN_LIST_LIMIT,
        "tab": "hidden",
    }
    return render(request, "moderation/hidden.html", context)


# One item: hide, restore, dismiss


ITEM_ACTIONS = {
    "hide": (
        services.hide,
        True,
        gettext_lazy("Reason, shown in place of the content"),
        gettext_lazy("Everyone sees “Hidden by a moderator:” followed by this."),
    ),
    "restore": (services.restore, False, gettext_lazy("Reason"), None),
    "dismiss": (services.dismiss, False, gettext_lazy("Reason"), None),
}
ITEM_DONE = {
    "hide": gettext_lazy("The content is hidden."),
    "restore": gettext_lazy("The content is shown again."),
    "dismiss": gettext_lazy("The reports are dismissed."),
}


@moderator_required
def moderate(request, pk, kind):
    return _moderate(request, PAGES[kind].load_for_moderator(request, pk))


def _action_forms(actions, data, posted):
    return {
        name: ReasonForm(
            data if name == posted else None,
            prefix=name,
            required=required,
            label=label,
            help_text=help_text,
        )
        for name, (_service, required, label, help_text) in actions.items()
    }


def _moderate(request, item):
    posted = request.POST.get("action") if request.method == "POST" else None
    if posted is not None and posted not in ITEM_ACTIONS:
        raise Http404
    forms = _action_forms(ITEM_ACTIONS, request.POST, posted)
    if posted and forms[posted].is_valid():
        service = ITEM_ACTIONS[posted][0]
        service(moderator=request.user, item=item, reason=forms[posted].cleaned_data["reason"])
        messages.success(request, ITEM_DONE[posted])
        return redirect("moderation:queue")
    reports = list(
        Report.objects.about(item).select_related("reporter", "resolved_by").order_by("-created_at")
    )
    context = {
        "item": item,
        "kind": kind_of(item),
        "title": PAGES[kind_of(item)].moderate_title,
        "is_comment": isinstance(item, Comment),
        "forms": forms,
        "auto_hidden": is_auto_hidden(item),
        "reports": reports,
        "has_open_reports": any(report.resolved_at is None for report in reports),
        "log": _log_of(item, request.organisation),
        "public_url": item.get_absolute_url(),
    }
    return render(request, "moderation/item.html", context, status=400 if posted else 200)


def _log_of(target, organisation):
    """What was done to `target` in this organisation (accounts take part in several)."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        organisation=organisation,
    ).select_related("actor")[:20]


# Accounts: block and unblock


ACCOUNT_ACTIONS = {
    "block": (
        services.block,
        True,
        gettext_lazy("Reason, shown to the person when they try to log in"),
        gettext_lazy("Write it so the person understands why."),
    ),
    "unblock": (services.unblock, False, gettext_lazy("Reason"), None),
}
ACCOUNT_DONE = {
    "block": gettext_lazy("The account is blocked. Its content is hidden."),
    "unblock": gettext_lazy("The account can log in again."),
}


@moderator_required
def account(request, pk):
    organisation = request.organisation
    person = _participant(request, pk)
    ideas = Idea.objects.for_organisation(organisation).filter(author=person).submitted()
    comments = Comment.objects.filter(idea__organisation=organisation, author=person)
    posted = request.POST.get("action") if request.method == "POST" else None
    if posted is not None and posted not in ACCOUNT_ACTIONS:
        raise Http404
    forms = _action_forms(ACCOUNT_ACTIONS, request.POST, posted)
    may_block = rules.can_block(request.user, person, organisation)
    if posted and not may_block:
        raise PermissionDenied
    if posted and forms[posted].is_valid():
        service = ACCOUNT_ACTIONS[posted][0]
        service(
            moderator=request.user,
            account=person,
            reason=forms[posted].cleaned_data["reason"],
            organisation=organisation,
        )
        messages.success(request, ACCOUNT_DONE[posted])
        return redirect("moderation:account", pk=person.pk)
    context = {
        "person": person,
        "forms": forms,
        "may_block": may_block,
        "ideas": ideas.order_by("-submitted_at")[:20],
        "comments": comments.select_related("idea").order_by("-created_at")[:20],
        "needs": _written("need", organisation, person).order_by("-created_at")[:20],
        "answers": _written("answer", organisation, person)
        .select_related("need")
        .order_by("-created_at")[:20],
        "team_updates": _written("teamupdate", organisation, person)
        .select_related("initiative")
        .order_by("-created_at")[:20],
        "cards": _written("card", organisation, person)
        .select_related("workshop")
        .order_by("-created_at")[:20],
        "log": _log_of(person, request.organisation),
    }
    return render(request, "moderation/account.html", context, status=400 if posted else 200)
