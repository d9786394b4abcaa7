"""Loading needs and answers for a request: of the request's organisation, and only
those on an initiative, challenge or idea the person may see; else 404."""

from django.http import Http404

from kominn.core.access import can_view, loader
from kominn.participation import rules as participation_rules

from . import rules
from .models import Answer, Need, TeamFile, TeamMember, TeamTask, TeamUpdate


def can_see_need(user, need):
    if need.initiative_id:
        return can_view(user, need.initiative)
    if need.challenge_id:
        return can_view(user, need.challenge)
    idea = need.idea
    return participation_rules.can_view_idea(user, idea) and participation_rules.can_see_hidden(
        user, idea
    )


_need = loader(Need, "pk", check=can_see_need)
_answer = loader(Answer, "pk", check=lambda user, answer: can_see_need(user, answer.need))


def need(request, pk):
    return _need(
        request,
        pk,
        queryset=Need.objects.select_related(
            "initiative__organisation", "challenge__organisation", "idea__author"
        ),
    )


def answer(request, pk):
    return _answer(
        request,
        pk,
        queryset=Answer.objects.select_related(
            "user",
            "need__initiative__organisation",
            "need__challenge__organisation",
            "need__idea__author",
        ),
    )


# --- The team of an initiative -----------------------------------------------------------
# The initiative is loaded as its own page loads it (404 for another organisation's, and
# for drafts unless staff); what is on its team is then looked up on that initiative only.


def _of_team(model, initiative, pk, *related):
    rows = model.objects.filter(initiative=initiative, pk=pk)
    found = (rows.select_related(*related) if related else rows).first()
    if found is None:
        raise Http404
    found.initiative = initiative
    return found


def team_member(initiative, pk):
    return _of_team(TeamMember, initiative, pk, "user")


def team_update(initiative, pk):
    return _of_team(TeamUpdate, initiative, pk)


def team_task(initiative, pk):
    return _of_team(TeamTask, initiative, pk)


def team_file(initiative, pk):
    return _of_team(TeamFile, initiative, pk)


_team_update = loader(TeamUpdate, "pk", check=rules.can_see_team_update)


def team_update_of_request(request, pk):
    """One team update by its number alone (as moderation's report page finds it): of the
    request's organisation, and only for those who see its team page; else 404."""
    return _team_update(
        request,
        pk,
        queryset=TeamUpdate.objects.select_related("author", "initiative__organisation"),
    )
