import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from conftest import make_challenge, make_idea, make_initiative, make_user
from kominn.collaboration import services
from kominn.collaboration.models import Answer, AnswerStatus, Need, Skills
from kominn.organisations.models import Theme


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def initiative(asker):
    return make_initiative(asker)


def need_form(**changes):
    data = {
        "title": "3 innbyggere til et testpanel",
        "description": "Vi tester en ny app for hjemmetjenesten.",
        "kind": "people",
        "how_many": "3",
        "until": "",
        "place": "Asker rådhus",
        "suits": ["resident", "volunteer"],
    }
    return data | changes


def titles(content):
    return re.findall(
        r'<h3 class="ds-heading" data-size="xs"><a class="ds-link" href="[^"]+">([^<]+)<', content
    )


def test_editor_posts_a_need_shown_on_the_initiative(client, initiative, editor):
    client.force_login(editor)
    response = client.post(f"/tiltak/{initiative.slug}/behov/ny/", need_form())
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    assert need.suits == ",resident,volunteer,"
    client.logout()
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "3 innbyggere til et testpanel" in page and "Asker rådhus" in page


def test_resident_may_not_post_a_need_on_an_initiative(client, initiative, citizen):
    client.force_login(citizen)
    assert client.get(f"/tiltak/{initiative.slug}/behov/ny/").status_code == 403
    assert client.post(f"/tiltak/{initiative.slug}/behov/ny/", need_form()).status_code == 403
    assert not Need.objects.exists()


def test_idea_author_and_challenge_staff_post_needs(client, asker, citizen, editor):
    idea = make_idea(asker, citizen)
    challenge = make_challenge(asker)
    client.force_login(citizen)
    assert (
        client.post(f"/ideer/{idea.pk}/behov/ny/", need_form(title="Et lokale")).status_code == 302
    )
    client.force_login(editor)
    assert (
        client.post(
            f"/utfordringer/{challenge.slug}/behov/ny/", need_form(title="Sensorer")
        ).status_code
        == 302
    )
    assert "Et lokale" in client.get(idea.get_absolute_url()).content.decode()
    assert "Sensorer" in client.get(challenge.get_absolute_url()).content.decode()


def test_bad_input_keeps_what_was_typed_with_norwegian_errors(client, initiative, editor):
    client.force_login(editor)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        f"/tiltak/{initiative.slug}/behov/ny/",
        need_form(how_many="0", until=yesterday, title="Mitt behov"),
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'value="Mitt behov"' in content
    assert "Datoen har passert" in content
    assert "Minst én trengs" in content
    assert not Need.objects.exists()


def test_answer_accept_and_withdraw_through_the_pages(client, initiative, editor, citizen):
    need = services.post_need(user=editor, initiative=initiative, title="Testpanel", how_many=1)
    client.force_login(citizen)
    response = client.post(f"/behov/{need.pk}/bidra/", {"message": "Jeg stiller gjerne"})
    assert response.status_code == 302
    answer = Answer.objects.get()
    client.force_login(editor)
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Jeg stiller gjerne" in page
    client.post(f"/behov/svar/{answer.pk}/avgjor/", {"decision": "accept", "reply": "Velkommen!"})
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.ACCEPTED
    client.force_login(citizen)
    assert "Velkommen!" in client.get(need.get_absolute_url()).content.decode()
    client.post(f"/behov/svar/{answer.pk}/trekk/")
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.WITHDRAWN


def test_only_the_owner_decides_and_only_the_person_withdraws(
    client, initiative, editor, citizen, other_citizen
):
    need = services.post_need(user=editor, initiative=initiative, title="Testpanel", how_many=1)
    answer = services.answer_need(need=need, user=citizen, message="Ja")
    client.force_login(other_citizen)
    assert (
        client.post(f"/behov/svar/{answer.pk}/avgjor/", {"decision": "accept"}).status_code == 403
    )
    assert client.post(f"/behov/svar/{answer.pk}/trekk/").status_code == 403
    # Others do not see who answered, nor what they wrote.
    answer_text = "Jeg har et unikt forslag"
    Answer.objects.filter(pk=answer.pk).update(message=answer_text)
    assert answer_text not in client.get(need.get_absolute_url()).content.decode()
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.PENDING


def test_anonymous_is_sent_to_log_in_to_answer(client, initiative, editor):
    need = services.post_need(user=editor, initiative=initiative, title="Testpanel")
    response = client.post(f"/behov/{need.pk}/bidra/", {"message": "Hei"})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/")
    assert not Answer.objects.exists()


def test_an_empty_answer_is_refused_next_to_the_field(client, initiative, editor, citizen):
    need = services.post_need(user=editor, initiative=initiative, title="Testpanel")
    client.force_login(citizen)
    response = client.post(f"/behov/{need.pk}/bidra/", {"message": ""}, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 400
    assert "Skriv noen ord om hvordan du kan hjelpe." in response.content.decode()


def test_answers_are_rate_limited(client, initiative, editor, citizen):
    needs = [
        services.post_need(user=editor, initiative=initiative, title=f"Behov {i}")
        for i in range(11)
    ]
    client.force_login(citizen)
    statuses = [client.post(f"/behov/{n.pk}/bidra/", {"message": "Ja"}).status_code for n in needs]
    assert statuses[:10] == [302] * 10 and statuses[10] == 429
    assert Answer.objects.count() == 10


def test_bad_ids_are_404(client, citizen):
    client.force_login(citizen)
    assert client.get("/behov/999999/").status_code == 404
    assert client.post("/behov/svar/999999/avgjor/", {"decision": "accept"}).status_code == 404
    assert client.get("/tiltak/finnes-ikke/behov/ny/").status_code == 404


def test_need_on_a_draft_initiative_is_not_found(client, asker, editor, citizen):
    draft = make_initiative(asker, "Utkast", is_published=False)
    need = services.post_need(user=editor, initiative=draft, title="Hemmelig")
    client.force_login(citizen)
    assert client.get(need.get_absolute_url()).status_code == 404
    assert "Hemmelig" not in client.get("/bidra/").content.decode()


def test_contribute_lists_open_needs_newest_first_with_filters(client, asker, editor, citizen):
    theme = Theme.objects.filter(organisation=asker).first() or Theme.objects.create(
        organisation=asker, name="Klima", slug="klima"
    )
    themed = make_initiative(asker, "Grønt tiltak", themes=[theme])
    other = make_initiative(asker, "Annet tiltak")
    old = services.post_need(user=editor, initiative=other, title="Eldst", suits=",business,")
    old.created_at = timezone.now() - timedelta(days=3)
    old.save()
    services.post_need(
        user=editor,
        initiative=themed,
        title="Frivillige til strikkekafé",
        suits=",volunteer,",
        place="Heggedal",
        until=timezone.localdate() + timedelta(days=10),
    )
    closed = services.post_need(user=editor, initiative=other, title="Stengt")
    services.set_need_status(need=closed, status="closed")

    assert titles(client.get("/bidra/").content.decode()) == ["Frivillige til strikkekafé", "Eldst"]
    assert titles(client.get("/bidra/?passer_for=business").content.decode()) == ["Eldst"]
    assert titles(client.get(f"/bidra/?tema={theme.pk}").content.decode()) == [
        "Frivillige til strikkekafé"
    ]
    assert titles(client.get("/bidra/?sted=hegge").content.decode()) == [
        "Frivillige til strikkekafé"
    ]
    later = (timezone.localdate() + timedelta(days=20)).isoformat()
    assert titles(client.get(f"/bidra/?etter={later}").content.decode()) == ["Eldst"]
    assert client.get("/bidra/?tema=abc&etter=nonsense&side=x").status_code == 200


def test_suits_me_uses_the_persons_skills(client, initiative, editor, citizen):
    services.post_need(user=editor, initiative=initiative, title="Noen som kan strikke")
    services.post_need(
        user=editor, initiative=initiative, title="En bedrift med sensorer", suits=",business,"
    )
    services.post_need(user=editor, initiative=initiative, title="Et lokale", kind="place")
    client.force_login(citizen)
    response = client.post(
        "/bidra/mine-ferdigheter/", {"tags": "Strikking, strikke", "capacities": ["business"]}
    )
    assert response.status_code == 302
    assert Skills.objects.get(user=citizen).capacity_list() == ["business"]
    assert titles(client.get("/bidra/?for_meg=on").content.decode()) == [
        "En bedrift med sensorer",
        "Noen som kan strikke",
    ]


def test_suits_me_without_skills_says_to_add_them(client, initiative, editor, citizen):
    services.post_need(user=editor, initiative=initiative, title="Noe")
    client.force_login(citizen)
    content = client.get("/bidra/?for_meg=on").content.decode()
    assert titles(content) == []
    assert "/bidra/mine-ferdigheter/" in content


@pytest.mark.parametrize("volume", [3, 30])
def test_contribute_has_a_fixed_number_of_queries(
    client, asker, editor, citizen, volume, django_assert_num_queries
):
    initiatives = [make_initiative(asker, f"Tiltak {i}") for i in range(3)]
    challenge = make_challenge(asker)
    idea = make_idea(asker, make_user("forfatter@example.no"))
    parents = [{"initiative": i} for i in initiatives] + [{"challenge": challenge}, {"idea": idea}]
    for n in range(volume):
        need = services.post_need(user=editor, title=f"Behov {n}", **parents[n % len(parents)])
        services.answer_need(need=need, user=make_user(f"p{n}@example.no"), message="Ja")
    # Logged in, so the page is made for the person and not served from the page cache.
    client.force_login(citizen)
    client.get("/bidra/")  # warm caches (site, organisation)
    with django_assert_num_queries(QUERIES):
        response = client.get("/bidra/")
    assert len(titles(response.content.decode())) == min(volume, 20)


QUERIES = 9
