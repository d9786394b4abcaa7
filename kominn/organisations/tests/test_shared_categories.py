"""Categories shared by every municipality, and each municipality's own service areas
mapped to them in the admin."""

from conftest import PASSWORD, make_editor, make_user
from kominn.organisations.models import ServiceArea, SharedCategory


def test_the_installation_starts_with_ten_shared_categories(db):
    names = list(SharedCategory.objects.values_list("name", flat=True))
    assert len(names) == 10
    assert names[0] == "Helse og omsorg" and "Klima og miljø" in names


def test_a_service_area_is_mapped_to_a_shared_category_in_the_admin(client, asker):
    admin = make_user("admin@asker.kommune.no", is_staff=True, is_superuser=True)
    client.login(username=admin.email, password=PASSWORD)
    area = ServiceArea.objects.filter(organisation=asker).first()
    url = f"/admin/organisations/servicearea/{area.pk}/change/"
    page = client.get(url).text
    assert 'name="shared_category"' in page and "Oppvekst og utdanning" in page
    category = SharedCategory.objects.get(slug="oppvekst-og-utdanning")
    data = {"name": area.name, "slug": area.slug, "shared_category": category.pk}
    assert client.post(url, data).status_code == 302
    area.refresh_from_db()
    assert area.shared_category == category


def test_only_the_platform_administrator_changes_the_shared_categories(client, asker):
    client.force_login(make_editor("redaktor@asker.kommune.no", organisation=asker))
    assert client.get("/admin/organisations/sharedcategory/").status_code == 403
    admin = make_user("admin@asker.kommune.no", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert "Sosiale tjenester" in client.get("/admin/organisations/sharedcategory/").text
