import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A notification points at what it is about through a content type and an id, and
    keeps its title and links; step one of three (the data follows in 0003)."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="notification", old_name="text", new_name="excerpt"),
        migrations.AddField(
            model_name="notification",
            name="target_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="target_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="notification",
            name="subject_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="subject_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="notification",
            name="target_title",
            field=models.CharField(default="", max_length=300, verbose_name="about"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="target_url",
            field=models.CharField(default="", max_length=500, verbose_name="address"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="url",
            field=models.CharField(default="", max_length=500, verbose_name="leads to"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="message",
            field=models.CharField(default="", max_length=60, verbose_name="message"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="values"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="excerpt",
            field=models.TextField(blank=True, verbose_name="text"),
        ),
    ]
