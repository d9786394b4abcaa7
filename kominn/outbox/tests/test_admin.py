"""The outbox in the admin: administrators read it and can try failed mail again."""

from django.utils import timezone

from conftest import make_user
from kominn.outbox.models import OutgoingMail
from kominn.outbox.services import queue_mail

URL = "/admin/outbox/outgoingmail/"


def queue(to, **state):
    queued = queue_mail(
        to=to, subject="Velkommen", template="outbox_test/plain", context={"name": "Kari"}
    )
    OutgoingMail.objects.filter(pk=queued.pk).update(**state)
    return queued


def test_administrators_filter_by_status_and_search_by_address(client, admin_user):
    queue("venter@example.no")
    queue("sendt@example.no", sent_at=timezone.now(), next_attempt_at=None)
    queue("feilet@example.no", failed_at=timezone.now(), last_error="ConnectionRefusedError")
    client.force_login(admin_user)
    addresses = {"waiting": "venter", "sent": "sendt", "failed": "feilet"}
    for status, address in addresses.items():
        page = client.get(URL, {"status": status}).content.decode()
        shown = {name for name in addresses.values() if f"{name}@example.no" in page}
        assert shown == {address}
    page = client.get(URL, {"q": "feilet@"}).content.decode()
    assert "feilet@example.no" in page and "venter@example.no" not in page


def test_administrators_read_the_whole_mail_but_cannot_change_it(client, admin_user):
    queued = queue("kari@example.no")
    client.force_login(admin_user)
    page = client.get(f"{URL}{queued.pk}/change/").content.decode()
    assert "Hei Kari," in page and "&lt;!DOCTYPE html&gt;" in page
    assert 'name="_save"' not in page
    assert client.get(f"{URL}add/").status_code == 403


def test_try_again_now_queues_failed_mail_with_a_fresh_set_of_attempts(client, admin_user):
    failed = queue("feilet@example.no", failed_at=timezone.now(), attempts=12, next_attempt_at=None)
    sent = queue("sendt@example.no", sent_at=timezone.now(), attempts=1, next_attempt_at=None)
    client.force_login(admin_user)
    response = client.post(
        URL, {"action": "try_again_now", "_selected_action": [failed.pk, sent.pk]}, follow=True
    )
    assert response.status_code == 200
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert failed.status == "waiting" and failed.attempts == 0
    assert failed.next_attempt_at <= timezone.now()
    assert sent.status == "sent" and sent.attempts == 1  # a sent mail is never sent again


def test_only_administrators_see_the_outbox(client, editor):
    """Staff who are not administrators: the mails carry links that sign people in."""
    queued = queue("kari@example.no")
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{queued.pk}/change/").status_code == 404
    assert "outgoingmail" not in client.get("/admin/").content.decode()
    staff = make_user("drift@asker.kommune.no", is_staff=True, organisation=editor.organisation)
    client.force_login(staff)
    assert client.get(URL).status_code == 403


def test_the_list_costs_the_same_number_of_queries_for_many_mails(
    client, admin_user, django_assert_max_num_queries
):
    client.force_login(admin_user)
    queue("en@example.no")
    client.get(URL)  # warm up the session and content types
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for number in range(60):
        queue(f"person{number}@example.no")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)
