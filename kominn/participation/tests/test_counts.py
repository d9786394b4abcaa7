"""The support and comment counts the idea list shows move with every change, in the
change's own transaction."""

import re

from django.utils.html import escape

from conftest import make_idea, make_user
from kominn.accounts import services as accounts
from kominn.participation import services
from kominn.participation.models import Comment, Idea


def listed_counts(client, idea):
    """(supports, comments) as the idea's card on /ideer/ shows them."""
    page = client.get("/ideer/").content.decode()
    card = page.split(f">{escape(idea.title)}</a>", 1)[1].split("</article>", 1)[0]
    return tuple(int(number) for number in re.findall(r">(\d+) [^<·]+ · (\d+) ", card)[0])


def test_supporting_and_taking_it_back_move_the_listed_count(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    client.post(f"/ideer/{idea.pk}/stott/", {"support": "1"})
    assert listed_counts(client, idea) == (1, 0)
    client.post(f"/ideer/{idea.pk}/stott/", {"support": "0"})
    assert listed_counts(client, idea) == (0, 0)


def test_a_resent_support_form_counts_once(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    for _ in range(2):
        response = client.post(f"/ideer/{idea.pk}/stott/", {"support": "1"})
        assert response.status_code == 302
    assert listed_counts(client, idea) == (1, 0)
    for _ in range(2):
        client.post(f"/ideer/{idea.pk}/stott/", {"support": "0"})
    assert listed_counts(client, idea) == (0, 0)


def test_the_support_button_says_what_it_will_do(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert 'name="support" value="1"' in page
    client.post(f"/ideer/{idea.pk}/stott/", {"support": "1"}, headers={"HX-Request": "true"})
    page = client.get(idea.get_absolute_url()).content.decode()
    assert 'name="support" value="0"' in page


def test_commenting_and_deleting_move_the_listed_count(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "God idé!"})
    comment = Comment.objects.get()
    client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Enig", "parent": comment.pk})
    assert listed_counts(client, idea) == (0, 2)
    client.post(f"/kommentarer/{comment.pk}/slett/")
    client.post(f"/kommentarer/{comment.pk}/slett/")  # sent twice, deleted once
    assert listed_counts(client, idea) == (0, 1)


def test_hiding_and_restoring_a_comment_move_the_count_once(client, asker, citizen):
    idea = make_idea(asker, citizen)
    comment = services.add_comment(idea=idea, author=citizen, body="Hei")
    assert comment.hide("Upassende")
    comment.hide("Upassende")  # hidden again with a new reason: still out
    assert not Comment.objects.get(pk=comment.pk).hide("Mange har meldt den.")
    assert listed_counts(client, idea) == (0, 0)
    comment.restore()
    comment.restore()
    assert listed_counts(client, idea) == (0, 1)


def test_a_deleted_account_leaves_the_counts(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    leaving = make_user("slutter@example.no")
    services.set_support(idea=idea, user=leaving, support=True)
    services.set_support(idea=idea, user=other_citizen, support=True)
    answered = services.add_comment(idea=idea, author=leaving, body="Første")
    services.add_comment(idea=idea, author=other_citizen, body="Svar", parent=answered)
    services.add_comment(idea=idea, author=leaving, body="Andre")
    assert listed_counts(client, idea) == (2, 3)
    accounts.delete_account(leaving, keep_contributions=False)
    assert listed_counts(client, idea) == (1, 1)


def test_recount_repairs_the_counts(asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    services.set_support(idea=idea, user=other_citizen, support=True)
    services.add_comment(idea=idea, author=other_citizen, body="Hei")
    Comment.objects.create(idea=idea, author=citizen, body="Skrevet utenom")
    Idea.objects.filter(pk=idea.pk).update(support_count=7, comment_count=0)
    assert Idea.objects.recount() == 1
    idea.refresh_from_db()
    assert (idea.support_count, idea.comment_count) == (1, 2)
