"""The sharing bank (/deling/) and "Ta i bruk hos oss": what one municipality shares,
every municipality on the installation sees and may take into use."""

import re

import pytest
from django.forms import MultiWidget

from conftest import (
    BAERUM_HOST,
    make_editor,
    make_initiative,
    make_organisation,
    make_shared_initiative,
    make_user,
)
from kominn.notifications.models import Notification, NotificationKind
from kominn.organisations.models import ServiceArea, SharedCategory
from kominn.portfolio.models import (
    Approach,
    Benefit,
    Initiative,
    Lesson,
    Phase,
    Relation,
    RelationType,
)


def titles(response):
    return re.findall(
        r'<h3 class="ds-heading" data-size="xs"><a [^>]*>([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def shared(asker, django_capture_on_commit_callbacks):
    """Asker's shared initiative, with a benefit measured twice and a lesson; in the
    search index, as once its transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        return make_shared_initiative(asker)


@pytest.fixture
def baerum_editor(baerum):
    return make_editor("redaktor@baerum.kommune.no", organisation=baerum)


def adopt(client, initiative):
    return client.post(
        f"/deling/{initiative.organisation.slug}/{initiative.slug}/ta-i-bruk/",
        HTTP_HOST=BAERUM_HOST,
    )


def test_bank_lists_published_shared_initiatives_of_every_municipality(
    client, asker, baerum, shared
):
    make_initiative(baerum, "Bærums delte tiltak", shared=True)
    make_initiative(asker, "Askers utkast", shared=True, is_published=False)
    make_initiative(asker, "Askers egne tiltak")  # published, not shared
    for host in ("testserver", BAERUM_HOST):
        response = client.get("/deling/", HTTP_HOST=host)
        assert response.status_code == 200
        assert sorted(titles(response)) == ["Bærums delte tiltak", "Digitale trygghetsalarmer"]
        assert "Asker kommune" in response.content.decode()


def test_bank_page_of_a_draft_or_unshared_initiative_is_not_found(client, asker, baerum):
    draft = make_initiative(asker, "Askers utkast", shared=True, is_published=False)
    unshared = make_initiative(asker, "Askers egne tiltak")
    for initiative in (draft, unshared):
        for host in ("testserver", BAERUM_HOST):
            path = f"/deling/{asker.slug}/{initiative.slug}/"
            assert client.get(path, HTTP_HOST=host).status_code == 404


def test_bank_page_shows_the_owner_benefits_lessons_and_contact(client, baerum, shared):
    response = client.get(
        f"/deling/{shared.organisation.slug}/{shared.slug}/", HTTP_HOST=BAERUM_HOST
    )
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Asker kommune", "Utrykninger", "Test dekningen først", "Kari Kontakt",
                 "Gamle alarmer slutter å virke.", "Alarmene går over mobilnettet."):  # fmt: skip
        assert text in page


def test_bank_filters_and_text_search(client, asker, baerum, shared):
    make_initiative(baerum, "Sykkelhotell", shared=True, approach=Approach.SHARED, phase=Phase.IDEA)
    assert titles(client.get("/deling/?q=alarm")) == ["Digitale trygghetsalarmer"]
    assert titles(client.get("/deling/?approach=shared")) == ["Sykkelhotell"]
    assert titles(client.get("/deling/?phase=practice")) == ["Digitale trygghetsalarmer"]
    assert titles(client.get("/deling/?municipality=baerum")) == ["Sykkelhotell"]
    # A choice that does not exist is ignored, and says so.
    response = client.get("/deling/?municipality=finnes-ikke")
    assert response.status_code == 200
    assert len(titles(response)) == 2


def test_editor_of_another_municipality_adopts_a_shared_initiative(
    client, asker, baerum, baerum_editor, shared
):
    client.force_login(baerum_editor)
    response = adopt(client, shared)
    draft = Initiative.objects.get(organisation=baerum)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/portfolio/initiative/{draft.pk}/change/"
    assert not draft.is_published and not draft.shared
    assert draft.approach == Approach.ADOPTED and draft.phase == Phase.NEED
    assert (draft.title, draft.summary, draft.need, draft.what_is_new) == (
        shared.title, shared.summary, shared.need, shared.what_is_new,
    )  # fmt: skip
    assert (draft.contact_name, draft.contact_email) == (shared.contact_name, shared.contact_email)
    relation = Relation.objects.get(source=draft)
    assert (relation.type, relation.target) == (RelationType.ADOPTED_FROM, shared)
    benefit = draft.benefits.get()
    assert (benefit.indicator, benefit.unit, benefit.type) == ("Utrykninger", "antall", "quality")
    assert not benefit.measurements.exists()
    assert benefit.baseline is None and benefit.target is None
    assert not draft.lessons.exists()
    # The draft's page refers to the lessons in the bank; the editor can open it.
    page = client.get(f"/tiltak/{draft.slug}/", HTTP_HOST=BAERUM_HOST).content.decode()
    assert f"/deling/asker/{shared.slug}/#lesson-" in page
    assert client.get(response["Location"], HTTP_HOST=BAERUM_HOST).status_code == 200


def test_adopting_twice_gives_one_draft(client, baerum, baerum_editor, shared):
    client.force_login(baerum_editor)
    first = adopt(client, shared)
    second = adopt(client, shared)
    assert first["Location"] == second["Location"]
    assert Initiative.objects.filter(organisation=baerum).count() == 1


def test_own_initiative_cannot_be_adopted(client, asker, editor, shared):
    client.force_login(editor)
    response = client.post(f"/deling/asker/{shared.slug}/ta-i-bruk/", follow=True)
    assert "allerede din egen kommunes" in response.content.decode()
    assert Initiative.objects.filter(organisation=asker).count() == 1


def test_participants_and_anonymous_cannot_adopt(client, baerum, shared):
    response = adopt(client, shared)
    assert response.status_code == 302 and "/konto/" in response["Location"]
    client.force_login(make_user("deltaker@example.no"))
    assert adopt(client, shared).status_code == 403
    client.force_login(make_editor("redaktor@asker.kommune.no", organisation=shared.organisation))
    # An editor of Asker on Bærum's site does not work for Bærum.
    assert adopt(client, shared).status_code == 403
    assert not Initiative.objects.filter(organisation=baerum).exists()


def test_editor_of_another_municipality_sees_no_drafts_there(client, asker, baerum, baerum_editor):
    draft = make_initiative(asker, "Askers utkast", shared=True, is_published=False)
    client.force_login(baerum_editor)
    assert client.get(f"/deling/asker/{draft.slug}/", HTTP_HOST=BAERUM_HOST).status_code == 404
    assert (
        client.post(f"/deling/asker/{draft.slug}/ta-i-bruk/", HTTP_HOST=BAERUM_HOST).status_code
        == 404
    )
    assert "Askers utkast" not in client.get("/deling/", HTTP_HOST=BAERUM_HOST).content.decode()


def test_owner_page_lists_the_adoption_once_it_is_published(
    client, asker, baerum, baerum_editor, shared
):
    client.force_login(baerum_editor)
    adopt(client, shared)
    client.logout()
    draft = Initiative.objects.get(organisation=baerum)
    page = client.get(shared.get_absolute_url()).content.decode()
    assert "Bærum kommune" not in page
    draft.is_published = True
    draft.phase = Phase.DEVELOPMENT
    draft.save()
    page = client.get(shared.get_absolute_url()).content.decode()
    assert "Tatt i bruk av" in page
    assert "Bærum kommune (utvikling og utprøving)" in page
    # Bærum's own page is not linked until Bærum shares it too.
    assert f"/deling/baerum/{draft.slug}/" not in page
    draft.shared = True
    draft.save()
    assert f"/deling/baerum/{draft.slug}/" in client.get(shared.get_absolute_url()).content.decode()


def test_the_owners_editor_is_told(client, asker, baerum, baerum_editor, shared):
    owner = make_editor("kari.kontakt@asker.kommune.no", organisation=asker)
    other = make_editor("annen@asker.kommune.no", organisation=asker)
    client.force_login(baerum_editor)
    adopt(client, shared)
    adopt(client, shared)
    told = Notification.objects.filter(kind=NotificationKind.ADOPTION)
    # The contact person, being one of the editors, is told, once.
    assert [n.recipient for n in told] == [owner]
    assert told.get().params == {"organisation": "Bærum kommune"}
    assert not Notification.objects.filter(recipient=other).exists()


def _make_many(baerum, count):
    """`count` municipalities, each sharing an initiative in a category that Bærum took
    into use, and each taking the one before it into use (a chain of adoptions)."""
    category = SharedCategory.objects.get(slug="helse-og-omsorg")
    previous = None
    for number in range(count):
        organisation = make_organisation(f"kommune-{number}", name=f"Kommune {number}")
        area = ServiceArea.objects.create(
            organisation=organisation, name="Helse", slug="helse", shared_category=category
        )
        initiative = make_initiative(
            organisation, f"Tiltak {number}", shared=True, service_areas=[area]
        )
        adoption = make_initiative(baerum, f"Hentet {number}", shared=number % 2 == 0)
        Relation.objects.create(source=adoption, type=RelationType.ADOPTED_FROM, target=initiative)
        if previous is not None:
            # A chain of adoptions of adoptions across every municipality.
            Relation.objects.create(
                source=initiative, type=RelationType.ADOPTED_FROM, target=previous
            )
        previous = initiative
        Lesson.objects.create(initiative=initiative, title="Lærdom", body="Tekst.")
        Benefit.objects.create(initiative=initiative, type="quality", indicator="Tid", unit="t")


@pytest.mark.parametrize("count", [3, 100])
def test_bank_keeps_a_fixed_number_of_queries(
    client,
    baerum,
    baerum_editor,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
    count,
):
    """However many municipalities share and adopt: the list (with its search, filters
    and how far each solution has spread), a bank page with its adoption tree, and an
    initiative page with "Hvem har gjort dette før?" read a fixed number of rows."""
    with django_capture_on_commit_callbacks(execute=True):
        _make_many(baerum, count)
    client.force_login(baerum_editor)
    first = "/deling/kommune-0/tiltak-0/"
    # Each budget is the page's queries with the adoption trees at their deepest
    # (bank.MAX_DEPTH levels, one query each), whatever the number of municipalities.
    paths = {
        "/deling/": 18,
        "/deling/?q=tiltak&phase=development&category=helse-og-omsorg&benefit=quality": 22,
        first: 17,
    }
    for path, budget in paths.items():
        with django_assert_max_num_queries(budget):
            response = client.get(path, HTTP_HOST=BAERUM_HOST)
        assert response.status_code == 200, path
        if path != first:
            expected = count if "q=" in path else count + (count + 1) // 2
            assert len(titles(response)) == min(20, expected), path
    # The first solution's tree is cut at its depth (Bærum, then five along the chain).
    page = client.get(first, HTTP_HOST=BAERUM_HOST).content.decode()
    assert f"Tatt i bruk av {3 if count == 3 else 6} andre kommuner" in page
    with django_assert_max_num_queries(30):
        assert client.get(f"/tiltak/tiltak-{count - 1}/", HTTP_HOST=BAERUM_HOST).status_code == 404
    hentet = Initiative.objects.get(title=f"Hentet {count - 1}")
    # 33: with one for the initiative's team ("Teamet").
    with django_assert_max_num_queries(33):
        assert client.get(f"/tiltak/{hentet.slug}/", HTTP_HOST=BAERUM_HOST).status_code == 200


def _form_values(form, data):
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{key}_{index}"] = part or ""
        elif isinstance(value, list):
            data[key] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif value is not None:
            data[key] = value if not hasattr(value, "pk") else value.pk
    return data


def test_the_draft_is_saved_in_the_admin_and_keeps_its_link_back(
    client, asker, baerum, baerum_editor, shared
):
    from kominn.organisations.models import ServiceArea

    area = ServiceArea.objects.create(organisation=baerum, name="Helse", slug="helse")
    client.force_login(baerum_editor)
    url = adopt(client, shared)["Location"]
    response = client.get(url, HTTP_HOST=BAERUM_HOST)
    data = _form_values(response.context["adminform"].form, {})
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
        data[f"{formset.prefix}-INITIAL_FORMS"] = formset.initial_form_count()
        for form in formset.initial_forms:
            _form_values(form, data)
    data |= {"service_areas": [str(area.pk)], "title": "Trygghetsalarmer i Bærum"}
    response = client.post(url, data, HTTP_HOST=BAERUM_HOST)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft = Initiative.objects.get(organisation=baerum)
    assert draft.title == "Trygghetsalarmer i Bærum"
    assert draft.relations_from.get().target == shared
    assert draft.benefits.count() == 1


def test_the_drafts_link_back_goes_once_the_source_is_no_longer_shared(
    client, baerum, baerum_editor, shared
):
    client.force_login(baerum_editor)
    adopt(client, shared)
    draft = Initiative.objects.get(organisation=baerum)
    shared.shared = False
    shared.save()
    page = client.get(f"/tiltak/{draft.slug}/", HTTP_HOST=BAERUM_HOST).content.decode()
    assert "/deling/asker/" not in page and "Test dekningen først" not in page


def test_a_relation_to_another_municipality_needs_a_shared_initiative(asker, baerum, shared):
    from django.core.exceptions import ValidationError

    draft = make_initiative(baerum, "Bærums tiltak")
    Relation(source=draft, type=RelationType.ADOPTED_FROM, target=shared).full_clean()
    unshared = make_initiative(asker, "Askers egne tiltak")
    for kind, target in [(RelationType.ADOPTED_FROM, unshared), (RelationType.RELATED, shared)]:
        with pytest.raises(ValidationError):
            Relation(source=draft, type=kind, target=target).full_clean()


def test_bank_filters_by_shared_category_and_benefit_type(client, asker, baerum, shared):
    helse = SharedCategory.objects.get(slug="helse-og-omsorg")
    area = ServiceArea.objects.create(
        organisation=baerum, name="Helse og mestring", slug="helse", shared_category=helse
    )
    # A unit without a category of its own takes its area's.
    unit = ServiceArea.objects.create(
        organisation=baerum, name="Hjemmetjenesten", slug="hjemme", parent=area
    )
    make_initiative(baerum, "Velferdsteknologi hjemme", shared=True, service_areas=[unit])
    make_initiative(baerum, "Sykkelhotell", shared=True, service_areas=[])
    response = client.get("/deling/?category=helse-og-omsorg")
    # Asker's, in its "Helse og inkludering", which the demo maps to the same category.
    assert set(titles(response)) == {"Velferdsteknologi hjemme", "Digitale trygghetsalarmer"}
    assert "Helse og omsorg" in response.content.decode()  # on the card, and as a choice
    assert titles(client.get("/deling/?benefit=quality")) == ["Digitale trygghetsalarmer"]
    assert titles(client.get("/deling/?benefit=climate")) == []
    # Each card names its benefits, its lessons and its contact.
    page = client.get("/deling/?municipality=asker").content.decode()
    for text in ("Utrykninger", "Erfaringer", "Kari Kontakt"):
        assert text in page, text


def test_bank_shows_how_far_a_solution_has_spread_and_its_tree(client, asker, baerum, shared):
    drammen = make_organisation("drammen", name="Drammen kommune")
    lier = make_organisation("lier", name="Lier kommune")
    from_asker = make_initiative(baerum, "Trygghetsalarmer i Bærum", shared=True)
    from_baerum = make_initiative(drammen, "Alarmer i Drammen")  # published, not shared
    draft = make_initiative(lier, "Alarmer i Lier", is_published=False)
    for source, target in ((from_asker, shared), (from_baerum, from_asker), (draft, shared)):
        Relation.objects.create(source=source, type=RelationType.ADOPTED_FROM, target=target)
    bank = client.get("/deling/?municipality=asker").content.decode()
    assert "Tatt i bruk av 2 andre kommuner" in bank  # Bærum, and Drammen through Bærum
    page = client.get(f"/deling/asker/{shared.slug}/").content.decode()
    tree = page[
        page.index('id="spread-heading"') : page.index(
            "</section>", page.index('id="spread-heading"')
        )
    ]
    assert "Tatt i bruk av 2 andre kommuner" in tree
    assert f'href="/deling/baerum/{from_asker.slug}/"' in tree
    # Drammen does not share its own: named, not linked, its title not shown.
    assert "Drammen kommune" in tree and "Alarmer i Drammen" not in tree
    assert "/deling/drammen/" not in tree
    # Lier's draft does not count.
    assert "Lier" not in tree
    # Drammen under Bærum: the tree nests.
    assert tree.index("Bærum kommune") < tree.index("Drammen kommune")
    assert tree.count('class="ds-list adoption-tree"') == 3
