"""`make audit`'s access matrix knows every route: a new route gets sample values in
audit/access.py and an expected answer per role in audit/access.toml, in the change that
adds it, and not when the audit first fails on it in CI."""

import io

import pytest
from django.core.management import call_command

from audit import access


@pytest.mark.django_db
def test_every_route_has_samples_and_expected_answers():
    call_command("load_demo", stdout=io.StringIO())
    world = access.build_world()
    labels = {label for label, _path in access.routes(world)}
    table = access.load_table()
    assert sorted(labels - table.keys()) == [], "routes missing in audit/access.toml"
    # An admin page of a model with no object here to open (the audit's database has one).
    unopened = tuple("admin:{}_{}_".format(*label.lower().split(".")) for label in world.unsampled)
    gone = [label for label in table.keys() - labels if not label.startswith(unopened)]
    assert sorted(gone) == [], "audit/access.toml names routes that are gone"
    incomplete = [label for label in labels if set(table[label]) != set(access.ROLES)]
    assert incomplete == [], "entries without an answer for every role"
