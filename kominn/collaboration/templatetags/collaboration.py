"""Needs on the pages of initiatives, challenges and ideas, which live in lower apps."""

from django import template
from django.db.models import Count, Q

from kominn.collaboration import rules
from kominn.collaboration.models import AnswerStatus, Need

register = template.Library()


@register.inclusion_tag("collaboration/_needs.html", takes_context=True)
def needs_on(context, item, on):
    """What `item` (an initiative, challenge or idea, named by `on`) needs, with a link to
    post a new need for those who may."""
    user = context["request"].user
    can_post = rules.can_post_need(user, **{on: item})
    needs = Need.objects.filter(**{on: item})
    if not can_post:
        # "Annen hjelp" holds the free offers of help: only its owners list it.
        needs = needs.filter(is_general=False, hidden_at__isnull=True).exclude(status="closed")
    needs = needs.annotate(
        accepted=Count("answers", filter=Q(answers__status=AnswerStatus.ACCEPTED))
    ).order_by("-created_at", "-pk")
    return {
        "needs": list(needs),
        "item": item,
        "on": on,
        "can_post": can_post,
    }


@register.inclusion_tag("collaboration/_team_on.html", takes_context=True)
def team_on(context, initiative):
    """ "Teamet" on the initiative's page: how many are on the team, the names of those who
    said yes to showing them, and for the team and its owners a link to the team page."""
    user = context["request"].user
    members = list(initiative.team_members.select_related("user"))
    mine = next((m for m in members if m.user_id == user.pk), None)
    return {
        "initiative": initiative,
        "count": len(members),
        "named": [m for m in members if rules.shows_name_publicly(m)],
        "can_see_team": rules.can_see_team(user, initiative, mine)
        if user.is_authenticated
        else False,
    }
