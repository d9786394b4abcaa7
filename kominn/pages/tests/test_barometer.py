"""The innovation barometer: KS's questions answered from the register, per service area and
period, on a page and as CSV."""

import csv
import io
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import make_initiative, make_organisation
from kominn.organisations.models import Organisation, ServiceArea
from kominn.pages import statistics
from kominn.pages.tests.test_statistics import table
from kominn.portfolio.models import (
    Approach,
    Benefit,
    GainType,
    InnovationType,
    Partner,
    PartnerType,
    Phase,
    PhaseChange,
)

THIS_YEAR = timezone.localdate().year


def in_use(organisation, title, *, year, area=None, **fields):
    """An initiative moved into new practice in `year` (recorded as its PhaseChange)."""
    fields.setdefault("innovation_type", InnovationType.SERVICE)
    areas = [area] if area is not None else None
    initiative = make_initiative(
        organisation, title, phase=Phase.IMPLEMENTATION, service_areas=areas, **fields
    )
    initiative.change_phase(Phase.PRACTICE, actor=None)
    moved = timezone.make_aware(datetime(year, 6, 1, 12))
    PhaseChange.objects.filter(initiative=initiative).update(changed_at=moved)
    return initiative


def benefit(initiative, gain_type, type="quality"):
    return Benefit.objects.create(
        initiative=initiative, type=type, gain_type=gain_type, indicator="Målt", unit="antall"
    )


def answers(figures, question, row=0):
    """{answer: count} for one question and row (0: the whole municipality)."""
    found = next(t for t in figures["tables"] if t["question"].code == question)
    return {cell["answer"]: cell["count"] for cell in found["rows"][row].cells}


def area_row(figures, slug):
    rows = figures["tables"][0]["rows"]
    return next(index for index, row in enumerate(rows) if row.code == slug)


@pytest.fixture
def areas(asker):
    """Asker's service areas (not their units)."""
    found = ServiceArea.objects.filter(organisation=asker, parent=None).order_by("name")
    return {area.slug: area for area in found}


def test_an_initiative_counts_in_the_period_it_was_taken_into_use_and_not_outside(asker):
    in_use(asker, "Nylig i bruk", year=THIS_YEAR - 1)
    in_use(asker, "Lenge i bruk", year=THIS_YEAR - 5)

    recent = statistics.barometer(asker, THIS_YEAR - 2, THIS_YEAR)
    earlier = statistics.barometer(asker, THIS_YEAR - 6, THIS_YEAR - 4)

    assert recent["total"] == 1
    assert answers(recent, "innovation_type")[InnovationType.SERVICE] == 1
    assert earlier["total"] == 1


def test_only_initiatives_in_use_now_count_and_the_first_move_into_use_gives_the_year(asker):
    # Moved into practice long ago, then on to spreading this year: taken into use long ago.
    spreading = in_use(asker, "Spres nå", year=THIS_YEAR - 6)
    spreading.change_phase(Phase.SPREADING, actor=None)
    # Still being developed: not in use, whatever its dates.
    make_initiative(asker, "Under utvikling", start_date=date(THIS_YEAR, 1, 1))
    # Stopped before it was taken into use.
    make_initiative(asker, "Stoppet", phase=Phase.STOPPED, stop_reason="Virket ikke.")

    assert statistics.barometer(asker, THIS_YEAR - 2, THIS_YEAR)["total"] == 0
    assert statistics.barometer(asker, THIS_YEAR - 6, THIS_YEAR - 6)["total"] == 1


def test_without_a_phase_change_the_end_date_then_the_start_date_gives_the_year(asker):
    make_initiative(
        asker,
        "Avsluttet i fjor",
        phase=Phase.COMPLETED,
        start_date=date(THIS_YEAR - 8, 1, 1),
        end_date=date(THIS_YEAR - 1, 3, 1),
    )
    make_initiative(asker, "Ny praksis lenge", phase=Phase.PRACTICE, start_date=date(2015, 5, 1))

    assert statistics.barometer(asker, THIS_YEAR - 2, THIS_YEAR)["total"] == 1
    assert statistics.barometer(asker, 2015, 2015)["total"] == 1


def test_drafts_future_and_other_organisations_initiatives_are_not_counted(asker):
    in_use(asker, "Utkast", year=THIS_YEAR, is_published=False)
    in_use(
        asker,
        "Publiseres senere",
        year=THIS_YEAR,
        published_at=timezone.now().replace(year=THIS_YEAR + 1),
    )
    other = make_organisation("baerum", name="Bærum kommune")
    ServiceArea.objects.create(organisation=other, name="Helse", slug="helse")
    in_use(other, "Bærums tiltak", year=THIS_YEAR)

    assert statistics.barometer(asker, THIS_YEAR - 2, THIS_YEAR)["total"] == 0
    assert statistics.barometer(other, THIS_YEAR - 2, THIS_YEAR)["total"] == 1


def test_each_service_area_has_its_answers_and_a_unit_counts_in_its_area(asker, areas):
    health = ServiceArea.objects.create(organisation=asker, name="Helse og omsorg", slug="helse")
    home_care = ServiceArea.objects.create(
        organisation=asker, name="Hjemmetjenester", slug="hjemme", parent=health
    )
    school = ServiceArea.objects.create(organisation=asker, name="Skole", slug="skole")
    in_use(asker, "Trygghetsalarm", year=THIS_YEAR, area=home_care, approach=Approach.FIRST)
    in_use(asker, "Sykehjemsmat", year=THIS_YEAR, area=health, approach=Approach.ADOPTED)
    both = in_use(asker, "Felles", year=THIS_YEAR, area=school, approach=Approach.SHARED)
    both.service_areas.add(home_care)

    figures = statistics.barometer(asker, THIS_YEAR, THIS_YEAR)

    assert figures["total"] == 3
    assert answers(figures, "approach") == {"first": 1, "adopted": 1, "shared": 1}
    in_health = area_row(figures, "helse")
    assert figures["tables"][0]["rows"][in_health].total == 3
    assert answers(figures, "approach", in_health) == {"first": 1, "adopted": 1, "shared": 1}
    in_school = area_row(figures, "skole")
    assert answers(figures, "approach", in_school) == {"first": 0, "adopted": 0, "shared": 1}
    assert "hjemme" not in [row.code for row in figures["tables"][0]["rows"]]


def test_partners_and_gains_count_initiatives_once_per_answer(asker):
    first = in_use(asker, "Med partnere", year=THIS_YEAR)
    Partner.objects.create(initiative=first, name="NTNU", type=PartnerType.RESEARCH)
    Partner.objects.create(initiative=first, name="SINTEF", type=PartnerType.RESEARCH)
    Partner.objects.create(initiative=first, name="Frivilligsentralen", type=PartnerType.VOLUNTARY)
    benefit(first, GainType.QUALITY)
    benefit(first, GainType.QUALITY)
    benefit(first, GainType.EFFICIENCY, type="economic")
    second = in_use(asker, "Alene", year=THIS_YEAR)
    benefit(second, "", type="others")

    figures = statistics.barometer(asker, THIS_YEAR, THIS_YEAR)

    partners = answers(figures, "partner_type")
    assert (partners["research"], partners["voluntary"], partners["none"]) == (1, 1, 1)
    assert partners["business"] == 0
    gains = answers(figures, "gain_type")
    assert (gains["quality"], gains["efficiency"], gains["none"]) == (1, 1, 1)
    assert gains["employees"] == 0


def test_the_number_of_queries_does_not_grow_with_the_register(
    asker, areas, django_assert_num_queries
):
    def add(count):
        for number in range(count):
            area = list(areas.values())[number % len(areas)]
            initiative = in_use(asker, f"Tiltak {number}", year=THIS_YEAR, area=area)
            Partner.objects.create(initiative=initiative, name="Lag", type=PartnerType.VOLUNTARY)
            benefit(initiative, GainType.CITIZEN_INFLUENCE)

    add(2)
    with django_assert_num_queries(2):
        small = statistics.barometer(asker, THIS_YEAR - 2, THIS_YEAR)
    add(25)
    with django_assert_num_queries(2):
        large = statistics.barometer(asker, THIS_YEAR - 2, THIS_YEAR)
    assert (small["total"], large["total"]) == (2, 27)
    assert answers(large, "gain_type")["citizen_influence"] == 27


@pytest.mark.parametrize(
    ("query", "period", "problem"),
    [
        ({}, (THIS_YEAR - 2, THIS_YEAR), False),
        ({"fra": "2019", "til": "2021"}, (2019, 2021), False),
        ({"fra": "2020"}, (2020, THIS_YEAR), False),
        ({"til": "2020"}, (2018, 2020), False),
        ({"fra": "tjue"}, (THIS_YEAR - 2, THIS_YEAR), True),
        ({"fra": "٢٠٢٠"}, (THIS_YEAR - 2, THIS_YEAR), True),
        ({"fra": "2022", "til": "2020"}, (THIS_YEAR - 2, THIS_YEAR), True),
        ({"fra": "1200"}, (THIS_YEAR - 2, THIS_YEAR), True),
        ({"til": str(THIS_YEAR + 1)}, (THIS_YEAR - 2, THIS_YEAR), True),
    ],
)
def test_the_period_comes_from_the_query_string_or_is_the_last_two_years(query, period, problem):
    found, message = statistics.barometer_period(query)
    assert found == period
    assert bool(message) == problem


def test_the_page_shows_a_table_per_question_with_each_service_area(client, asker, areas):
    area = next(iter(areas.values()))
    made = in_use(asker, "Digital innsjekk", year=THIS_YEAR, area=area)
    made.innovation_type = InnovationType.PROCESS
    made.save()

    response = client.get("/statistikk/barometer/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Innovasjonsbarometer" in content
    rows = table(content, "innovation_type-caption")
    assert rows[0][:2] == ["Hele kommunen", "1"]
    assert [area.name, "1"] == rows[1][:2]
    for caption in ("approach-caption", "partner_type-caption", "gain_type-caption"):
        assert table(content, caption)[0][1] == "1"
    assert "NLOD" in content
    assert f'href="/statistikk/barometer.csv?fra={THIS_YEAR - 2}&amp;til={THIS_YEAR}"' in content


def test_the_page_shows_the_chosen_period_and_says_when_it_cannot_be_used(client, asker):
    in_use(asker, "Gammelt", year=2019)

    chosen = client.get("/statistikk/barometer/?fra=2019&til=2019").content.decode()
    assert table(chosen, "innovation_type-caption")[0][:2] == ["Hele kommunen", "1"]
    assert 'name="fra" value="2019"' in chosen

    bad = client.get("/statistikk/barometer/?fra=2023&til=2019")
    assert bad.status_code == 200
    text = bad.content.decode()
    assert 'role="alert"' in text
    assert f"Viser {THIS_YEAR - 2} til {THIS_YEAR}." in text
    assert table(text, "innovation_type-caption")[0][:2] == ["Hele kommunen", "0"]


def test_the_statistics_page_links_to_the_barometer(client, asker):
    assert 'href="/statistikk/barometer/"' in client.get("/statistikk/").content.decode()


def test_the_csv_parses_with_the_documented_columns_and_counts_the_register(client, asker, areas):
    area = next(iter(areas.values()))
    initiative = in_use(asker, "Mindre matsvinn", year=THIS_YEAR, area=area)
    benefit(initiative, GainType.EFFICIENCY, type="economic")
    in_use(asker, "Utenfor perioden", year=THIS_YEAR - 5, area=area)

    response = client.get("/statistikk/barometer.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert "\r\n" in body
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert rows[0] == statistics.BAROMETER_CSV_COLUMNS
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    first = str(THIS_YEAR - 2), str(THIS_YEAR)

    def count(service_area, question, answer):
        (found,) = [
            r
            for r in records
            if (r["service_area"], r["question"], r["answer"]) == (service_area, question, answer)
        ]
        assert (found["period_from"], found["period_to"]) == first
        return int(found["count"])

    assert count("", "total", "taken_into_use") == 1
    assert count("", "gain_type", "efficiency") == 1
    assert count("", "innovation_type", "service") == 1
    assert count(area.slug, "total", "taken_into_use") == 1
    assert count(area.slug, "partner_type", "none") == 1
    area_names = {r["service_area_name"] for r in records if r["service_area"] == area.slug}
    assert area_names == {area.name}


def test_the_csv_takes_the_period_and_refuses_one_it_cannot_read(client, asker):
    in_use(asker, "Gammelt", year=2019)
    rows = list(
        csv.reader(io.StringIO(client.get("/statistikk/barometer.csv?fra=2019&til=2019").text))
    )
    assert rows[1][:2] == ["2019", "2019"]
    assert rows[1][-1] == "1"

    bad = client.get("/statistikk/barometer.csv?fra=abc")
    assert bad.status_code == 400
    assert "fire sifre" in bad.content.decode()


def test_the_demo_barometer_counts_initiatives_taken_into_use(db):
    call_command("load_demo", stdout=StringIO())
    asker = Organisation.objects.get(slug="asker")
    # Two moved into new practice in 2024 and three completed that year.
    figures = statistics.barometer(asker, 2024, 2024)
    assert figures["total"] == 5
    approaches = {cell["answer"]: cell["count"] for cell in figures["tables"][1]["rows"][0].cells}
    assert approaches == {"first": 1, "adopted": 2, "shared": 2}
    moved = PhaseChange.objects.filter(initiative__slug="meraapent-bibliotek").get()
    assert moved.changed_at.year == 2021
    assert moved.passed_on_at is not None  # nobody is told of it now


def test_the_page_and_the_csv_cost_the_same_queries_at_any_volume(client, asker, areas, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.KOMINN_PAGE_CACHE_SECONDS = 0  # measure the work, not the page cache

    def add(count):
        for number in range(count):
            area = list(areas.values())[number % len(areas)]
            initiative = in_use(asker, f"Tiltak {number}", year=THIS_YEAR, area=area)
            benefit(initiative, GainType.QUALITY)

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    add(2)
    small = [queries("/statistikk/barometer/"), queries("/statistikk/barometer.csv")]
    add(30)
    assert [queries("/statistikk/barometer/"), queries("/statistikk/barometer.csv")] == small
