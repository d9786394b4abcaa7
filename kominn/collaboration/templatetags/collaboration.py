"""Needs on the pages of initiatives, challenges and ideas, which live in lower apps."""

from django import template
from django.db.models import Count, Q

from kominn.collaboration import rules
from kominn.collaboration.forms import AnswerForm
from kominn.collaboration.models import Answer, AnswerStatus, Need

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


@register.inclusion_tag("collaboration/_idea_offers.html", takes_context=True)
def idea_offers(context, idea):
    """The idea page's "I want to help" form, which answers the idea's general need
    "Annen hjelp", and for its author and staff the answers it has had. A form sent back
    with errors comes in the page's context as `offer_form`."""
    user = context["request"].user
    can_see = rules.can_see_offers_on_idea(user, idea)
    answers = None
    need = None
    if can_see:
        need = Need.objects.filter(idea=idea, is_general=True).first()
        answers = list(Answer.objects.filter(need=need).select_related("user")) if need else []
    return {
        "idea": idea,
        "user": user,
        "can_offer": rules.can_offer_help_on_idea(user, idea),
        "offer_form": context.get("offer_form") or AnswerForm(),
        "answers": answers,
        "need": need,
        "can_manage": need is not None and rules.can_manage_need(user, need),
    }
