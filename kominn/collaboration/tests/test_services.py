import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import (
    make_challenge,
    make_editor,
    make_idea,
    make_initiative,
    make_organisation,
    make_user,
)
from kominn.collaboration import rules, services
from kominn.collaboration.models import AnswerStatus, NeedStatus
from kominn.notifications.models import Notification


@pytest.fixture
def initiative(asker):
    return make_initiative(asker)


@pytest.fixture
def need(initiative, editor):
    return services.post_need(
        user=editor, initiative=initiative, title="3 innbyggere til et testpanel", how_many=2
    )


def people(n):
    return [make_user(f"frivillig{i}@example.no", display_name=f"Frivillig {i}") for i in range(n)]


def test_initiative_editor_may_post_need_resident_may_not(initiative, editor, citizen):
    assert rules.can_post_need(editor, initiative=initiative)
    assert not rules.can_post_need(citizen, initiative=initiative)


def test_challenge_staff_may_post_need_resident_may_not(asker, editor, citizen):
    challenge = make_challenge(asker)
    assert rules.can_post_need(editor, challenge=challenge)
    assert not rules.can_post_need(citizen, challenge=challenge)


def test_idea_author_may_post_need_others_may_not(asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    assert rules.can_post_need(citizen, idea=idea)
    assert not rules.can_post_need(other_citizen, idea=idea)


def test_blocked_person_may_not_answer(need, citizen):
    assert rules.can_answer_need(citizen, need)
    citizen.blocked_at = timezone.now()
    assert not rules.can_answer_need(citizen, need)


def test_editor_of_other_municipality_may_not_post(initiative):
    other = make_editor("r@oslo.kommune.no", organisation=make_organisation("oslo", name="Oslo"))
    assert not rules.can_post_need(other, initiative=initiative)


def test_new_answer_tells_the_owner(need, editor, citizen):
    services.answer_need(need=need, user=citizen, message="Jeg stiller gjerne")
    told = Notification.objects.get(recipient=editor)
    assert told.excerpt == "Jeg stiller gjerne"


def test_accept_and_decline_tell_the_person(need, editor, citizen, other_citizen):
    yes = services.answer_need(need=need, user=citizen, message="Ja")
    no = services.answer_need(need=need, user=other_citizen, message="Kanskje")
    services.decide(answer=yes, accept=True, reply="Velkommen!", by=editor)
    services.decide(answer=no, accept=False, reply="Vi har nok", by=editor)
    assert Notification.objects.get(recipient=citizen).excerpt == "Velkommen!"
    assert Notification.objects.get(recipient=other_citizen).excerpt == "Vi har nok"
    yes.refresh_from_db()
    assert yes.status == AnswerStatus.ACCEPTED and yes.reply == "Velkommen!"


def test_need_fills_then_answers_wait_and_withdrawal_moves_first_up(need, editor):
    a, b, c, d = people(4)
    first = services.answer_need(need=need, user=a, message="1")
    second = services.answer_need(need=need, user=b, message="2")
    pending = services.answer_need(need=need, user=c, message="3")
    services.decide(answer=first, accept=True, by=editor)
    services.decide(answer=second, accept=True, by=editor)
    need.refresh_from_db()
    assert need.status == NeedStatus.FILLED
    pending.refresh_from_db()
    assert pending.status == AnswerStatus.WAITING
    late = services.answer_need(need=need, user=d, message="4")
    assert late.status == AnswerStatus.WAITING

    moved = services.withdraw(answer=first)

    assert moved.pk == pending.pk
    assert need.answers.get(pk=pending.pk).status == AnswerStatus.ACCEPTED
    assert need.answers.get(pk=late.pk).status == AnswerStatus.WAITING
    assert need.answers.get(pk=first.pk).status == AnswerStatus.WITHDRAWN
    need.refresh_from_db()
    assert need.status == NeedStatus.FILLED
    assert Notification.objects.filter(recipient=c, message="collaboration.decision").exists()


def test_accepting_past_the_places_is_refused(need, editor):
    a, b, c = people(3)
    answers = [services.answer_need(need=need, user=u, message="x") for u in (a, b, c)]
    services.decide(answer=answers[0], accept=True, by=editor)
    services.decide(answer=answers[1], accept=True, by=editor)
    with pytest.raises(ValidationError):
        services.decide(answer=answers[2], accept=True, by=editor)


def test_withdrawing_with_nobody_waiting_reopens_the_need(need, editor):
    a, b = people(2)
    for user in (a, b):
        services.decide(answer=services.answer_need(need=need, user=user, message="x"), accept=True)
    services.withdraw(answer=need.answers.get(user=a))
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_export_lists_answers_and_skills(client, need, citizen):
    services.answer_need(need=need, user=citizen, message="Jeg stiller")
    services.save_skills(
        user=citizen,
        tags="strikking",
        capacities=["volunteer"],
        needs_digest=True,
        organisation=need.organisation,
    )
    client.force_login(citizen)
    data = json.loads(client.get("/konto/mine-data/eksport/").content)
    assert data["answers_to_needs"][0]["message"] == "Jeg stiller"
    assert data["answers_to_needs"][0]["on"] == need.initiative.title
    [skills] = data["skills_and_interests"]
    assert skills["skills"] == "strikking" and skills["capacities"] == ["volunteer"]
    assert skills["new_needs_by_email_from"] == need.organisation.name
    assert skills["new_needs_last_considered"]
