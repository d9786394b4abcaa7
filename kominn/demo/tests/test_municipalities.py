"""A local run shows several municipalities: the demo's two example municipalities beside
Asker, on their own .localhost host names, with initiatives of their own in the sharing bank."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from kominn.demo import loader
from kominn.organisations.models import Organisation, PageText, ServiceArea
from kominn.portfolio.models import Initiative, Relation, RelationType


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(demo_once):
    return demo_once


@pytest.fixture
def fjordvik(demo, db):
    return Organisation.objects.get(slug="fjordvik")


def test_the_demo_has_two_example_municipalities_one_of_them_nynorsk(fjordvik):
    lundvik = Organisation.objects.get(slug="lundvik")
    assert fjordvik.name == "Eksempel: Fjordvik kommune" and fjordvik.language == "nn"
    assert lundvik.name == "Eksempel: Lundvik kommune" and lundvik.language == "nb"
    assert list(fjordvik.host_names.values_list("name", flat=True)) == ["fjordvik.localhost"]
    for organisation in (fjordvik, lundvik):
        initiatives = Initiative.objects.filter(organisation=organisation)
        assert 3 <= initiatives.published().count() <= 5
        assert all(initiative.is_example for initiative in initiatives)
        assert initiatives.filter(shared=True).exists()
        adopted = Relation.objects.get(source__organisation=organisation)
        assert adopted.type == RelationType.ADOPTED_FROM
        assert adopted.target.organisation.slug == "asker"
        assert organisation.servicearea_set.exists() and organisation.theme_set.exists()


def test_each_example_answers_on_its_localhost_name_with_its_own_content(client, fjordvik):
    page = client.get("/tiltak/", HTTP_HOST="fjordvik.localhost:8000").content.decode()
    assert "Eksempel: Fjordvik kommune" in page
    assert "Digitalt tilsyn om natta" in page
    assert "Deponigassanlegg på Yggeset" not in page
    page = client.get("/tiltak/", HTTP_HOST="lundvik.localhost:8000").content.decode()
    assert "Bildeling for ansatte og innbyggere" in page
    assert "Digitalt tilsyn om natta" not in page
    # Asker stays the default, on 127.0.0.1; each initiative is found on its own site only.
    yggeset = "/tiltak/deponigassanlegg-pa-yggeset/"
    assert client.get(yggeset, HTTP_HOST="127.0.0.1:8000").status_code == 200
    assert client.get(yggeset, HTTP_HOST="fjordvik.localhost:8000").status_code == 404
    own = "/tiltak/digitalt-tilsyn-om-natta/"
    assert client.get(own, HTTP_HOST="fjordvik.localhost:8000").status_code == 200
    assert client.get(own, HTTP_HOST="127.0.0.1:8000").status_code == 404


def test_fjordvik_has_its_own_colours_and_about_text_in_nynorsk(client, fjordvik):
    page = client.get("/om/", HTTP_HOST="fjordvik.localhost:8000").content.decode()
    assert "--ds-color-accent-base-default: #1b5e4a;" in page
    assert "<h2>Kvifor vi er med</h2>" in page
    assert PageText.objects.get(organisation=fjordvik).versions.count() == 1


def test_the_sharing_bank_holds_initiatives_of_several_municipalities(client, demo, db):
    page = client.get("/deling/", HTTP_HOST="lundvik.localhost:8000").content.decode()
    assert "Deponigassanlegg på Yggeset" in page
    assert "Digitalt tilsyn om natta" in page
    assert "Bildeling for ansatte og innbyggere" in page


def test_load_demo_prints_every_municipalitys_address(demo):
    lines = [line.split() for line in demo.splitlines()]
    assert ["Asker", "kommune", "http://127.0.0.1:8000/"] in lines
    assert ["Eksempel:", "Fjordvik", "kommune", "http://fjordvik.localhost:8000/"] in lines
    assert ["Eksempel:", "Lundvik", "kommune", "http://lundvik.localhost:8000/"] in lines
    assert loader.addresses("localhost:9000")[1] == (
        "Eksempel: Fjordvik kommune",
        "http://fjordvik.localhost:9000/",
    )


def test_make_run_gives_load_demo_its_address():
    makefile = (loader.DATA.parents[2] / "Makefile").read_text()
    assert "manage.py load_demo --address $(HOST):$(PORT)" in makefile


def test_local_runs_accept_every_localhost_name():
    """With DEBUG on and ALLOWED_HOSTS unset, as `make run` starts."""
    env = {k: v for k, v in os.environ.items() if k != "ALLOWED_HOSTS"} | {"DEBUG": "1"}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'kominn.settings'; "
        "from django.conf import settings; from django.http.request import validate_host; "
        "print(all(validate_host(h, settings.ALLOWED_HOSTS) for h in "
        "['127.0.0.1', 'localhost', 'fjordvik.localhost', 'lundvik.localhost']), "
        "validate_host('fjordvik.example.no', settings.ALLOWED_HOSTS))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False"]


def test_an_administrators_changes_to_an_example_survive_and_reset_restores_them(client, fjordvik):
    fjordvik.theme_colour = "#333333"
    fjordvik.save()
    initiative = Initiative.objects.get(organisation=fjordvik, slug="digitalt-tilsyn-om-natta")
    initiative.title = "Endra tittel"
    initiative.save()
    assert "nothing was missing" in load_demo()
    fjordvik.refresh_from_db()
    initiative.refresh_from_db()
    assert (fjordvik.theme_colour, initiative.title) == ("#333333", "Endra tittel")
    load_demo("--reset")
    fjordvik.refresh_from_db()
    assert fjordvik.theme_colour == "#1B5E4A"
    restored = Initiative.objects.get(organisation=fjordvik, slug="digitalt-tilsyn-om-natta")
    assert restored.title == "Digitalt tilsyn om natta"
    assert Relation.objects.filter(source__organisation=fjordvik).count() == 1


def test_fjordviks_initiatives_have_covers_described_in_nynorsk(fjordvik):
    initiatives = Initiative.objects.filter(organisation=fjordvik).prefetch_related("images")
    assert all(initiative.cover for initiative in initiatives)
    tilsyn = initiatives.get(slug="digitalt-tilsyn-om-natta")
    assert tilsyn.images.get().alt_text == "Illustrasjon: eit hjarte med ringar rundt"


def test_the_demo_maps_service_areas_to_shared_categories(client, db):
    loader.load()
    mapped = ServiceArea.objects.filter(parent=None, shared_category__isnull=False)
    assert {area.organisation.slug for area in mapped} >= {"asker", "fjordvik", "lundvik"}
    # So the sharing bank's category filter finds the examples' shared initiatives.
    content = client.get("/deling/", {"category": "helse-og-omsorg"}).content.decode()
    assert "Digitalt tilsyn om natta" in content
    assert "Bildeling for ansatte" not in content
    content = client.get("/deling/", {"category": "teknisk-og-eiendom"}).content.decode()
    assert "Bildeling for ansatte og innbyggere" in content
