"""The moderators' queue, and hiding, restoring and dismissing with a reason."""

import pytest
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from conftest import make_idea, make_user
from kominn.core.models import AuditEntry
from kominn.moderation import actions, services
from kominn.moderation.models import AUTO_HIDDEN_REASON, Report, Resolution
from kominn.participation import services as participation
from kominn.participation.models import Comment, IdeaEvent, IdeaEventKind


def shown(text):
    return escape(text)


def moderator_notice(reason):
    return shown(_("Hidden by a moderator: %(reason)s") % {"reason": reason})


def report(idea_or_comment, reporter, reason="spam", details=""):
    return services.report(reporter=reporter, item=idea_or_comment, reason=reason, details=details)


def test_the_queue_groups_reports_per_item_the_longest_waiting_first(
    client, asker, citizen, other_citizen, moderator
):
    old = make_idea(asker, citizen, "Billige klokker")
    new = make_idea(asker, other_citizen, "Gratis reise")
    comment = Comment.objects.create(idea=new, author=citizen, body="Dumme folk")
    report(old, other_citizen, "spam")
    report(old, make_user("tredje@example.no"), "other", "Lenker til en nettbutikk")
    report(comment, other_citizen, "offensive")
    client.force_login(moderator)
    page = client.get("/moderering/").content.decode()
    assert page.index("Billige klokker") < page.index("Dumme folk")
    assert f'href="/moderering/ideer/{new.pk}/"' not in page  # not reported itself
    assert "Lenker til en nettbutikk" in page and "Kari Nordmann" in page
    assert f'href="/moderering/ideer/{old.pk}/"' in page
    assert f'href="/moderering/kommentarer/{comment.pk}/"' in page


@pytest.mark.parametrize("count", [3, 30])
def test_the_queue_keeps_a_fixed_number_of_queries(
    client, asker, citizen, moderator, django_assert_max_num_queries, count
):
    reporters = [make_user(f"melder{n}@example.no") for n in range(2)]
    for number in range(count):
        idea = make_idea(asker, citizen, f"Idé {number}")
        comment = Comment.objects.create(idea=idea, author=citizen, body=f"Kommentar {number}")
        for person in reporters:
            report(idea, person)
            report(comment, person)
    client.force_login(moderator)
    with django_assert_max_num_queries(11):
        response = client.get("/moderering/")
    assert response.status_code == 200


def test_hiding_shows_the_reason_in_place_and_takes_the_idea_out_of_lists(
    client, asker, citizen, other_citizen, moderator
):
    idea = make_idea(asker, citizen, "Billige klokker", description="Kjøp klokker hos oss.")
    report(idea, other_citizen)
    client.force_login(moderator)
    response = client.post(
        f"/moderering/ideer/{idea.pk}/", {"action": "hide", "hide-reason": "Reklame for en butikk"}
    )
    assert response["Location"] == "/moderering/"
    client.logout()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert moderator_notice("Reklame for en butikk") in page
    assert "Billige klokker" not in page and "Kjøp klokker" not in page
    assert "Billige klokker" not in client.get("/ideer/").content.decode()
    # The author still sees the idea, with the notice.
    client.force_login(citizen)
    own = client.get(idea.get_absolute_url()).content.decode()
    assert "Kjøp klokker hos oss." in own and moderator_notice("Reklame for en butikk") in own
    report_ = Report.objects.get()
    assert (report_.resolution, report_.resolved_by) == (Resolution.HIDDEN, moderator)
    event = IdeaEvent.objects.get(idea=idea)
    assert (event.kind, event.text, event.actor) == (
        IdeaEventKind.HIDDEN, "Reklame for en butikk", moderator,
    )  # fmt: skip
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.reason, entry.target_text, entry.organisation) == (
        moderator, actions.HIDE, "Reklame for en butikk", "Billige klokker", asker,
    )  # fmt: skip


def test_hiding_needs_a_reason(client, asker, citizen, moderator):
    idea = make_idea(asker, citizen)
    client.force_login(moderator)
    response = client.post(f"/moderering/ideer/{idea.pk}/", {"action": "hide", "hide-reason": " "})
    assert response.status_code == 400
    assert 'id="id_hide-reason_error"' in response.content.decode()
    idea.refresh_from_db()
    assert idea.hidden_at is None and not AuditEntry.objects.exists()


def test_a_hidden_comment_leaves_a_notice_and_its_replies_keep_their_context(
    client, asker, citizen, other_citizen, moderator
):
    idea = make_idea(asker, other_citizen)
    comment = participation.add_comment(
        idea=idea, author=citizen, body="Naboen heter Per og bor i nr. 5"
    )
    participation.add_comment(
        idea=idea, author=other_citizen, body="Takk for svaret", parent=comment
    )
    client.force_login(moderator)
    client.post(
        f"/moderering/kommentarer/{comment.pk}/",
        {"action": "hide", "hide-reason": "Personopplysninger"},
    )
    client.logout()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert moderator_notice("Personopplysninger") in page
    assert "Naboen heter Per" not in page and "Takk for svaret" in page
    assert f'id="kommentar-{comment.pk}"' in page
    # Counts leave it out too.
    listing = client.get("/ideer/").content.decode()
    assert ngettext("%(counter)s comment", "%(counter)s comments", 1) % {"counter": 1} in listing
    # Its author and the moderators still read it.
    client.force_login(citizen)
    assert "Naboen heter Per" in client.get(idea.get_absolute_url()).content.decode()
    client.force_login(moderator)
    assert "Naboen heter Per" in client.get(idea.get_absolute_url()).content.decode()
    assert not IdeaEvent.objects.exists()  # the idea's timeline is about the idea


def test_restoring_shows_the_idea_again_and_closes_its_reports(
    client, asker, citizen, other_citizen, moderator
):
    idea = make_idea(asker, citizen, "Benker ved elva")
    report(idea, other_citizen)
    services.hide(moderator=moderator, item=idea, reason="Feil")
    report(idea, make_user("ny@example.no"))
    client.force_login(moderator)
    item_page = client.get(f"/moderering/ideer/{idea.pk}/").content.decode()
    assert 'value="restore"' in item_page
    client.post(
        f"/moderering/ideer/{idea.pk}/", {"action": "restore", "restore-reason": "Vurdert på nytt"}
    )
    idea.refresh_from_db()
    assert idea.hidden_at is None and idea.hidden_reason == ""
    assert "Benker ved elva" in client.get("/ideer/").content.decode()
    assert not Report.objects.open().exists()
    assert Report.objects.filter(resolution=Resolution.RESTORED).count() == 1
    kinds = list(IdeaEvent.objects.filter(idea=idea).values_list("kind", flat=True))
    assert kinds == [IdeaEventKind.HIDDEN, IdeaEventKind.RESTORED]
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        actions.RESTORE,
        actions.HIDE,
    ]


def test_dismissing_closes_the_reports_and_lifts_an_automatic_hiding(
    client, asker, citizen, moderator, settings
):
    settings.KOMINN_REPORTS_TO_HIDE = 2
    idea = make_idea(asker, citizen, "Benker ved elva")
    for n in range(2):
        report(idea, make_user(f"melder{n}@example.no"))
    idea.refresh_from_db()
    assert idea.hidden_reason == AUTO_HIDDEN_REASON
    client.force_login(moderator)
    client.post(f"/moderering/ideer/{idea.pk}/", {"action": "dismiss", "dismiss-reason": ""})
    idea.refresh_from_db()
    assert idea.hidden_at is None
    assert set(Report.objects.values_list("resolution", flat=True)) == {Resolution.DISMISSED}
    assert AuditEntry.objects.first().action == actions.DISMISS
    assert f"/moderering/ideer/{idea.pk}/" not in client.get("/moderering/").content.decode()


def test_dismissing_leaves_a_moderators_hiding_alone(asker, citizen, other_citizen, moderator):
    idea = make_idea(asker, citizen)
    services.hide(moderator=moderator, item=idea, reason="Reklame")
    report(idea, other_citizen)
    services.dismiss(moderator=moderator, item=idea)
    idea.refresh_from_db()
    assert idea.hidden_reason == "Reklame"


def test_the_hidden_tab_lists_hidden_content_and_blocked_accounts(
    client, asker, citizen, other_citizen, moderator
):
    idea = make_idea(asker, citizen, "Billige klokker")
    comment = Comment.objects.create(idea=idea, author=other_citizen, body="Stygt ord")
    services.hide(moderator=moderator, item=idea, reason="Reklame")
    services.hide(moderator=moderator, item=comment, reason="Språkbruk")
    services.block(
        moderator=moderator, account=citizen, reason="Gjentatt reklame", organisation=asker
    )
    client.force_login(moderator)
    page = client.get("/moderering/skjult/").content.decode()
    assert "Billige klokker" in page and "Stygt ord" in page
    assert "Kari Nordmann" in page and "Gjentatt reklame" in page
    assert f'href="/moderering/kontoer/{citizen.pk}/"' in page


def test_the_moderation_pages_render(client, asker, citizen, other_citizen, moderator):
    idea = make_idea(asker, citizen)
    comment = Comment.objects.create(idea=idea, author=citizen, body="Hei")
    report(idea, other_citizen, "other", "Dette er reklame")
    client.force_login(moderator)
    for path in [
        "/moderering/",
        "/en/moderering/",
        "/moderering/skjult/",
        f"/moderering/ideer/{idea.pk}/",
        f"/en/moderering/kommentarer/{comment.pk}/",
        f"/moderering/kontoer/{citizen.pk}/",
    ]:
        assert client.get(path).status_code == 200, path
    # Someone who has written nothing here is not an account to moderate here.
    assert client.get(f"/moderering/kontoer/{other_citizen.pk}/").status_code == 404


def test_moderators_find_the_moderation_page_from_the_idea(client, asker, citizen, moderator):
    idea = make_idea(asker, citizen)
    Comment.objects.create(idea=idea, author=citizen, body="Hei")
    client.force_login(moderator)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert f'href="/moderering/ideer/{idea.pk}/"' in page
    assert 'href="/moderering/kommentarer/' in page
