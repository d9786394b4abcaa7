from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError

from conftest import make_organisation
from kominn.organisations.models import Organisation, ServiceArea, Theme


@pytest.fixture
def two_municipalities(asker):
    baerum = make_organisation("baerum", name="Bærum kommune", hosts=["kominn.baerum.kommune.no"])
    return asker, baerum


def test_host_name_picks_its_organisation(two_municipalities):
    asker, baerum = two_municipalities
    assert Organisation.objects.for_host("kominn.baerum.kommune.no") == baerum
    assert Organisation.objects.for_host("kominn.asker.kommune.no") == asker


def test_host_name_ignores_port_case_and_trailing_dot(two_municipalities):
    _, baerum = two_municipalities
    assert Organisation.objects.for_host("KomInn.Baerum.Kommune.no.:8443") == baerum


def test_unknown_host_falls_back_to_the_default_organisation(two_municipalities):
    asker, _ = two_municipalities
    assert Organisation.objects.for_host("127.0.0.1:8000") == asker
    assert Organisation.objects.for_host("[::1]:8000") == asker


def test_no_organisation_at_all_gives_none(db):
    assert Organisation.objects.for_host("localhost") is None


def test_only_one_organisation_can_be_the_default(asker):
    with pytest.raises(IntegrityError):
        make_organisation("annen", default=True)


def test_theme_colour_must_be_a_hex_colour(asker):
    asker.theme_colour = "red; background: url(evil)"
    with pytest.raises(ValidationError) as error:
        asker.full_clean()
    assert "theme_colour" in error.value.message_dict


def test_site_shows_the_organisation_that_the_host_names(client, two_municipalities, settings):
    settings.ALLOWED_HOSTS = ["kominn.baerum.kommune.no", "testserver"]
    content = client.get("/", HTTP_HOST="kominn.baerum.kommune.no").content.decode()
    assert "Bærum kommune" in content
    assert "mailto:kominn@baerum.kommune.no" in content

    content = client.get("/").content.decode()
    assert "Asker kommune" in content
    assert "mailto:kominn@asker.kommune.no" in content


def test_load_demo_creates_asker_with_service_areas_and_themes(db):
    call_command("load_demo", stdout=StringIO())
    asker = Organisation.objects.get(slug="asker")
    assert asker.is_default
    assert asker.contact_email == "kominn@asker.kommune.no"
    areas = ServiceArea.objects.for_organisation(asker)
    assert areas.filter(parent=None).count() == 5
    assert areas.filter(parent__slug="oppvekst", slug="skoler").exists()
    assert set(Theme.objects.for_organisation(asker).values_list("name", flat=True)) >= {
        "Miljø og klima",
        "Digitalisering",
        "Helse og mestring",
        "Oppvekst",
        "Mobilitet",
        "Frivillighet",
    }


def test_load_demo_can_run_again_without_duplicating_anything(db):
    call_command("load_demo", stdout=StringIO())
    counts = (Organisation.objects.count(), ServiceArea.objects.count(), Theme.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Organisation.objects.count(), ServiceArea.objects.count(), Theme.objects.count()) == (
        counts
    )
