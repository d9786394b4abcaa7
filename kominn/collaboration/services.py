"""Posting needs, answering them, and deciding on answers. Each runs in a transaction;
what changes a need's places locks the need first, so two decisions at once stay exact."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import notify
from .models import (
    GENERAL_NEED_TITLE,
    Answer,
    AnswerStatus,
    Need,
    NeedStatus,
    Skills,
    TaskStatus,
    TeamFile,
    TeamMember,
    TeamTask,
    TeamUpdate,
    joined,
    locked,
)


@transaction.atomic
def post_need(*, user, initiative=None, challenge=None, idea=None, **fields) -> Need:
    """A new need on one initiative, challenge or idea."""
    parent = initiative or challenge or idea
    need = Need(
        organisation_id=parent.organisation_id,
        initiative=initiative,
        challenge=challenge,
        idea=idea,
        created_by=user,
        **fields,
    )
    need.full_clean()
    need.save()
    return need


def general_need(initiative=None, *, idea=None) -> Need:
    """The initiative's or the idea's "Annen hjelp": where free offers of help go. Nobody
    posted it, so it has no creator."""
    parent = initiative or idea
    need, _created = Need.objects.get_or_create(
        initiative=initiative,
        idea=idea,
        is_general=True,
        defaults={
            "organisation_id": parent.organisation_id,
            "title": GENERAL_NEED_TITLE,
            "kind": "people",
            "how_many": 1000,
            "suits": ",resident,employee,volunteer,business,",
        },
    )
    return need


def _accepted(need) -> int:
    return need.answers.filter(status=AnswerStatus.ACCEPTED).count()


@transaction.atomic
def answer_need(*, need, user, message) -> Answer:
    """ "Jeg kan bidra". On a filled need the answer goes on the waiting list."""
    need = locked(need)
    status = AnswerStatus.WAITING if need.status == NeedStatus.FILLED else AnswerStatus.PENDING
    answer = Answer(need=need, user=user, message=message, status=status)
    answer.full_clean()
    answer.save()
    notify.notify_answer(answer=answer)
    return answer


@transaction.atomic
def decide(*, answer, accept: bool, reply="", by=None) -> Answer:
    """Accept or decline an answer, with a reply. Accepting the last place fills the need;
    the answers still pending then wait."""
    need = locked(answer.need)
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if answer.status not in (AnswerStatus.PENDING, AnswerStatus.WAITING):
        raise ValidationError(_("This answer has already been decided."))
    if accept and _accepted(need) >= need.how_many:
        raise ValidationError(_("The need is already filled."))
    answer.status = AnswerStatus.ACCEPTED if accept else AnswerStatus.DECLINED
    answer.reply, answer.decided_at = reply, timezone.now()
    answer.save(update_fields=["status", "reply", "decided_at"])
    if accept:
        _fill_if_full(need)
        join_team(answer)
    answer.need = need
    notify.notify_decision(answer=answer, actor=by)
    return answer


def _fill_if_full(need) -> None:
    if need.status == NeedStatus.OPEN and _accepted(need) >= need.how_many:
        need.status = NeedStatus.FILLED
        need.save(update_fields=["status"])
        need.answers.filter(status=AnswerStatus.PENDING).update(status=AnswerStatus.WAITING)


@transaction.atomic
def withdraw(*, answer) -> Answer | None:
    """The person takes their answer back. An accepted place that frees up goes to the
    first on the waiting list; returns the answer that moved up, if any."""
    need = locked(answer.need)
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    was_accepted = answer.status == AnswerStatus.ACCEPTED
    answer.status = AnswerStatus.WITHDRAWN
    answer.save(update_fields=["status"])
    if not was_accepted or need.status == NeedStatus.CLOSED:
        return None
    moved = _move_up(need)
    return moved[0] if moved else None


def _move_up(need) -> list[Answer]:
    """Give the places free on a locked need to the waiting list, first come first: each
    moves up as accepted and is told. A need with places left is open again, and the ones
    still waiting are asked again (pending); a full one is filled. Returns who moved up."""
    if need.status == NeedStatus.CLOSED:
        return []
    if need.status == NeedStatus.FILLED and _accepted(need) < need.how_many:
        need.status = NeedStatus.OPEN
        need.save(update_fields=["status"])
    free = need.how_many - _accepted(need)
    waiting = (
        need.answers.select_for_update()
        .filter(status=AnswerStatus.WAITING, hidden_at__isnull=True)
        .order_by("created_at", "pk")
    )
    moved = list(waiting[: max(free, 0)])
    for answer in moved:
        answer.status, answer.decided_at = AnswerStatus.ACCEPTED, timezone.now()
        answer.save(update_fields=["status", "decided_at"])
    _fill_if_full(need)
    if need.status == NeedStatus.OPEN:
        # Nobody (more) waits for a place: the ones still waiting are asked again.
        need.answers.filter(status=AnswerStatus.WAITING).update(status=AnswerStatus.PENDING)
    for answer in moved:
        answer.need = need
        join_team(answer)
        notify.notify_decision(answer=answer, actor=None)
    return moved


EDITABLE_FIELDS = ("title", "description", "kind", "how_many", "until", "place", "suits")


@transaction.atomic
def edit_need(*, need, **fields) -> Need:
    """Change what a need asks for. How many may not go below those already accepted;
    more places move people up from the waiting list, and as many places as are accepted
    fill the need."""
    need = locked(need)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    accepted = _accepted(need)
    if fields.get("how_many", need.how_many) < accepted:
        raise ValidationError({"how_many": too_few_message(accepted)})
    for name, value in fields.items():
        setattr(need, name, value)
    need.full_clean()
    need.save(update_fields=[*fields])
    _move_up(need)
    return need


def too_few_message(accepted) -> str:
    return ngettext(
        "%(count)d person is already accepted: the need cannot ask for fewer.",
        "%(count)d people are already accepted: the need cannot ask for fewer.",
        accepted,
    ) % {"count": accepted}


@transaction.atomic
def set_need_status(*, need, status) -> Need:
    need = locked(need)
    need.status = status
    need.save(update_fields=["status"])
    return need


@transaction.atomic
def save_skills(*, user, tags, capacities, needs_digest=None, organisation=None) -> Skills:
    """Save what the person can do. `needs_digest` True asks for the digest of new needs
    of `organisation` (from now on: needs posted before are not new to them); False turns
    off the digest of `organisation` (one asked for on another municipality's site
    stays); None leaves the digest as it is."""
    skills, _created = Skills.objects.select_for_update().get_or_create(user=user)
    skills.tags, skills.capacities = tags, joined(capacities)
    wanted_here = (
        organisation is not None and skills.needs_digest_organisation_id == organisation.pk
    )
    if needs_digest and not wanted_here:
        skills.needs_digest_organisation = organisation
        skills.needs_digest_sent_at = timezone.now()
    elif needs_digest is False and wanted_here:
        skills.needs_digest_organisation = None
    skills.full_clean()
    skills.save()
    return skills


# --- The team of an initiative -----------------------------------------------------------


def join_team(answer) -> TeamMember | None:
    """An accepted answer to a need on an initiative puts the person on its team (once:
    a second accepted answer keeps the membership as it is). Runs inside the decision's
    transaction."""
    need = answer.need
    if not need.initiative_id:
        return None
    member, _created = TeamMember.objects.get_or_create(
        initiative_id=need.initiative_id,
        user_id=answer.user_id,
        defaults={"role": need.title[:100] if not need.is_general else ""},
    )
    return member


@transaction.atomic
def update_membership(*, member, role, show_name, share_contact) -> TeamMember:
    member.role, member.show_name, member.share_contact = role, show_name, share_contact
    member.full_clean()
    member.save(update_fields=["role", "show_name", "share_contact"])
    return member


@transaction.atomic
def leave_team(*, member) -> None:
    """The person leaves (or an owner removes them): their tasks are nobody's again."""
    TeamTask.objects.filter(initiative_id=member.initiative_id, assignee_id=member.user_id).update(
        assignee=None
    )
    member.delete()


@transaction.atomic
def post_team_update(*, initiative, author, body) -> TeamUpdate:
    update = TeamUpdate(initiative=initiative, author=author, body=body)
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def add_task(*, initiative, by, title, description="", assignee=None, status=TaskStatus.TODO):
    task = TeamTask(
        initiative=initiative,
        title=title,
        description=description,
        assignee=assignee,
        status=status,
        created_by=by,
    )
    task.full_clean()
    task.save()
    if assignee is not None and assignee.pk != getattr(by, "pk", None):
        notify.notify_task(task=task, actor=by)
    return task


@transaction.atomic
def move_task(*, task, status, assignee=..., by=None) -> TeamTask:
    """A new status, and with `assignee` (a member or None) someone else to do it."""
    task = TeamTask.objects.select_for_update().get(pk=task.pk)
    fields = ["status"]
    task.status = status
    newly_assigned = False
    if assignee is not ...:
        newly_assigned = assignee is not None and assignee.pk != task.assignee_id
        task.assignee = assignee
        fields.append("assignee")
    task.save(update_fields=fields)
    if newly_assigned and assignee.pk != getattr(by, "pk", None):
        notify.notify_task(task=task, actor=by)
    return task


@transaction.atomic
def share_file(*, initiative, by, title, file) -> TeamFile:
    team_file = TeamFile(initiative=initiative, uploaded_by=by, title=title, file=file)
    team_file.full_clean()
    team_file.save()
    return team_file
