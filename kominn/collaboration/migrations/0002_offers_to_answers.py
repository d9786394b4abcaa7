"""Offers of help on initiatives, made before needs existed, become answers to a general
need "Annen hjelp" on their initiative; none is lost. The offers are kept as they were.
Offers on ideas followed in 0003."""

from django.db import migrations

GENERAL = {
    "title": "Annen hjelp",
    "kind": "people",
    "how_many": 1000,
    "suits": ",resident,employee,volunteer,business,",
    "is_general": True,
}


def offers_to_answers(apps, schema_editor):
    Offer = apps.get_model("participation", "Offer")
    Need = apps.get_model("collaboration", "Need")
    Answer = apps.get_model("collaboration", "Answer")
    needs = {}
    offers = (
        Offer.objects.filter(initiative__isnull=False)
        .select_related("initiative")
        .order_by("created_at", "pk")
    )
    for offer in offers.iterator():
        initiative = offer.initiative
        if initiative.pk not in needs:
            needs[initiative.pk], _created = Need.objects.get_or_create(
                initiative=initiative,
                is_general=True,
                defaults={**GENERAL, "organisation_id": initiative.organisation_id},
            )
        Answer.objects.create(
            need=needs[initiative.pk],
            user_id=offer.user_id,
            message=offer.message,
            status="pending",
            created_at=offer.created_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("collaboration", "0001_initial"),
        ("participation", "0010_idea_cover_sizes"),
    ]

    operations = [migrations.RunPython(offers_to_answers, migrations.RunPython.noop)]
