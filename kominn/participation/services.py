"""Writes that touch several rows: adding ideas, supporting, following, commenting,
offering help, answering ideas, passing on the phase changes of the initiatives ideas became, and
reminding editors of the response promise."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from kominn.core import audit, i18n, ratelimit
from kominn.outbox.services import absolute_url, queue_mail
from kominn.portfolio.models import Initiative, Phase, PhaseChange

from . import notify, rules
from .models import Comment, Follow, Idea, IdeaEvent, IdeaEventKind, Support

User = get_user_model()


# The same text from the same person, to the same place, within this long is the same
# sending again (a double click, a form sent again after a slow answer), not a new one.
RESENT_WITHIN = timedelta(minutes=5)


class TooMany(Exception):
    """The author has reached the hourly limit (kominn.core.ratelimit.LIMITS) for this."""


def _one_at_a_time(author):
    """Lock the author's row until the transaction ends, so that one person's requests at
    the same moment look for what they sent and count it one after the other: none slips
    past the limit, and the same text is stored once. (FOR NO KEY UPDATE: rows that only
    refer to the person, such as others' supports, are not held up.)"""
    list(
        User.objects.select_for_update(no_key=True)
        .filter(pk=author.pk)
        .values_list("pk", flat=True)
    )


def _check_limit(sent, action):
    """Raise TooMany if `sent` (the author's rows) holds the hour's limit already."""
    since = timezone.now() - timedelta(seconds=ratelimit.WINDOW_SECONDS)
    if sent.filter(created_at__gte=since).count() >= ratelimit.per_account(action):
        raise TooMany


@transaction.atomic
def add_idea(*, idea) -> Idea:
    """Store a new idea, filled in but not saved (a draft until it is sent in). If its
    author stored the same title and description moments ago, that idea is returned as it
    is. Raises TooMany when the author has sent the hour's limit of ideas."""
    _one_at_a_time(idea.author)
    sent = Idea.objects.filter(author=idea.author)
    earlier = (
        sent.filter(
            organisation=idea.organisation,
            title=idea.title,
            description=idea.description,
            created_at__gte=timezone.now() - RESENT_WITHIN,
        )
        .order_by("-created_at")
        .first()
    )
    if earlier is not None:
        return earlier
    _check_limit(sent, "idea")
    idea.save()
    return idea


@transaction.atomic
def set_support(*, idea, user, support: bool) -> bool:
    """Support the idea, or take the support back; the idea's support count moves with
    it. Saying what is wanted, rather than toggling, makes a double click or a resent
    form harmless. Returns whether the user now supports it.

    The unique constraint keeps it to one per person even when two requests race: the
    losing insert fails inside its savepoint, and only the insert or delete that
    happened moves the count.
    """
    if not support:
        deleted, _ = Support.objects.filter(idea=idea, user=user).delete()
        if deleted:
            Idea.objects.filter(pk=idea.pk).add_to_counts(supports=-deleted)
        return False
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=user)
    except IntegrityError:
        return True
    Idea.objects.filter(pk=idea.pk).add_to_counts(supports=1)
    return True


def toggle_follow(*, user, **target) -> bool:
    """Follow an idea, challenge or initiative (one keyword), or stop following it."""
    deleted, _ = Follow.objects.filter(user=user, **target).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Follow.objects.create(user=user, **target)
    except IntegrityError:
        pass
    return True


def stop_following(*, user, follow_id, organisation) -> Follow | None:
    """Stop following what the person's follow `follow_id` is of, in `organisation`.
    Returns the follow that was removed, or None when it was not theirs or was already
    gone (a second click). Raises Http404 for a follow of another organisation's things."""
    of_organisation = (
        Q(idea__organisation=organisation)
        | Q(challenge__organisation=organisation)
        | Q(initiative__organisation=organisation)
    )
    if Follow.objects.filter(pk=follow_id).exclude(of_organisation).exists():
        raise Http404
    follow = (
        Follow.objects.filter(of_organisation, pk=follow_id, user=user)
        .select_related("idea", "challenge", "initiative")
        .first()
    )
    if follow is None:
        return None
    follow.delete()
    return follow


@transaction.atomic
def add_comment(*, idea, author, body, parent=None) -> Comment:
    """Add a comment, or a reply to `parent`, and follow the idea. If the author wrote the
    same text in the same place moments ago, that comment is returned as it is. Raises
    TooMany when the author has written the hour's limit of comments."""
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent  # replies stay one level deep
    _one_at_a_time(author)
    sent = Comment.objects.filter(author=author)
    earlier = (
        sent.filter(
            idea=idea,
            parent=parent,
            body=body,
            deleted_at=None,
            created_at__gte=timezone.now() - RESENT_WITHIN,
        )
        .order_by("-created_at")
        .first()
    )
    if earlier is not None:
        return earlier
    _check_limit(sent, "comment")
    comment = Comment(idea=idea, author=author, body=body, parent=parent)
    comment.full_clean()
    comment.save()
    if Comment.objects.shown().filter(pk=comment.pk).exists():
        Idea.objects.filter(pk=idea.pk).add_to_counts(comments=1)
    # Taking part in the discussion means hearing how it goes on.
    Follow.objects.get_or_create(user=author, idea=idea)
    notify.notify_comment(comment=comment)
    return comment


@transaction.atomic
def submit_idea(*, idea) -> None:
    """Publish a draft, mail its author a receipt with the date the first answer is due,
    and tell the followers of its challenge."""
    if not idea.is_draft:
        return
    idea.submit()
    _mail_receipt(idea)
    notify.notify_idea_submitted(idea=idea)


def _mail_receipt(idea) -> None:
    """The receipt: the idea is in, and by when the municipality answers (the response
    promise). In the author's language; through the outbox like every mail."""
    author = idea.author
    with (
        i18n.addresses_of(idea.organisation),
        translation.override(author.language or settings.LANGUAGE_CODE),
    ):
        queue_mail(
            to=author.email,
            subject=gettext("We have received your idea: %(title)s") % {"title": idea.title},
            template="participation/email/receipt",
            context={
                "author": author,
                "idea": idea,
                "days": settings.KOMINN_ANSWER_DAYS,
                "due": timezone.localtime(idea.answer_due).date(),
                "url": absolute_url(idea.get_absolute_url(), idea.organisation),
            },
            organisation=idea.organisation,
        )


@transaction.atomic
def answer_idea(
    *,
    idea,
    actor,
    status,
    answer,
    initiative=None,
    new_initiative: dict | None = None,
) -> IdeaEvent:
    """The municipality's public answer, moving the idea to `status`.

    Every answer is a line in the idea's public timeline; the first one stops the author's
    editing and ends the wait that the response promise counts. "Taken forward" links the
    idea to an existing initiative or to a new one made from the idea (`new_initiative`:
    see create_initiative_from_idea). The author always hears of it, the
    followers as they chose, and the audit log keeps who did it.
    """
    # One answer at a time per idea; a second press of the button (or a resent form)
    # within a few minutes is the same answer, not a new one.
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    latest = idea.events.filter(kind__in=[IdeaEventKind.STATUS, IdeaEventKind.ANSWER]).last()
    if (
        latest is not None
        and latest.actor_id == getattr(actor, "pk", None)
        and latest.status == status
        and latest.text == answer
        and timezone.now() - latest.created_at < timedelta(minutes=5)
    ):
        return latest
    if new_initiative:
        initiative = create_initiative_from_idea(idea=idea, **new_initiative)
    linked = initiative is not None and initiative.pk != idea.initiative_id
    event = IdeaEvent.objects.create(
        idea=idea,
        kind=IdeaEventKind.STATUS if status != idea.status else IdeaEventKind.ANSWER,
        status=status,
        previous_status=idea.status,
        text=answer,
        initiative=initiative if linked else None,
        phase=initiative.phase if linked else "",
        actor=actor,
    )
    if linked:
        IdeaEvent.objects.create(
            idea=idea,
            kind=IdeaEventKind.INITIATIVE,
            initiative=initiative,
            phase=initiative.phase,
            actor=actor,
        )
        idea.initiative = initiative
    idea.status = status
    if idea.first_answered_at is None:
        idea.first_answered_at = event.created_at
    idea.save(update_fields=["status", "initiative", "first_answered_at", "updated_at"])
    audit.record(actor=actor, action="idea_status", target=idea, reason=answer[:500])
    notify.notify_idea_status(idea=idea, event=event, actor=actor)
    return event


def create_initiative_from_idea(
    *,
    idea,
    title,
    summary,
    approach,
    owner_unit=None,
    contact_name="",
    contact_email="",
    publish=False,
):
    """An initiative in the phase "Idé", in the idea's service area and theme, owned by
    `owner_unit` with its contact person. A draft unless `publish`: the editor finishes it
    in the admin, and the idea's timeline says it is being worked on until then."""
    initiative = Initiative(
        organisation=idea.organisation,
        title=title,
        summary=summary,
        need=idea.description,
        approach=approach,
        phase=Phase.IDEA,
        owner_unit=owner_unit,
        contact_name=contact_name,
        contact_email=contact_email,
        is_published=publish,
        published_at=timezone.now(),
    )
    initiative.full_clean(exclude=["slug", "service_areas"])
    initiative.save()
    if idea.service_area_id:
        initiative.service_areas.add(idea.service_area_id)
    if idea.theme_id:
        initiative.themes.add(idea.theme_id)
    return initiative


def pass_on_phase_changes(*, now=None) -> int:
    """Put every initiative phase change not yet passed on (the portfolio's PhaseChange
    rows, oldest first) on the timeline of each idea the initiative came from, and tell the
    idea's author and followers, as for an answer. Each change is passed on once, also
    when two runs meet. Returns how many changes were passed on.
    """
    now = now or timezone.now()
    pending = PhaseChange.objects.not_passed_on().filter(changed_at__lte=now)
    return sum(_pass_on_phase_change(pk, now) for pk in list(pending.values_list("pk", flat=True)))


@transaction.atomic
def _pass_on_phase_change(pk, now) -> int:
    change = PhaseChange.objects.select_related("initiative", "actor").get(pk=pk)
    if not change.claim(now):
        return 0
    initiative = change.initiative
    ideas = initiative.ideas.filter(submitted_at__isnull=False).select_related("author")
    for idea in ideas:
        event = IdeaEvent.objects.create(
            idea=idea,
            kind=IdeaEventKind.PHASE,
            initiative=initiative,
            phase=change.to_phase,
            actor=change.actor,
            # The timeline tells when the initiative moved, not when this pass ran.
            created_at=change.changed_at,
        )
        notify.notify_idea_status(idea=idea, event=event, actor=change.actor)
    return 1


@transaction.atomic
def remind_overdue(*, now=None) -> int:
    """Mail the responsible editors once about each idea whose first answer is overdue.

    Responsible: the organisation's editors who may answer the idea (limited editors for
    their service areas, unlimited ones for all). Returns the number of ideas reminded.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.KOMINN_ANSWER_DAYS)
    overdue = (
        Idea.objects.published()
        .filter(
            first_answered_at__isnull=True,
            overdue_reminded_at__isnull=True,
            submitted_at__lte=cutoff,
        )
        .select_related("organisation", "service_area")
        .select_for_update(of=("self",))
    )
    reminded = 0
    for idea in overdue:
        editors = [
            user for user in _staff_of(idea.organisation) if rules.can_answer_idea(user, idea)
        ]
        for editor in editors:
            with (
                i18n.addresses_of(idea.organisation),
                translation.override(editor.language or settings.LANGUAGE_CODE),
            ):
                queue_mail(
                    to=editor.email,
                    subject=gettext("Overdue: the idea “%(title)s” waits for an answer")
                    % {"title": idea.title},
                    template="participation/email/overdue",
                    context={
                        "editor": editor,
                        "idea": idea,
                        "days": settings.KOMINN_ANSWER_DAYS,
                        "waiting": (now - idea.submitted_at).days,
                        "url": absolute_url(idea.get_absolute_url(), idea.organisation),
                        "dashboard_url": absolute_url(
                            reverse("participation:follow_up"), idea.organisation
                        ),
                    },
                    organisation=idea.organisation,
                )
        idea.overdue_reminded_at = now
        idea.save(update_fields=["overdue_reminded_at"])
        reminded += 1
    return reminded


def _staff_of(organisation):
    return User.objects.filter(
        organisation=organisation, is_active=True, is_staff=True, blocked_at__isnull=True
    )
