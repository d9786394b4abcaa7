"""The demo's cover pictures: drawn by the project, attached when load_demo creates an
item, described for those who cannot see them, and never put back once staff removed one."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image

from kominn.demo import illustrations, loader
from kominn.participation.models import Idea
from kominn.portfolio.models import Initiative, InitiativeImage


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
    }


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_every_theme_has_a_motif_that_is_drawn_the_same_every_time():
    themes = {theme["slug"] for theme in loader.read("organisation")["themes"]}
    motifs = loader.read("illustrations")["themes"]
    assert set(motifs) == themes
    for motif in motifs.values():
        assert motif["alt"].startswith("Illustrasjon: ")
        picture = illustrations.draw(motif["motif"], "Smarte vannmålere")
        assert picture == illustrations.draw(motif["motif"], "Smarte vannmålere")
        assert Image.open(io.BytesIO(picture)).size == (960, 540)
    assert illustrations.draw("sun", "a") != illustrations.draw("sun", "b")


def test_every_demo_initiative_and_some_ideas_have_a_described_cover(demo):
    initiatives = Initiative.objects.prefetch_related("images")
    assert all(initiative.cover for initiative in initiatives)
    assert all(image.alt_text and image.thumbnail for image in InitiativeImage.objects.all())
    pictured = Idea.objects.exclude(image="")
    assert 10 <= pictured.count() < Idea.objects.count()
    assert all(idea.image_alt and idea.thumbnail for idea in pictured)


def test_a_cover_staff_removed_is_not_put_back(demo):
    initiative = Initiative.objects.get(slug="smarte-vannmalere")
    initiative.images.all().delete()
    pictured = set(Idea.objects.exclude(image="").values_list("pk", flat=True))
    idea = Idea.objects.get(pk=min(pictured))
    idea.image, idea.image_alt = "", ""
    idea.save()
    call_command("load_demo", stdout=StringIO())
    assert not initiative.images.exists()
    assert set(Idea.objects.exclude(image="").values_list("pk", flat=True)) == pictured - {idea.pk}
