"""The volume generator (bench/generate.py), run at a tiny scale so that it does not rot:
it makes what the scale says, within the models' rules, and removes only what it made."""

import io
import statistics
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from bench import generate
from kominn.accounts.models import User
from kominn.organisations.models import Organisation
from kominn.participation.models import Challenge, Comment, Follow, Idea, Support
from kominn.portfolio.models import GoalContribution, Initiative

SCALE = generate.SCALES["tiny"]


def home(person):
    """The organisation slug in a generated person's address."""
    return person.email.split("@")[1].removesuffix(f".{generate.DOMAIN}")


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """The demo and a tiny generated volume, made once for the module and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        demo = {
            "organisations": Organisation.objects.count(),
            "ideas": Idea.objects.count(),
            "comments": Comment.objects.count(),
            "supports": Support.objects.count(),
            "initiatives": Initiative.objects.count(),
            "people": User.objects.count(),
        }
        counts, _times = generate.run("tiny", index=False, log=lambda line: None)
        yield demo, counts
        transaction.set_rollback(True)


@pytest.fixture
def demo(generated, db):
    return generated[0]


@pytest.fixture
def counts(generated, db):
    return generated[1]


def test_makes_what_the_scale_says(demo, counts):
    # The default organisation is the demo's; the demo's example municipalities stand beside.
    assert Organisation.objects.count() - demo["organisations"] == SCALE.organisations - 1
    assert User.objects.count() - demo["people"] == SCALE.people
    assert Initiative.objects.count() - demo["initiatives"] == SCALE.initiatives
    assert Idea.objects.count() - demo["ideas"] == SCALE.ideas
    assert Comment.objects.count() - demo["comments"] == SCALE.comments
    assert Support.objects.count() - demo["supports"] == SCALE.supports
    assert counts["ideas"] == SCALE.ideas
    # The default organisation holds its share; every municipality answers on its host.
    default = Organisation.objects.get(is_default=True)
    assert Idea.objects.filter(organisation=default, is_example=False).count() == round(
        SCALE.ideas * SCALE.default_share
    )
    generated = Organisation.objects.filter(contact_email__endswith=f".{generate.DOMAIN}")
    assert generated.count() == SCALE.organisations - 1
    for organisation in generated.exclude(pk=default.pk):
        assert Organisation.objects.for_host(f"{organisation.slug}.kominn.test") == organisation
        assert organisation.servicearea_set.exists() and organisation.theme_set.exists()


def test_people_take_part_in_their_own_organisation_only(counts):
    ideas = Idea.objects.filter(is_example=False).select_related("author", "organisation")
    for idea in ideas:
        assert home(idea.author) == idea.organisation.slug
        assert idea.capacity == idea.author.capacity
        for thing in (idea.theme, idea.service_area, idea.challenge, idea.initiative):
            assert thing is None or thing.organisation_id == idea.organisation_id
    for comment in Comment.objects.filter(idea__in=ideas).select_related(
        "author", "idea__organisation", "parent"
    ):
        assert home(comment.author) == comment.idea.organisation.slug
        if comment.parent:
            assert comment.parent.idea_id == comment.idea_id
            assert comment.parent.parent_id is None
            assert comment.parent.created_at <= comment.created_at
    for support in Support.objects.filter(idea__in=ideas).select_related(
        "user", "idea__organisation"
    ):
        assert home(support.user) == support.idea.organisation.slug
        assert support.user_id != support.idea.author_id
    for contribution in GoalContribution.objects.select_related("goal", "initiative"):
        assert contribution.goal.organisation_id == contribution.initiative.organisation_id
    for initiative in Initiative.objects.prefetch_related("service_areas", "themes"):
        assert initiative.service_areas.exists()
        for thing in [*initiative.service_areas.all(), *initiative.themes.all()]:
            assert thing.organisation_id == initiative.organisation_id


def test_activity_is_in_the_past_and_follows_the_idea(counts):
    now = timezone.now()
    ideas = Idea.objects.filter(is_example=False)
    for idea in ideas:
        assert idea.created_at <= now and idea.updated_at <= now
        if idea.is_draft:
            assert not idea.comments.exists() and not idea.supports.exists()
            continue
        assert idea.author.date_joined < idea.created_at <= idea.submitted_at
        answered = idea.first_answered_at
        assert (idea.status == "received") == (answered is None)
        assert answered is None or idea.submitted_at < answered <= now
        for moment in [
            *idea.comments.values_list("created_at", flat=True),
            *idea.supports.values_list("created_at", flat=True),
        ]:
            assert idea.submitted_at <= moment <= now
    assert Challenge.objects.filter(is_published=True, published_at__gt=now).count() == 0


def test_a_few_ideas_draw_most_of_the_comments(counts):
    per_idea = Counter(
        Comment.objects.filter(idea__is_example=False).values_list("idea_id", flat=True)
    )
    submitted = Idea.objects.filter(is_example=False, submitted_at__isnull=False).count()
    spread = list(per_idea.values()) + [0] * (submitted - len(per_idea))
    assert max(spread) >= 5 * statistics.mean(spread)
    assert max(spread) <= SCALE.max_comments


def test_supports_are_one_per_person_and_authors_follow_their_ideas(counts):
    pairs = list(Support.objects.values_list("idea_id", "user_id"))
    assert len(pairs) == len(set(pairs))
    submitted = Idea.objects.filter(is_example=False, submitted_at__isnull=False)
    for idea in submitted:
        assert Follow.objects.filter(idea=idea, user_id=idea.author_id).exists()


def test_refuses_to_run_twice_and_reset_removes_only_what_it_made(demo, counts):
    with pytest.raises(generate.AlreadyGenerated, match="--reset"):
        generate.run("tiny", index=False, log=lambda line: None)
    generate.reset(log=lambda line: None)
    assert Organisation.objects.count() == demo["organisations"]
    assert Idea.objects.count() == demo["ideas"]
    assert Comment.objects.count() == demo["comments"]
    assert Support.objects.count() == demo["supports"]
    assert Initiative.objects.count() == demo["initiatives"]
    assert User.objects.count() == demo["people"]


def test_ideas_keep_the_counts_of_what_was_generated(counts):
    counted = Idea.objects.annotate(
        supports_made=Count("supports", distinct=True),
        comments_made=Count(
            "comments",
            filter=Q(comments__deleted_at=None, comments__hidden_at=None),
            distinct=True,
        ),
    )
    assert counted.exclude(supports_made=F("support_count")).count() == 0
    assert counted.exclude(comments_made=F("comment_count")).count() == 0
    assert counted.filter(support_count__gt=0).exists()
