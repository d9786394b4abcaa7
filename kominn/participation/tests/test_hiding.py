"""Hiding and showing again: the only ways an idea or a comment is hidden, whoever asks."""

from conftest import make_idea, make_moderator
from kominn.participation.models import Comment, Idea, IdeaEventKind


def timeline(idea):
    return list(idea.events.values_list("kind", "text", "actor"))


def test_hiding_an_idea_puts_the_reason_on_its_timeline_and_takes_it_out_of_lists(asker, citizen):
    moderator = make_moderator(organisation=asker)
    idea = make_idea(asker, citizen)
    assert idea.hide("Personopplysninger.", by=moderator)
    idea.refresh_from_db()
    assert idea.hidden_at is not None and idea.hidden_reason == "Personopplysninger."
    assert timeline(idea) == [(IdeaEventKind.HIDDEN, "Personopplysninger.", moderator.pk)]
    assert not Idea.objects.published().filter(pk=idea.pk).exists()


def test_restoring_an_idea_says_so_on_its_timeline_and_brings_it_back(asker, citizen):
    moderator = make_moderator(organisation=asker)
    idea = make_idea(asker, citizen)
    idea.hide("Personopplysninger.", by=moderator)
    idea.restore("Fjernet navnet.", by=moderator)
    idea.refresh_from_db()
    assert (idea.hidden_at, idea.hidden_reason) == (None, "")
    assert timeline(idea)[-1] == (IdeaEventKind.RESTORED, "Fjernet navnet.", moderator.pk)
    assert Idea.objects.published().filter(pk=idea.pk).exists()


def test_hiding_automatically_stays_off_the_timeline_and_so_does_lifting_it(asker, citizen):
    moderator = make_moderator(organisation=asker)
    idea = make_idea(asker, citizen)
    assert idea.hide("Mange har meldt den.")
    assert not Idea.objects.published().filter(pk=idea.pk).exists()
    idea.restore(by=moderator)
    assert timeline(idea) == []
    assert Idea.objects.published().filter(pk=idea.pk).exists()


def test_hiding_automatically_leaves_a_moderators_hiding_as_it_is(asker, citizen):
    moderator = make_moderator(organisation=asker)
    idea = make_idea(asker, citizen)
    idea.hide("Personopplysninger.", by=moderator)
    assert not Idea.objects.get(pk=idea.pk).hide("Mange har meldt den.")
    idea.refresh_from_db()
    assert idea.hidden_reason == "Personopplysninger."
    assert len(timeline(idea)) == 1


def test_restoring_after_an_automatic_hiding_that_followed_a_restore_adds_nothing(asker, citizen):
    moderator = make_moderator(organisation=asker)
    idea = make_idea(asker, citizen)
    idea.hide("Personopplysninger.", by=moderator)
    idea.restore(by=moderator)
    idea.hide("Mange har meldt den.")
    idea.restore(by=moderator)
    assert [kind for kind, _text, _actor in timeline(idea)] == [
        IdeaEventKind.HIDDEN,
        IdeaEventKind.RESTORED,
    ]


def test_hiding_and_restoring_a_comment(asker, citizen, other_citizen):
    moderator = make_moderator(organisation=asker)
    idea = make_idea(asker, citizen)
    comment = Comment.objects.create(idea=idea, author=other_citizen, body="Kjøp klokker her")
    comment.hide("Reklame.", by=moderator)
    comment.refresh_from_db()
    assert (comment.hidden_at is not None, comment.hidden_reason) == (True, "Reklame.")
    comment.restore(by=moderator)
    comment.refresh_from_db()
    assert (comment.hidden_at, comment.hidden_reason) == (None, "")
    assert timeline(idea) == []
