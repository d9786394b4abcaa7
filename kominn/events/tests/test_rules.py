"""Who may sign up for and edit events: roles × actions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import make_challenge, make_editor, make_initiative, make_organisation
from kominn.events import rules
from kominn.organisations.models import ServiceArea

from .helpers import make_event


@pytest.fixture
def people(asker, citizen, editor, area_editor, moderator, other_citizen):
    other_citizen.block("Spam")
    return {
        "anonymous": AnonymousUser(),
        "participant": citizen,
        "editor": editor,
        "area_editor": area_editor,
        "moderator": moderator,
        "blocked": other_citizen,
        "other_editor": make_editor("redaktor@testby.no", organisation=make_organisation()),
    }


@pytest.mark.django_db
def test_who_may_sign_up_and_edit(asker, people):
    oppvekst = ServiceArea.objects.get(organisation=asker, slug="oppvekst")
    elsewhere = ServiceArea.objects.filter(organisation=asker, parent=None).exclude(pk=oppvekst.pk)
    on_initiative_elsewhere = make_event(
        asker, initiative=make_initiative(asker, "Andre", service_areas=[elsewhere.first()])
    )
    on_challenge = make_event(asker, challenge=make_challenge(asker))
    expected = {
        # role: (may sign up, may edit the event elsewhere, may edit the challenge's event)
        "anonymous": (False, False, False),
        "participant": (True, False, False),
        "editor": (True, True, True),
        "area_editor": (True, False, True),
        "moderator": (True, False, False),
        "blocked": (False, False, False),
        "other_editor": (True, False, False),
    }
    found = {
        role: (
            rules.can_register(user, on_challenge),
            rules.can_edit_event(user, on_initiative_elsewhere),
            rules.can_edit_event(user, on_challenge),
        )
        for role, user in people.items()
    }
    assert found == expected


@pytest.mark.django_db
def test_an_area_editor_cannot_open_an_event_outside_their_areas_in_the_admin(
    client, asker, area_editor
):
    oppvekst = ServiceArea.objects.get(organisation=asker, slug="oppvekst")
    other_area = ServiceArea.objects.filter(organisation=asker, parent=None).exclude(pk=oppvekst.pk)
    event = make_event(
        asker, initiative=make_initiative(asker, "Andre", service_areas=[other_area.first()])
    )
    client.force_login(area_editor)
    response = client.post(f"/admin/events/event/{event.pk}/change/", {"title": "Kapret"})
    assert response.status_code in (302, 403)
    event.refresh_from_db()
    assert event.title != "Kapret"


@pytest.mark.django_db
def test_nobody_signs_up_for_an_event_that_has_begun(asker, citizen):
    from datetime import timedelta

    from django.utils import timezone

    event = make_event(asker)
    assert rules.can_register(citizen, event)
    assert not rules.can_register(citizen, event, now=event.starts_at + timedelta(minutes=1))
    assert not rules.can_register(citizen, event, now=timezone.now() + timedelta(days=30))


@pytest.mark.django_db
def test_who_may_do_what_in_a_workshop(asker, people, citizen):
    from .helpers import make_card, make_workshop

    workshop = make_workshop(asker)
    card = make_card(workshop, citizen)
    closed = make_workshop(asker, hours=(-3, -1))
    closed_card = make_card(closed, citizen)
    upcoming = make_workshop(asker, hours=(1, 3))
    expected = {
        # role: (view, post a card, vote, take back a vote, run (group, move, hide),
        #        finish, post in a closed workshop, vote in a closed one, finish one not open)
        "anonymous": (True, False, False, False, False, False, False, False, False),
        "participant": (True, True, True, True, False, False, False, False, False),
        "editor": (True, True, True, True, True, True, False, False, False),
        "area_editor": (True, True, True, True, True, True, False, False, False),
        "moderator": (True, True, True, True, False, False, False, False, False),
        "blocked": (True, False, False, False, False, False, False, False, False),
        "other_editor": (True, True, True, True, False, False, False, False, False),
    }
    found = {
        role: (
            rules.can_view_workshop(user, workshop),
            rules.can_post_card(user, workshop),
            rules.can_vote(user, workshop, card),
            rules.can_take_back_vote(user, workshop, card),
            rules.can_run_workshop(user, workshop),
            rules.can_finish_workshop(user, closed),
            rules.can_post_card(user, closed),
            rules.can_vote(user, closed, closed_card),
            rules.can_finish_workshop(user, upcoming),
        )
        for role, user in people.items()
    }
    assert found == expected


@pytest.mark.django_db
def test_nobody_votes_on_a_hidden_card_or_sees_a_draft_challenges_workshop(asker, people, citizen):
    from .helpers import make_card, make_workshop

    workshop = make_workshop(asker)
    hidden = make_card(workshop, citizen)
    hidden.hide("Spam", by=people["moderator"])
    challenge = make_challenge(asker, "Utkast")
    challenge.is_published = False
    challenge.save()
    draft = make_workshop(asker, challenge=challenge)
    assert not any(rules.can_vote(user, workshop, hidden) for user in people.values())
    assert rules.can_take_back_vote(people["participant"], workshop, hidden)
    seeing_draft = {role for role, user in people.items() if rules.can_view_workshop(user, draft)}
    assert seeing_draft == {"editor", "area_editor", "moderator"}
