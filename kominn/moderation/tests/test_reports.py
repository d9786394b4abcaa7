"""Reporting ideas and comments, and hiding them automatically after enough reports."""

import pytest
from django.utils.html import escape
from django.utils.translation import gettext as _

from conftest import make_challenge, make_idea, make_user
from kominn.core.models import AuditEntry
from kominn.moderation import actions
from kominn.moderation.models import AUTO_HIDDEN_REASON, Report
from kominn.participation.models import Comment


def shown(text):
    """`text` as a page shows it (the test runs in bokmål, whatever is translated yet)."""
    return escape(text)


def test_reporting_an_idea_from_its_page(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert f'href="/ideer/{idea.pk}/rapporter/"' in page
    form = client.get(f"/ideer/{idea.pk}/rapporter/").content.decode()
    assert idea.title in form and 'name="reason"' in form
    response = client.post(f"/ideer/{idea.pk}/rapporter/", {"reason": "spam", "details": ""})
    assert response["Location"] == idea.get_absolute_url()
    report = Report.objects.get()
    assert (report.reporter, report.idea, report.organisation) == (other_citizen, idea, asker)
    assert report.resolved_at is None
    thanks = client.get(response["Location"]).content.decode()
    assert shown(_("Thank you. A moderator will look at what you reported.")) in thanks


def test_reporting_again_says_it_is_already_reported(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    client.post(f"/ideer/{idea.pk}/rapporter/", {"reason": "spam"})
    response = client.post(f"/ideer/{idea.pk}/rapporter/", {"reason": "offensive"}, follow=True)
    assert response.status_code == 200
    already = shown(_("You have already reported this. A moderator will look at it."))
    assert already in response.content.decode()
    assert Report.objects.count() == 1
    # The report page says so too, instead of offering the form again.
    page = client.get(f"/ideer/{idea.pk}/rapporter/").content.decode()
    assert already in page and 'name="reason"' not in page


def test_something_else_needs_a_few_words_and_the_choice_is_kept(
    client, asker, citizen, other_citizen
):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    response = client.post(f"/ideer/{idea.pk}/rapporter/", {"reason": "other", "details": " "})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_details_error"' in page and shown(_("Tell us what is wrong.")) in page
    assert 'value="other" checked' in page
    assert Report.objects.count() == 0


def test_reporting_needs_a_login_and_not_ones_own_content(client, asker, citizen):
    idea = make_idea(asker, citizen)
    response = client.get(f"/ideer/{idea.pk}/rapporter/")
    assert response["Location"].startswith("/konto/logg-inn/?next=")
    client.force_login(citizen)
    assert (
        f"/ideer/{idea.pk}/rapporter/" not in client.get(idea.get_absolute_url()).content.decode()
    )
    assert client.post(f"/ideer/{idea.pk}/rapporter/", {"reason": "spam"}).status_code == 403


def test_reporting_a_comment_from_the_comment(client, asker, citizen, other_citizen):
    idea = make_idea(asker, other_citizen)
    comment = Comment.objects.create(idea=idea, author=citizen, body="Ring 99 88 77 66 nå")
    client.force_login(other_citizen)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert f'href="/kommentarer/{comment.pk}/rapporter/"' in page
    assert (
        "Ring 99 88 77 66 nå"
        in client.get(f"/kommentarer/{comment.pk}/rapporter/").content.decode()
    )
    response = client.post(
        f"/kommentarer/{comment.pk}/rapporter/",
        {"reason": "personal", "details": "Telefonnummeret til naboen"},
    )
    assert response["Location"] == f"{idea.get_absolute_url()}#kommentar-{comment.pk}"
    report = Report.objects.get()
    assert report.comment == comment and report.idea is None
    assert report.details == "Telefonnummeret til naboen"


def report_as(client, person, path, reason="spam"):
    client.force_login(person)
    client.post(path, {"reason": reason, "details": ""})


def test_enough_different_people_hide_an_idea_until_a_moderator_decides(
    client, asker, citizen, settings
):
    settings.KOMINN_REPORTS_TO_HIDE = 3
    challenge = make_challenge(asker)
    idea = make_idea(asker, citizen, "Billige klokker", challenge=challenge)
    first, second, third = (make_user(f"melder{n}@example.no") for n in range(3))
    path = f"/ideer/{idea.pk}/rapporter/"
    report_as(client, first, path)
    report_as(client, second, path)
    report_as(client, second, path)  # the same person twice counts once
    idea.refresh_from_db()
    assert idea.hidden_at is None
    report_as(client, third, path)
    idea.refresh_from_db()
    assert idea.hidden_at is not None and idea.hidden_reason == AUTO_HIDDEN_REASON
    client.logout()
    assert "Billige klokker" not in client.get("/ideer/").content.decode()
    assert "Billige klokker" not in client.get(challenge.get_absolute_url()).content.decode()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert shown(_(AUTO_HIDDEN_REASON)) in page and "Billige klokker" not in page
    # Nobody decided yet: the reports stay open in the queue.
    assert Report.objects.open().count() == 3
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.organisation) == (actions.AUTO_HIDE, None, asker)


def test_reports_of_a_comment_hide_it_too(client, asker, citizen, other_citizen, settings):
    settings.KOMINN_REPORTS_TO_HIDE = 2
    idea = make_idea(asker, other_citizen)
    comment = Comment.objects.create(idea=idea, author=citizen, body="Stygg kommentar")
    for n in range(2):
        report_as(
            client, make_user(f"melder{n}@example.no"), f"/kommentarer/{comment.pk}/rapporter/"
        )
    comment.refresh_from_db()
    assert comment.hidden_at is not None


@pytest.mark.parametrize("threshold", [1, 5])
def test_the_threshold_is_a_setting(client, asker, citizen, settings, threshold):
    settings.KOMINN_REPORTS_TO_HIDE = threshold
    idea = make_idea(asker, citizen)
    report_as(client, make_user("melder@example.no"), f"/ideer/{idea.pk}/rapporter/")
    idea.refresh_from_db()
    assert (idea.hidden_at is not None) == (threshold == 1)
