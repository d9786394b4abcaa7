"""A long discussion is shown a page of comments at a time, and links to a comment open
the page that holds it."""

from django.utils.translation import gettext as _

from conftest import make_idea
from kominn.participation.models import COMMENTS_PER_PAGE, Comment


def discussion(idea, author, count):
    Comment.objects.bulk_create(
        Comment(idea=idea, author=author, body=f"Kommentar nummer {number}")
        for number in range(count)
    )
    return list(Comment.objects.filter(idea=idea).order_by("created_at", "pk"))


def shown(page):
    return page.count('class="comment" id="kommentar-')


def test_a_long_discussion_is_shown_a_page_at_a_time(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    comments = discussion(idea, other_citizen, COMMENTS_PER_PAGE + 10)
    Comment.objects.create(idea=idea, author=citizen, body="Et svar", parent=comments[-1])
    first = client.get(idea.get_absolute_url()).content.decode()
    assert shown(first) == COMMENTS_PER_PAGE
    assert _("Show more comments") in first and "?kommentarer=2#kommentarer" in first
    second = client.get(idea.get_absolute_url(), {"kommentarer": 2}).content.decode()
    assert shown(second) == 11  # ten comments, and the reply with its comment
    assert _("Show more comments") not in second and _("Show earlier comments") in second


def test_show_more_with_htmx_adds_the_next_page_in_place(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    discussion(idea, other_citizen, COMMENTS_PER_PAGE + 3)
    response = client.get(
        idea.get_absolute_url(), {"kommentarer": 2}, headers={"HX-Request": "true"}
    )
    fragment = response.content.decode()
    assert shown(fragment) == 3
    assert "<html" not in fragment and fragment.lstrip().startswith("<li>")


def test_a_link_to_a_comment_opens_the_page_that_holds_it(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    comments = discussion(idea, other_citizen, COMMENTS_PER_PAGE * 2 + 1)
    late = comments[COMMENTS_PER_PAGE + 4]
    reply = Comment.objects.create(idea=idea, author=citizen, body="Svar", parent=late)
    assert comments[0].get_absolute_url() == f"{idea.get_absolute_url()}#kommentar-{comments[0].pk}"
    for comment in (late, reply):
        url = comment.get_absolute_url()
        assert url == f"{idea.get_absolute_url()}?kommentarer=2#kommentar-{comment.pk}"
        page = client.get(url.split("#")[0]).content.decode()
        assert f'id="kommentar-{comment.pk}"' in page
    assert comments[-1].get_absolute_url().startswith(f"{idea.get_absolute_url()}?kommentarer=3#")


def test_a_new_comment_on_a_long_discussion_leads_to_its_page(
    client, asker, citizen, other_citizen
):
    idea = make_idea(asker, citizen)
    discussion(idea, other_citizen, COMMENTS_PER_PAGE)
    client.force_login(citizen)
    response = client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Den siste"})
    created = Comment.objects.latest("pk")
    assert response["Location"] == f"{idea.get_absolute_url()}?kommentarer=2#kommentar-{created.pk}"


def test_the_page_of_a_long_discussion_keeps_a_fixed_number_of_queries(
    client, asker, citizen, other_citizen, django_assert_max_num_queries
):
    idea = make_idea(asker, citizen)
    comments = discussion(idea, other_citizen, COMMENTS_PER_PAGE * 4)
    Comment.objects.bulk_create(
        Comment(idea=idea, author=citizen, body="Svar", parent=comment) for comment in comments
    )
    client.force_login(other_citizen)
    with django_assert_max_num_queries(25):
        response = client.get(idea.get_absolute_url())
    assert shown(response.content.decode()) == COMMENTS_PER_PAGE * 2
