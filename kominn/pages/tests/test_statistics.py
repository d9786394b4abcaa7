"""The statistics page: the idea funnel, overall and per challenge, service area and capacity."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from conftest import make_challenge, make_idea, make_initiative, make_organisation, make_user
from kominn.organisations.models import ServiceArea
from kominn.pages import statistics
from kominn.portfolio.models import Relation, RelationType

START = timezone.now() - timedelta(days=60)


def idea(organisation, author, *, answered_after=None, status="received", **fields):
    """A submitted idea, answered `answered_after` days (a number) after it came in."""
    fields.setdefault("submitted_at", START)
    if answered_after is not None:
        fields["first_answered_at"] = START + timedelta(days=answered_after)
    return make_idea(organisation, author, status=status, **fields)


def counts(row):
    return (row.submitted, row.answered, row.taken_forward, row.put_to_use)


def table(content, caption_id):
    """The rows of one table on the page, as lists of cell texts."""
    match = re.search(rf'aria-labelledby="{caption_id}".*?</table>', content, re.S)
    assert match, f"No table labelled by {caption_id}"
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(0), re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).replace("&nbsp;", " ").strip() for cell in re.findall(
            r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S
        )]
        for row in rows[1:]
    ]  # fmt: skip


@pytest.fixture
def areas(asker):
    return {area.slug: area for area in ServiceArea.objects.filter(organisation=asker)}


def test_overall_funnel_counts_each_step_and_the_median(asker, citizen):
    idea(asker, citizen, answered_after=1, status="put_to_use")
    idea(asker, citizen, answered_after=2, status="taken_forward")
    idea(asker, citizen, answered_after=4, status="under_review")
    idea(asker, citizen, status="received")

    row = statistics.overall(asker)

    assert counts(row) == (4, 3, 2, 1)
    assert row.share_put_to_use == 25
    assert row.median_days == pytest.approx(2)  # odd number answered: the middle one


def test_median_of_an_even_number_is_the_mean_of_the_two_in_the_middle(asker, citizen):
    for days in (10, 1, 3, 2.5):
        idea(asker, citizen, answered_after=days)
    assert statistics.overall(asker).median_days == pytest.approx(2.75)


def test_median_counts_hours_as_fractions_of_a_day(asker, citizen):
    idea(asker, citizen, answered_after=0.25)
    assert statistics.overall(asker).median_days == pytest.approx(0.25)


def test_no_answered_ideas_means_no_median(asker, citizen):
    idea(asker, citizen)
    idea(asker, citizen, status="parked")
    row = statistics.overall(asker)
    assert counts(row) == (2, 0, 0, 0)
    assert row.median_days is None


def test_drafts_hidden_ideas_and_blocked_authors_are_not_counted(asker, citizen):
    blocked = make_user("blokkert@example.no", blocked_at=timezone.now())
    idea(asker, citizen, answered_after=3, status="put_to_use")
    idea(asker, citizen, answered_after=1, status="put_to_use", submitted_at=None)
    idea(asker, citizen, answered_after=1, status="put_to_use", hidden_at=timezone.now())
    idea(asker, blocked, answered_after=1, status="put_to_use")

    row = statistics.overall(asker)

    assert counts(row) == (1, 1, 1, 1)
    assert row.median_days == pytest.approx(3)


def test_other_organisations_ideas_are_not_counted(asker, citizen):
    baerum = make_organisation("baerum")
    idea(asker, citizen, answered_after=2)
    idea(baerum, citizen, answered_after=9, status="put_to_use")
    idea(baerum, citizen, answered_after=9, status="put_to_use")

    assert counts(statistics.overall(asker)) == (1, 1, 0, 0)
    assert statistics.overall(asker).median_days == pytest.approx(2)
    assert counts(statistics.overall(baerum)) == (2, 2, 2, 2)


def test_each_breakdown_has_its_own_counts_and_median(asker, citizen, areas):
    oppvekst, skoler = areas["oppvekst"], areas["skoler"]
    idea(asker, citizen, answered_after=1, status="put_to_use", service_area=oppvekst)
    idea(asker, citizen, answered_after=2, service_area=oppvekst)  # even: 1.5
    idea(asker, citizen, answered_after=7, service_area=skoler, capacity="employee")
    idea(asker, citizen, service_area=skoler, capacity="employee")
    idea(asker, citizen, capacity="business")  # no area, never answered

    with translation.override("en"):
        by_area = [
            (str(row.label), *counts(row), row.median_days)
            for row in statistics.by_service_area(asker)
        ]
        by_capacity = [
            (str(row.label), *counts(row), row.median_days) for row in statistics.by_capacity(asker)
        ]

    assert by_area == [
        ("Oppvekst", 2, 2, 1, 1, pytest.approx(1.5)),
        ("Skoler", 2, 1, 0, 0, pytest.approx(7)),
        ("No service area given", 1, 0, 0, 0, None),
    ]
    assert by_capacity == [
        ("Citizen", 2, 2, 1, 1, pytest.approx(1.5)),
        ("Employee", 2, 1, 0, 0, pytest.approx(7)),
        ("Business", 1, 0, 0, 0, None),
    ]


def test_challenges_are_listed_by_title_with_the_rest_last(asker, citizen):
    sykle = make_challenge(asker, "Hvordan får vi flere til å sykle?")
    aldre = make_challenge(asker, "Aktive eldre")
    draft = make_challenge(asker, "Et utkast")
    draft.is_published = False
    draft.save()
    idea(asker, citizen, answered_after=2, challenge=sykle, status="taken_forward")
    idea(asker, citizen, answered_after=4, challenge=sykle)
    idea(asker, citizen, challenge=aldre)
    idea(asker, citizen, answered_after=1, challenge=draft)
    idea(asker, citizen, answered_after=5)

    rows = statistics.by_challenge(asker)

    assert [row.url for row in rows] == [aldre.get_absolute_url(), sykle.get_absolute_url(), ""]
    assert [counts(row) for row in rows] == [(1, 0, 0, 0), (2, 2, 1, 0), (1, 1, 0, 0)]
    assert [row.median_days for row in rows] == [None, pytest.approx(3), pytest.approx(5)]


def test_groups_are_in_norwegian_alphabetical_order(asker, citizen):
    for name in ("Åsen", "Ørnebo", "Ærfugl", "Zebra"):
        area = ServiceArea.objects.create(organisation=asker, name=name, slug=name.lower())
        idea(asker, citizen, service_area=area)
    labels = [row.label for row in statistics.by_service_area(asker)]
    assert labels == ["Zebra", "Ærfugl", "Ørnebo", "Åsen"]


@pytest.mark.parametrize("per_group", [1, 15])
def test_page_keeps_a_fixed_number_of_queries(
    client, asker, citizen, areas, django_assert_max_num_queries, per_group
):
    challenges = [make_challenge(asker, f"Utfordring {number}") for number in range(3)]
    for number in range(per_group):
        for index, area in enumerate(list(areas.values())[:6]):
            idea(
                asker,
                citizen,
                answered_after=number % 4 or None,
                service_area=area,
                challenge=challenges[index % 3],
                capacity=["citizen", "employee", "volunteer", "business"][index % 4],
            )
    # The organisation from the host name, one query per table and one for the months;
    # seven for sharing with other municipalities (bank.sharing_figures); five for
    # collaboration (statistics.collaboration).
    with django_assert_max_num_queries(18):
        response = client.get("/statistikk/")
    assert response.status_code == 200


def test_page_shows_the_number_that_matters_and_the_tables(client, asker, citizen, areas):
    idea(asker, citizen, answered_after=1, status="put_to_use", service_area=areas["oppvekst"])
    idea(asker, citizen, answered_after=2, status="taken_forward")
    idea(asker, citizen)

    content = client.get("/statistikk/").content.decode()

    assert '<html lang="nb"' in content
    assert "<strong>33,3&nbsp;%</strong>" in content
    assert table(content, "overall-caption")[0][1:] == ["3", "2", "2", "1", "33,3 %", "1,5"]
    area_rows = table(content, "area-caption")
    assert area_rows[0] == ["Oppvekst", "1", "1", "1", "1", "100 %", "1"]
    assert area_rows[1][1:] == ["2", "1", "1", "0", "0 %", "2"]
    capacity_rows = table(content, "capacity-caption")
    assert [row[0] for row in capacity_rows] == ["Innbygger"]
    for caption_id in ("overall-caption", "challenge-caption", "area-caption"):
        assert f'<caption class="ds-sr-only" id="{caption_id}">' in content
    assert 'role="region" aria-labelledby="challenge-caption" tabindex="0"' in content


def test_page_in_english_uses_english_number_format(client, asker, citizen):
    idea(asker, citizen, answered_after=1, status="put_to_use")
    idea(asker, citizen, answered_after=2)
    idea(asker, citizen)

    response = client.get("/en/statistikk/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in content
    assert "<h1" in content and ">Statistics</h1>" in content
    assert table(content, "overall-caption")[0] == [
        "All ideas", "3", "2", "1", "1", "33.3 %", "1.5",
    ]  # fmt: skip


def test_group_without_answers_says_so(client, asker, citizen):
    idea(asker, citizen, capacity="business")
    content = client.get("/en/statistikk/").content.decode()
    assert table(content, "capacity-caption") == [
        ["Business", "1", "0", "0", "0", "0 %", "None answered yet"]
    ]


def test_page_without_ideas_says_there_is_nothing_to_count(client, asker, citizen):
    idea(asker, citizen, submitted_at=None)
    response = client.get("/en/statistikk/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "No ideas have been submitted yet" in content
    assert "<table" not in content


def test_every_page_links_the_statistics_in_the_footer(client, asker):
    content = client.get("/om/").content.decode()
    footer = content[content.index('<footer class="site-footer">') :]
    assert 'href="/statistikk/"' in footer
    assert client.get("/en/om/").content.decode().count('href="/en/statistikk/"') == 1


def test_ideas_per_month_counts_the_last_twelve_months_in_norwegian_time(asker, citizen):
    oslo = timezone.get_current_timezone()
    today = date(2026, 12, 5)
    # 23:30 UTC on 31 January is already February in Oslo.
    idea(asker, citizen, submitted_at=datetime(2026, 1, 31, 23, 30, tzinfo=UTC))
    idea(asker, citizen, submitted_at=datetime(2026, 2, 10, 12, 0, tzinfo=oslo))
    idea(asker, citizen, submitted_at=datetime(2026, 12, 1, 0, 30, tzinfo=oslo))
    idea(asker, citizen, submitted_at=datetime(2025, 12, 31, 12, 0, tzinfo=oslo))  # too old
    idea(asker, citizen, submitted_at=None)  # a draft

    months = statistics.per_month(asker, today=today)

    assert (months[0][0], months[-1][0]) == (date(2026, 1, 1), date(2026, 12, 1))
    assert len(months) == 12
    assert dict(months)[date(2026, 1, 1)] == 0
    assert dict(months)[date(2026, 2, 1)] == 2
    assert dict(months)[date(2026, 12, 1)] == 1
    assert sum(count for _month, count in months) == 3


def test_page_draws_the_funnel_and_ideas_per_month(client, asker, citizen):
    idea(asker, citizen, answered_after=1, status="put_to_use")
    idea(asker, citizen, answered_after=2, status="taken_forward")
    idea(asker, citizen, submitted_at=timezone.now())

    content = client.get("/statistikk/").content.decode()

    funnel = re.search(r'aria-labelledby="funnel-chart-title">.*?</figure>', content, re.S)[0]
    assert "Fra idé til løsning i bruk" in funnel
    assert "Av 3 innsendte ideer er 2 besvart, 2 tatt videre og 1 gjennomført: 33,3\xa0%." in funnel
    assert '<svg class="chart-bars"' in funnel and 'role="img"' in funnel
    values = re.findall(r'text-anchor="end">([^<]+)</text>', funnel)
    assert values == ["3", "2", "2", "1"]
    assert re.findall(r'width="([\d.]+%)" height="14"/>', funnel)[1::2] == [
        "100.00%", "66.67%", "66.67%", "33.33%",
    ]  # fmt: skip
    months = re.search(r'aria-labelledby="month-chart-title">.*?</figure>', content, re.S)[0]
    assert "Ideer sendt inn per måned, de siste tolv månedene" in months
    assert "3 ideer ble sendt inn fra" in months
    rows = dict(table(months, "month-chart-caption"))
    assert rows[date_format(timezone.localdate(), "F Y")] == "1"
    assert rows[date_format(timezone.localtime(START), "F Y")] == "2"
    assert len(table(months, "month-chart-caption")) == 12
    assert '<details class="chart-data">' in months


def test_statistics_tables_put_the_share_first_on_narrow_screens(client, asker, citizen):
    idea(asker, citizen, answered_after=1, status="put_to_use")
    content = client.get("/statistikk/").content.decode()
    assert 'class="ds-table funnel stack-table"' in content
    assert (
        '<td class="numeric stack-table__key" data-label="Andel gjennomført">100&nbsp;%</td>'
        in content
    )


def test_figures_are_kept_until_an_idea_changes(client, asker, citizen, django_assert_num_queries):
    kept = idea(asker, citizen, answered_after=1, status="put_to_use")
    client.force_login(citizen)  # past the page cache: only the kept figures are read
    first = client.get("/statistikk/").text
    assert table(first, "overall-caption")[0][1:3] == ["1", "1"]
    # The session, the person, the organisation and the unread notifications: no idea.
    with django_assert_num_queries(4):
        again = client.get("/statistikk/").text
    assert table(again, "overall-caption") == table(first, "overall-caption")
    # A new idea, through the form's service, counts on the next view.
    idea(asker, citizen)
    after_new = client.get("/statistikk/").text
    assert table(after_new, "overall-caption")[0][1:3] == ["2", "1"]
    # So does an idea's hiding, which moderation does.
    kept.hide("Personopplysninger")
    after_hide = client.get("/statistikk/").text
    assert table(after_hide, "overall-caption")[0][1:3] == ["1", "0"]


def test_page_shows_what_was_shared_and_taken_into_use_and_from_whom(client, asker):
    baerum = make_organisation("baerum", name="Bærum kommune")
    drammen = make_organisation("drammen", name="Drammen kommune")
    alarms = make_initiative(asker, "Digitale trygghetsalarmer", shared=True)
    make_initiative(asker, "Askers utkast", shared=True, is_published=False)
    bikes = make_initiative(baerum, "Sykkelhotell", shared=True)
    from_baerum = make_initiative(asker, "Sykkelhotell i Asker")
    draft = make_initiative(asker, "Kladd fra Drammen", is_published=False)
    in_drammen = make_initiative(drammen, "Alarmer i Drammen")
    for source, target in ((from_baerum, bikes), (draft, bikes), (in_drammen, alarms)):
        Relation.objects.create(source=source, type=RelationType.ADOPTED_FROM, target=target)
    content = client.get("/statistikk/").content.decode()
    start = content.index('id="sharing-heading"')
    section = re.sub(r"\s+", " ", content[start : content.index("</section>", start)])
    assert "<dt>Delt med andre kommuner</dt><dd>1</dd>" in section
    assert "<dt>Tatt i bruk fra andre kommuner</dt><dd>1</dd>" in section
    assert "<dt>Tatt i bruk av andre kommuner</dt><dd>1</dd>" in section
    assert "Digitale trygghetsalarmer" in section and "Askers utkast" not in section
    assert "Sykkelhotell i Asker" in section and "(fra Bærum kommune)" in section
    assert "Bærum kommune: 1 tiltak" in section  # taken from
    assert "Drammen kommune: 1 tiltak" in section  # taken by
    assert "Kladd fra Drammen" not in section
