"""What collaboration holds about a person: their answers to needs and the skills they
listed, and their part in initiatives' teams. Registered with accounts for the export;
all go with a deleted account (erase_team says what a team keeps)."""

from django.db.models import Q

from kominn.accounts import personal_data
from kominn.accounts.personal_data import when

from .models import Answer, Skills, TeamFile, TeamMember, TeamTask, TeamUpdate


def answers(user) -> list:
    return [
        {
            "need": answer.need.title,
            "on": str(answer.need.parent),
            "message": answer.message,
            "status": answer.status,
            "reply": answer.reply,
            "sent": when(answer.created_at),
        }
        for answer in Answer.objects.filter(user=user).select_related(
            "need__initiative", "need__challenge", "need__idea"
        )
    ]


def skills(user) -> list:
    return [
        {
            "skills": found.tags,
            "capacities": found.capacity_list(),
            "new_needs_by_email_from": (
                found.needs_digest_organisation.name if found.needs_digest_organisation else None
            ),
            "new_needs_last_considered": when(found.needs_digest_sent_at),
        }
        for found in Skills.objects.filter(user=user).select_related("needs_digest_organisation")
    ]


def team_memberships(user) -> list:
    return [
        {
            "initiative": member.initiative.title,
            "role": member.role,
            "joined": when(member.joined_at),
            "show_name": member.show_name,
            "share_contact": member.share_contact,
        }
        for member in TeamMember.objects.filter(user=user).select_related("initiative")
    ]


def team_updates(user) -> list:
    return [
        {
            "initiative": update.initiative.title,
            "update": update.body,
            "posted": when(update.created_at),
            "hidden": when(update.hidden_at),
        }
        for update in TeamUpdate.objects.filter(author=user).select_related("initiative")
    ]


def team_tasks(user) -> list:
    tasks = TeamTask.objects.filter(Q(assignee=user) | Q(created_by=user)).select_related(
        "initiative"
    )
    return [
        {
            "initiative": task.initiative.title,
            "task": task.title,
            "description": task.description,
            "status": task.status,
            "assigned_to_you": task.assignee_id == user.pk,
            "created_by_you": task.created_by_id == user.pk,
            "created": when(task.created_at),
        }
        for task in tasks
    ]


def team_files(user) -> list:
    return [
        {
            "initiative": team_file.initiative.title,
            "title": team_file.title,
            "uploaded": when(team_file.uploaded_at),
        }
        for team_file in TeamFile.objects.filter(uploaded_by=user).select_related("initiative")
    ]


def erase_team(user, keep_contributions: bool) -> None:
    """The person leaves every team either way (their tasks become nobody's). Without
    keeping contributions, their updates go with the account and the files they shared
    are deleted; the tasks they wrote stay with the team, without their name. Kept
    contributions stay under "Slettet bruker"."""
    TeamTask.objects.filter(assignee=user).update(assignee=None)
    TeamMember.objects.filter(user=user).delete()
    if keep_contributions:
        return
    for team_file in TeamFile.objects.filter(uploaded_by=user):
        team_file.delete()


def register() -> None:
    personal_data.register("answers_to_needs", export=answers)
    personal_data.register("skills_and_interests", export=skills)
    personal_data.register("team_memberships", export=team_memberships)
    personal_data.register("team_updates", export=team_updates)
    personal_data.register("team_tasks", export=team_tasks, erase=erase_team)
    personal_data.register("team_files", export=team_files)
