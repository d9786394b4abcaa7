"""The admin's forms that editors use most, with the names Django leaves out added
(kominn/static/js/admin-a11y.js): axe finds nothing on an initiative's change form, with
its tabular inlines, its two-box selectors and a stored cover image, nor on the add form."""

import pytest

from conftest import PASSWORD, make_editor
from kominn.portfolio.models import Initiative

pytestmark = pytest.mark.browser


def test_an_editor_meets_no_axe_violations_in_the_initiative_forms(visitor, asker):
    editor = make_editor(organisation=asker)
    initiative = Initiative.objects.filter(organisation=asker, images__isnull=False).first()
    page = visitor.page
    visitor.visit("/konto/logg-inn/")
    page.get_by_label("E-postadresse", exact=True).fill(editor.email)
    page.get_by_label("Passord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Logg inn", exact=True).click()
    page.wait_for_url("**/konto/")
    for path in [
        f"/admin/portfolio/initiative/{initiative.pk}/change/",
        "/admin/portfolio/initiative/add/",
    ]:
        visitor.visit(path)
        page.wait_for_load_state("load")
        # The two-box selector is built by Django's script on load; named once it is there.
        page.locator("#id_service_areas_from").wait_for()
        # A row added with "Legg til ny" is named too.
        page.locator(".tabular .add-row a").first.click()
        visitor.assert_accessible()
