"""Needs ("Vi trenger") and the answers to them ("Jeg kan bidra") are reported, hidden,
restored and dismissed as ideas and comments are."""

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext as _

from conftest import make_idea, make_initiative, make_moderator, make_user
from kominn.collaboration import services as collaboration
from kominn.collaboration.models import AnswerStatus
from kominn.core.models import AuditEntry
from kominn.moderation import actions, rules, services
from kominn.moderation.models import AUTO_HIDDEN_REASON, REPORTABLE, Report, Resolution


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def initiative(asker):
    return make_initiative(asker)


@pytest.fixture
def need(initiative, editor):
    return collaboration.post_need(
        user=editor, initiative=initiative, title="Billige klokker til testpanelet", how_many=2
    )


@pytest.fixture
def answer(need, citizen):
    return collaboration.answer_need(need=need, user=citizen, message="Kjøp klokker hos meg!")


def notice(reason):
    return escape(_("Hidden by a moderator: %(reason)s") % {"reason": reason})


def report(item, reporter, reason="spam", details=""):
    return services.report(reporter=reporter, item=item, reason=reason, details=details)


def test_a_participant_reports_a_need_from_its_page(client, need, citizen):
    client.force_login(citizen)
    page = client.get(need.get_absolute_url()).content.decode()
    assert f'href="/behov/{need.pk}/rapporter/"' in page
    response = client.post(f"/behov/{need.pk}/rapporter/", {"reason": "spam"})
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    reported = Report.objects.get()
    assert reported.need == need and reported.item == need and reported.kind == "need"
    assert reported.organisation_id == need.organisation_id


def test_the_owner_reports_an_answer_where_answers_are_shown(client, need, answer, editor):
    client.force_login(editor)
    page = client.get(need.get_absolute_url()).content.decode()
    assert f'href="/behov/svar/{answer.pk}/rapporter/"' in page
    response = client.post(
        f"/behov/svar/{answer.pk}/rapporter/", {"reason": "other", "details": "Reklame"}
    )
    assert response.status_code == 302
    assert Report.objects.get().answer == answer


def test_an_answer_is_not_reported_by_those_who_do_not_see_it(client, need, answer, other_citizen):
    client.force_login(other_citizen)
    assert client.get(f"/behov/svar/{answer.pk}/rapporter/").status_code == 404
    assert client.post(f"/behov/svar/{answer.pk}/rapporter/", {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_nobody_reports_their_own_need_or_answer(client, need, answer, editor, citizen):
    client.force_login(editor)
    assert client.post(f"/behov/{need.pk}/rapporter/", {"reason": "spam"}).status_code == 403
    client.force_login(citizen)
    assert client.post(f"/behov/svar/{answer.pk}/rapporter/", {"reason": "spam"}).status_code == 403
    assert not Report.objects.exists()


def test_a_report_names_exactly_one_thing(need, answer, asker, citizen):
    idea = make_idea(asker, citizen)
    for items in [{}, {"need": need, "answer": answer}, {"idea": idea, "need": need}]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Report.objects.create(organisation=asker, reporter=citizen, reason="spam", **items)


def test_every_reportable_kind_has_its_field_on_the_report():
    assert set(REPORTABLE) == {"idea", "comment", "need", "answer", "teamupdate", "card"}
    for name in REPORTABLE:
        assert Report._meta.get_field(name).null


def test_the_queue_shows_needs_and_answers_with_their_reports(
    client, need, answer, other_citizen, editor, moderator
):
    report(need, other_citizen, "other", "Ser ut som reklame")
    report(answer, editor, "spam")
    client.force_login(moderator)
    page = client.get("/moderering/").content.decode()
    assert "Ser ut som reklame" in page and "Kjøp klokker hos meg!" in page
    assert f'href="/moderering/behov/{need.pk}/"' in page
    assert f'href="/moderering/svar/{answer.pk}/"' in page


@pytest.mark.parametrize("count", [2, 20])
def test_the_queue_keeps_a_fixed_number_of_queries_with_needs_and_answers(
    client, asker, editor, citizen, moderator, django_assert_max_num_queries, count
):
    initiative = make_initiative(asker, "Et tiltak med mange behov")
    reporter = make_user("melder@example.no")
    for number in range(count):
        need = collaboration.post_need(user=editor, initiative=initiative, title=f"Behov {number}")
        answer = collaboration.answer_need(need=need, user=citizen, message=f"Svar {number}")
        report(need, reporter)
        report(answer, reporter)
    client.force_login(moderator)
    with django_assert_max_num_queries(13):
        response = client.get("/moderering/")
    assert response.status_code == 200


def test_a_hidden_need_vanishes_from_bidra_and_its_initiative(
    client, need, initiative, moderator, other_citizen
):
    client.force_login(moderator)
    response = client.post(
        f"/moderering/behov/{need.pk}/", {"action": "hide", "hide-reason": "Reklame"}
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.hidden_at is not None and need.hidden_reason == "Reklame"
    client.force_login(other_citizen)
    assert need.title not in client.get("/bidra/").content.decode()
    assert need.title not in client.get(initiative.get_absolute_url()).content.decode()
    hidden_page = client.get(need.get_absolute_url())
    assert hidden_page.status_code == 404
    assert notice("Reklame") in hidden_page.content.decode()
    assert need.title not in hidden_page.content.decode()
    # Nobody answers a hidden need.
    answered = client.post(f"/behov/{need.pk}/bidra/", {"message": "Jeg kan"})
    assert answered.status_code == 403


def test_the_owner_still_sees_their_hidden_need_with_the_notice(client, need, editor):
    services.hide(moderator=make_moderator(organisation=need.organisation), item=need, reason="X")
    client.force_login(editor)
    page = client.get(need.get_absolute_url())
    assert page.status_code == 200
    assert need.title in page.content.decode()
    assert notice("X") in page.content.decode()


def test_restoring_a_need_shows_it_again_and_is_audited(client, need, moderator, other_citizen):
    report(need, other_citizen)
    services.hide(moderator=moderator, item=need, reason="Reklame")
    client.force_login(moderator)
    client.post(f"/moderering/behov/{need.pk}/", {"action": "restore", "restore-reason": "Feil"})
    need.refresh_from_db()
    assert need.hidden_at is None
    assert need.title in client.get("/bidra/").content.decode()
    entries = AuditEntry.objects.filter(target_id=need.pk).order_by("created_at", "pk")
    assert [entry.action for entry in entries] == [actions.HIDE, actions.RESTORE]
    assert all(entry.organisation_id == need.organisation_id for entry in entries)
    assert Report.objects.get().resolution == Resolution.HIDDEN


def test_a_hidden_answer_vanishes_from_the_owners_list(client, need, answer, editor, moderator):
    client.force_login(moderator)
    response = client.post(
        f"/moderering/svar/{answer.pk}/", {"action": "hide", "hide-reason": "Reklame"}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.hidden_at is not None
    entry = AuditEntry.objects.get(action=actions.HIDE)
    assert entry.organisation_id == need.organisation_id and entry.target_id == answer.pk
    client.force_login(editor)
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Kjøp klokker hos meg!" not in page
    # The moderators still read it, marked hidden.
    client.force_login(moderator)
    page = client.get(f"/moderering/svar/{answer.pk}/").content.decode()
    assert "Kjøp klokker hos meg!" in page and notice("Reklame") in page


def test_its_writer_sees_their_hidden_answer_with_the_notice(client, need, answer, citizen):
    services.hide(moderator=make_moderator(organisation=need.organisation), item=answer, reason="X")
    client.force_login(citizen)
    page = client.get(need.get_absolute_url()).content.decode()
    assert notice("X") in page


def test_enough_reports_hide_a_need_and_an_answer_until_a_moderator_decides(
    settings, client, need, answer, moderator
):
    settings.KOMINN_REPORTS_TO_HIDE = 2
    reporters = [make_user(f"melder{n}@example.no") for n in range(2)]
    for item in (need, answer):
        report(item, reporters[0])
        item.refresh_from_db()
        assert item.hidden_at is None
        report(item, reporters[1])
        item.refresh_from_db()
        assert item.hidden_at is not None and item.hidden_reason == AUTO_HIDDEN_REASON
    assert AuditEntry.objects.filter(action=actions.AUTO_HIDE, actor=None).count() == 2
    # Dismissing lifts the automatic hiding.
    client.force_login(moderator)
    client.post(f"/moderering/svar/{answer.pk}/", {"action": "dismiss", "dismiss-reason": ""})
    answer.refresh_from_db()
    assert answer.hidden_at is None
    assert set(Report.objects.filter(answer=answer).values_list("resolution", flat=True)) == {
        Resolution.DISMISSED
    }
    assert Report.objects.open().filter(need=need).count() == 2


def test_the_hidden_list_shows_hidden_needs_and_answers(client, need, answer, moderator):
    services.hide(moderator=moderator, item=need, reason="Reklame")
    services.hide(moderator=moderator, item=answer, reason="Spam")
    client.force_login(moderator)
    page = client.get("/moderering/skjult/").content.decode()
    assert f'href="/moderering/behov/{need.pk}/"' in page
    assert f'href="/moderering/svar/{answer.pk}/"' in page


def test_blocking_closes_the_reports_of_the_persons_answers(answer, editor, moderator, citizen):
    report(answer, editor)
    services.block(
        moderator=moderator, account=citizen, reason="Spam", organisation=moderator.organisation
    )
    assert Report.objects.get().resolution == Resolution.BLOCKED


def test_a_waiting_hidden_answer_does_not_move_up(need, editor, citizen, other_citizen, moderator):
    first = collaboration.answer_need(need=need, user=citizen, message="En")
    second = collaboration.answer_need(need=need, user=other_citizen, message="To")
    collaboration.decide(answer=first, accept=True)
    third_person = make_user("tredje@example.no")
    third = collaboration.answer_need(need=need, user=third_person, message="Tre")
    collaboration.decide(answer=third, accept=True)
    second.refresh_from_db()
    assert second.status == AnswerStatus.WAITING
    services.hide(moderator=moderator, item=second, reason="Spam")
    collaboration.withdraw(answer=first)
    second.refresh_from_db()
    assert second.status == AnswerStatus.PENDING


def test_a_moderator_of_another_municipality_does_not_find_it(client, need, answer, baerum):
    other = make_moderator("moderator@baerum.kommune.no", organisation=baerum)
    client.force_login(other)
    host = {"HTTP_HOST": "kominn.baerum.kommune.no"}
    assert client.get(f"/moderering/behov/{need.pk}/", **host).status_code == 404
    assert client.get(f"/moderering/svar/{answer.pk}/", **host).status_code == 404


def test_only_moderators_moderate_needs(need, answer, editor, citizen, moderator):
    assert rules.can_moderate(moderator, need.organisation)
    assert not rules.can_moderate(editor, need.organisation)
    assert not rules.can_moderate(citizen, need.organisation)


def test_the_account_page_lists_the_persons_answers_and_they_can_be_blocked(
    client, answer, citizen, moderator
):
    client.force_login(moderator)
    page = client.get(f"/moderering/kontoer/{citizen.pk}/").content.decode()
    assert f'href="/moderering/svar/{answer.pk}/"' in page
    services.block(
        moderator=moderator, account=citizen, reason="Spam", organisation=moderator.organisation
    )
    hidden = client.get("/moderering/skjult/").content.decode()
    assert f'href="/moderering/kontoer/{citizen.pk}/"' in hidden


def test_the_need_page_with_report_links_keeps_its_queries_as_answers_grow(
    client, initiative, editor
):
    counts = []
    for size in (2, 12):
        need = collaboration.post_need(
            user=editor, initiative=initiative, title=f"Behov {size}", how_many=100
        )
        for number in range(size):
            person = make_user(f"svar{size}-{number}@example.no")
            collaboration.answer_need(need=need, user=person, message=f"Svar {number}")
        client.force_login(editor)
        client.get(need.get_absolute_url())  # warm caches (site, organisation)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(need.get_absolute_url()).content.decode()
        # A report link on each answer; none on one's own need.
        assert page.count("/rapporter/") == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
