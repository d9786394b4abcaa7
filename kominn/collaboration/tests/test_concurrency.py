"""Places on a need stay exact when decisions and withdrawals race (PostgreSQL runs them
in parallel)."""

import pytest
from django.core.exceptions import ValidationError

from conftest import at_once, make_editor, make_initiative, make_organisation, make_user
from kominn.collaboration import services
from kominn.collaboration.models import Answer, AnswerStatus, Need, NeedStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_accepting_at_once_never_fills_more_places_than_the_need_has():
    asker = make_organisation("asker", name="Asker kommune")
    editor = make_editor(organisation=asker)
    need = services.post_need(
        user=editor, initiative=make_initiative(asker), title="Testpanel", how_many=3
    )
    answers = [
        services.answer_need(need=need, user=make_user(f"p{i}@example.no"), message="Ja")
        for i in range(8)
    ]

    outcomes = at_once(lambda: services.decide(answer=answers.pop(), accept=True), 8)

    assert sum(isinstance(outcome, ValidationError) for outcome in outcomes) == 5
    assert Answer.objects.filter(status=AnswerStatus.ACCEPTED).count() == 3
    assert Need.objects.get().status == NeedStatus.FILLED


def test_withdrawing_at_once_moves_up_exactly_one_waiting_per_place():
    asker = make_organisation("asker", name="Asker kommune")
    editor = make_editor(organisation=asker)
    need = services.post_need(
        user=editor, initiative=make_initiative(asker), title="Testpanel", how_many=2
    )
    people = [make_user(f"p{i}@example.no") for i in range(5)]
    answers = [services.answer_need(need=need, user=p, message="Ja") for p in people]
    for answer in answers[:2]:
        services.decide(answer=answer, accept=True)
    accepted = answers[:2]

    at_once(lambda: services.withdraw(answer=accepted.pop()), 2)

    statuses = dict(Answer.objects.values_list("user__email", "status"))
    assert [statuses[p.email] for p in people] == [
        AnswerStatus.WITHDRAWN,
        AnswerStatus.WITHDRAWN,
        AnswerStatus.ACCEPTED,
        AnswerStatus.ACCEPTED,
        AnswerStatus.WAITING,
    ]
    assert Need.objects.get().status == NeedStatus.FILLED


def test_accepted_to_several_needs_at_once_the_person_joins_the_team_once():
    from kominn.collaboration.models import TeamMember

    asker = make_organisation("asker", name="Asker kommune")
    editor = make_editor(organisation=asker)
    initiative = make_initiative(asker)
    person = make_user("hjelper@example.no")
    answers = [
        services.answer_need(
            need=services.post_need(user=editor, initiative=initiative, title=f"Behov {i}"),
            user=person,
            message="Ja",
        )
        for i in range(4)
    ]

    outcomes = at_once(lambda: services.decide(answer=answers.pop(), accept=True), 4)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert Answer.objects.filter(status=AnswerStatus.ACCEPTED).count() == 4
    assert TeamMember.objects.filter(initiative=initiative, user=person).count() == 1


def test_raising_how_many_while_accepting_never_gives_more_places_than_asked():
    asker = make_organisation("asker", name="Asker kommune")
    editor = make_editor(organisation=asker)
    need = services.post_need(
        user=editor, initiative=make_initiative(asker), title="Testpanel", how_many=1
    )
    answers = [
        services.answer_need(need=need, user=make_user(f"p{i}@example.no"), message="Ja")
        for i in range(6)
    ]
    services.decide(answer=answers[0], accept=True)
    changes = [
        lambda: services.edit_need(need=need, how_many=3),
        lambda: services.decide(answer=answers[1], accept=True),
        lambda: services.decide(answer=answers[2], accept=True),
    ]

    at_once(lambda: changes.pop()(), 3)

    # However they ran, no more than three are accepted and the need is filled.
    assert Answer.objects.filter(status=AnswerStatus.ACCEPTED).count() == 3
    assert Need.objects.get().status == NeedStatus.FILLED
