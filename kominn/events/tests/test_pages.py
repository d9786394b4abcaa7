"""The events pages, the calendar files, and creating events in the admin."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_challenge, make_initiative, make_organisation
from kominn.events.models import Event

from .helpers import make_event


def _unfold(body):
    return body.replace("\r\n ", "").split("\r\n")


@pytest.mark.django_db
def test_the_list_shows_upcoming_events_and_past_ones_on_their_own_tab(client, asker):
    make_event(asker, title="Kommende verksted")
    make_event(asker, title="Gammelt møte", days=-10)
    upcoming = client.get("/arrangementer/").content.decode()
    assert "Kommende verksted" in upcoming and "Gammelt møte" not in upcoming
    past = client.get("/arrangementer/?vis=tidligere").content.decode()
    assert "Gammelt møte" in past and "Kommende verksted" not in past


@pytest.mark.django_db
def test_events_of_a_draft_initiative_are_not_shown(client, asker):
    draft = make_initiative(asker, title="Utkast", is_published=False)
    event = make_event(asker, initiative=draft, title="Hemmelig møte")
    assert "Hemmelig møte" not in client.get("/arrangementer/").content.decode()
    assert client.get(f"/arrangementer/{event.pk}/").status_code == 404


@pytest.mark.django_db
def test_another_municipalitys_event_is_not_found(client, asker):
    other = make_organisation()
    event = make_event(other, initiative=make_initiative(other))
    for path in ("", "kalender.ics"):
        assert client.get(f"/arrangementer/{event.pk}/{path}").status_code == 404


@pytest.mark.django_db
def test_the_initiative_and_challenge_pages_list_their_events(client, asker):
    initiative = make_initiative(asker)
    challenge = make_challenge(asker)
    make_event(asker, initiative=initiative, title="Visning av ladestasjonene")
    make_event(asker, challenge=challenge, title="Sykkelverksted")
    assert "Visning av ladestasjonene" in client.get(initiative.get_absolute_url()).content.decode()
    assert "Sykkelverksted" in client.get(challenge.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_detail_page_shows_time_place_accessibility_and_places(client, asker):
    event = make_event(
        asker,
        capacity=12,
        step_free_access=True,
        hearing_loop=True,
        accessibility_notes="Heis fra parkeringskjelleren.",
        description="**Ta med** ideer.",
    )
    page = client.get(f"/arrangementer/{event.pk}/").content.decode()
    assert "Asker kulturhus, sal 2" in page
    assert "Trinnfri adkomst" in page and "Teleslynge" in page
    assert "Heis fra parkeringskjelleren." in page
    assert "12 av 12 plasser ledige" in page
    assert "<strong>Ta med</strong>" in page


@pytest.mark.django_db
def test_the_list_costs_the_same_number_of_queries_with_more_events(client, asker, citizen):
    initiative = make_initiative(asker)
    challenge = make_challenge(asker)
    make_event(asker, initiative=initiative)
    # Logged in: the page is rendered, not served from the page cache.
    client.force_login(citizen)
    client.get("/arrangementer/")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/arrangementer/").status_code == 200
        return len(queries)

    few = count()
    for number in range(15):
        make_event(
            asker,
            title=f"Møte {number}",
            initiative=initiative if number % 2 else None,
            challenge=challenge if number % 2 == 0 else None,
        )
    assert count() == few


@pytest.mark.django_db
def test_an_events_calendar_file_follows_rfc_5545(client, asker):
    event = make_event(
        asker,
        title="Verksted; mat, drikke og prat",
        place="Rådhuset, møterom 3",
        description="Linje én\nLinje to med æøå " + "x" * 120,
    )
    response = client.get(f"/arrangementer/{event.pk}/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = _unfold(raw.decode())
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    assert fields["UID"].startswith(f"event-{event.pk}@")
    assert fields["DTSTART"] == event.starts_at.astimezone(timezone.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert fields["DTEND"].endswith("Z") and fields["DTSTAMP"].endswith("Z")
    assert fields["SUMMARY"] == "Verksted\\; mat\\, drikke og prat"
    assert fields["LOCATION"] == "Rådhuset\\, møterom 3"
    assert fields["DESCRIPTION"].startswith("Linje én\\nLinje to med æøå")
    assert fields["URL"].endswith(f"/arrangementer/{event.pk}/")


@pytest.mark.django_db
def test_the_municipalitys_feed_holds_its_upcoming_events(client, asker):
    make_event(asker, title="Første")
    make_event(asker, title="Andre", days=5)
    make_event(asker, title="Ferdig", days=-3)
    other = make_organisation()
    make_event(other, initiative=make_initiative(other), title="Annen kommune")
    lines = _unfold(client.get("/arrangementer/kalender.ics").content.decode())
    summaries = [line for line in lines if line.startswith("SUMMARY:")]
    assert summaries == ["SUMMARY:Første", "SUMMARY:Andre"]


def _admin_form(initiative, **fields):
    starts = timezone.localtime() + timedelta(days=2)
    data = {
        "initiative": initiative.pk,
        "kind": "open_day",
        "title": "Åpen dag",
        "description": "",
        "starts_at_0": starts.strftime("%d.%m.%Y"),
        "starts_at_1": "18:00",
        "ends_at_0": starts.strftime("%d.%m.%Y"),
        "ends_at_1": "20:00",
        "place": "Biblioteket",
        "video_link": "",
        "capacity": "",
        "registration_open": "on",
        "status": "scheduled",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
    }
    return data | fields


@pytest.mark.django_db
def test_an_editor_creates_an_event_in_the_admin(client, asker, editor):
    initiative = make_initiative(asker)
    client.force_login(editor)
    response = client.post("/admin/events/event/add/", _admin_form(initiative))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert event.organisation == asker and event.initiative == initiative


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends_at_1": "17:00"}, "Arrangementet må slutte etter at det starter."),
        ({"starts_at_0": "01.01.2020", "ends_at_0": "01.01.2020"}, "tilbake i tid"),
        ({"video_link": "javascript:alert(1)"}, "Oppgi en gyldig nettadresse."),
        (
            {"video_link": "ftp://example.no/mote"},
            "Videolenken må begynne med http:// eller https://.",
        ),
        ({"place": ""}, "Oppgi et sted, en videolenke eller begge deler."),
    ],
)
def test_bad_input_in_the_admin_says_what_is_wrong_and_keeps_the_input(
    client, asker, editor, fields, message
):
    initiative = make_initiative(asker)
    client.force_login(editor)
    response = client.post("/admin/events/event/add/", _admin_form(initiative, **fields))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'value="Åpen dag"' in page
    assert not Event.objects.exists()
