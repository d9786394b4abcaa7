"""Who may do what with initiatives and goals: a matrix of roles × actions."""

import pytest

from conftest import make_initiative, make_user
from kominn.organisations.models import ServiceArea
from kominn.portfolio import rules

ROLES = ["anonymous", "citizen", "editor", "area_editor", "other_municipality_editor", "admin"]


@pytest.fixture
def people(citizen, editor, area_editor, admin_user):
    from django.contrib.auth.models import AnonymousUser

    from conftest import make_editor, make_organisation

    baerum = make_organisation("baerum", name="Bærum kommune", hosts=["kominn.baerum.kommune.no"])
    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "editor": editor,
        "area_editor": area_editor,
        "other_municipality_editor": make_editor("redaktor@baerum.kommune.no", organisation=baerum),
        "admin": admin_user,
    }


@pytest.fixture
def school_initiative(asker):
    schools = ServiceArea.objects.get(organisation=asker, slug="skoler")
    return make_initiative(asker, "Ny skolehverdag", service_areas=[schools])


@pytest.fixture
def water_initiative(asker):
    water = ServiceArea.objects.get(organisation=asker, slug="vann-og-avlop")
    return make_initiative(asker, "Smarte vannmålere", service_areas=[water])


# role -> (create, edit in Oppvekst, edit in Vann og avløp, delete in Oppvekst,
#          edit goals, see drafts)
EXPECTED = {
    "anonymous": (False, False, False, False, False, False),
    "citizen": (False, False, False, False, False, False),
    "editor": (True, True, True, True, True, True),
    "area_editor": (True, True, False, True, False, True),
    "other_municipality_editor": (False, False, False, False, False, False),
    "admin": (True, True, True, True, True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(people, role, asker, school_initiative, water_initiative):
    user = people[role]
    actual = (
        rules.can_create_initiative(user, asker),
        rules.can_edit_initiative(user, school_initiative),
        rules.can_edit_initiative(user, water_initiative),
        rules.can_delete_initiative(user, school_initiative),
        rules.can_edit_goal(user, asker),
        rules.can_view_unpublished(user, asker),
    )
    assert actual == EXPECTED[role]


def test_a_staff_member_without_the_editor_role_may_not_edit(db, school_initiative):
    staff = make_user("it@asker.kommune.no", is_staff=True)
    assert not rules.can_edit_initiative(staff, school_initiative)


def test_a_deactivated_editor_may_not_edit(editor, school_initiative):
    editor.is_active = False
    assert not rules.can_edit_initiative(editor, school_initiative)


@pytest.mark.parametrize(
    ("role", "slug", "status"),
    [
        ("editor", "ny-skolehverdag", 200),
        ("editor", "smarte-vannmalere", 200),
        ("area_editor", "ny-skolehverdag", 200),
        ("area_editor", "smarte-vannmalere", 404),
        ("citizen", "ny-skolehverdag", 302),
    ],
)
def test_admin_change_page_follows_the_rules(
    client, people, school_initiative, water_initiative, role, slug, status
):
    initiative = school_initiative if slug == school_initiative.slug else water_initiative
    client.force_login(people[role])
    response = client.get(f"/admin/portfolio/initiative/{initiative.pk}/change/")
    # An initiative the editor may not edit is not found for them; people who are not
    # staff are sent to log in.
    assert response.status_code == status


def test_admin_list_shows_an_area_editor_only_their_initiatives(
    client, area_editor, school_initiative, water_initiative
):
    client.force_login(area_editor)
    content = client.get("/admin/portfolio/initiative/").content.decode()
    assert "Ny skolehverdag" in content
    assert "Smarte vannmålere" not in content


def test_area_editor_cannot_save_an_initiative_outside_their_areas(
    client, asker, area_editor, school_initiative
):
    water = ServiceArea.objects.get(organisation=asker, slug="vann-og-avlop")
    client.force_login(area_editor)
    url = f"/admin/portfolio/initiative/{school_initiative.pk}/change/"
    form = admin_form_data(school_initiative, service_areas=[water.pk])
    response = client.post(url, form)
    assert response.status_code == 200
    assert "Ta med minst ett av tjenesteområdene du er redaktør for." in response.content.decode()
    school_initiative.refresh_from_db()
    assert list(school_initiative.service_areas.values_list("slug", flat=True)) == ["skoler"]


def test_area_editor_cannot_delete_outside_their_areas(client, area_editor, water_initiative):
    client.force_login(area_editor)
    response = client.post(
        f"/admin/portfolio/initiative/{water_initiative.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 404
    water_initiative.refresh_from_db()


def admin_form_data(initiative, **changes):
    data = {
        "organisation": initiative.organisation_id,
        "title": initiative.title,
        "slug": initiative.slug,
        "summary": initiative.summary,
        "is_published": "on",
        "published_at_0": "2026-01-01",
        "published_at_1": "12:00:00",
        "approach": initiative.approach,
        "phase": initiative.phase,
        "service_areas": [area.pk for area in initiative.service_areas.all()],
    }
    for prefix in [
        "goalcontribution_set", "partners", "benefits", "lessons", "updates",
        "relations_from", "awards", "images", "attachments", "links",
    ]:  # fmt: skip
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    data.update(changes)
    return data


def test_admin_records_who_changed_what_and_when(client, editor, school_initiative):
    from django.contrib.admin.models import LogEntry

    client.force_login(editor)
    url = f"/admin/portfolio/initiative/{school_initiative.pk}/change/"
    response = client.post(url, admin_form_data(school_initiative, phase="implementation"))
    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=str(school_initiative.pk))
    assert entry.user == editor
    assert "Phase" in entry.get_change_message() or "Fase" in entry.get_change_message()
    history = client.get(f"/admin/portfolio/initiative/{school_initiative.pk}/history/")
    assert "Rita Redaktør" in history.content.decode()


def test_a_phase_change_in_the_admin_is_recorded_with_who_made_it(
    client, editor, school_initiative
):
    from kominn.portfolio.models import PhaseChange

    before = school_initiative.phase
    client.force_login(editor)
    url = f"/admin/portfolio/initiative/{school_initiative.pk}/change/"
    response = client.post(url, admin_form_data(school_initiative, phase="practice"))
    assert response.status_code == 302
    school_initiative.refresh_from_db()
    assert school_initiative.phase == "practice"
    change = PhaseChange.objects.get(initiative=school_initiative)
    assert (change.from_phase, change.to_phase, change.actor) == (before, "practice", editor)
    # Saving again without moving the phase records nothing more.
    client.post(url, admin_form_data(school_initiative, title="Ny skolehverdag for alle"))
    assert PhaseChange.objects.filter(initiative=school_initiative).count() == 1


def test_editor_sets_the_type_of_innovation_and_a_benefits_gain_in_the_admin(
    client, editor, school_initiative
):
    client.force_login(editor)
    url = f"/admin/portfolio/initiative/{school_initiative.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="innovation_type"' in form
    assert 'name="benefits-__prefix__-gain_type"' in form
    benefit = {
        "benefits-TOTAL_FORMS": "1",
        "benefits-0-type": "economic",
        "benefits-0-gain_type": "employees",
        "benefits-0-indicator": "Sykefravær",
        "benefits-0-unit": "prosent",
    }
    data = admin_form_data(school_initiative, innovation_type="process") | benefit
    assert client.post(url, data).status_code == 302
    school_initiative.refresh_from_db()
    assert (
        school_initiative.get_innovation_type_display()
        == "Prosess eller måte å organisere arbeidet på"
    )
    assert list(school_initiative.benefits.values_list("type", "gain_type")) == [
        ("economic", "employees")
    ]
    page = client.get(school_initiative.get_absolute_url()).content.decode()
    assert "<dt>Type innovasjon</dt><dd>Prosess eller måte å organisere arbeidet på</dd>" in page


def test_change_phase_records_each_move_and_not_a_standstill(editor, school_initiative):
    before = school_initiative.phase
    change = school_initiative.change_phase("completed", actor=editor)
    assert (change.from_phase, change.to_phase, change.actor) == (before, "completed", editor)
    assert school_initiative.change_phase("completed", actor=editor) is None
    school_initiative.refresh_from_db()
    assert school_initiative.phase == "completed"
    assert list(school_initiative.phase_changes.not_passed_on()) == [change]


def test_editors_see_links_to_edit_and_history_on_the_page(client, editor, school_initiative):
    assert (
        "Rediger i administrasjonen" not in client.get("/tiltak/ny-skolehverdag/").content.decode()
    )
    client.force_login(editor)
    content = client.get("/tiltak/ny-skolehverdag/").content.decode()
    assert f'href="/admin/portfolio/initiative/{school_initiative.pk}/change/"' in content
    assert f'href="/admin/portfolio/initiative/{school_initiative.pk}/history/"' in content


def test_area_editor_cannot_add_or_move_benefits_outside_their_areas(
    client, area_editor, school_initiative, water_initiative
):
    from kominn.portfolio.models import Benefit

    client.force_login(area_editor)
    data = {
        "initiative": water_initiative.pk, "type": "economic", "indicator": "Innsparing",
        "unit": "kroner", "measurements-TOTAL_FORMS": "0", "measurements-INITIAL_FORMS": "0",
        "measurements-MIN_NUM_FORMS": "0", "measurements-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = client.post("/admin/portfolio/benefit/add/", data)
    assert response.status_code == 200  # the form refuses the initiative
    assert not Benefit.objects.exists()
    own = Benefit.objects.create(
        initiative=school_initiative, type="economic", indicator="Innsparing", unit="kroner"
    )
    client.post(f"/admin/portfolio/benefit/{own.pk}/change/", data)
    own.refresh_from_db()
    assert own.initiative == school_initiative


def test_admin_shows_only_the_hosts_organisation(client, admin_user, school_initiative, settings):
    from conftest import make_organisation

    make_organisation("baerum", hosts=["kominn.baerum.kommune.no"])
    settings.ALLOWED_HOSTS = ["testserver", "kominn.baerum.kommune.no"]
    client.force_login(admin_user)
    on_asker = client.get("/admin/portfolio/initiative/").content.decode()
    assert "Ny skolehverdag" in on_asker
    on_baerum = client.get(
        "/admin/portfolio/initiative/", HTTP_HOST="kominn.baerum.kommune.no"
    ).content.decode()
    assert "Ny skolehverdag" not in on_baerum


def test_relations_and_goals_stay_within_the_organisation(asker, school_initiative):
    from django.core.exceptions import ValidationError

    from conftest import make_goal, make_organisation
    from kominn.portfolio.models import GoalContribution, Relation

    baerum = make_organisation("baerum")
    area = ServiceArea.objects.create(organisation=baerum, name="Skole", slug="skole")
    theirs = make_initiative(baerum, "Bærums tiltak", service_areas=[area])
    with pytest.raises(ValidationError):
        Relation(source=school_initiative, type="builds_on", target=theirs).full_clean()
    with pytest.raises(ValidationError):
        GoalContribution(initiative=school_initiative, goal=make_goal(baerum)).full_clean()
