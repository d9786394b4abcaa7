"""Offers of help on ideas become answers to a general need "Annen hjelp" on their idea,
as those on initiatives did (0002); none is lost. The offers are kept as they were."""

from django.db import migrations

GENERAL = {
    "title": "Annen hjelp",
    "kind": "people",
    "how_many": 1000,
    "suits": ",resident,employee,volunteer,business,",
    "is_general": True,
}


def idea_offers_to_answers(apps, schema_editor):
    Offer = apps.get_model("participation", "Offer")
    Need = apps.get_model("collaboration", "Need")
    Answer = apps.get_model("collaboration", "Answer")
    needs = {}
    offers = (
        Offer.objects.filter(idea__isnull=False).select_related("idea").order_by("created_at", "pk")
    )
    for offer in offers.iterator():
        idea = offer.idea
        if idea.pk not in needs:
            needs[idea.pk], _created = Need.objects.get_or_create(
                idea=idea,
                is_general=True,
                defaults={**GENERAL, "organisation_id": idea.organisation_id},
            )
        Answer.objects.create(
            need=needs[idea.pk],
            user_id=offer.user_id,
            message=offer.message,
            status="pending",
            created_at=offer.created_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("collaboration", "0006_hiding"),
    ]

    operations = [migrations.RunPython(idea_offers_to_answers, migrations.RunPython.noop)]
