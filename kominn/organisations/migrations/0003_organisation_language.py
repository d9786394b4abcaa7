from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_organisation_logo"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="language",
            field=models.CharField(
                choices=[("nb", "Norwegian bokmål"), ("nn", "Norwegian nynorsk")],
                default="nb",
                help_text="The language its pages are shown in unless a visitor chooses another.",
                max_length=2,
                verbose_name="language form",
            ),
        ),
    ]
