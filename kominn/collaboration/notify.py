"""Who is told about answers to needs: the need's owners of a new answer, the person of
the owner's decision. Through the notifications app, with words registered here."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext

from kominn.notifications import messages
from kominn.notifications.models import NotificationKind
from kominn.notifications.services import notify
from kominn.portfolio.notify import initiative_editors

from .models import Answer

User = get_user_model()

ANSWER = "collaboration.answer"
DECISION = "collaboration.decision"
TASK = "collaboration.task"


def need_owners(need) -> list:
    if need.initiative_id:
        return initiative_editors(need.initiative)
    if need.idea_id:
        return [need.idea.author]
    may_change = Q(
        groups__permissions__codename="change_challenge",
        groups__permissions__content_type__app_label="participation",
    ) | Q(
        user_permissions__codename="change_challenge",
        user_permissions__content_type__app_label="participation",
    )
    return list(
        User.objects.filter(
            may_change, is_staff=True, organisation_id=need.organisation_id
        ).distinct()
    )


def notify_answer(*, answer) -> list:
    need = answer.need
    return notify(
        kind=NotificationKind.OFFER,
        recipients=need_owners(need),
        target=need,
        subject=answer,
        message=ANSWER,
        url=need.get_absolute_url(),
        params={"need": need.title},
        excerpt=answer.message,
        actor=answer.user,
    )


def notify_decision(*, answer, actor) -> list:
    need = answer.need
    return notify(
        kind=NotificationKind.NEED_REPLY,
        recipients=[answer.user],
        target=need,
        subject=answer,
        message=DECISION,
        url=need.get_absolute_url(),
        params={"need": need.title, "status": answer.status},
        excerpt=answer.reply,
        actor=actor,
    )


class AnswerMessage(messages.Message):
    def summary(self, notification):
        return gettext("%(person)s can help with “%(need)s”") % {
            "person": notification.actor_name,
            "need": notification.params.get("need", notification.target_title),
        }

    def subject(self, notification):
        return gettext("Someone can help: %(title)s") % {"title": notification.target_title}

    def withdrawn(self):
        """An offer on an idea hidden or taken back to a draft since is not put in a digest,
        as it was before offers of help became answers."""
        gone = Q(need__idea__hidden_at__isnull=False) | Q(
            need__idea__isnull=False, need__idea__submitted_at__isnull=True
        )
        return Exists(Answer.objects.filter(gone, pk=OuterRef("subject_id")))


class DecisionMessage(messages.Message):
    def summary(self, notification):
        need = notification.params.get("need", notification.target_title)
        if notification.params.get("status") == "accepted":
            return gettext("You are in: “%(need)s”") % {"need": need}
        return gettext("Your offer to help with “%(need)s” was declined") % {"need": need}

    def subject(self, notification):
        return gettext("Reply to your offer to help: %(title)s") % {
            "title": notification.target_title
        }


def notify_task(*, task, actor) -> list:
    """The member a task is given to. Said under the kind for what comes of one's offers
    to help: the team is where an accepted offer leads."""
    from django.urls import reverse

    initiative = task.initiative
    return notify(
        kind=NotificationKind.NEED_REPLY,
        recipients=[task.assignee],
        target=initiative,
        subject=task,
        message=TASK,
        url=reverse("collaboration:team", args=[initiative.slug]) + "#oppgaver",
        params={"task": task.title},
        excerpt=task.description,
        actor=actor,
    )


class TaskMessage(messages.Message):
    def summary(self, notification):
        return gettext("You have a task on the team: “%(task)s”") % {
            "task": notification.params.get("task", "")
        }

    def subject(self, notification):
        return gettext("A task for you: %(title)s") % {"title": notification.target_title}


def register() -> None:
    messages.register(ANSWER, AnswerMessage())
    messages.register(DECISION, DecisionMessage())
    messages.register(TASK, TaskMessage())
