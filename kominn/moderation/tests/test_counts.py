"""Moderators' hiding, restoring, blocking and unblocking move the counts on the idea list."""

import re

from django.utils.html import escape

from conftest import make_idea
from kominn.moderation import services
from kominn.participation import services as participation


def listed_comments(client, idea):
    page = client.get("/ideer/").content.decode()
    card = page.split(f">{escape(idea.title)}</a>", 1)[1].split("</article>", 1)[0]
    return int(re.findall(r" · (\d+) ", card)[0])


def test_hiding_and_restoring_a_comment(client, asker, citizen, other_citizen, moderator):
    idea = make_idea(asker, citizen)
    comment = participation.add_comment(idea=idea, author=other_citizen, body="Tull")
    services.hide(moderator=moderator, item=comment, reason="Usaklig")
    assert listed_comments(client, idea) == 0
    services.restore(moderator=moderator, item=comment)
    assert listed_comments(client, idea) == 1


def test_blocking_and_unblocking_the_author(client, asker, citizen, other_citizen, moderator):
    idea = make_idea(asker, citizen)
    other = make_idea(asker, citizen, "Flere søppelkasser")
    for body in ("En", "To"):
        participation.add_comment(idea=idea, author=other_citizen, body=body)
    hidden = participation.add_comment(idea=other, author=other_citizen, body="Tre")
    participation.add_comment(idea=other, author=citizen, body="Fire")
    services.hide(moderator=moderator, item=hidden, reason="Usaklig")
    services.block(moderator=moderator, account=other_citizen, reason="Spam", organisation=asker)
    services.block(moderator=moderator, account=other_citizen, reason="Spam", organisation=asker)
    assert (listed_comments(client, idea), listed_comments(client, other)) == (0, 1)
    # Restored while the author is blocked: still not shown, so still not counted.
    services.restore(moderator=moderator, item=hidden)
    assert listed_comments(client, other) == 1
    services.unblock(moderator=moderator, account=other_citizen, organisation=asker)
    services.unblock(moderator=moderator, account=other_citizen, organisation=asker)
    assert (listed_comments(client, idea), listed_comments(client, other)) == (2, 2)
