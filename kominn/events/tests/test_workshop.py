"""The workshop on a challenge: cards, groups, votes, and the ideas it ends in."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_challenge, make_organisation, make_user
from kominn.core import ratelimit
from kominn.core.models import AuditEntry
from kominn.events import services
from kominn.events.models import Card, CardGroup, EventKind, Vote, Workshop
from kominn.participation.models import Idea

from .helpers import make_card, make_event, make_workshop


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def _url(workshop, action=""):
    return f"{workshop.get_absolute_url()}{action}"


@pytest.mark.django_db
def test_the_page_shows_the_cards_in_their_groups_with_their_votes(client, asker, citizen):
    workshop = make_workshop(asker)
    group = CardGroup.objects.create(workshop=workshop, name="Parkering")
    grouped = make_card(workshop, citizen, "Tak over sykkelstativene", group=group)
    make_card(workshop, citizen, "Flere bysykler")
    Vote.objects.create(workshop=workshop, card=grouped, user=citizen)
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert "Parkering" in page and "Ikke i en gruppe" in page
    assert page.index("Tak over sykkelstativene") < page.index("Flere bysykler")
    assert "1 stemme" in page and "0 stemmer" in page
    assert workshop.get_absolute_url() == (
        f"/utfordringer/{workshop.challenge.slug}/verksted/{workshop.pk}/"
    )


@pytest.mark.django_db
def test_a_participant_posts_a_card_while_the_workshop_is_open(client, asker, citizen):
    workshop = make_workshop(asker)
    client.force_login(citizen)
    response = client.post(
        _url(workshop, "lapp/"), {"text": "  Lys langs sykkelveien  ", "consent_credit": "on"}
    )
    assert response.status_code == 302
    card = Card.objects.get()
    assert (card.author, card.text, card.consent_credit) == (
        citizen,
        "Lys langs sykkelveien",
        True,
    )
    assert "Lys langs sykkelveien" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_a_card_that_is_too_long_keeps_the_text_and_says_why(client, asker, citizen):
    workshop = make_workshop(asker)
    client.force_login(citizen)
    text = "lang " * 70
    response = client.post(_url(workshop, "lapp/"), {"text": text})
    page = response.content.decode()
    assert response.status_code == 400
    assert "300 tegn" in page
    assert text.strip()[:100] in page
    assert not Card.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hours", "message"),
    [((1, 3), "ikke åpnet ennå"), ((-3, -1), "er stengt")],
)
def test_outside_the_window_posting_and_voting_are_closed(
    client, asker, citizen, other_citizen, hours, message
):
    workshop = make_workshop(asker, hours=hours)
    card = make_card(workshop, other_citizen)
    client.force_login(citizen)
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert message in page
    assert 'name="consent_credit"' not in page and "/stem/" not in page
    response = client.post(_url(workshop, "lapp/"), {"text": "For sent"}, follow=True)
    assert message in response.content.decode()
    response = client.post(_url(workshop, f"lapper/{card.pk}/stem/"), {"vote": "1"}, follow=True)
    assert message in response.content.decode()
    assert not Vote.objects.exists() and Card.objects.count() == 1


@pytest.mark.django_db
def test_a_person_spends_no_more_than_their_votes_and_may_take_one_back(
    client, asker, citizen, other_citizen
):
    workshop = make_workshop(asker, votes_per_person=2)
    cards = [make_card(workshop, other_citizen, f"Lapp {number}") for number in range(3)]
    client.force_login(citizen)
    for card in cards:
        client.post(_url(workshop, f"lapper/{card.pk}/stem/"), {"vote": "1"})
    assert Vote.objects.filter(user=citizen).count() == 2
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert "Du har 0 av 2 stemmer igjen" in page
    response = client.post(
        _url(workshop, f"lapper/{cards[2].pk}/stem/"), {"vote": "1"}, follow=True
    )
    assert "brukt alle de 2 stemmene" in response.content.decode()
    # Voting twice on one card is one vote.
    client.post(_url(workshop, f"lapper/{cards[0].pk}/stem/"), {"vote": "1"})
    assert Vote.objects.filter(user=citizen).count() == 2
    client.post(_url(workshop, f"lapper/{cards[0].pk}/stem/"), {"vote": "0"})
    client.post(_url(workshop, f"lapper/{cards[2].pk}/stem/"), {"vote": "1"})
    assert set(Vote.objects.filter(user=citizen).values_list("card", flat=True)) == {
        cards[1].pk,
        cards[2].pk,
    }


@pytest.mark.django_db
def test_staff_group_move_and_hide_cards(client, asker, editor, citizen, other_citizen):
    workshop = make_workshop(asker)
    card = make_card(workshop, citizen, "Et upassende forslag")
    client.force_login(editor)
    assert client.post(_url(workshop, "grupper/"), {"name": "Trygghet"}).status_code == 302
    group = CardGroup.objects.get(workshop=workshop)
    # A second group with the same name is refused, with the name kept.
    response = client.post(_url(workshop, "grupper/"), {"name": "trygghet"})
    assert response.status_code == 400
    assert "har allerede en gruppe" in response.content.decode()
    client.post(_url(workshop, f"lapper/{card.pk}/flytt/"), {"group": group.pk})
    card.refresh_from_db()
    assert card.group == group
    client.post(_url(workshop, f"lapper/{card.pk}/skjul/"), {"reason": "Personangrep"})
    card.refresh_from_db()
    assert card.hidden_at is not None and card.hidden_reason == "Personangrep"
    assert AuditEntry.objects.filter(
        actor=editor, action="hide", reason="Personangrep", organisation=asker
    ).exists()
    # Others no longer see it, nor vote on it; its author and staff see it, marked hidden.
    client.force_login(other_citizen)
    assert "Et upassende forslag" not in client.get(workshop.get_absolute_url()).content.decode()
    response = client.post(_url(workshop, f"lapper/{card.pk}/stem/"), {"vote": "1"})
    assert response.status_code == 403
    client.force_login(citizen)
    assert "Et upassende forslag" in client.get(workshop.get_absolute_url()).content.decode()
    client.force_login(editor)
    client.post(_url(workshop, f"lapper/{card.pk}/skjul/"), {"restore": "1"})
    card.refresh_from_db()
    assert card.hidden_at is None


@pytest.mark.django_db
def test_a_participant_cannot_group_hide_or_finish(client, asker, citizen):
    workshop = make_workshop(asker)
    card = make_card(workshop, citizen)
    client.force_login(citizen)
    for action, data in [
        ("grupper/", {"name": "Min gruppe"}),
        (f"lapper/{card.pk}/flytt/", {"group": ""}),
        (f"lapper/{card.pk}/skjul/", {"reason": "Nei"}),
        ("avslutt/", {"cards": [card.pk]}),
    ]:
        assert client.post(_url(workshop, action), data).status_code == 403, action
    assert not CardGroup.objects.exists() and not Idea.objects.exists()


@pytest.mark.django_db
def test_finishing_turns_the_chosen_cards_into_ideas_credited_only_with_consent(
    client, asker, editor, citizen, other_citizen
):
    workshop = make_workshop(asker)
    named = make_card(workshop, citizen, "Sykkelvei langs fjorden", consent_credit=True)
    unnamed = make_card(workshop, other_citizen, "Sykkelverksted på skolen")
    left = make_card(workshop, other_citizen, "Ikke valgt")
    client.force_login(editor)
    response = client.post(_url(workshop, "avslutt/"), {"cards": [named.pk, unnamed.pk]})
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.state() == "finished" and workshop.finished_by == editor
    assert AuditEntry.objects.filter(actor=editor, action="finish_workshop").count() == 1
    named.refresh_from_db()
    unnamed.refresh_from_db()
    left.refresh_from_db()
    assert left.idea is None
    assert named.idea.author == citizen and named.idea.credit_author
    assert named.idea.challenge == workshop.challenge and not named.idea.is_draft
    # Without consent the municipality sends it in: the author's name is on nothing public.
    assert unnamed.idea.author == editor and not unnamed.idea.credit_author
    idea_page = client.get(unnamed.idea.get_absolute_url(), follow=True).content.decode()
    assert "Ola Nordmann" not in idea_page
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert named.idea.get_absolute_url() in page and "Ferdig" in page
    # Finished: no more cards, votes, or a second finishing.
    client.force_login(citizen)
    client.post(_url(workshop, "lapp/"), {"text": "Etter slutt"})
    assert not Card.objects.filter(text="Etter slutt").exists()
    client.force_login(editor)
    client.post(_url(workshop, "avslutt/"), {"cards": [left.pk]})
    assert Idea.objects.count() == 2


@pytest.mark.django_db
def test_finishing_without_a_card_chosen_says_so(client, asker, editor, citizen):
    workshop = make_workshop(asker)
    make_card(workshop, citizen)
    client.force_login(editor)
    response = client.post(_url(workshop, "avslutt/"), {})
    assert response.status_code == 400
    assert "Velg minst én lapp" in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.finished_at is None


@pytest.mark.django_db
def test_the_challenge_and_the_event_link_to_the_workshop(client, asker):
    challenge = make_challenge(asker)
    event = make_event(asker, challenge=challenge, kind=EventKind.WORKSHOP, title="Verkstedkveld")
    workshop = make_workshop(asker, challenge=challenge, event=event, title="Lappeverksted")
    assert workshop.get_absolute_url() in client.get(challenge.get_absolute_url()).content.decode()
    event_page = client.get(event.get_absolute_url()).content.decode()
    assert workshop.get_absolute_url() in event_page
    assert event.get_absolute_url() in client.get(workshop.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_workshop_is_tied_only_to_a_workshop_event_on_its_challenge(asker):
    from django.core.exceptions import ValidationError

    challenge = make_challenge(asker)
    meeting = make_event(asker, challenge=challenge)
    elsewhere = make_event(asker, challenge=make_challenge(asker, "Annen"), kind="workshop")
    for event in (meeting, elsewhere):
        workshop = Workshop(
            organisation=asker,
            challenge=challenge,
            event=event,
            title="Verksted",
            opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(hours=1),
        )
        with pytest.raises(ValidationError) as error:
            workshop.full_clean()
        assert "event" in error.value.message_dict


@pytest.mark.django_db
def test_posting_cards_and_voting_are_rate_limited(client, asker, citizen, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, "card", (2, 100))
    monkeypatch.setitem(ratelimit.LIMITS, "vote", (2, 100))
    workshop = make_workshop(asker, votes_per_person=10)
    client.force_login(citizen)
    for number in range(3):
        response = client.post(_url(workshop, "lapp/"), {"text": f"Lapp {number}"})
    assert response.status_code == 400
    assert "mange lapper" in response.content.decode()
    assert Card.objects.count() == 2
    card = Card.objects.first()
    for wanted in ("1", "0", "1"):
        response = client.post(
            _url(workshop, f"lapper/{card.pk}/stem/"), {"vote": wanted}, follow=True
        )
    assert "stemt mange ganger" in response.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_another_municipalitys_workshop_is_not_found(client, asker, citizen):
    other = make_organisation()
    workshop = make_workshop(other, challenge=make_challenge(other, "Annen kommune"))
    card = make_card(workshop, citizen)
    client.force_login(citizen)
    base = workshop.get_absolute_url()
    assert client.get(base).status_code == 404
    for action in (
        "lapp/",
        "grupper/",
        "avslutt/",
        *(f"lapper/{card.pk}/{verb}/" for verb in ("stem", "flytt", "skjul")),
    ):
        assert client.post(base + action, {"text": "x", "vote": "1"}).status_code == 404, action
    # Nor through a challenge of this municipality.
    here = make_challenge(asker, "Her")
    assert client.get(f"/utfordringer/{here.slug}/verksted/{workshop.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_draft_challenges_workshop_is_not_found(client, asker, citizen):
    challenge = make_challenge(asker)
    challenge.is_published = False
    challenge.save()
    workshop = make_workshop(asker, challenge=challenge)
    client.force_login(citizen)
    assert client.get(workshop.get_absolute_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("staff", [False, True])
def test_the_page_costs_the_same_number_of_queries_with_more_cards(
    client, asker, citizen, editor, staff
):
    workshop = make_workshop(asker)
    group = CardGroup.objects.create(workshop=workshop, name="Først")
    make_card(workshop, citizen, group=group)
    client.force_login(editor if staff else citizen)
    client.get(workshop.get_absolute_url())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(workshop.get_absolute_url()).status_code == 200
        return len(queries)

    few = count()
    for number in range(20):
        author = make_user(f"lapp{number}@example.no")
        group = CardGroup.objects.create(workshop=workshop, name=f"Gruppe {number}")
        card = make_card(workshop, author, f"Lapp {number}", group=group if number % 2 else None)
        Vote.objects.create(workshop=workshop, card=card, user=author)
        if number % 5 == 0:
            card.hide("Test", by=editor)
    assert count() == few


@pytest.mark.django_db
def test_cards_and_votes_are_in_the_persons_data(asker, citizen, other_citizen):
    from kominn.accounts.personal_data import export

    workshop = make_workshop(asker)
    card = make_card(workshop, citizen, "Min lapp", consent_credit=True)
    theirs = make_card(workshop, other_citizen, "Andres lapp")
    services.set_vote(workshop=workshop, card=theirs, user=citizen, vote=True)
    data = export(citizen)
    assert data["workshop_cards"] == [
        {
            "workshop": workshop.title,
            "text": "Min lapp",
            "name_may_stand_on_the_idea": True,
            "posted": card.created_at.isoformat(),
            "hidden": None,
        }
    ]
    assert data["workshop_votes"][0]["card"] == "Andres lapp"


@pytest.mark.django_db
def test_deleting_an_account_takes_its_cards_and_votes_unless_it_keeps_contributions(
    asker, citizen, other_citizen
):
    from kominn.accounts.personal_data import erase

    workshop = make_workshop(asker)
    make_card(workshop, citizen, "Min lapp")
    theirs = make_card(workshop, other_citizen, "Andres lapp")
    services.set_vote(workshop=workshop, card=theirs, user=citizen, vote=True)
    erase(citizen, keep_contributions=True)
    assert Card.objects.filter(author=citizen).exists()
    assert Vote.objects.filter(user=citizen).exists()
    erase(citizen, keep_contributions=False)
    assert not Card.objects.filter(author=citizen).exists()
    assert not Vote.objects.filter(user=citizen).exists()
