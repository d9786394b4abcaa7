"""Blocking an account: its log-in is refused with the reason, its sessions end, and what
it wrote is hidden from others until it is unblocked."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from conftest import PASSWORD, make_idea, make_user
from kominn.core.models import AuditEntry
from kominn.moderation import actions, services
from kominn.moderation.models import Report, Resolution
from kominn.participation.models import Comment


def blocked_login_message(reason, organisation):
    return escape(
        _(
            "This account is blocked by a moderator: %(reason)s. If you think this is wrong, "
            "write to %(email)s."
        )
        % {"reason": reason, "email": organisation.contact_email}
    )


def log_in(client, email):
    return client.post("/konto/logg-inn/", {"username": email, "password": PASSWORD})


def test_blocking_refuses_login_ends_sessions_and_hides_content(
    client, asker, citizen, other_citizen, moderator
):
    idea = make_idea(asker, citizen, "Billige klokker")
    other_idea = make_idea(asker, other_citizen, "Benker ved elva")
    comment = Comment.objects.create(idea=other_idea, author=citizen, body="Kjøp klokker nå")
    services.report(reporter=other_citizen, item=comment, reason="spam")
    client.force_login(moderator)
    response = client.post(
        f"/moderering/kontoer/{citizen.pk}/",
        {"action": "block", "block-reason": "Gjentatt reklame"},
    )
    assert response["Location"] == f"/moderering/kontoer/{citizen.pk}/"
    citizen.refresh_from_db()
    assert citizen.blocked_at is not None and citizen.blocked_reason == "Gjentatt reklame"

    # The person's open session ends at their next request, with the reason.
    person = client.__class__()
    person.force_login(citizen)
    page = person.get("/").content.decode()
    assert "_auth_user_id" not in person.session
    assert escape(_("This account is blocked by a moderator: %(reason)s") % {
        "reason": "Gjentatt reklame"}) in page  # fmt: skip

    # Logging in again is refused, with a plain explanation.
    response = log_in(person, "kari@example.no")
    assert response.status_code == 200
    assert blocked_login_message("Gjentatt reklame", asker) in response.content.decode()
    assert "_auth_user_id" not in person.session

    # What they wrote is hidden from others.
    assert "Billige klokker" not in person.get("/ideer/").content.decode()
    assert "Billige klokker" not in person.get(idea.get_absolute_url()).content.decode()
    discussion = person.get(other_idea.get_absolute_url()).content.decode()
    assert "Kjøp klokker nå" not in discussion
    assert escape(_("Hidden by a moderator: the author's account is blocked.")) in discussion
    # Reports of it are decided; the block is in the audit log.
    assert Report.objects.get().resolution == Resolution.BLOCKED
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.reason, entry.organisation) == (
        moderator, actions.BLOCK, "Gjentatt reklame", asker,
    )  # fmt: skip


def test_a_wrong_password_does_not_tell_that_an_account_is_blocked(
    client, asker, citizen, moderator
):
    make_idea(asker, citizen)
    services.block(moderator=moderator, account=citizen, reason="Reklame", organisation=asker)
    response = client.post(
        "/konto/logg-inn/", {"username": "kari@example.no", "password": "feil passord her"}
    )
    page = response.content.decode()
    assert "Reklame" not in page
    assert escape(_("Wrong e-mail address or password.")) in page


def test_blocking_needs_a_reason(client, asker, citizen, moderator):
    make_idea(asker, citizen)
    client.force_login(moderator)
    response = client.post(
        f"/moderering/kontoer/{citizen.pk}/", {"action": "block", "block-reason": ""}
    )
    assert response.status_code == 400
    assert 'id="id_block-reason_error"' in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.blocked_at is None


def test_unblocking_lets_the_person_back_in_and_shows_their_content(
    client, asker, citizen, moderator
):
    make_idea(asker, citizen, "Benker ved elva")
    services.block(moderator=moderator, account=citizen, reason="Misforståelse", organisation=asker)
    client.force_login(moderator)
    page = client.get(f"/moderering/kontoer/{citizen.pk}/").content.decode()
    assert 'value="unblock"' in page and 'value="block"' not in page
    client.post(
        f"/moderering/kontoer/{citizen.pk}/",
        {"action": "unblock", "unblock-reason": "Det var en misforståelse"},
    )
    citizen.refresh_from_db()
    assert citizen.blocked_at is None and citizen.blocked_reason == ""
    client.logout()
    assert "Benker ved elva" in client.get("/ideer/").content.decode()
    assert log_in(client, "kari@example.no").status_code == 302
    assert list(AuditEntry.objects.values_list("action", "reason")) == [
        (actions.UNBLOCK, "Det var en misforståelse"),
        (actions.BLOCK, "Misforståelse"),
    ]


def test_a_moderator_cannot_block_other_staff(client, asker, editor, moderator):
    make_idea(asker, editor)
    client.force_login(moderator)
    page = client.get(f"/moderering/kontoer/{editor.pk}/").content.decode()
    assert 'value="block"' not in page
    response = client.post(
        f"/moderering/kontoer/{editor.pk}/", {"action": "block", "block-reason": "Test"}
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert editor.blocked_at is None


def test_a_blocked_persons_reports_do_not_hide_anything(asker, citizen, other_citizen, settings):
    settings.KOMINN_REPORTS_TO_HIDE = 2
    idea = make_idea(asker, citizen)
    troll = make_user("troll@example.no")
    services.report(reporter=troll, item=idea, reason="spam")
    troll.blocked_at = idea.submitted_at
    troll.save()
    services.report(reporter=other_citizen, item=idea, reason="spam")
    idea.refresh_from_db()
    assert idea.hidden_at is None


def test_a_municipality_cannot_block_someone_who_takes_part_elsewhere(
    client, asker, citizen, moderator, admin_user
):
    from conftest import make_organisation

    baerum = make_organisation("baerum", name="Bærum kommune")
    make_idea(asker, citizen, "Idé i Asker")
    elsewhere = make_idea(baerum, citizen, "Idé i Bærum")
    Report.objects.create(organisation=baerum, reporter=moderator, idea=elsewhere, reason="spam")
    client.force_login(moderator)
    page = client.get(f"/moderering/kontoer/{citizen.pk}/").content.decode()
    assert 'value="block"' not in page
    assert "plattformadministrator" in page
    response = client.post(
        f"/moderering/kontoer/{citizen.pk}/", {"action": "block", "block-reason": "Spam"}
    )
    assert response.status_code == 403
    citizen.refresh_from_db()
    assert citizen.blocked_at is None
    # A platform administrator may, and closes only this municipality's reports.
    services.block(moderator=admin_user, account=citizen, reason="Spam", organisation=asker)
    assert Report.objects.open().filter(idea=elsewhere).exists()
