from django.db import migrations, models
import django.db.models.deletion

# The categories every municipality on an installation starts with; the platform
# administrator may rename, add or remove them in the admin.
CATEGORIES = [
    ("Helse og omsorg", "helse-og-omsorg"),
    ("Oppvekst og utdanning", "oppvekst-og-utdanning"),
    ("Klima og miljø", "klima-og-miljo"),
    ("Kultur og frivillighet", "kultur-og-frivillighet"),
    ("Teknisk og eiendom", "teknisk-og-eiendom"),
    ("Samferdsel", "samferdsel"),
    ("Digitalisering og forvaltning", "digitalisering-og-forvaltning"),
    ("Næring og samfunnsutvikling", "naering-og-samfunnsutvikling"),
    ("Plan og bygg", "plan-og-bygg"),
    ("Sosiale tjenester", "sosiale-tjenester"),
]


def seed(apps, schema_editor):
    SharedCategory = apps.get_model("organisations", "SharedCategory")
    for order, (name, slug) in enumerate(CATEGORIES, start=1):
        SharedCategory.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_organisation_language"),
    ]

    operations = [
        migrations.CreateModel(
            name="SharedCategory",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                ("slug", models.SlugField(max_length=100, unique=True, verbose_name="short name")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={
                "verbose_name": "shared category",
                "verbose_name_plural": "shared categories",
                "ordering": ["order", "name"],
            },
        ),
        migrations.AddField(
            model_name="servicearea",
            name="shared_category",
            field=models.ForeignKey(
                blank=True,
                help_text="The category shared by every municipality that this area's work belongs to: how the sharing bank finds it. A unit without one takes its area's.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="service_areas",
                to="organisations.sharedcategory",
                verbose_name="shared category",
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
