"""The data migration that gave existing benefits their barometer gain."""

import importlib

from django.apps import apps

from conftest import make_initiative
from kominn.portfolio.models import Benefit

fill_gain_type = importlib.import_module("kominn.portfolio.migrations.0012_fill_gain_type")


def test_benefits_get_the_gain_their_type_settles_and_for_others_is_left_open(asker):
    initiative = make_initiative(asker)

    def benefit(type, gain_type=""):
        return Benefit.objects.create(
            initiative=initiative, type=type, gain_type=gain_type, indicator=type, unit="antall"
        )

    made = [
        benefit("economic"),
        benefit("quality"),
        benefit("climate"),
        benefit("others"),
        benefit("economic", gain_type="employees"),  # already chosen: kept
    ]

    fill_gain_type.fill(apps, None)

    assert [Benefit.objects.get(pk=b.pk).gain_type for b in made] == [
        "efficiency",
        "quality",
        "other",
        "",
        "employees",
    ]
