"""The index follows every create, update, publish, hide and delete."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from conftest import make_challenge, make_goal, make_idea, make_initiative, make_moderator
from kominn.moderation import services as moderation
from kominn.organisations.models import ServiceArea
from kominn.participation import services as participation
from kominn.portfolio.models import GoalContribution, Lesson, Relation, RelationType
from kominn.search import index, keys, services
from kominn.search.models import Document, Key, Kind, Word


def found(organisation, query):
    return [
        item.document.title
        for item in services.search(organisation=organisation, query=query).results
    ]


def test_create_update_and_delete(asker, indexing):
    with indexing():
        initiative = make_initiative(asker, "Varmepumper i barnehagene")
    assert found(asker, "varmepumpe") == ["Varmepumper i barnehagene"]
    with indexing():
        initiative.title = "Bergvarme i barnehagene"
        initiative.save()
    assert found(asker, "varmepumpe") == []
    assert found(asker, "bergvarme") == ["Bergvarme i barnehagene"]
    with indexing():
        initiative.delete()
    assert found(asker, "bergvarme") == []
    assert not Document.objects.exists()


def test_publish_and_unpublish(asker, indexing):
    with indexing():
        initiative = make_initiative(asker, "Varmepumper i barnehagene", is_published=False)
    assert found(asker, "varmepumper") == []
    with indexing():
        initiative.is_published = True
        initiative.save()
    assert found(asker, "varmepumper") == ["Varmepumper i barnehagene"]
    with indexing():
        initiative.is_published = False
        initiative.save()
    assert found(asker, "varmepumper") == []


def test_lessons_follow_their_initiative(asker, indexing):
    with indexing():
        initiative = make_initiative(asker, "Varmepumper", is_published=False)
        lesson = Lesson.objects.create(
            initiative=initiative, title="Mål strømmen", body="Før og etter."
        )
    assert found(asker, "strømmen") == []
    with indexing():
        initiative.is_published = True
        initiative.save()
    assert found(asker, "strømmen") == ["Mål strømmen"]
    with indexing():
        lesson.delete()
    assert found(asker, "strømmen") == []


def test_service_areas_and_themes_follow_changes(asker, indexing):
    skoler = ServiceArea.objects.get(organisation=asker, slug="skoler")
    with indexing():
        initiative = make_initiative(asker, "Varmepumper", service_areas=[])
    assert (
        services.search(organisation=asker, query="varmepumper", choices={"area": "skoler"}).total
        == 0
    )
    with indexing():
        initiative.service_areas.add(skoler)
    assert (
        services.search(organisation=asker, query="varmepumper", choices={"area": "skoler"}).total
        == 1
    )
    with indexing():
        skoler.initiatives.clear()
    assert (
        services.search(organisation=asker, query="varmepumper", choices={"area": "skoler"}).total
        == 0
    )


def test_submitting_a_draft_idea_makes_it_findable(asker, citizen, indexing):
    with indexing():
        idea = make_idea(asker, citizen, "Drikkefontener i parken", submitted_at=None)
    assert found(asker, "drikkefontene") == []
    with indexing():
        participation.submit_idea(idea=idea)
    assert found(asker, "drikkefontene") == ["Drikkefontener i parken"]


def test_hiding_and_restoring_an_idea(asker, citizen, indexing):
    moderator = make_moderator(organisation=asker)
    with indexing():
        idea = make_idea(asker, citizen, "Drikkefontener i parken")
    with indexing():
        moderation.hide(moderator=moderator, item=idea, reason="Personopplysninger.")
    assert found(asker, "drikkefontener") == []
    with indexing():
        moderation.restore(moderator=moderator, item=idea)
    assert found(asker, "drikkefontener") == ["Drikkefontener i parken"]


def test_the_ideas_own_hiding_and_restoring_update_the_index(asker, citizen, indexing):
    moderator = make_moderator(organisation=asker)
    with indexing():
        idea = make_idea(asker, citizen, "Drikkefontener i parken")
    with indexing():
        idea.hide("Mange har meldt den.")
    assert found(asker, "drikkefontener") == []
    with indexing():
        idea.restore(by=moderator)
    assert found(asker, "drikkefontener") == ["Drikkefontener i parken"]
    with indexing():
        idea.hide("Personopplysninger.", by=moderator)
    assert found(asker, "drikkefontener") == []


def test_blocking_an_author_hides_their_ideas(asker, citizen, indexing):
    moderator = make_moderator(organisation=asker)
    with indexing():
        make_idea(asker, citizen, "Drikkefontener i parken")
    with indexing():
        moderation.block(moderator=moderator, account=citizen, reason="Spam.", organisation=asker)
    assert found(asker, "drikkefontener") == []
    with indexing():
        moderation.unblock(moderator=moderator, account=citizen, organisation=asker)
    assert found(asker, "drikkefontener") == ["Drikkefontener i parken"]


def test_deleting_an_account_removes_its_ideas(asker, citizen, indexing):
    with indexing():
        make_idea(asker, citizen, "Drikkefontener i parken")
    with indexing():
        citizen.delete()
    assert found(asker, "drikkefontener") == []


def test_rebuild_remakes_documents_and_vocabulary(asker, citizen, indexing):
    with indexing():
        make_initiative(asker, "Varmepumper i barnehagene")
        make_idea(asker, citizen, "Varmepumper på sykehjem", hidden_at=timezone.now())
    Document.objects.all().delete()
    Word.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "2 documents" in out.getvalue()
    assert "100%" in out.getvalue()
    assert found(asker, "varmepumper") == ["Varmepumper i barnehagene"]
    # Words of hidden content stay out of the vocabulary that near misses are corrected to.
    assert Word.objects.get(word="varmepumper").document_count == 1
    assert not Word.objects.filter(word="sykehjem").exists()


def test_indexing_waits_for_the_commit(asker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_initiative(asker, "Varmepumper")
    assert not Document.objects.exists()
    assert callbacks


def _keys(kind, item):
    return keys.load(Document.objects.get(kind=kind, object_id=item.pk).related)


def test_related_keys_follow_links_goals_and_challenges(asker, citizen, indexing):
    goal, other_goal = make_goal(asker, "Færre ensomme"), make_goal(asker, "Mindre avfall")
    challenge = make_challenge(asker, "Flere møteplasser")
    with indexing():
        first = make_initiative(asker, "Besøksvenner")
        second = make_initiative(asker, "Lesesirkel")
        idea = make_idea(asker, citizen, "Middagsvenner", challenge=challenge)
    assert keys.initiative(second.pk) not in _keys(Kind.INITIATIVE, first)
    with indexing():
        relation = Relation.objects.create(source=first, type=RelationType.RELATED, target=second)
        GoalContribution.objects.create(initiative=first, goal=goal, note="Færre sitter alene.")
    assert keys.initiative(second.pk) in _keys(Kind.INITIATIVE, first)
    assert keys.initiative(first.pk) in _keys(Kind.INITIATIVE, second)  # both ends
    assert keys.goal(goal.pk) in _keys(Kind.INITIATIVE, first)
    assert "alen" in _keys(Kind.INITIATIVE, first)  # the note on the goal counts as text
    with indexing():
        relation.delete()
        first.goals.remove(goal)
    assert keys.initiative(second.pk) not in _keys(Kind.INITIATIVE, first)
    assert keys.goal(goal.pk) not in _keys(Kind.INITIATIVE, first)
    assert keys.challenge(challenge.pk) in _keys(Kind.IDEA, idea)
    with indexing():
        challenge.goal = other_goal
        challenge.save()
    assert keys.goal(other_goal.pk) in _keys(Kind.IDEA, idea)
    with indexing():
        challenge.delete()
    assert keys.challenge(challenge.pk) not in _keys(Kind.IDEA, idea)


def test_key_counts_follow_every_change_as_a_rebuild_counts_them(asker, citizen, indexing):
    def counts():
        return dict(Key.objects.filter(document_count__gt=0).values_list("key", "document_count"))

    with indexing():
        first = make_initiative(asker, "Varmepumper i barnehagene")
        make_initiative(asker, "Varmepumper på sykehjem")
        make_idea(asker, citizen, "Varmepumper i idrettshallen")
    assert counts()[keys.ALL] == 3
    with indexing():
        first.is_published = False
        first.save()
    assert counts()[keys.ALL] == 2
    assert counts()["varmepump"] == 2
    incremental = counts()
    index.rebuild()
    assert counts() == incremental
