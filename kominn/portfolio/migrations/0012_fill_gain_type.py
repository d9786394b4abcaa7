"""Give the benefits whose type settles their barometer gain that gain: economic →
efficiency, quality → quality, climate and environment → other (the barometer does not ask
about it). A benefit "for others" may be any gain, so it is left for its editors to say
(docs/visitors.md#innovation-barometer)."""

from django.db import migrations

MAPPING = {"economic": "efficiency", "quality": "quality", "climate": "other"}


def fill(apps, schema_editor):
    Benefit = apps.get_model("portfolio", "Benefit")
    for benefit_type, gain_type in MAPPING.items():
        Benefit.objects.filter(type=benefit_type, gain_type="").update(gain_type=gain_type)


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0011_innovation_type_and_gain_type")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
