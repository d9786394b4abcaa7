"""Offers of help on ideas become answers to the idea's general need "Annen hjelp"; none
is lost, and the offers are kept."""

import importlib

from django.apps import apps

from conftest import make_idea, make_initiative, make_user
from kominn.collaboration.models import Answer, AnswerStatus, Need
from kominn.participation.models import Offer

migration = importlib.import_module("kominn.collaboration.migrations.0007_idea_offers_to_answers")


def test_every_offer_on_an_idea_becomes_an_answer_to_its_general_need(asker, citizen):
    benches, lights = make_idea(asker, citizen, title="Benker"), make_idea(asker, citizen)
    untouched = make_idea(asker, citizen, title="Uten tilbud")
    people = [make_user(f"hjelper{i}@example.no") for i in range(3)]
    offers = [
        Offer.objects.create(idea=benches, user=people[0], message="Jeg kan snekre."),
        Offer.objects.create(idea=benches, user=people[1], message="Jeg kan male."),
        Offer.objects.create(idea=lights, user=people[2], message="Jeg er elektriker."),
    ]
    initiative_offer = Offer.objects.create(
        initiative=make_initiative(asker), user=people[0], message="Allerede flyttet."
    )

    migration.idea_offers_to_answers(apps, None)

    general = Need.objects.get(idea=benches)
    assert general.title == "Annen hjelp" and general.is_general
    assert general.organisation_id == asker.pk and general.created_by is None
    assert sorted(general.answers.values_list("user", "message")) == [
        (people[0].pk, "Jeg kan snekre."),
        (people[1].pk, "Jeg kan male."),
    ]
    assert Need.objects.get(idea=lights).answers.get().user == people[2]
    assert not Need.objects.filter(idea=untouched).exists()
    assert set(Answer.objects.values_list("status", flat=True)) == {AnswerStatus.PENDING}
    # Offers on initiatives were moved by 0002; the offers themselves are kept.
    assert Answer.objects.count() == 3
    assert Offer.objects.filter(pk__in=[o.pk for o in [*offers, initiative_offer]]).count() == 4


def test_the_answer_keeps_the_offers_date(asker, citizen):
    offer = Offer.objects.create(
        idea=make_idea(asker, make_user("forfatter@example.no")), user=citizen, message="Ja"
    )
    migration.idea_offers_to_answers(apps, None)
    assert Answer.objects.get().created_at == offer.created_at


def test_the_idea_form_answers_the_same_general_need(client, asker, citizen, editor):
    idea = make_idea(asker, make_user("forfatter@example.no"))
    Offer.objects.create(idea=idea, user=editor, message="Gammelt tilbud")
    migration.idea_offers_to_answers(apps, None)
    client.force_login(citizen)
    client.post(f"/ideer/{idea.pk}/bidra/", {"message": "Nytt tilbud"})
    need = Need.objects.get(idea=idea)
    assert sorted(need.answers.values_list("message", flat=True)) == [
        "Gammelt tilbud",
        "Nytt tilbud",
    ]
