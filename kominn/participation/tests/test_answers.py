"""The municipality answers ideas: statuses, the public timeline, "taken forward" into an
initiative, the response promise with its dashboard and reminders."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import make_editor, make_idea, make_initiative, make_organisation
from kominn.core.models import AuditEntry
from kominn.notifications.models import Notification
from kominn.organisations.models import ServiceArea, Theme
from kominn.participation.models import Follow, IdeaStatus
from kominn.participation.services import pass_on_phase_changes
from kominn.portfolio.models import Initiative
from kominn.portfolio.tests.test_rules import admin_form_data


def answer(client, idea, **data):
    data.setdefault("status", "under_review")
    data.setdefault("answer", "Takk! Vi ser på dette i enheten for friluftsliv.")
    return client.post(f"/ideer/{idea.pk}/svar/", data)


@pytest.fixture
def idea(asker, citizen):
    area = ServiceArea.objects.get(organisation=asker, slug="samfunnsutvikling")
    theme = Theme.objects.filter(organisation=asker).first()
    return make_idea(asker, citizen, service_area=area, theme=theme)


def test_editor_answers_and_the_author_hears_of_it(client, editor, idea, citizen, sent_mail):
    client.force_login(editor)
    response = answer(client, idea)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW
    assert idea.first_answered_at is not None
    event = idea.events.get()
    assert (event.kind, event.previous_status, event.actor) == ("status", "received", editor)
    # The author is told in KomInn and by mail, and can no longer change the idea.
    assert Notification.objects.filter(recipient=citizen).about(idea).exists()
    assert any(citizen.email in message.to for message in sent_mail())
    client.force_login(citizen)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Under vurdering" in page and "friluftsliv" in page
    assert "Svar fra kommunen" in page
    assert "Endre ideen din" not in page
    assert AuditEntry.objects.filter(action="idea_status", actor=editor).count() == 1


def test_an_answer_is_required_and_a_rejected_one_is_kept(client, editor, idea):
    client.force_login(editor)
    response = answer(client, idea, answer="", status="parked")
    content = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_answer_error"' in content
    assert 'value="parked" checked' in content
    response = answer(client, idea, status="taken_forward", answer="Vi tar den videre.")
    assert response.status_code == 400
    assert "Vi tar den videre." in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.RECEIVED and not idea.events.exists()


NEW_INITIATIVE = {
    "new_initiative_title": "Benker langs turstiene",
    "new_initiative_summary": "Flere benker langs turstiene i Asker.",
    "new_initiative_approach": "adopted",
    "new_initiative_contact_name": "Rita Redaktør",
    "new_initiative_contact_email": "rita@asker.kommune.no",
}


@pytest.fixture
def new_initiative(idea):
    return NEW_INITIATIVE | {"new_initiative_owner_unit": idea.service_area_id}


def test_taken_forward_into_a_new_initiative_credits_the_idea(
    client, editor, idea, citizen, new_initiative
):
    client.force_login(editor)
    response = answer(
        client,
        idea,
        status="taken_forward",
        answer="Dette blir et tiltak.",
        **new_initiative,
        new_initiative_publish="on",
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    initiative = idea.initiative
    assert initiative.title == "Benker langs turstiene"
    assert initiative.is_published and initiative.phase == "idea"
    assert list(initiative.service_areas.all()) == [idea.service_area]
    assert [event.kind for event in idea.events.all()] == ["status", "initiative"]
    client.logout()
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Startet som en idé" in page
    assert idea.title in page and citizen.display_name in page
    idea_page = client.get(idea.get_absolute_url()).content.decode()
    assert "Benker langs turstiene" in idea_page and "(idé)" in idea_page


def test_author_who_declines_credit_is_not_named(client, editor, asker, citizen):
    idea = make_idea(asker, citizen, credit_author=False)
    initiative = make_initiative(asker)
    client.force_login(editor)
    answer(client, idea, status="taken_forward", initiative=initiative.pk)
    client.logout()
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert idea.title in page
    assert citizen.display_name not in page


def test_taken_forward_needs_one_initiative_not_two(client, editor, idea, asker):
    existing = make_initiative(asker)
    client.force_login(editor)
    response = answer(
        client,
        idea,
        status="taken_forward",
        initiative=existing.pk,
        new_initiative_title="Enda et tiltak",
        new_initiative_summary="Kort.",
    )
    assert response.status_code == 400
    assert not Initiative.objects.filter(title="Enda et tiltak").exists()


@pytest.fixture
def taken_forward(client, editor, idea, asker, other_citizen):
    """The idea taken forward into an initiative in the phase "Idé", followed by Ola."""
    initiative = make_initiative(asker, phase="idea")
    Follow.objects.create(user=other_citizen, idea=idea)
    client.force_login(editor)
    answer(client, idea, status="taken_forward", initiative=initiative.pk)
    client.logout()
    Notification.objects.all().delete()
    return initiative


def test_a_phase_change_in_the_admin_reaches_the_idea_and_its_followers(
    client, editor, idea, citizen, other_citizen, taken_forward, sent_mail
):
    client.force_login(editor)
    url = f"/admin/portfolio/initiative/{taken_forward.pk}/change/"
    response = client.post(url, admin_form_data(taken_forward, phase="development"))
    assert response.status_code == 302
    call_command("notify_phase_changes", stdout=io.StringIO())
    assert idea.events.filter(kind="phase", phase="development", actor=editor).exists()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Tiltaket gikk over i fasen «Utvikling og utprøving»" in page
    # The author hears at once, by mail; the follower as chosen (the daily digest).
    assert Notification.objects.get(recipient=citizen).kind == "status"
    assert Notification.objects.get(recipient=other_citizen).kind == "news"
    assert any(citizen.email in m.to and "Nytt om ideen din" in m.subject for m in sent_mail())
    assert not Notification.objects.filter(recipient=editor).exists()


def test_a_phase_change_made_through_the_method_is_passed_on_once(
    client, editor, idea, citizen, other_citizen, taken_forward
):
    changed_at = taken_forward.change_phase("implementation", actor=editor).changed_at
    taken_forward.change_phase("practice", actor=editor)
    assert pass_on_phase_changes() == 2
    assert pass_on_phase_changes() == 0
    events = idea.events.filter(kind="phase")
    assert [event.phase for event in events] == ["implementation", "practice"]
    assert events[0].created_at == changed_at
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Tiltaket gikk over i fasen «Innføring»" in page
    assert Notification.objects.filter(recipient=citizen, kind="status").count() == 2
    assert Notification.objects.filter(recipient=other_citizen, kind="news").count() == 2


def test_a_phase_change_of_an_initiative_without_ideas_tells_nobody(
    asker, editor, citizen, taken_forward
):
    other = make_initiative(asker, title="Uten idé", phase="need")
    other.change_phase("idea", actor=editor)
    assert pass_on_phase_changes() == 1
    assert not Notification.objects.exists()


def test_who_may_answer(client, asker, idea, citizen, other_citizen, editor, moderator):
    outsider_org = make_organisation()
    outsider = make_editor("annen@testby.no", organisation=outsider_org)
    oppvekst = ServiceArea.objects.get(organisation=asker, slug="oppvekst")
    limited = make_editor("oppvekst@asker.kommune.no", organisation=asker, service_areas=[oppvekst])
    expected = {
        None: 302,  # to the login page
        citizen: 403,  # the author
        other_citizen: 403,
        moderator: 403,
        outsider: 403,
        limited: 403,  # the idea is in another service area
        editor: 302,
    }
    for user, status in expected.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = answer(client, idea)
        assert response.status_code == status, user
        if status == 302 and user is None:
            assert response["Location"].startswith("/konto/logg-inn/")
    assert idea.events.count() == 1
    # Only those who may answer see the form.
    for user, sees in [(citizen, False), (moderator, False), (limited, False), (editor, True)]:
        client.force_login(user)
        assert ('id="svar"' in client.get(idea.get_absolute_url()).content.decode()) is sees


def test_limited_editor_answers_ideas_in_their_area(client, asker, citizen, area_editor):
    oppvekst = ServiceArea.objects.get(organisation=asker, slug="oppvekst")
    idea = make_idea(asker, citizen, service_area=oppvekst)
    client.force_login(area_editor)
    assert answer(client, idea).status_code == 302


def test_dashboard_lists_ideas_waiting_longest_first_with_overdue_marked(
    client, asker, citizen, editor, django_assert_max_num_queries
):
    now = timezone.now()
    old = make_idea(asker, citizen, "Gammel idé", submitted_at=now - timedelta(days=20))
    fresh = make_idea(asker, citizen, "Fersk idé", submitted_at=now - timedelta(days=2))
    make_idea(
        asker, citizen, "Besvart idé", submitted_at=now - timedelta(days=30), first_answered_at=now
    )
    make_idea(asker, citizen, "Utkast", submitted_at=None)
    client.force_login(editor)
    content = client.get("/ideer/oppfolging/").content.decode()
    assert content.index(old.title) < content.index(fresh.title)
    assert "Besvart idé" not in content and "Utkast" not in content
    assert content.count("Forfalt") == 1
    assert "2 ideer venter på svar" in content
    for number in range(30):
        make_idea(asker, citizen, f"Idé {number}")
    with django_assert_max_num_queries(12):
        client.get("/ideer/oppfolging/")


def test_dashboard_is_for_editors(client, asker, citizen, moderator):
    assert client.get("/ideer/oppfolging/").status_code == 302
    for user in (citizen, moderator):
        client.force_login(user)
        assert client.get("/ideer/oppfolging/").status_code == 403


def test_overdue_ideas_remind_the_responsible_editors_once(
    asker, citizen, editor, area_editor, sent_mail, settings
):
    settings.KOMINN_ANSWER_DAYS = 14
    now = timezone.now()
    samfunn = ServiceArea.objects.get(organisation=asker, slug="samfunnsutvikling")
    overdue = make_idea(
        asker, citizen, "Glemt idé", service_area=samfunn, submitted_at=now - timedelta(days=15)
    )
    make_idea(asker, citizen, "Ny idé", submitted_at=now - timedelta(days=3))
    make_idea(
        asker, citizen, "Besvart", submitted_at=now - timedelta(days=40), first_answered_at=now
    )
    sent_mail()
    call_command("remind_overdue")
    messages = sent_mail()
    assert [message.to for message in messages] == [[editor.email]]  # not the Oppvekst editor
    assert "Glemt idé" in messages[0].subject
    assert overdue.get_absolute_url() in messages[0].body
    call_command("remind_overdue")
    assert len(sent_mail()) == 1


def test_editors_find_the_dashboard_in_the_header(client, citizen, editor, moderator):
    for user, sees in [(citizen, False), (moderator, False), (editor, True)]:
        client.force_login(user)
        assert ('href="/ideer/oppfolging/"' in client.get("/").content.decode()) is sees
    client.force_login(moderator)
    assert 'href="/moderering/"' in client.get("/").content.decode()


def test_an_initiative_goes_only_with_taken_forward(client, editor, idea, asker):
    # The fields are hidden with any other status: what they still hold is ignored.
    existing = make_initiative(asker)
    client.force_login(editor)
    response = answer(
        client,
        idea,
        status="parked",
        initiative=existing.pk,
        new_initiative_title="Rester fra et utkast",
        new_initiative_summary="Kort.",
        new_initiative_approach="first",
        new_initiative_contact_email="ikke en adresse",
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PARKED and idea.initiative is None
    assert not Initiative.objects.filter(title="Rester fra et utkast").exists()


def test_a_draft_initiative_is_not_named_on_the_public_timeline(client, editor, idea, asker):
    draft = make_initiative(asker, "Hemmelig utkast", is_published=False)
    client.force_login(editor)
    answer(client, idea, status="taken_forward", initiative=draft.pk)
    client.logout()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Hemmelig utkast" not in page
    assert "et tiltak som fortsatt er under arbeid" in page


def test_pressing_publish_twice_gives_one_answer(client, editor, idea, citizen):
    client.force_login(editor)
    answer(client, idea)
    answer(client, idea)
    assert idea.events.count() == 1
    assert Notification.objects.filter(recipient=citizen).count() == 1


def test_the_author_is_told_in_their_own_language(client, editor, idea, citizen, sent_mail):
    citizen.language = "en"
    citizen.save(update_fields=["language"])
    client.force_login(editor)
    answer(client, idea)
    (message,) = [m for m in sent_mail() if citizen.email in m.to]
    assert "idea" in message.subject.lower() and "idé" not in message.subject.lower()


def test_a_new_initiative_from_an_idea_is_a_draft_with_its_owner_and_contact(
    client, editor, idea, new_initiative
):
    client.force_login(editor)
    response = answer(client, idea, status="taken_forward", **new_initiative)
    assert response.status_code == 302
    idea.refresh_from_db()
    initiative = idea.initiative
    assert not initiative.is_published
    assert initiative.owner_unit == idea.service_area
    assert (initiative.contact_name, initiative.contact_email) == (
        "Rita Redaktør",
        "rita@asker.kommune.no",
    )
    client.logout()
    assert client.get(initiative.get_absolute_url()).status_code == 404
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Benker langs turstiene" not in page
    assert "et tiltak som fortsatt er under arbeid" in page


@pytest.mark.parametrize(
    "missing, message",
    [
        ("new_initiative_owner_unit", "Velg enheten som eier det nye tiltaket."),
        ("new_initiative_contact_name", "Skriv hvem man kan kontakte om tiltaket."),
        ("new_initiative_contact_email", "Skriv e-postadressen til kontaktpersonen."),
    ],
)
def test_a_new_initiative_needs_an_owner_and_a_contact(
    client, editor, idea, new_initiative, missing, message
):
    client.force_login(editor)
    response = answer(client, idea, status="taken_forward", **(new_initiative | {missing: ""}))
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content and f'id="id_{missing}_error"' in content
    # What was typed is kept.
    assert 'value="Benker langs turstiene"' in content
    assert not Initiative.objects.filter(title="Benker langs turstiene").exists()


def test_the_answer_form_asks_for_an_initiative_only_when_taken_forward(client, editor, idea):
    from pathlib import Path

    from django.conf import settings

    client.force_login(editor)
    page = client.get(idea.get_absolute_url()).content.decode()
    form = page[page.index('class="form answer-form"') : page.index("Publiser svaret")]
    fieldset = form[form.index('class="ds-fieldset field answer-initiative"') :]
    for name in ("initiative", "new_initiative_title", "new_initiative_owner_unit"):
        assert f'name="{name}"' in fieldset
        assert f'name="{name}"' not in form[: form.index("answer-initiative")]
    assert 'name="new_initiative_publish"' in fieldset and "checked" not in re.search(
        r'<input[^>]*name="new_initiative_publish"[^>]*>', fieldset
    ).group(0)
    # The stylesheet hides the fieldset unless "Tatt videre" is chosen; no script needed.
    css = (Path(settings.BASE_DIR) / "kominn/static/css/kominn.css").read_text()
    assert re.search(
        r'\.answer-form:not\(:has\(input\[name="status"\]\[value="taken_forward"\]:checked\)\)'
        r"\s*\.answer-initiative\s*\{\s*display:\s*none;",
        css,
    )
    # The empty choices are in bokmål.
    assert "– Velg et alternativ –" in fieldset and "Select an option" not in page
    # The new initiative's contact is the editor until changed.
    assert 'value="Rita Redaktør"' in fieldset
