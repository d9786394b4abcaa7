"""Turn each notification's links to ideas, comments, challenges, initiatives, news, offers
and idea events into a target, a subject, a snapshot of titles and links, and the message
key and values participation words it with (kominn/participation/notify.py)."""

from django.db import migrations
from django.urls import reverse

from kominn.core.slugs import norwegian_slugify

BATCH = 500


def _idea_url(idea):
    slug = norwegian_slugify(idea.title)[:60]
    return reverse("participation:idea", args=[idea.pk, slug] if slug else [idea.pk])


def _url(thing):
    name = type(thing).__name__
    if name == "Idea":
        return _idea_url(thing)
    route = {
        "Challenge": "participation:challenge",
        "Initiative": "portfolio:initiative",
        "NewsArticle": "portfolio:news_article",
    }[name]
    return reverse(route, args=[thing.slug])


def _convert(notification, content_type):
    """The new fields of one notification, as the old code would have worded it."""
    n = notification
    target = subject = None
    params, url, excerpt = {}, "", n.excerpt
    if n.kind in ("comment", "reply") and n.comment_id:
        target, subject = n.idea, n.comment
        message = f"participation.{n.kind}"
        url = f"{_idea_url(n.idea)}#kommentar-{n.comment_id}"
        params = {"idea": n.idea.title}
        excerpt = n.comment.body
    elif n.kind == "offer" and n.offer_id:
        target, subject, message = n.idea or n.initiative, n.offer, "participation.offer"
        url = _url(target) + ("#bidra" if n.idea_id else "#delta")
        params = {"item": target.title}
        excerpt = n.offer.message
    elif n.kind == "challenge_idea":
        target, subject, message = n.challenge, n.idea, "participation.challenge_idea"
        url = _idea_url(n.idea)
        params = {"challenge": n.challenge.title, "idea": n.idea.title}
    elif n.news_id:
        target = n.initiative or n.challenge or n.idea
        subject, message = n.news, "participation.news"
        url = _url(n.news)
        params = {"item": target.title, "title": n.news.title}
        excerpt = n.news.lead
    else:  # a status change or an answer, told to the author or a follower
        target, subject, message = n.idea, n.event, "participation.idea_event"
        url = _idea_url(n.idea)
        event = n.event
        params = {"idea": n.idea.title, "event": "", "status": "", "initiative": "", "phase": ""}
        if event is not None:
            params |= {
                "event": event.kind,
                "status": event.status,
                "initiative": event.initiative.title if event.initiative_id else "",
                "phase": event.phase,
            }
    n.target_type = content_type(target)
    n.target_id = target.pk
    n.target_title = target.title[:300]
    n.target_url = _url(target)
    n.subject_type = content_type(subject) if subject is not None else None
    n.subject_id = subject.pk if subject is not None else None
    n.message, n.params, n.url, n.excerpt = message, params, url, excerpt


def forwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = {}

    def content_type(thing):
        meta = type(thing)._meta
        key = (meta.app_label, meta.model_name)
        if key not in types:
            types[key], _ = ContentType.objects.get_or_create(
                app_label=meta.app_label, model=meta.model_name
            )
        return types[key]

    fields = [
        "target_type",
        "target_id",
        "target_title",
        "target_url",
        "subject_type",
        "subject_id",
        "message",
        "params",
        "url",
        "excerpt",
    ]
    rows = Notification.objects.select_related(
        "idea", "comment", "challenge", "initiative", "news", "offer", "event__initiative"
    ).order_by("pk")
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        for notification in batch:
            _convert(notification, content_type)
        Notification.objects.bulk_update(batch, fields)
        last = batch[-1].pk


def backwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    fields = {
        ("participation", "idea"): "idea",
        ("participation", "comment"): "comment",
        ("participation", "challenge"): "challenge",
        ("portfolio", "initiative"): "initiative",
        ("portfolio", "newsarticle"): "news",
        ("participation", "offer"): "offer",
        ("participation", "ideaevent"): "event",
    }
    Offer = apps.get_model("participation", "Offer")
    Comment = apps.get_model("participation", "Comment")
    IdeaEvent = apps.get_model("participation", "IdeaEvent")
    for n in Notification.objects.select_related("target_type", "subject_type").iterator():
        for kind, pk in ((n.target_type, n.target_id), (n.subject_type, n.subject_id)):
            if kind is not None:
                setattr(n, f"{fields[(kind.app_label, kind.model)]}_id", pk)
        # The old rows also named the idea of a comment, an offer or an answer.
        if n.comment_id and not n.idea_id:
            n.idea_id = Comment.objects.get(pk=n.comment_id).idea_id
        if n.offer_id and not (n.idea_id or n.initiative_id):
            offer = Offer.objects.get(pk=n.offer_id)
            n.idea_id, n.initiative_id = offer.idea_id, offer.initiative_id
        if n.event_id and not n.idea_id:
            n.idea_id = IdeaEvent.objects.get(pk=n.event_id).idea_id
        if n.message in ("participation.comment", "participation.reply", "participation.offer"):
            n.excerpt = ""
        elif n.message == "participation.news":
            n.excerpt = ""
        n.save()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_target_and_snapshot"),
        ("participation", "0006_answers_and_reminders"),
        ("portfolio", "0003_newsarticle_followers_notified_at"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
