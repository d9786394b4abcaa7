"""The audit log: written by every moderation action, read by superusers in the admin."""

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType

from conftest import make_idea
from kominn.core import audit
from kominn.core.models import AuditEntry
from kominn.moderation import actions, services
from kominn.participation.models import Comment, Idea


def test_record_names_the_target_and_its_organisation(asker, citizen, editor):
    idea = make_idea(asker, citizen, "Benker ved elva")
    comment = Comment.objects.create(idea=idea, author=citizen, body="Godt forslag")
    entry = audit.record(actor=editor, action="idea_status", target=idea, reason="Tatt videre")
    assert entry.target_type == ContentType.objects.get_for_model(Idea)
    assert (entry.target_id, entry.target_text, entry.organisation) == (
        idea.pk, "Benker ved elva", asker,
    )  # fmt: skip
    assert audit.record(actor=editor, action="x", target=comment).organisation == asker
    assert audit.record(actor=None, action="x", target=None, organisation=asker).target_id is None
    assert audit.action_label("idea_status") != "idea_status"
    assert audit.action_label("something_new") == "something_new"


def test_every_moderation_action_is_audited(asker, citizen, other_citizen, moderator):
    idea = make_idea(asker, citizen)
    services.report(reporter=other_citizen, item=idea, reason="spam")
    services.hide(moderator=moderator, item=idea, reason="Reklame")
    services.restore(moderator=moderator, item=idea, reason="Feil")
    services.dismiss(moderator=moderator, item=idea)
    services.block(moderator=moderator, account=citizen, reason="Reklame", organisation=asker)
    services.unblock(moderator=moderator, account=citizen, organisation=asker)
    logged = list(AuditEntry.objects.order_by("pk").values_list("action", "actor"))
    assert logged == [
        (actions.HIDE, moderator.pk),
        (actions.RESTORE, moderator.pk),
        (actions.DISMISS, moderator.pk),
        (actions.BLOCK, moderator.pk),
        (actions.UNBLOCK, moderator.pk),
    ]


def test_superusers_read_the_audit_log_and_the_admin_log_but_change_nothing(
    client, asker, citizen, admin_user, moderator
):
    idea = make_idea(asker, citizen, "Benker ved elva")
    services.hide(moderator=moderator, item=idea, reason="Reklame for en butikk")
    LogEntry.objects.log_actions(
        user_id=admin_user.pk, queryset=[idea], action_flag=ADDITION, change_message="Lagt til"
    )
    client.force_login(admin_user)
    log = client.get("/admin/core/auditentry/")
    assert log.status_code == 200 and "Benker ved elva" in log.content.decode()
    entry = AuditEntry.objects.get()
    detail = client.get(f"/admin/core/auditentry/{entry.pk}/change/")
    assert detail.status_code == 200 and "Reklame for en butikk" in detail.content.decode()
    assert client.post(f"/admin/core/auditentry/{entry.pk}/change/", {}).status_code == 403
    assert client.get("/admin/core/auditentry/add/").status_code == 403
    assert client.post(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403
    staff_log = client.get("/admin/admin/logentry/")
    assert staff_log.status_code == 200 and "Benker ved elva" in staff_log.content.decode()
    assert client.get("/admin/admin/logentry/add/").status_code == 403
    AuditEntry.objects.get()  # still there


def test_moderators_do_not_read_the_audit_log(client, asker, moderator):
    client.force_login(moderator)
    assert client.get("/admin/core/auditentry/").status_code == 403
    assert client.get("/admin/admin/logentry/").status_code == 403
