import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The links to participation and portfolio go; every notification now has a target."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0003_fill_target_and_snapshot"),
    ]

    operations = [
        migrations.RemoveField(model_name="notification", name="challenge"),
        migrations.RemoveField(model_name="notification", name="comment"),
        migrations.RemoveField(model_name="notification", name="event"),
        migrations.RemoveField(model_name="notification", name="idea"),
        migrations.RemoveField(model_name="notification", name="initiative"),
        migrations.RemoveField(model_name="notification", name="news"),
        migrations.RemoveField(model_name="notification", name="offer"),
        migrations.AlterField(
            model_name="notification",
            name="target_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="target_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(fields=["target_type", "target_id"], name="notification_target"),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(fields=["subject_type", "subject_id"], name="notification_subject"),
        ),
    ]
