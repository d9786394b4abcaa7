"""Team updates and workshop cards are reported, hidden, restored and dismissed as ideas,
comments, needs and answers are."""

import pytest
from django.core.cache import cache

from conftest import BAERUM_HOST, make_initiative, make_moderator, make_user
from kominn.collaboration import services as collaboration
from kominn.collaboration.models import TeamMember
from kominn.core.models import AuditEntry
from kominn.events.tests.helpers import make_card, make_workshop
from kominn.moderation import actions, rules, services
from kominn.moderation.models import AUTO_HIDDEN_REASON, REPORTABLE, Report, Resolution


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def initiative(asker):
    return make_initiative(asker)


@pytest.fixture
def member(initiative, editor, citizen):
    need = collaboration.post_need(
        user=editor, initiative=initiative, title="Testpanel", how_many=3
    )
    answer = collaboration.answer_need(need=need, user=citizen, message="Jeg stiller")
    collaboration.decide(answer=answer, accept=True, by=editor)
    return TeamMember.objects.get(user=citizen).user


@pytest.fixture
def update(initiative, member):
    return collaboration.post_team_update(
        initiative=initiative, author=member, body="Kjøp billige klokker hos meg!"
    )


@pytest.fixture
def workshop(asker):
    return make_workshop(asker)


@pytest.fixture
def card(workshop, citizen):
    return make_card(workshop, citizen, text="Kjøp sykler hos meg!")


def report_url(kind, pk):
    return {
        "teamupdate": f"/tiltak/team/oppdateringer/{pk}/rapporter/",
        "card": f"/utfordringer/verksted/lapper/{pk}/rapporter/",
    }[kind]


def moderate_url(kind, pk):
    return {
        "teamupdate": f"/moderering/teamoppdateringer/{pk}/",
        "card": f"/moderering/lapper/{pk}/",
    }[kind]


def test_both_kinds_are_reportable():
    assert {"teamupdate", "card"} <= set(REPORTABLE)
    for name in ("teamupdate", "card"):
        assert Report._meta.get_field(name).null


# --- Team updates ---------------------------------------------------------------------------


def test_the_owner_reports_a_members_update_from_the_team_page(client, initiative, update, editor):
    client.force_login(editor)
    page = client.get(f"/tiltak/{initiative.slug}/team/").content.decode()
    assert f'href="{report_url("teamupdate", update.pk)}"' in page
    assert f'id="oppdatering-{update.pk}"' in page
    response = client.post(report_url("teamupdate", update.pk), {"reason": "spam"})
    assert response.status_code == 302
    assert response["Location"] == f"/tiltak/{initiative.slug}/team/#oppdatering-{update.pk}"
    reported = Report.objects.get()
    assert reported.teamupdate == update and reported.kind == "teamupdate"
    assert reported.organisation_id == initiative.organisation_id


def test_a_member_reports_another_members_update(client, initiative, update, editor):
    other = make_user("annen@example.no")
    TeamMember.objects.create(initiative=initiative, user=other)
    client.force_login(other)
    assert client.get(report_url("teamupdate", update.pk)).status_code == 200
    client.post(report_url("teamupdate", update.pk), {"reason": "other", "details": "Reklame"})
    assert Report.objects.get().teamupdate == update


def test_an_update_is_not_found_by_those_outside_the_team(client, update, other_citizen, moderator):
    # Not even a moderator finds it there: the team page is the team's alone.
    for person in (other_citizen, moderator):
        client.force_login(person)
        assert client.get(report_url("teamupdate", update.pk)).status_code == 404
        response = client.post(report_url("teamupdate", update.pk), {"reason": "spam"})
        assert response.status_code == 404
    client.logout()
    assert client.get(report_url("teamupdate", update.pk)).status_code == 302
    assert not Report.objects.exists()


def test_an_update_on_a_draft_initiative_is_not_found_by_members(client, asker, editor, citizen):
    draft = make_initiative(asker, "Utkast", is_published=False)
    TeamMember.objects.create(initiative=draft, user=citizen)
    other = make_user("annen@example.no")
    TeamMember.objects.create(initiative=draft, user=other)
    update = collaboration.post_team_update(initiative=draft, author=other, body="Hei")
    client.force_login(citizen)
    assert client.get(report_url("teamupdate", update.pk)).status_code == 404


def test_nobody_reports_their_own_update(client, update, member):
    client.force_login(member)
    response = client.post(report_url("teamupdate", update.pk), {"reason": "spam"})
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_a_moderator_hides_an_update_and_members_no_longer_see_it(
    client, initiative, update, editor, moderator
):
    report(update, editor)
    client.force_login(moderator)
    queue = client.get("/moderering/").content.decode()
    assert "Kjøp billige klokker hos meg!" in queue
    assert f'href="{moderate_url("teamupdate", update.pk)}"' in queue
    response = client.post(
        moderate_url("teamupdate", update.pk), {"action": "hide", "hide-reason": "Reklame"}
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.hidden_at is not None and update.hidden_reason == "Reklame"
    assert Report.objects.get().resolution == Resolution.HIDDEN
    entry = AuditEntry.objects.get(action=actions.HIDE)
    assert entry.target_id == update.pk and entry.organisation_id == initiative.organisation_id
    other = make_user("annen@example.no")
    TeamMember.objects.create(initiative=initiative, user=other)
    client.force_login(other)
    page = client.get(f"/tiltak/{initiative.slug}/team/").content.decode()
    assert "Kjøp billige klokker hos meg!" not in page
    # Hidden, it is reported no more.
    client.force_login(editor)
    response = client.post(report_url("teamupdate", update.pk), {"reason": "spam"})
    assert response.status_code == 403
    client.force_login(moderator)
    hidden = client.get("/moderering/skjult/").content.decode()
    assert f'href="{moderate_url("teamupdate", update.pk)}"' in hidden
    client.post(
        moderate_url("teamupdate", update.pk), {"action": "restore", "restore-reason": "Feil"}
    )
    update.refresh_from_db()
    assert update.hidden_at is None


# --- Workshop cards -------------------------------------------------------------------------


def test_a_participant_reports_a_card_from_the_workshop_page(client, workshop, card, other_citizen):
    client.force_login(other_citizen)
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert f'href="{report_url("card", card.pk)}"' in page
    response = client.post(report_url("card", card.pk), {"reason": "spam"})
    assert response.status_code == 302
    assert response["Location"] == f"{workshop.get_absolute_url()}#lapp-{card.pk}"
    reported = Report.objects.get()
    assert reported.card == card and reported.kind == "card"
    assert reported.organisation_id == workshop.organisation_id


def test_no_report_link_on_ones_own_card_nor_for_visitors(client, workshop, card, citizen):
    assert (
        report_url("card", card.pk) not in client.get(workshop.get_absolute_url()).content.decode()
    )
    client.force_login(citizen)
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert report_url("card", card.pk) not in page
    assert client.post(report_url("card", card.pk), {"reason": "spam"}).status_code == 403


def test_a_card_of_a_draft_challenge_is_not_found(client, asker, citizen, other_citizen):
    workshop = make_workshop(asker)
    workshop.challenge.is_published = False
    workshop.challenge.save()
    card = make_card(workshop, citizen)
    client.force_login(other_citizen)
    assert client.get(report_url("card", card.pk)).status_code == 404
    assert client.post(report_url("card", card.pk), {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_a_hidden_card_is_not_found_by_others(client, card, other_citizen, moderator):
    services.hide(moderator=moderator, item=card, reason="Reklame")
    client.force_login(other_citizen)
    assert client.get(report_url("card", card.pk)).status_code == 404


def test_a_moderator_hides_a_card_and_others_no_longer_see_it(
    client, workshop, card, other_citizen, moderator
):
    report(card, other_citizen)
    client.force_login(moderator)
    queue = client.get("/moderering/").content.decode()
    assert "Kjøp sykler hos meg!" in queue
    assert f'href="{moderate_url("card", card.pk)}"' in queue
    response = client.post(
        moderate_url("card", card.pk), {"action": "hide", "hide-reason": "Reklame"}
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.hidden_at is not None
    assert Report.objects.get().resolution == Resolution.HIDDEN
    client.force_login(other_citizen)
    assert "Kjøp sykler hos meg!" not in client.get(workshop.get_absolute_url()).content.decode()
    client.force_login(moderator)
    hidden = client.get("/moderering/skjult/").content.decode()
    assert f'href="{moderate_url("card", card.pk)}"' in hidden


# --- Both -------------------------------------------------------------------------------------


def report(item, reporter, reason="spam"):
    return services.report(reporter=reporter, item=item, reason=reason)


def test_enough_reports_hide_an_update_and_a_card_until_a_moderator_decides(
    settings, client, initiative, update, card, moderator
):
    settings.KOMINN_REPORTS_TO_HIDE = 2
    reporters = [make_user(f"melder{n}@example.no") for n in range(2)]
    for person in reporters:
        TeamMember.objects.create(initiative=initiative, user=person)
    for item in (update, card):
        report(item, reporters[0])
        item.refresh_from_db()
        assert item.hidden_at is None
        report(item, reporters[1])
        item.refresh_from_db()
        assert item.hidden_at is not None and item.hidden_reason == AUTO_HIDDEN_REASON
    assert AuditEntry.objects.filter(action=actions.AUTO_HIDE, actor=None).count() == 2
    client.force_login(moderator)
    for kind, item in (("teamupdate", update), ("card", card)):
        client.post(moderate_url(kind, item.pk), {"action": "dismiss", "dismiss-reason": ""})
        item.refresh_from_db()
        assert item.hidden_at is None
    assert not Report.objects.open().exists()


def test_a_moderator_of_another_municipality_does_not_find_them(client, update, card, baerum):
    report(update, make_user("melder@example.no"))
    other = make_moderator("moderator@baerum.kommune.no", organisation=baerum)
    client.force_login(other)
    host = {"HTTP_HOST": BAERUM_HOST}
    for kind, item in (("teamupdate", update), ("card", card)):
        assert client.get(moderate_url(kind, item.pk), **host).status_code == 404
        assert client.get(report_url(kind, item.pk), **host).status_code == 404
    assert "Kjøp" not in client.get("/moderering/", **host).content.decode()


def test_the_reporting_rules(update, card, member, citizen, other_citizen, editor, moderator):
    assert rules.can_report(editor, update) and not rules.can_report(member, update)
    assert rules.can_report(other_citizen, card) and not rules.can_report(citizen, card)
    services.hide(moderator=moderator, item=card, reason="X")
    assert not rules.can_report(other_citizen, card)


def test_the_account_page_lists_the_persons_updates_and_cards(client, update, card, moderator):
    client.force_login(moderator)
    page = client.get(f"/moderering/kontoer/{card.author_id}/").content.decode()
    assert f'href="{moderate_url("teamupdate", update.pk)}"' in page
    assert f'href="{moderate_url("card", card.pk)}"' in page


def test_a_blocked_members_updates_leave_the_team_page_for_the_others(
    client, initiative, update, member, editor, moderator
):
    other = make_user("annen@example.no")
    TeamMember.objects.create(initiative=initiative, user=other)
    services.block(
        moderator=moderator, account=member, reason="Spam", organisation=moderator.organisation
    )
    client.force_login(other)
    assert (
        "Kjøp billige klokker"
        not in client.get(f"/tiltak/{initiative.slug}/team/").content.decode()
    )
    assert client.get(report_url("teamupdate", update.pk)).status_code == 404
    client.force_login(editor)
    assert "Kjøp billige klokker" in client.get(f"/tiltak/{initiative.slug}/team/").content.decode()
