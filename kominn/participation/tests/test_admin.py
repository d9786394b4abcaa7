"""Ideas in the admin: a draft is its author's alone, staff and superusers included."""

import pytest
from django.contrib.contenttypes.models import ContentType

from conftest import make_idea
from kominn.participation.models import Idea, Offer


@pytest.fixture
def draft(asker, citizen):
    return make_idea(asker, citizen, "Utkast: en plan ingen har sett", submitted_at=None)


@pytest.fixture
def submitted(asker, other_citizen):
    return make_idea(asker, other_citizen, "Innsendt: benker langs stien")


@pytest.mark.parametrize("role", ["editor", "moderator", "admin_user"])
def test_staff_do_not_read_other_peoples_drafts_in_the_admin(
    client, request, role, draft, submitted
):
    client.force_login(request.getfixturevalue(role))
    listing = client.get("/admin/participation/idea/").content.decode()
    assert submitted.title in listing
    assert draft.title not in listing
    assert draft.title not in client.get("/admin/participation/idea/?q=Utkast").content.decode()
    for page in ("change", "history", "delete"):
        assert client.get(f"/admin/participation/idea/{draft.pk}/{page}/").status_code == 404
    assert client.get(f"/admin/participation/idea/{submitted.pk}/change/").status_code == 200
    idea_type = ContentType.objects.get_for_model(Idea).pk
    assert client.get(f"/admin/r/{idea_type}/{draft.pk}/").status_code == 404


def test_staff_read_their_own_draft_in_the_admin(client, asker, editor):
    mine = make_idea(asker, editor, "Min egen kladd", submitted_at=None)
    client.force_login(editor)
    assert mine.title in client.get("/admin/participation/idea/").content.decode()
    assert client.get(f"/admin/participation/idea/{mine.pk}/change/").status_code == 200


def test_offers_on_a_draft_are_not_listed_to_staff(client, citizen, editor, draft, submitted):
    hidden = Offer.objects.create(user=citizen, idea=draft, message="Jeg hjelper med utkastet")
    shown = Offer.objects.create(user=citizen, idea=submitted, message="Jeg hjelper")
    client.force_login(editor)
    listing = client.get("/admin/participation/offer/").content.decode()
    assert f"/admin/participation/offer/{shown.pk}/change/" in listing
    assert f"/admin/participation/offer/{hidden.pk}/change/" not in listing
    assert draft.title not in listing
    assert client.get(f"/admin/participation/offer/{hidden.pk}/change/").status_code == 404
