import ast
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from kominn.collaboration.models import Answer, AnswerStatus, Need
from kominn.demo import loader
from kominn.organisations.models import Organisation
from kominn.participation.models import Challenge, Idea, IdeaStatus
from kominn.portfolio.models import Initiative, NewsArticle, Relation

YGGESET = "deponigassanlegg-pa-yggeset"
# Every kind of row the demo writes, so loading twice is seen to add none of any kind.
DEMO_APPS = ["organisations", "accounts", "portfolio", "participation", "collaboration"]


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for label in DEMO_APPS
        for model in apps.get_app_config(label).get_models()
    }


def spec(name, slug):
    return next(item for item in loader.read(name)[name] if item["slug"] == slug)


@pytest.fixture
def demo(demo_once, db):
    pass


def test_the_demo_has_everything_in_its_data_files(demo):
    askers = Initiative.objects.filter(organisation__slug="asker")
    assert askers.count() == len(loader.read("initiatives")["initiatives"]) == 33
    assert askers.published().count() == 32
    assert NewsArticle.objects.count() == len(loader.read("news")["news"])
    relations = Relation.objects.filter(source__organisation__slug="asker")
    assert relations.count() == len(loader.read("relations")["relations"])
    chosen_cards = [
        card
        for workshop in loader.read("events")["workshops"]
        for card in workshop["cards"]
        if card.get("chosen")
    ]
    assert Idea.objects.count() == len(loader.read("ideas")["ideas"]) + len(chosen_cards)
    yggeset = Initiative.objects.get(slug=YGGESET)
    assert yggeset.summary == loader.unwrap(spec("initiatives", YGGESET)["summary"])
    assert "\n" not in yggeset.summary
    assert yggeset.benefits.count() == 2
    assert yggeset.benefits.get(type="climate").measurements.count() == 3


def test_the_demo_has_a_finished_workshop_with_the_ideas_it_produced(demo):
    from kominn.events.models import Vote, Workshop

    workshop = Workshop.objects.get()
    assert workshop.state() == "finished"
    assert workshop.event.kind == "workshop" and workshop.event.challenge == workshop.challenge
    assert workshop.groups.count() == 3 and workshop.cards.count() == 7
    chosen = workshop.cards.filter(idea__isnull=False).select_related("idea", "author")
    assert len(chosen) == 3
    for card in chosen:
        assert card.idea.author == card.author and card.idea.credit_author
        assert card.idea.challenge == workshop.challenge and not card.idea.is_draft
    for person in Vote.objects.values("user").distinct():
        assert Vote.objects.filter(user=person["user"]).count() <= workshop.votes_per_person


def test_the_demo_has_needs_with_answers_in_every_state(demo):
    specs = loader.read("needs")["needs"]
    assert Need.objects.filter(is_general=False).count() == len(specs)
    assert Need.objects.filter(challenge__isnull=False).values("challenge").distinct().count() == 3
    assert set(Answer.objects.values_list("status", flat=True)) == set(AnswerStatus.values)
    activity = loader.read("activity")
    offers = [*activity["initiative_offers"], *activity["idea_offers"]]
    assert Answer.objects.filter(need__is_general=True).count() == len(offers)
    on_ideas = Need.objects.filter(is_general=True, idea__isnull=False)
    assert on_ideas.count() == len({spec["idea"] for spec in activity["idea_offers"]})


def test_the_demo_has_teams_from_accepted_answers_with_tasks_in_every_status(demo):
    from kominn.collaboration.models import TaskStatus, TeamMember, TeamTask

    accepted = Answer.objects.filter(status=AnswerStatus.ACCEPTED, need__initiative__isnull=False)
    assert {(a.need.initiative_id, a.user_id) for a in accepted} == set(
        TeamMember.objects.values_list("initiative", "user")
    )
    teams = loader.read("needs")["teams"]
    for spec in teams:
        tasks = TeamTask.objects.filter(initiative__slug=spec["initiative"])
        assert set(tasks.values_list("status", flat=True)) == set(TaskStatus.values)
    assert TeamMember.objects.filter(show_name=True).exists()


def test_loading_the_demo_twice_creates_nothing_the_second_time(demo):
    before = counts()
    output = load_demo()
    assert counts() == before
    assert "nothing was missing" in output


def test_an_editors_change_to_a_demo_initiative_and_its_benefits_survives_load_demo(demo):
    yggeset = Initiative.objects.get(slug=YGGESET)
    yggeset.summary = "Skrevet om av redaktøren."
    yggeset.save()
    climate = yggeset.benefits.get(type="climate")
    climate.target = 3500
    climate.save()
    yggeset.benefits.filter(type="economic").delete()
    yggeset.lessons.create(title="Ny erfaring", body="Lagt til av redaktøren.", order=3)

    load_demo()

    yggeset.refresh_from_db()
    assert yggeset.summary == "Skrevet om av redaktøren."
    assert list(yggeset.benefits.values_list("type", "target")) == [("climate", 3500)]
    assert yggeset.lessons.filter(title="Ny erfaring").exists()
    assert yggeset.lessons.count() == 3


def test_reset_restores_the_demo_initiative_as_the_data_files_say(demo):
    yggeset = Initiative.objects.get(slug=YGGESET)
    yggeset.summary = "Skrevet om av redaktøren."
    yggeset.save()
    yggeset.benefits.filter(type="economic").delete()
    before = counts()

    load_demo("--reset")

    yggeset = Initiative.objects.get(slug=YGGESET)
    assert yggeset.summary == loader.unwrap(spec("initiatives", YGGESET)["summary"])
    assert sorted(yggeset.benefits.values_list("type", "target")) == [
        ("climate", 3000),
        ("economic", 1_200_000),
    ]
    assert counts() == {**before, "Benefit": before["Benefit"] + 1, "Measurement": 89}


def test_reset_leaves_content_that_is_not_part_of_the_demo(demo):
    asker = Organisation.objects.get(slug="asker")
    own = Initiative.objects.create(
        organisation=asker, title="Vårt eget tiltak", summary="Ekte arbeid.", is_published=True
    )

    load_demo("--reset")

    assert Initiative.objects.filter(pk=own.pk, title="Vårt eget tiltak").exists()


def test_a_deleted_demo_initiative_is_created_again_with_its_benefits_and_relations(demo):
    Initiative.objects.get(slug=YGGESET).delete()
    assert not Relation.objects.filter(target__slug=YGGESET).exists()

    load_demo()

    yggeset = Initiative.objects.get(slug=YGGESET)
    assert yggeset.benefits.count() == 2
    assert yggeset.updates.count() == 3
    assert yggeset.awards.get().year == 2014
    assert Relation.objects.filter(target=yggeset).exists()


def test_a_deleted_demo_idea_comes_back_with_its_comments_supports_and_answer(demo):
    idea = Idea.objects.get(title__startswith="Middagsvenner")
    comments, supports = idea.comments.count(), idea.supports.count()
    idea.delete()

    load_demo()

    idea = Idea.objects.get(title__startswith="Middagsvenner")
    assert (idea.comments.count(), idea.supports.count()) == (comments, supports) == (5, 14)
    assert idea.status == IdeaStatus.UNDER_REVIEW
    assert idea.events.filter(text__startswith="Takk! Frivilligsentralen").exists()


def test_the_open_challenge_is_open_whenever_the_demo_is_loaded(demo):
    challenge = Challenge.objects.get(slug="flere-moteplasser-faerre-ensomme")
    assert challenge.is_open


def test_no_domain_app_imports_the_demo_package():
    """The demo sits on top of the apps: it may use them all, none may depend on it.
    (Tests may load it to set up their data.)"""
    kominn = Path(loader.__file__).resolve().parent.parent
    offenders = []
    for path in kominn.rglob("*.py"):
        if kominn / "demo" in path.parents or "tests" in path.relative_to(kominn).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            if any(name == "kominn.demo" or name.startswith("kominn.demo.") for name in names):
                offenders.append(str(path.relative_to(kominn)))
    assert offenders == []
