"""A discussion reads as a thread: replies under their comment, the idea's author and the
municipality's staff marked, reporting in a small menu, and a reply form only under the
comment a person chose to answer. Supporting shows that you support the idea."""

import re

from conftest import make_editor, make_idea, make_user
from kominn.participation.models import COMMENTS_PER_PAGE, Comment


def reply_forms(page):
    return re.findall(r'<input type="hidden" name="parent" value="(\d+)">', page)


def comment_html(page, comment):
    start = page.index(f'id="kommentar-{comment.pk}"')
    return page[start : page.index("</article>", start)]


def test_a_reply_form_is_shown_only_under_the_chosen_comment(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    first, second = (
        Comment.objects.create(idea=idea, author=other_citizen, body=f"Innspill {n}")
        for n in (1, 2)
    )
    client.force_login(citizen)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert reply_forms(page) == []
    assert f'href="{idea.get_absolute_url()}?svar={second.pk}#svar-{second.pk}"' in page
    chosen = client.get(idea.get_absolute_url(), {"svar": second.pk}).content.decode()
    assert reply_forms(chosen) == [str(second.pk)]
    assert f'?svar={first.pk}#svar-{first.pk}"' in chosen  # the others keep their link


def test_reply_with_htmx_answers_only_the_form_in_place(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    comment = Comment.objects.create(idea=idea, author=other_citizen, body="Innspill")
    client.force_login(citizen)
    response = client.get(
        idea.get_absolute_url(), {"svar": comment.pk}, headers={"HX-Request": "true"}
    )
    fragment = response.content.decode()
    assert fragment.lstrip().startswith(f'<div class="reply" id="svar-{comment.pk}">')
    assert "<html" not in fragment and reply_forms(fragment) == [str(comment.pk)]
    assert "autofocus" in fragment


def test_a_reply_link_on_a_later_page_opens_that_page(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    Comment.objects.bulk_create(
        Comment(idea=idea, author=other_citizen, body=f"Kommentar {n}")
        for n in range(COMMENTS_PER_PAGE + 2)
    )
    late = Comment.objects.filter(idea=idea).order_by("created_at", "pk").last()
    client.force_login(citizen)
    second = client.get(idea.get_absolute_url(), {"kommentarer": 2}).content.decode()
    assert f'?kommentarer=2&amp;svar={late.pk}#svar-{late.pk}"' in second
    chosen = client.get(idea.get_absolute_url(), {"svar": late.pk}).content.decode()
    assert reply_forms(chosen) == [str(late.pk)]


def test_bad_reply_choices_show_the_page_without_a_form(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    top = Comment.objects.create(idea=idea, author=other_citizen, body="Innspill")
    reply = Comment.objects.create(idea=idea, author=citizen, body="Svar", parent=top)
    client.force_login(citizen)
    for chosen in ["abc", "²", "-1", "99999999999999999999999", str(reply.pk), "424242"]:
        response = client.get(idea.get_absolute_url(), {"svar": chosen})
        assert response.status_code == 200
        assert reply_forms(response.content.decode()) == []


def test_a_refused_reply_comes_back_under_its_comment(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    top = Comment.objects.create(idea=idea, author=other_citizen, body="Innspill")
    client.force_login(citizen)
    response = client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "", "parent": top.pk})
    page = response.content.decode()
    assert response.status_code == 400
    assert reply_forms(page) == [str(top.pk)]


def test_the_ideas_author_and_the_municipality_are_marked(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    editor = make_editor(organisation=asker)
    employee = make_user("ansatt@asker.kommune.no", display_name="Ola Ansatt")
    top = Comment.objects.create(idea=idea, author=other_citizen, body="Innspill")
    by_author = Comment.objects.create(idea=idea, author=citizen, body="Takk", parent=top)
    by_staff = Comment.objects.create(idea=idea, author=editor, body="Vi ser på det", parent=top)
    by_employee = Comment.objects.create(idea=idea, author=employee, body="Enig")
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Forslagsstiller" in comment_html(page, by_author)
    assert "Kommunen" in comment_html(page, by_staff)
    for plain in (top, by_employee):
        assert "Forslagsstiller" not in comment_html(page, plain)
        assert "Kommunen" not in comment_html(page, plain)
    # Replies are listed inside their comment's item, in a list of their own.
    replies = page[
        page.index("comment-list--replies") : page.index(f'id="kommentar-{by_employee.pk}"')
    ]
    assert (
        f'id="kommentar-{by_author.pk}"' in replies and f'id="kommentar-{by_staff.pk}"' in replies
    )


def test_report_is_in_a_small_menu(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    comment = Comment.objects.create(idea=idea, author=other_citizen, body="Innspill")
    client.force_login(citizen)
    html = comment_html(client.get(idea.get_absolute_url()).content.decode(), comment)
    before_menu, menu = html.split('<details class="comment__menu">')
    assert "<summary>Mer" in menu
    assert f'/kommentarer/{comment.pk}/rapporter/">Rapporter' in menu
    assert "Rapporter" not in before_menu


def test_support_shows_that_you_support_the_idea_and_can_be_withdrawn(
    client, asker, citizen, other_citizen
):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    before = client.get(idea.get_absolute_url()).content.decode()
    assert 'aria-pressed="false">Støtt ideen</button>' in before
    assert "Du støtter ideen</button>" not in before
    client.post(f"/ideer/{idea.pk}/stott/", {"support": "1"})
    after = client.get(idea.get_absolute_url()).content.decode()
    assert re.search(r'aria-pressed="true"[^>]*>Du støtter ideen</button>', after)
    assert 'name="support" value="0"' in after and "trekke tilbake støtten" in after
    client.post(f"/ideer/{idea.pk}/stott/", {"support": "0"})
    again = client.get(idea.get_absolute_url()).content.decode()
    assert 'aria-pressed="false">Støtt ideen</button>' in again


def test_support_with_htmx_answers_the_pressed_button(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    fragment = client.post(
        f"/ideer/{idea.pk}/stott/", {"support": "1"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert re.search(r'aria-pressed="true"[^>]*>Du støtter ideen</button>', fragment)
