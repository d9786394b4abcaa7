from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from kominn.organisations.models import ServiceArea
from kominn.portfolio.models import (
    Approach,
    Award,
    Benefit,
    GainType,
    Goal,
    Initiative,
    InnovationType,
    NewsArticle,
    PartnerType,
    Phase,
    Relation,
    RelationType,
)


@pytest.fixture
def demo(demo_once, db):
    pass


def test_demo_has_30_published_initiatives_across_areas_phases_and_approaches(demo):
    published = Initiative.objects.published()
    assert published.count() >= 30
    assert Counter(published.values_list("phase", flat=True)).keys() == set(Phase.values)
    assert set(published.values_list("approach", flat=True)) == set(Approach.values)
    # Asker's areas each have several; the example municipalities have a handful in all.
    for area in ServiceArea.objects.filter(parent=None, organisation__slug="asker"):
        in_area = published.filter(service_areas__in=[area, *area.children.all()]).distinct()
        assert in_area.count() >= 3, area.name
    assert all(initiative.is_example for initiative in Initiative.objects.all())


def test_every_demo_initiative_has_an_innovation_type_and_every_benefit_a_gain(demo):
    initiatives = Initiative.objects.all()
    assert not initiatives.filter(innovation_type="").exists()
    assert set(initiatives.values_list("innovation_type", flat=True)) == set(InnovationType.values)
    benefits = Benefit.objects.all()
    assert benefits.exists()
    assert not benefits.filter(gain_type="").exists()
    # Economic benefits are efficiency gains in the barometer's words.
    assert set(benefits.filter(type="economic").values_list("gain_type", flat=True)) == {
        GainType.EFFICIENCY
    }


def test_demo_includes_the_three_examples_from_asker(demo):
    yggeset = Initiative.objects.get(title__icontains="Yggeset")
    assert yggeset.approach == Approach.FIRST
    award = Award.objects.get(initiative=yggeset)
    assert (award.name, award.year, award.result) == (
        "Avfall Norges innovasjonspris",
        2014,
        "nominated",
    )
    led = Initiative.objects.get(title__icontains="LED")
    assert led.approach == Approach.ADOPTED
    energy = Initiative.objects.get(title__icontains="Alternativ energi")
    assert energy.approach == Approach.SHARED
    assert {"citizens", "business"} <= set(energy.partners.values_list("type", flat=True))


def test_demo_has_goal_trees_benefits_relations_and_news(demo):
    main_goals = Goal.objects.filter(parent=None)
    assert main_goals.count() >= 3
    assert main_goals.filter(title__icontains="Klima").exists()
    assert all(goal.children.exists() for goal in main_goals)
    assert set(Relation.objects.values_list("type", flat=True)) == set(RelationType.values)
    assert Initiative.objects.filter(benefits__measurements__isnull=False).distinct().count() >= 15
    assert Initiative.objects.filter(lessons__isnull=False).distinct().count() >= 15
    partner_types = set(Initiative.objects.values_list("partners__type", flat=True))
    assert set(PartnerType.values) <= partner_types
    assert NewsArticle.objects.published().count() >= 5


def test_demo_content_passes_the_models_own_validation(demo):
    for initiative in Initiative.objects.all():
        initiative.full_clean()
    for relation in Relation.objects.all():
        relation.full_clean()


def test_loading_the_demo_again_changes_nothing(demo):
    def counts():
        return (
            Initiative.objects.count(),
            Goal.objects.count(),
            Relation.objects.count(),
            NewsArticle.objects.count(),
            sum(initiative.benefits.count() for initiative in Initiative.objects.all()),
        )

    before = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == before
