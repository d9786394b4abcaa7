"""Offers of help on initiatives, made before needs existed, become answers to the
initiative's general need "Annen hjelp"; none is lost."""

import importlib

from django.apps import apps

from conftest import make_idea, make_initiative, make_user
from kominn.collaboration.models import Answer, AnswerStatus, Need
from kominn.participation.models import Offer

migration = importlib.import_module("kominn.collaboration.migrations.0002_offers_to_answers")


def test_every_offer_on_an_initiative_becomes_an_answer_to_its_general_need(asker, citizen):
    bikes, chargers = make_initiative(asker, "Bysykler"), make_initiative(asker, "Ladere")
    untouched = make_initiative(asker, "Uten tilbud")
    people = [make_user(f"hjelper{i}@example.no") for i in range(3)]
    Offer.objects.create(initiative=bikes, user=people[0], message="Jeg kan teste.")
    Offer.objects.create(initiative=bikes, user=people[1], message="Jeg kan reparere.")
    Offer.objects.create(initiative=chargers, user=people[2], message="Jeg er elektriker.")
    idea_offer = Offer.objects.create(
        idea=make_idea(asker, citizen), user=people[0], message="Jeg snekrer."
    )

    migration.offers_to_answers(apps, None)

    general = Need.objects.get(initiative=bikes)
    assert general.title == "Annen hjelp" and general.is_general
    assert general.organisation_id == asker.pk
    assert sorted(general.answers.values_list("message", flat=True)) == [
        "Jeg kan reparere.",
        "Jeg kan teste.",
    ]
    assert Need.objects.get(initiative=chargers).answers.get().user == people[2]
    assert not Need.objects.filter(initiative=untouched).exists()
    assert set(Answer.objects.values_list("status", flat=True)) == {AnswerStatus.PENDING}
    # Offers on ideas are left to the next migration (0003).
    assert Answer.objects.count() == 3
    assert Offer.objects.filter(pk=idea_offer.pk).exists()


def test_the_answer_keeps_the_offers_date(asker, citizen):
    initiative = make_initiative(asker)
    offer = Offer.objects.create(initiative=initiative, user=citizen, message="Ja")
    migration.offers_to_answers(apps, None)
    assert Answer.objects.get().created_at == offer.created_at


def test_the_initiative_form_answers_the_same_general_need(client, asker, citizen, editor):
    initiative = make_initiative(asker)
    Offer.objects.create(initiative=initiative, user=editor, message="Gammelt tilbud")
    migration.offers_to_answers(apps, None)
    client.force_login(citizen)
    client.post(f"/tiltak/{initiative.slug}/bidra/", {"message": "Nytt tilbud"})
    need = Need.objects.get(initiative=initiative)
    assert sorted(need.answers.values_list("message", flat=True)) == [
        "Gammelt tilbud",
        "Nytt tilbud",
    ]
