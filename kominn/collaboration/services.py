"""Posting needs, answering them, and deciding on answers. Each runs in a transaction;
what changes a need's places locks the need first, so two decisions at once stay exact."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notify
from .models import (
    GENERAL_NEED_TITLE,
    Answer,
    AnswerStatus,
    Need,
    NeedStatus,
    Skills,
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
    if need.status == NeedStatus.FILLED:
        need.status = NeedStatus.OPEN
        need.save(update_fields=["status"])
    first = (
        need.answers.select_for_update()
        .filter(status=AnswerStatus.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        # Nobody waits: the ones still pending are asked again.
        return None
    first.status, first.decided_at = AnswerStatus.ACCEPTED, timezone.now()
    first.save(update_fields=["status", "decided_at"])
    _fill_if_full(need)
    if need.status == NeedStatus.OPEN:
        need.answers.filter(status=AnswerStatus.WAITING).update(status=AnswerStatus.PENDING)
    first.need = need
    notify.notify_decision(answer=first, actor=None)
    return first


@transaction.atomic
def set_need_status(*, need, status) -> Need:
    need = locked(need)
    need.status = status
    need.save(update_fields=["status"])
    return need


def save_skills(*, user, tags, capacities) -> Skills:
    skills, _created = Skills.objects.update_or_create(
        user=user, defaults={"tags": tags, "capacities": joined(capacities)}
    )
    return skills
