"""The idea page's "I want to help": an answer to the idea's general need "Annen hjelp",
listed for the idea's author and the organisation's staff, decided on the need's page."""

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.utils import timezone

from conftest import make_editor, make_idea, make_initiative, make_user
from kominn.collaboration import services
from kominn.collaboration.models import Answer, AnswerStatus, Need
from kominn.notifications import services as notifications
from kominn.notifications.models import Delivery, Notification
from kominn.organisations.models import ServiceArea


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture(autouse=True)
def _links_in_mail(settings):
    settings.KOMINN_BASE_URL = "https://kominn.asker.kommune.no"


def told(user):
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True)
    )


def test_an_offer_on_an_idea_answers_its_general_need(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    response = client.post(f"/ideer/{idea.pk}/bidra/", {"message": "Jeg kan snekre benkene."})
    assert response.status_code == 302
    assert response["Location"] == f"{idea.get_absolute_url()}#bidra"
    need = Need.objects.get(idea=idea)
    assert need.is_general and need.title == "Annen hjelp" and need.created_by is None
    assert need.organisation_id == asker.pk
    answer = need.answers.get()
    assert (answer.user, answer.message, answer.status) == (
        other_citizen,
        "Jeg kan snekre benkene.",
        AnswerStatus.PENDING,
    )
    # A second offer goes to the same need.
    client.force_login(make_user("tredje@example.no"))
    client.post(f"/ideer/{idea.pk}/bidra/", {"message": "Jeg maler."})
    assert Need.objects.filter(idea=idea).count() == 1 and need.answers.count() == 2


def test_offers_are_seen_by_the_author_and_not_by_others(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    client.post(f"/ideer/{idea.pk}/bidra/", {"message": "Jeg kan snekre benkene."})
    assert "Jeg kan snekre benkene." not in client.get(idea.get_absolute_url()).content.decode()
    client.force_login(citizen)
    page = client.get(idea.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Jeg kan snekre benkene." in page and "Venter på svar" in page
    need = Need.objects.get(idea=idea)
    assert need.get_absolute_url() in page


def test_offerers_address_is_for_staff_not_for_the_author(
    client, asker, citizen, other_citizen, editor
):
    idea = make_idea(asker, citizen)
    need = services.general_need(idea=idea)
    services.answer_need(need=need, user=other_citizen, message="Jeg kan snekre.")
    client.force_login(citizen)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Jeg kan snekre." in page and other_citizen.email not in page
    client.force_login(editor)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Jeg kan snekre." in page and other_citizen.email in page


def test_an_empty_offer_shows_the_idea_again_with_the_error_at_the_field(
    client, asker, citizen, other_citizen
):
    idea = make_idea(asker, citizen, title="Benker ved elva")
    client.force_login(other_citizen)
    response = client.post(
        f"/ideer/{idea.pk}/bidra/", {"message": "   "}, HTTP_ACCEPT_LANGUAGE="nb"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Benker ved elva" in page
    assert "Skriv noen ord om hvordan du kan hjelpe." in page and 'aria-invalid="true"' in page
    assert not Answer.objects.exists()


def test_too_long_an_offer_keeps_what_was_typed(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    typed = "Jeg hjelper gjerne. " * 60
    response = client.post(f"/ideer/{idea.pk}/bidra/", {"message": typed})
    assert response.status_code == 400
    assert typed.strip() in response.content.decode()


def test_offers_on_ideas_are_rate_limited(client, asker, citizen, other_citizen):
    ideas = [make_idea(asker, citizen, title=f"Idé {i}") for i in range(11)]
    client.force_login(other_citizen)
    statuses = [client.post(f"/ideer/{i.pk}/bidra/", {"message": "Ja"}).status_code for i in ideas]
    assert statuses[:10] == [302] * 10 and statuses[10] == 400
    assert Answer.objects.count() == 10


def test_the_author_a_draft_and_a_hidden_idea_take_no_offer(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(citizen)
    assert client.post(f"/ideer/{idea.pk}/bidra/", {"message": "Meg"}).status_code == 403
    draft = make_idea(asker, citizen, submitted_at=None)
    hidden = make_idea(asker, citizen, hidden_at=timezone.now())
    client.force_login(other_citizen)
    for other in (draft, hidden):
        assert client.post(f"/ideer/{other.pk}/bidra/", {"message": "Ja"}).status_code == 404
    assert not Answer.objects.exists()


def test_anonymous_is_sent_to_log_in_and_back_to_the_idea(client, asker, citizen):
    idea = make_idea(asker, citizen)
    response = client.post(f"/ideer/{idea.pk}/bidra/", {"message": "Ja"})
    assert response.status_code == 302
    assert response["Location"] == (
        f"/konto/logg-inn/?next={idea.get_absolute_url()}&grunn=collaboration:offer_idea"
    )


def test_the_author_accepts_an_offer_on_the_general_needs_page(
    client, asker, citizen, other_citizen
):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    client.post(f"/ideer/{idea.pk}/bidra/", {"message": "Jeg kan snekre."})
    answer = Answer.objects.get()
    client.force_login(citizen)
    assert "Jeg kan snekre." in client.get(answer.need.get_absolute_url()).content.decode()
    client.post(f"/behov/svar/{answer.pk}/avgjor/", {"decision": "accept", "reply": "Takk!"})
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.ACCEPTED
    assert told(other_citizen) == ["need_reply"]


def test_an_offer_on_an_idea_tells_its_author(asker, citizen, other_citizen, sent_mail):
    idea = make_idea(asker, citizen)
    need = services.general_need(idea=idea)
    services.answer_need(need=need, user=other_citizen, message="Jeg snekrer benker.")
    assert told(citizen) == ["offer"]
    assert told(other_citizen) == []
    (message,) = sent_mail()
    assert message.to == [citizen.email] and "Jeg snekrer benker." in message.body
    assert f"/behov/{need.pk}/" in message.body


def test_an_offer_on_an_initiative_tells_the_editors_who_may_edit_it(
    asker, citizen, editor, area_editor, admin_user
):
    health = ServiceArea.objects.get(organisation=asker, slug="helse-og-inkludering")
    initiative = make_initiative(asker, service_areas=[health])
    other_staff = make_user("ansatt2@asker.kommune.no", is_staff=True, organisation=asker)
    direct = make_user("direkte@asker.kommune.no", is_staff=True, organisation=asker)
    direct.user_permissions.add(Permission.objects.get(codename="change_initiative"))
    need = services.general_need(initiative)
    services.answer_need(need=need, user=citizen, message="Jeg kan hjelpe.")
    assert told(editor) == ["offer"]
    assert told(direct) == ["offer"]
    # Not an editor of its service area, not an editor, or not working for Asker:
    assert told(area_editor) == told(other_staff) == told(admin_user) == told(citizen) == []


def test_an_offer_on_an_initiative_tells_only_its_contact_person_when_they_edit_it(
    asker, citizen, editor
):
    contact = make_editor("kontakt@asker.kommune.no", organisation=asker)
    initiative = make_initiative(asker, contact_email="Kontakt@asker.kommune.no")
    need = services.general_need(initiative)
    services.answer_need(need=need, user=citizen, message="Jeg kan hjelpe.")
    assert told(contact) == ["offer"]
    assert told(editor) == []


def test_an_offer_on_an_idea_hidden_since_is_left_out_of_the_digest(
    asker, citizen, other_citizen, sent_mail
):
    notifications.set_preferences(user=citizen, choices={"offer": Delivery.DAILY})
    shown, hidden = make_idea(asker, citizen, title="Synlig"), make_idea(asker, citizen)
    for idea, message in ((shown, "Jeg maler."), (hidden, "Jeg snekrer.")):
        need = services.general_need(idea=idea)
        services.answer_need(need=need, user=other_citizen, message=message)
    hidden.hidden_at = timezone.now()
    hidden.save()
    notifications.send_digests()
    (digest,) = sent_mail()
    assert "Jeg maler." in digest.body and "Jeg snekrer." not in digest.body


def test_the_general_needs_are_not_listed_on_bidra(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    services.answer_need(need=services.general_need(idea=idea), user=other_citizen, message="Ja")
    services.answer_need(
        need=services.general_need(make_initiative(asker)), user=other_citizen, message="Ja"
    )
    assert "Annen hjelp" not in client.get("/bidra/").content.decode()
