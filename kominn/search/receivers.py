"""Signal receivers that keep the search index in step with the content.

Index upkeep is infrastructure, not business logic, so it listens to the content's own
models rather than being called from every service: whatever saves, publishes, hides or
deletes content (the admin, services, moderation through the content's methods, the demo
loader) saves those rows, and is followed. Blocking and unblocking save the person, whose
ideas follow. The work itself happens once the transaction commits (index.py).
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from kominn.participation.models import Challenge, Idea
from kominn.portfolio.models import (
    Goal,
    GoalContribution,
    Initiative,
    Lesson,
    NewsArticle,
    Relation,
)

from .index import schedule

INDEXED = [Initiative, Goal, NewsArticle, Challenge, Idea]


def _content_changed(sender, instance, **kwargs):
    schedule(sender, instance.pk)


def _lesson_changed(sender, instance, **kwargs):
    schedule(Initiative, instance.initiative_id)


def _contribution_changed(sender, instance, **kwargs):
    # An initiative's goals and its notes on them are among what relates it (keys.py).
    schedule(Initiative, instance.initiative_id)


def _relation_changed(sender, instance, **kwargs):
    # Both ends of a relation have it among their keys.
    for pk in (instance.source_id, instance.target_id):
        if pk is not None:
            schedule(Initiative, pk)


def _ideas_changed(sender, instance, **kwargs):
    # Ideas relate through their challenge and its goal, and through the initiative they
    # became; deleting either sets the ideas' link to null, which saves no idea.
    field = "challenge" if sender is Challenge else "initiative"
    for pk in Idea.objects.filter(**{field: instance}).values_list("pk", flat=True):
        schedule(Idea, pk)


def _initiative_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if not reverse:
        schedule(Initiative, instance.pk)
    elif action == "pre_clear":
        # An area or theme losing all its initiatives: pk_set is not given, so look now.
        for pk in sender.objects.filter(**{_reverse_field(sender, instance): instance}).values_list(
            "initiative_id", flat=True
        ):
            schedule(Initiative, pk)
    else:
        for pk in pk_set or ():
            schedule(Initiative, pk)


def _reverse_field(through, instance):
    return next(
        field.name
        for field in through._meta.get_fields()
        if field.is_relation and field.related_model is type(instance)
    )


def _ideas_of(user):
    for pk in Idea.objects.filter(author=user).values_list("pk", flat=True):
        schedule(Idea, pk)


def _user_changed(sender, instance, update_fields=None, **kwargs):
    # Blocking and unblocking hide and show everything the person wrote.
    if update_fields is None or "blocked_at" in update_fields:
        _ideas_of(instance)


def connect():
    for model in INDEXED:
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            _content_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}"
        )
    post_save.connect(_lesson_changed, sender=Lesson, dispatch_uid="search-lesson")
    post_delete.connect(_lesson_changed, sender=Lesson, dispatch_uid="search-del-lesson")
    for model, receiver in (
        (GoalContribution, _contribution_changed),
        (Relation, _relation_changed),
    ):
        name = model.__name__
        post_save.connect(receiver, sender=model, dispatch_uid=f"search-{name}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"search-del-{name}")
    post_save.connect(_ideas_changed, sender=Challenge, dispatch_uid="search-challenge-ideas")
    for model in (Challenge, Initiative):
        pre_delete.connect(_ideas_changed, sender=model, dispatch_uid=f"search-ideas-{model}")
    for through in (
        Initiative.service_areas.through,
        Initiative.themes.through,
        Initiative.goals.through,
    ):
        m2m_changed.connect(
            _initiative_tags_changed, sender=through, dispatch_uid=f"search-{through.__name__}"
        )
    post_save.connect(_user_changed, sender=get_user_model(), dispatch_uid="search-user")
