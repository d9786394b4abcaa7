"""People accepted to a need on an initiative before teams existed join its team, as
accepting does now (services.join_team)."""

from django.db import migrations


def join(apps, schema_editor):
    Answer = apps.get_model("collaboration", "Answer")
    TeamMember = apps.get_model("collaboration", "TeamMember")
    accepted = (
        Answer.objects.filter(status="accepted", need__initiative__isnull=False)
        .select_related("need")
        .order_by("decided_at", "created_at", "pk")
    )
    for answer in accepted.iterator():
        need = answer.need
        TeamMember.objects.get_or_create(
            initiative_id=need.initiative_id,
            user_id=answer.user_id,
            defaults={
                "role": "" if need.is_general else need.title[:100],
                "joined_at": answer.decided_at or answer.created_at,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("collaboration", "0004_team")]

    operations = [migrations.RunPython(join, migrations.RunPython.noop)]
