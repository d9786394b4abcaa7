from django.db import migrations, models
from django.db.models import F
from django.utils import timezone


def existing_news_is_old_news(apps, schema_editor):
    # Articles visible before notifications existed are not news to anyone now; drafts and
    # articles dated in the future are told about when they appear.
    NewsArticle = apps.get_model("portfolio", "NewsArticle")
    NewsArticle.objects.filter(is_published=True, published_at__lte=timezone.now()).update(
        followers_notified_at=F("published_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0002_news_about_challenges"),
    ]

    operations = [
        migrations.AddField(
            model_name="newsarticle",
            name="followers_notified_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="followers told"
            ),
        ),
        migrations.RunPython(existing_news_is_old_news, migrations.RunPython.noop),
    ]
