"""The statistics page's collaboration section: needs, answers, people and events."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_initiative, make_organisation, make_user
from kominn.collaboration.models import Answer, AnswerStatus, Need, NeedStatus
from kominn.collaboration.services import general_need
from kominn.events.models import Registration
from kominn.events.tests.helpers import make_event
from kominn.pages import statistics
from kominn.pages.tests.test_statistics import table


def need(initiative, title="Testpanel", **fields):
    return Need.objects.create(
        organisation_id=initiative.organisation_id, initiative=initiative, title=title, **fields
    )


def answer(need, user, status=AnswerStatus.PENDING):
    return Answer.objects.create(need=need, user=user, message="Jeg kan.", status=status)


def sign_up(event, user, status="registered"):
    return Registration.objects.create(event=event, user=user, status=status)


def past_event(organisation, initiative, **fields):
    return make_event(organisation, initiative=initiative, days=-10, **fields)


@pytest.fixture
def activity(asker):
    """Needs, answers and events in Asker, and some in Bærum that must not count."""
    initiative = make_initiative(asker)
    kari = make_user("kari@example.no", capacity="citizen")
    ola = make_user("ola@example.no", capacity="volunteer", affiliation="Røde Kors")
    per = make_user("per@example.no", capacity="business", affiliation="Snekker AS")
    blocked = make_user("sperret@example.no", capacity="employee", blocked_at=timezone.now())
    open_need = need(initiative, "Tre innbyggere", how_many=3)
    filled = need(initiative, "En snekker", status=NeedStatus.FILLED)
    need(initiative, "Lokale", status=NeedStatus.CLOSED)
    need(initiative, "Gått ut", until=timezone.localdate() - timedelta(days=1))
    answer(open_need, kari, AnswerStatus.ACCEPTED)
    answer(open_need, blocked, AnswerStatus.ACCEPTED)
    answer(filled, per, AnswerStatus.ACCEPTED)
    answer(filled, make_user("trakk@example.no", capacity="employee"), AnswerStatus.WITHDRAWN)
    # Free offers of help go to the initiative's general need: not a need anyone posted.
    answer(general_need(initiative), make_user("fri@example.no", capacity="employee"))
    held = past_event(asker, initiative)
    sign_up(held, kari)
    sign_up(held, ola)
    sign_up(held, per, status="waiting")
    sign_up(past_event(asker, initiative, status="cancelled"), per)
    sign_up(make_event(asker, initiative=initiative, days=5), kari)
    make_event(asker, initiative=initiative, days=8)

    baerum = make_organisation("baerum", name="Bærum kommune")
    elsewhere = make_initiative(baerum, "Annet tiltak")
    answer(need(elsewhere, "Bærums behov"), make_user("b@example.no", capacity="employee"))
    sign_up(past_event(baerum, elsewhere), make_user("c@example.no", capacity="employee"))
    return initiative


def test_collaboration_counts_needs_answers_people_and_events(asker, activity):
    figures = statistics.collaboration(asker)

    assert (figures.needs_posted, figures.needs_open, figures.needs_filled) == (4, 1, 1)
    assert figures.answers_accepted == 3  # the blocked person's too: the owner accepted it
    # Kari (answer and events), Ola (event), Per (answer, and signed up though waiting);
    # not the blocked person, the one who withdrew, the general need's helper or Bærum's.
    assert figures.people == 3
    assert figures.people_by_capacity == [
        ("Innbygger", 1), ("Ansatt", 0), ("Frivillig", 1), ("Næringsliv", 1),
    ]  # fmt: skip
    assert (figures.events_held, figures.attendance, figures.attendees) == (1, 2, 2)
    assert figures.events_upcoming == 2


def test_page_shows_the_collaboration_figures(client, asker, activity):
    content = client.get("/statistikk/").content.decode()

    assert table(content, "needs-caption") == [
        ["Behov lagt ut", "4"],
        ["Åpne nå", "1"],
        ["Dekket", "1"],
        ["Tilbud om hjelp som er takket ja til", "3"],
    ]
    assert table(content, "people-chart-caption") == [
        ["Innbygger", "1"], ["Ansatt", "0"], ["Frivillig", "1"], ["Næringsliv", "1"],
    ]  # fmt: skip
    assert table(content, "events-caption") == [
        ["Arrangementer holdt", "1"],
        ["Plasser tatt på arrangementer som er holdt", "2"],
        ["Ulike personer på arrangementer som er holdt", "2"],
        ["Kommende arrangementer", "2"],
    ]
    assert "KomInn registrerer ikke hvem som faktisk kom" in content


def test_page_in_english_defines_what_is_counted(client, asker, activity):
    content = client.get("/en/statistikk/").content.decode()
    assert table(content, "needs-caption")[0] == ["Needs posted", "4"]
    assert "counted once, by what they say on their profile they take part as" in content


def test_page_without_needs_or_events_says_so(client, asker):
    content = client.get("/en/statistikk/").content.decode()
    assert "No needs have been posted and no events held yet." in content
    assert 'id="needs-caption"' not in content


def test_new_need_counts_on_the_next_view(client, asker, activity):
    assert table(client.get("/statistikk/").text, "needs-caption")[0] == ["Behov lagt ut", "4"]
    need(activity, "Enda et behov")
    assert table(client.get("/statistikk/").text, "needs-caption")[0] == ["Behov lagt ut", "5"]


@pytest.mark.parametrize("volume", [1, 12])
def test_collaboration_takes_five_queries_whatever_the_volume(asker, volume):
    initiative = make_initiative(asker)
    for number in range(volume):
        person = make_user(f"p{number}@example.no", capacity="volunteer")
        answer(need(initiative, f"Behov {number}"), person, AnswerStatus.ACCEPTED)
        sign_up(past_event(asker, initiative), person)
        make_event(asker, initiative=initiative, days=number + 1)
    with CaptureQueriesContext(connection) as queries:
        figures = statistics.collaboration(asker)
    assert len(queries) == 5
    assert (figures.needs_posted, figures.people, figures.events_held) == (volume,) * 3
