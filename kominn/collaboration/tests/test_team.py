"""The team of an initiative: who joins it, who sees its page, and what each person may
do there."""

import importlib

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_idea, make_initiative, make_user
from kominn.accounts import services as account_services
from kominn.accounts.services import export_personal_data as export_data
from kominn.collaboration import services
from kominn.collaboration.models import (
    Answer,
    AnswerStatus,
    TaskStatus,
    TeamFile,
    TeamMember,
    TeamTask,
    TeamUpdate,
)
from kominn.notifications.models import Notification

migration = importlib.import_module(
    "kominn.collaboration.migrations.0005_accepted_answers_join_teams"
)


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def initiative(asker):
    return make_initiative(asker)


@pytest.fixture
def member(initiative, editor, citizen):
    need = services.post_need(user=editor, initiative=initiative, title="Testpanel", how_many=3)
    answer = services.answer_need(need=need, user=citizen, message="Jeg stiller")
    services.decide(answer=answer, accept=True, by=editor)
    return TeamMember.objects.get(user=citizen)


def team_url(initiative, rest=""):
    return f"/tiltak/{initiative.slug}/team/{rest}"


# --- Joining --------------------------------------------------------------------------------


def test_accepting_an_answer_puts_the_person_on_the_team_once(initiative, editor, citizen):
    first = services.post_need(user=editor, initiative=initiative, title="Testpanel")
    second = services.post_need(user=editor, initiative=initiative, title="Fotograf")
    for need in (first, second):
        answer = services.answer_need(need=need, user=citizen, message="Ja")
        services.decide(answer=answer, accept=True, by=editor)
    member = TeamMember.objects.get()
    assert (member.initiative, member.user, member.role) == (initiative, citizen, "Testpanel")
    assert not member.show_name and not member.share_contact


def test_declined_answers_and_needs_on_ideas_make_no_members(asker, initiative, editor, citizen):
    need = services.post_need(user=editor, initiative=initiative, title="Testpanel")
    services.decide(
        answer=services.answer_need(need=need, user=citizen, message="Ja"), accept=False
    )
    idea = make_idea(asker, make_user("forfatter@example.no"))
    idea_need = services.post_need(user=idea.author, idea=idea, title="Et lokale")
    services.decide(
        answer=services.answer_need(need=idea_need, user=citizen, message="Ja"), accept=True
    )
    assert not TeamMember.objects.exists()


def test_moving_up_from_the_waiting_list_joins_the_team(initiative, editor, citizen, other_citizen):
    need = services.post_need(user=editor, initiative=initiative, title="Testpanel", how_many=1)
    first = services.answer_need(need=need, user=citizen, message="Ja")
    services.decide(answer=first, accept=True, by=editor)
    services.answer_need(need=need, user=other_citizen, message="Jeg også")
    services.withdraw(answer=first)
    assert TeamMember.objects.filter(user=other_citizen, initiative=initiative).exists()


def test_the_migration_adds_those_accepted_before(initiative, editor, citizen, other_citizen):
    need = services.post_need(user=editor, initiative=initiative, title="Testpanel", how_many=5)
    Answer.objects.create(need=need, user=citizen, message="Ja", status=AnswerStatus.ACCEPTED)
    Answer.objects.create(need=need, user=other_citizen, message="Ja", status=AnswerStatus.PENDING)
    migration.join(apps, None)
    migration.join(apps, None)  # runs again without harm
    assert list(TeamMember.objects.values_list("user", "role")) == [(citizen.pk, "Testpanel")]


# --- Who may do what --------------------------------------------------------------------------


@pytest.fixture
def people(asker, editor, area_editor, moderator, member, other_citizen):
    blocked = make_user("blokkert@example.no", display_name="Blokkert")
    TeamMember.objects.create(initiative=member.initiative, user=blocked)
    blocked.blocked_at = timezone.now()
    blocked.save()
    return {
        "anonymous": None,
        "participant": other_citizen,
        "member": member.user,
        "owner": editor,
        # Limited to Oppvekst: may not edit an initiative of another service area.
        "other editor": area_editor,
        "moderator": moderator,
        "blocked member": blocked,
    }


ALLOWED = {"member", "owner"}
LOGIN = "login"


def _status(client, user, method, url, data=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "/logg-inn/" in response["Location"]:
        return LOGIN
    return response.status_code


def _actions(initiative, member):
    task = TeamTask.objects.create(initiative=initiative, title="Lage plakat")
    update = TeamUpdate.objects.create(initiative=initiative, author=member.user, body="Hei")
    return [
        ("team page", "get", team_url(initiative), None, ALLOWED),
        (
            "post update",
            "post",
            team_url(initiative),
            {"update-body": "Hei"},
            ALLOWED,
        ),
        ("add task", "post", team_url(initiative, "oppgaver/ny/"), {"task-title": "Ny"}, ALLOWED),
        (
            "move task",
            "post",
            team_url(initiative, f"oppgaver/{task.pk}/"),
            {"status": "doing"},
            ALLOWED,
        ),
        (
            "hide update",
            "post",
            team_url(initiative, f"oppdatering/{update.pk}/skjul/"),
            {"action": "hide"},
            {"owner"},
        ),
        ("own membership", "get", team_url(initiative, "meg/"), None, {"member"}),
        ("leave (confirm)", "get", team_url(initiative, "forlat/"), None, {"member"}),
        (
            "remove (confirm)",
            "get",
            team_url(initiative, f"medlem/{member.pk}/fjern/"),
            None,
            {"owner"},
        ),
    ]


def test_permission_matrix(client, initiative, member, people):
    for name, method, url, data, allowed in _actions(initiative, member):
        for role, user in people.items():
            status = _status(client, user, method, url, data)
            if role in allowed:
                assert status in (200, 302), (name, role, status)
            elif role == "anonymous":
                assert status == LOGIN, (name, role, status)
            elif role == "blocked member":
                # A blocked account's session ends: sent to log in, or refused.
                assert status in (LOGIN, 403), (name, role, status)
            else:
                assert status == 403, (name, role, status)


def test_uploading_and_downloading_files_is_for_the_team(client, initiative, member, people):
    client.force_login(member.user)
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    response = client.post(
        team_url(initiative, "filer/ny/"), {"file-title": "Prosjektplan", "file-file": upload}
    )
    assert response.status_code == 302
    team_file = TeamFile.objects.get()
    assert team_file.file.name.startswith("team/") and "plan" not in team_file.file.name
    for role, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(team_file.file.url)
        expected = 200 if role in ALLOWED else 404
        if role == "blocked member":
            expected = response.status_code if response.status_code in (302, 404) else 404
        assert response.status_code == expected, role
        if expected == 200:
            assert "prosjektplan.pdf" in response["Content-Disposition"]
            assert "no-store" in response["Cache-Control"]
    # Others may not share files.
    for role in ("participant", "moderator", "blocked member"):
        client.force_login(people[role])
        bad = SimpleUploadedFile("x.pdf", b"%PDF", content_type="application/pdf")
        response = client.post(
            team_url(initiative, "filer/ny/"), {"file-title": "X", "file-file": bad}
        )
        assert response.status_code in ((302, 403) if role == "blocked member" else (403,))
    assert TeamFile.objects.count() == 1


def test_a_file_of_the_wrong_kind_is_refused_with_the_title_kept(client, initiative, member):
    client.force_login(member.user)
    upload = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        team_url(initiative, "filer/ny/"),
        {"file-title": "Mitt program", "file-file": upload},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="Mitt program"' in content and "Legg ved PDF" in content
    assert not TeamFile.objects.exists()


# --- What the team page shows ------------------------------------------------------------------


def test_names_and_e_mail_addresses_only_with_consent(client, initiative, member, editor):
    other = make_user("per@example.no", display_name="Per Hansen")
    TeamMember.objects.create(initiative=initiative, user=other, role="Fotograf")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "2 personer er på teamet" in page or "2 people are on the team" in page
    assert "Kari Nordmann" not in page and "Per Hansen" not in page
    client.force_login(member.user)
    team = client.get(team_url(initiative)).content.decode()
    assert "Per Hansen" in team and "per@example.no" not in team
    client.force_login(other)
    client.post(
        team_url(initiative, "meg/"),
        {"role": "Fotograf og film", "show_name": "on", "share_contact": "on"},
    )
    client.logout()
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Per Hansen (Fotograf og film)" in page and "per@example.no" not in page
    client.force_login(member.user)
    assert "per@example.no" in client.get(team_url(initiative)).content.decode()
    # The one who did not agree stays unnamed outside and unreachable inside.
    client.force_login(other)
    team = client.get(team_url(initiative)).content.decode()
    assert "kari@example.no" not in team


def test_updates_are_sanitized_newest_first_paginated_and_hidden_by_owners(
    client, initiative, member, editor
):
    client.force_login(member.user)
    client.post(
        team_url(initiative),
        {"update-body": "**Første** <script>alert(1)</script>"},
    )
    for n in range(11):
        services.post_team_update(initiative=initiative, author=member.user, body=f"Melding {n}")
    content = client.get(team_url(initiative)).content.decode()
    assert "<script>alert" not in content
    assert content.index("Melding 10") < content.index("Melding 1<") or "Melding 9" in content
    assert (
        "<strong>Første</strong>" in client.get(team_url(initiative) + "?side=2").content.decode()
    )
    update = TeamUpdate.objects.get(body="Melding 10")
    client.force_login(editor)
    client.post(team_url(initiative, f"oppdatering/{update.pk}/skjul/"), {"action": "hide"})
    update.refresh_from_db()
    assert update.hidden_at is not None
    client.force_login(member.user)
    assert "Melding 10" not in client.get(team_url(initiative)).content.decode()
    update.restore()
    assert TeamUpdate.objects.shown().filter(pk=update.pk).exists()


def test_an_empty_update_is_refused_in_norwegian(client, initiative, member):
    client.force_login(member.user)
    response = client.post(team_url(initiative), {"update-body": ""}, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 400 and "Skriv oppdateringen" in response.content.decode()


def test_tasks_are_added_assigned_and_moved_and_the_assignee_is_told(
    client, initiative, member, editor
):
    client.force_login(editor)
    response = client.post(
        team_url(initiative, "oppgaver/ny/"),
        {"task-title": "Lage plakat", "task-description": "A3", "task-assignee": member.user_id},
    )
    assert response.status_code == 302
    task = TeamTask.objects.get()
    assert task.assignee == member.user and task.status == TaskStatus.TODO
    assert Notification.objects.filter(recipient=member.user, message="collaboration.task").exists()
    client.force_login(member.user)
    client.post(team_url(initiative, f"oppgaver/{task.pk}/"), {"status": "doing"})
    task.refresh_from_db()
    assert task.status == TaskStatus.DOING and task.assignee == member.user
    client.post(team_url(initiative, f"oppgaver/{task.pk}/"), {"status": "done", "assignee": ""})
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.assignee is None
    # Only members can be given a task.
    stranger = make_user("fremmed@example.no")
    client.post(
        team_url(initiative, f"oppgaver/{task.pk}/"), {"status": "todo", "assignee": stranger.pk}
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.assignee is None
    response = client.post(
        team_url(initiative, "oppgaver/ny/"),
        {"task-title": "", "task-description": "Beholdt tekst"},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert response.status_code == 400
    assert "Beholdt tekst" in response.content.decode()
    assert "Si hva som skal gjøres" in response.content.decode()


def test_leaving_and_being_removed_take_a_confirmation(client, initiative, member, editor):
    other = make_user("per@example.no", display_name="Per Hansen")
    others = TeamMember.objects.create(initiative=initiative, user=other)
    task = TeamTask.objects.create(initiative=initiative, title="Plakat", assignee=other)
    client.force_login(editor)
    assert client.get(team_url(initiative, f"medlem/{others.pk}/fjern/")).status_code == 200
    assert TeamMember.objects.filter(pk=others.pk).exists()
    client.post(team_url(initiative, f"medlem/{others.pk}/fjern/"))
    assert not TeamMember.objects.filter(pk=others.pk).exists()
    task.refresh_from_db()
    assert task.assignee is None
    client.force_login(member.user)
    client.post(team_url(initiative, "forlat/"))
    assert not TeamMember.objects.exists()
    assert client.get(team_url(initiative)).status_code == 403


def test_a_draft_initiatives_team_is_not_found_by_members(client, asker, editor, citizen):
    draft = make_initiative(asker, "Utkast", is_published=False)
    TeamMember.objects.create(initiative=draft, user=citizen)
    client.force_login(citizen)
    assert client.get(team_url(draft)).status_code == 404
    client.force_login(editor)
    assert client.get(team_url(draft)).status_code == 200


def _fill(initiative, numbers):
    for n in numbers:
        person = make_user(f"medlem{n}@example.no", display_name=f"Medlem {n}")
        TeamMember.objects.create(initiative=initiative, user=person, share_contact=True)
        TeamTask.objects.create(
            initiative=initiative,
            title=f"Oppgave {n}",
            assignee=person,
            status=TaskStatus.values[n % 3],
        )
        services.post_team_update(initiative=initiative, author=person, body=f"Melding {n}")
        TeamFile.objects.create(
            initiative=initiative,
            title=f"Fil {n}",
            uploaded_by=person,
            file=SimpleUploadedFile(f"f{n}.pdf", b"%PDF"),
        )


@pytest.mark.parametrize("viewer", ["member", "owner"])
def test_the_team_page_and_its_tasks_have_a_fixed_number_of_queries(
    client, initiative, member, editor, viewer
):
    """The page holds the members, the task list, a page of updates and the files: the
    same number of queries with 2 of each as with 14."""
    _fill(initiative, range(1))
    client.force_login(member.user if viewer == "member" else editor)
    client.get(team_url(initiative))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(team_url(initiative)).status_code == 200
        return len(queries)

    few = count()
    _fill(initiative, range(1, 13))
    assert count() == few


# --- Personal data ----------------------------------------------------------------------------


def test_the_export_lists_memberships_updates_tasks_and_files(initiative, member):
    services.post_team_update(initiative=initiative, author=member.user, body="Min oppdatering")
    services.add_task(initiative=initiative, by=member.user, title="Min oppgave")
    data = export_data(member.user)
    assert data["team_memberships"][0]["role"] == "Testpanel"
    assert data["team_updates"][0]["update"] == "Min oppdatering"
    assert data["team_tasks"][0]["task"] == "Min oppgave"
    assert data["team_files"] == []


@pytest.mark.parametrize("keep", [True, False])
def test_deleting_the_account_leaves_every_team(initiative, member, keep):
    user = member.user
    services.post_team_update(initiative=initiative, author=user, body="Min oppdatering")
    task = services.add_task(initiative=initiative, by=user, title="Min oppgave", assignee=user)
    account_services.delete_account(user, keep_contributions=keep)
    assert not TeamMember.objects.exists()
    task.refresh_from_db()
    assert task.assignee is None
    assert TeamUpdate.objects.exists() is keep


def test_a_file_is_deleted_by_who_shared_it_or_an_owner_only(client, initiative, member, editor):
    other = make_user("per@example.no", display_name="Per Hansen")
    TeamMember.objects.create(initiative=initiative, user=other)
    shared = [
        services.share_file(
            initiative=initiative,
            by=member.user,
            title=f"Plan {n}",
            file=SimpleUploadedFile(f"plan{n}.pdf", b"%PDF-1.4"),
        )
        for n in range(2)
    ]
    client.force_login(other)
    assert client.post(team_url(initiative, f"filer/{shared[0].pk}/slett/")).status_code == 403
    client.force_login(member.user)
    assert client.post(team_url(initiative, f"filer/{shared[0].pk}/slett/")).status_code == 302
    client.force_login(editor)
    assert client.post(team_url(initiative, f"filer/{shared[1].pk}/slett/")).status_code == 302
    assert not TeamFile.objects.exists()


def test_the_task_list_shows_each_task_under_its_status(client, initiative, member):
    for status in TaskStatus.values:
        services.add_task(
            initiative=initiative, by=member.user, title=f"Oppgave {status}", status=status
        )
    client.force_login(member.user)
    page = client.get(team_url(initiative), HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    todo, doing, done = (page.index(label) for label in ("Å gjøre (1)", "Pågår (1)", "Ferdig (1)"))
    assert todo < page.index("Oppgave todo") < doing < page.index("Oppgave doing") < done
    assert "Flytt til Pågår" in page
