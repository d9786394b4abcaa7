"""Each municipality its own: contact details, colours that stay readable, and its own
texts for the about, privacy and accessibility pages, with a version history."""

import re

import pytest
from django.core.exceptions import ValidationError

from conftest import make_organisation, make_user
from kominn.organisations import colours
from kominn.organisations.models import PageText

ADMINISTRATOR = "Administrator"  # the role (kominn.accounts.roles, a layer above)
HOST = "kominn.voss.kommune.no"


@pytest.fixture
def voss(settings, asker):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    return make_organisation("voss", name="Voss herad", hosts=[HOST], language="nn")


@pytest.fixture
def voss_admin(voss):
    from django.contrib.auth.models import Group

    user = make_user("admin@voss.kommune.no", is_staff=True, organisation=voss)
    user.groups.add(Group.objects.get(name=ADMINISTRATOR))
    return user


def style_of(response):
    """The page's own style element that sets the organisation's colours."""
    styles = re.findall(r"<style nonce=[^>]*>(.*?)</style>", response.content.decode(), re.S)
    return next(style for style in styles if style.startswith(":root"))


# Organisation number and colours


@pytest.mark.parametrize("number", ["964978840", "964 978 840"])
def test_a_valid_organisation_number_is_kept_without_spaces(voss, number):
    voss.organisation_number = number
    voss.full_clean()
    voss.save()
    voss.refresh_from_db()
    assert voss.organisation_number == "964978840"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("96497884", "Et organisasjonsnummer har ni sifre"),
        ("96497884x", "Et organisasjonsnummer har ni sifre"),
        ("964978841", "Dette er ikke et gyldig organisasjonsnummer"),
    ],
)
def test_a_bad_organisation_number_is_refused_in_norwegian(voss, number, message):
    voss.organisation_number = number
    with pytest.raises(ValidationError) as error:
        voss.full_clean()
    assert message in error.value.message_dict["organisation_number"][0]


def test_a_colour_too_light_for_white_text_is_refused_with_a_darker_suggestion(voss):
    voss.accent_colour = "#FFCC00"
    with pytest.raises(ValidationError) as error:
        voss.full_clean()
    message = error.value.message_dict["accent_colour"][0]
    assert "Fargen #FFCC00 har for lav kontrast mot hvitt (1,5:1)" in message
    suggestion = re.search(r"for eksempel (#[0-9a-f]{6})", message).group(1)
    assert colours.contrast(colours.parse(suggestion)) >= 4.5


def test_the_colours_are_applied_to_every_page_through_designsystemets_variables(client, voss):
    voss.theme_colour, voss.accent_colour = "#6B2C6F", "#0F5C8C"
    voss.full_clean()
    voss.save()
    style = style_of(client.get("/", HTTP_HOST=HOST))
    assert "--ds-color-accent-base-default: #6b2c6f;" in style
    assert "--kominn-brand: #6B2C6F;" in style
    assert "--ds-color-brand1-base-default: #0f5c8c;" in style
    # Every text colour made from it stays readable on white.
    for name, value in re.findall(r"(--ds-color-[a-z0-9-]+-text-[a-z]+): (#[0-9a-f]{6})", style):
        assert colours.contrast(colours.parse(value)) >= 4.5, name


def test_a_colour_change_shows_at_once_on_a_kept_page(client, voss):
    assert "#6b2c6f" not in style_of(client.get("/", HTTP_HOST=HOST))
    voss.theme_colour = "#6B2C6F"
    voss.save()
    assert "#6b2c6f" in style_of(client.get("/", HTTP_HOST=HOST))


def test_the_administrator_is_told_in_norwegian_when_a_colour_is_too_light(
    client, voss, voss_admin
):
    client.force_login(voss_admin)
    url = f"/admin/organisations/organisation/{voss.pk}/change/"
    data = {
        "name": "Voss herad",
        "language": "nn",
        "contact_email": "post@voss.kommune.no",
        "contact_address": "Postboks 145, 5701 Voss",
        "organisation_number": "",
        "theme_colour": "#7FB3D5",
        "accent_colour": "",
        "host_names-TOTAL_FORMS": "0",
        "host_names-INITIAL_FORMS": "0",
    }
    response = client.post(url, data, HTTP_HOST=HOST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "har for lav kontrast mot hvitt" in page
    assert 'value="Postboks 145, 5701 Voss"' in page or "Postboks 145, 5701 Voss</textarea>" in page
    voss.refresh_from_db()
    assert voss.theme_colour == "#005B7F"

    data["theme_colour"] = "#1B5E4A"
    response = client.post(url, data, HTTP_HOST=HOST)
    assert response.status_code == 302
    voss.refresh_from_db()
    assert (voss.theme_colour, voss.contact_address) == ("#1B5E4A", "Postboks 145, 5701 Voss")


def test_an_administrator_cannot_change_host_names_or_the_default(client, voss, voss_admin):
    client.force_login(voss_admin)
    page = client.get(
        f"/admin/organisations/organisation/{voss.pk}/change/", HTTP_HOST=HOST
    ).content.decode()
    assert 'name="is_default"' not in page
    assert 'name="slug"' not in page
    assert 'name="host_names-0-name"' not in page
    assert 'name="language"' in page


# Own texts


def hidden_inputs(client, url):
    """The hidden inputs of the admin's change form (the history's management form)."""
    page = client.get(url, HTTP_HOST=HOST).content.decode()
    found = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if 'type="hidden"' in tag and name and name.group(1).startswith("versions-"):
            found[name.group(1)] = value.group(1) if value else ""
    return found


def test_the_about_page_shows_the_standard_text_without_an_own_text(client, voss):
    page = client.get("/om/", HTTP_HOST=HOST).content.decode()
    assert "Hvorfor KomInn finnes" in page


def test_the_about_page_shows_the_municipalitys_own_text_as_sanitized_markdown(client, voss):
    text = PageText(organisation=voss, page=PageText.Page.ABOUT)
    text.change("Voss herad brukar KomInn.\n\n# Kvifor\n\nFordi.<script>alert(1)</script>")
    page = client.get("/om/", HTTP_HOST=HOST).content.decode()
    assert "<p>Voss herad brukar KomInn.</p>" in page
    assert "<h2>Kvifor</h2>" in page
    assert "<script>alert(1)" not in page
    assert "Hvorfor KomInn finnes" not in page
    # Another municipality keeps the standard text.
    assert "Hvorfor KomInn finnes" in client.get("/om/").content.decode()


@pytest.mark.parametrize(
    ("page", "url", "standard"),
    [("privacy", "/personvern/", "Hva vi lagrer"), ("accessibility", "/tilgjengelighet/", None)],
)
def test_privacy_and_accessibility_take_an_own_text_too(client, voss, page, url, standard):
    before = client.get(url, HTTP_HOST=HOST).content.decode()
    if standard:
        assert standard in before
    PageText(organisation=voss, page=page).change("Eigen tekst for Voss.")
    after = client.get(url, HTTP_HOST=HOST).content.decode()
    assert "<p>Eigen tekst for Voss.</p>" in after
    if standard:
        assert standard not in after


def test_saving_keeps_every_version_and_an_earlier_one_can_be_restored(voss, voss_admin):
    text = PageText(organisation=voss, page=PageText.Page.ABOUT)
    assert text.change("Første utgåve.", user=voss_admin)
    assert text.change("Andre utgåve.", user=voss_admin)
    assert not text.change("Andre utgåve.", user=voss_admin)  # unchanged: no new version
    first = text.versions.get(body="Første utgåve.")
    assert [v.body for v in text.versions.all()] == ["Andre utgåve.", "Første utgåve."]
    text.restore(first, user=voss_admin)
    text.refresh_from_db()
    assert text.body == "Første utgåve."
    assert text.versions.count() == 3
    assert text.versions.first().saved_by == voss_admin


def test_the_administrator_edits_the_text_in_the_admin_and_restores_a_version(
    client, voss, voss_admin
):
    client.force_login(voss_admin)
    response = client.post(
        "/admin/organisations/pagetext/add/",
        {"page": "about", "body": "Første utgåve."},
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302, response.content.decode()
    text = PageText.objects.get(organisation=voss, page="about")
    url = f"/admin/organisations/pagetext/{text.pk}/change/"
    data = {"body": "Andre utgåve.", "restore": "", **hidden_inputs(client, url)}
    response = client.post(url, data, HTTP_HOST=HOST)
    assert response.status_code == 302
    assert "Andre utgåve." in client.get("/om/", HTTP_HOST=HOST).content.decode()

    page = client.get(url, HTTP_HOST=HOST).content.decode()
    assert "Versjonshistorikk" in page and "Første utgåve." in page
    assert "Gjenopprett en tidligere versjon" in page
    first = text.versions.get(body="Første utgåve.")
    data = {"body": "Andre utgåve.", "restore": str(first.pk), **hidden_inputs(client, url)}
    response = client.post(url, data, HTTP_HOST=HOST)
    assert response.status_code == 302
    page = client.get("/om/", HTTP_HOST=HOST).content.decode()
    assert "Første utgåve." in page and "Andre utgåve." not in page
    assert text.versions.count() == 3


def test_a_version_of_another_municipality_cannot_be_restored(client, asker, voss, voss_admin):
    theirs = PageText(organisation=asker, page=PageText.Page.ABOUT)
    theirs.change("Askers tekst.")
    own = PageText(organisation=voss, page=PageText.Page.ABOUT)
    own.change("Voss sin tekst.")
    client.force_login(voss_admin)
    url = f"/admin/organisations/pagetext/{own.pk}/change/"
    data = {"body": "Voss sin tekst.", "restore": str(theirs.versions.get().pk)}
    response = client.post(url, data | hidden_inputs(client, url), HTTP_HOST=HOST)
    assert response.status_code == 200  # the choice is not offered
    assert "Velg et gyldig valg" in response.content.decode()
    own.refresh_from_db()
    assert own.body == "Voss sin tekst."
