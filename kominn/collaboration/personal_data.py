"""What collaboration holds about a person: their answers to needs and the skills they
listed. Registered with accounts for the export; both go with a deleted account."""

from kominn.accounts import personal_data
from kominn.accounts.personal_data import when

from .models import Answer, Skills


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


def register() -> None:
    personal_data.register("answers_to_needs", export=answers)
    personal_data.register("skills_and_interests", export=skills)
