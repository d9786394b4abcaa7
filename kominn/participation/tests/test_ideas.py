import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from conftest import make_challenge, make_idea, make_initiative, make_organisation, make_user
from kominn.participation import services
from kominn.participation.models import Comment, Follow, Idea, Support


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def idea_form(**changes):
    data = {
        "title": "Flere benker langs Askerelva",
        "description": "Eldre trenger steder å hvile.",
        "capacity": "citizen",
        "affiliation": "",
        "website": "",
        "action": "preview",
    }
    return data | changes


def png(name="benk.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_submitting_needs_login(client, asker):
    response = client.get("/ideer/ny/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logg-inn/?next=/ideer/ny/")


def test_idea_goes_through_preview_before_it_is_published(
    client, asker, citizen, settings, tmp_path
):
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path)}}
    }  # fmt: skip
    client.force_login(citizen)
    challenge = make_challenge(asker)
    response = client.post(
        "/ideer/ny/",
        idea_form(challenge=challenge.pk, image=png(), image_alt="En benk ved elva"),
    )
    idea = Idea.objects.get()
    assert response["Location"] == f"/ideer/{idea.pk}/forhandsvis/"
    assert idea.is_draft and idea.thumbnail
    # A draft is the author's alone.
    client.logout()
    assert client.get(f"/ideer/{idea.pk}/").status_code == 404
    client.force_login(citizen)
    preview = client.get(f"/ideer/{idea.pk}/forhandsvis/").content.decode()
    assert "Forhåndsvisning." in preview and 'alt="En benk ved elva"' in preview
    client.post(f"/ideer/{idea.pk}/send-inn/")
    idea.refresh_from_db()
    assert not idea.is_draft
    client.logout()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Flere benker langs Askerelva" in page
    assert "Kari Nordmann (innbygger)" in page
    assert challenge.title in page


def test_bad_idea_keeps_what_was_typed_and_explains(client, asker, citizen):
    client.force_login(citizen)
    response = client.post("/ideer/ny/", idea_form(title="", image=png(), image_alt=""))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_error"' in content
    assert "Beskriv bildet for dem som ikke kan se det." in content
    assert "Eldre trenger steder å hvile." in content
    assert not Idea.objects.exists()


def test_ideas_cannot_go_to_a_closed_challenge(client, asker, citizen):
    closed = make_challenge(asker, "Gammel utfordring", days_open=(-60, -10))
    client.force_login(citizen)
    response = client.post("/ideer/ny/", idea_form(challenge=closed.pk))
    assert response.status_code == 200
    assert 'id="id_challenge_error"' in response.content.decode()


def test_author_may_edit_until_the_first_answer(client, asker, citizen):
    idea = make_idea(asker, citizen)
    client.force_login(citizen)
    assert client.get(f"/ideer/{idea.pk}/rediger/").status_code == 200
    Idea.objects.filter(pk=idea.pk).update(first_answered_at=timezone.now())
    assert client.get(f"/ideer/{idea.pk}/rediger/").status_code == 403


def test_idea_addresses_carry_the_title_and_old_ones_redirect(client, asker, citizen):
    idea = make_idea(asker, citizen, title="Benker på Holmen")
    assert idea.get_absolute_url() == f"/ideer/{idea.pk}/benker-pa-holmen/"
    assert client.get(f"/ideer/{idea.pk}/")["Location"] == idea.get_absolute_url()
    assert client.get(idea.get_absolute_url()).status_code == 200


def test_support_is_a_toggle_and_never_for_your_own_idea(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    client.post(f"/ideer/{idea.pk}/stott/")
    client.post(f"/ideer/{idea.pk}/stott/")
    client.post(f"/ideer/{idea.pk}/stott/")
    assert Support.objects.filter(idea=idea).count() == 1
    client.force_login(citizen)
    assert client.post(f"/ideer/{idea.pk}/stott/").status_code == 403


def test_support_with_htmx_answers_the_updated_buttons(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    response = client.post(f"/ideer/{idea.pk}/stott/", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="handlinger"')
    assert "1 person støtter ideen" in content
    assert 'aria-pressed="true"' in content


def test_comments_reply_edit_and_delete(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "God idé!", "website": ""})
    top = Comment.objects.get()
    client.force_login(citizen)
    client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Takk!", "parent": top.pk})
    reply = Comment.objects.get(parent=top)
    # A reply to a reply becomes a reply to the comment: one level only.
    client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Og mer", "parent": reply.pk})
    assert Comment.objects.filter(parent=top).count() == 2
    client.force_login(other_citizen)
    client.post(f"/kommentarer/{top.pk}/rediger/", {"body": "Veldig god idé!", "website": ""})
    top.refresh_from_db()
    assert top.body == "Veldig god idé!" and top.edited_at
    client.post(f"/kommentarer/{top.pk}/slett/")
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Slettet" in page and "Veldig god idé!" not in page
    assert "Takk!" in page  # replies keep their context
    assert Follow.objects.filter(user=other_citizen, idea=idea).exists()


def test_comments_can_be_edited_for_15_minutes_only(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    comment = Comment.objects.create(idea=idea, author=other_citizen, body="Først")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    client.force_login(other_citizen)
    client.post(f"/kommentarer/{comment.pk}/rediger/", {"body": "Endret", "website": ""})
    comment.refresh_from_db()
    assert comment.body == "Først"


def test_empty_or_too_long_comment_is_explained_and_kept(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    response = client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "x" * 3001})
    assert response.status_code == 400
    content = response.content.decode()
    assert "x" * 3001 in content
    assert "aria-invalid" in content
    assert not Comment.objects.exists()


def test_posting_is_rate_limited_per_account(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    for number in range(30):
        client.post(f"/ideer/{idea.pk}/kommenter/", {"body": f"Kommentar {number}"})
    response = client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "En til"})
    assert response.status_code == 400
    assert "mange kommentarer på kort tid" in response.content.decode()
    assert Comment.objects.count() == 30


def test_the_same_idea_sent_twice_is_stored_once_and_leads_to_it(client, asker, citizen):
    client.force_login(citizen)
    first = client.post("/ideer/ny/", idea_form())
    again = client.post("/ideer/ny/", idea_form())
    idea = Idea.objects.get()
    assert first["Location"] == again["Location"] == f"/ideer/{idea.pk}/forhandsvis/"
    # Sent in meanwhile, the form sent again leads to the idea's page, with no message.
    client.post(f"/ideer/{idea.pk}/send-inn/")
    client.get(idea.get_absolute_url())  # reads the thanks
    again = client.post("/ideer/ny/", idea_form(), follow=True)
    assert again.redirect_chain == [(idea.get_absolute_url(), 302)]
    assert "Endringene er lagret" not in again.content.decode()
    assert Idea.objects.count() == 1


def test_the_same_idea_a_while_later_or_with_other_words_is_a_new_one(client, asker, citizen):
    client.force_login(citizen)
    client.post("/ideer/ny/", idea_form())
    client.post("/ideer/ny/", idea_form(description="Og flere søppelbøtter."))
    assert Idea.objects.count() == 2
    Idea.objects.update(created_at=timezone.now() - timedelta(minutes=6))
    client.post("/ideer/ny/", idea_form())
    assert Idea.objects.count() == 3


def test_the_hourly_idea_limit_counts_the_ideas_stored(client, asker, citizen):
    """The limit holds however the ideas came, whichever server took them (the count
    is the ideas in the database, not a counter kept beside them)."""
    for number in range(5):
        make_idea(asker, citizen, f"Idé {number}")
    client.force_login(citizen)
    response = client.post("/ideer/ny/", idea_form())
    assert response.status_code == 200
    content = response.content.decode()
    assert "mange ideer på kort tid" in content
    assert 'value="Flere benker langs Askerelva"' in content  # what was typed is kept
    assert Idea.objects.count() == 5
    Idea.objects.filter(title="Idé 0").update(created_at=timezone.now() - timedelta(minutes=61))
    response = client.post("/ideer/ny/", idea_form())
    assert response.status_code == 302 and Idea.objects.count() == 6


def test_the_same_comment_sent_twice_is_stored_once_and_leads_to_it(
    client, asker, citizen, other_citizen, sent_mail
):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    first = client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Gjerne ved elva!"})
    again = client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Gjerne ved elva!"})
    comment = Comment.objects.get()
    assert first["Location"] == again["Location"] == comment.get_absolute_url()
    idea.refresh_from_db()
    assert idea.comment_count == 1
    assert len(sent_mail()) == 1  # the author is told once
    # The same words as a reply, or after a while, are a new comment.
    client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Gjerne ved elva!", "parent": comment.pk})
    Comment.objects.update(created_at=timezone.now() - timedelta(minutes=6))
    client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Gjerne ved elva!"})
    assert Comment.objects.count() == 3


def test_honeypot_stops_comment_bots(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Kjøp nå", "website": "spam"})
    assert not Comment.objects.exists()


def test_follow_and_offer_on_an_initiative(client, asker, citizen, editor):
    initiative = make_initiative(asker, "Bysykler")
    client.force_login(citizen)
    client.post(f"/tiltak/{initiative.slug}/folg/")
    client.post(f"/tiltak/{initiative.slug}/bidra/", {"message": "Jeg kan teste syklene."})
    assert Follow.objects.filter(user=citizen, initiative=initiative).exists()
    client.force_login(editor)
    # The offer is an answer to the initiative's general need, listed for its editors.
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Annen hjelp" in page
    need = initiative.needs.get(is_general=True)
    assert "Jeg kan teste syklene." in client.get(need.get_absolute_url()).content.decode()


def test_list_filters_and_sorts(client, asker, citizen, other_citizen):
    a = make_idea(asker, citizen, "Idé A", capacity="volunteer", affiliation="Røde Kors")
    make_idea(asker, citizen, "Idé B")
    services.set_support(idea=a, user=other_citizen, support=True)
    content = client.get("/ideer/?capacity=volunteer").content.decode()
    assert "Idé A" in content and "Idé B" not in content
    titles = re.findall(
        r'data-size="xs"><a class="ds-link" href="[^"]+">([^<]+)<',
        client.get("/ideer/?sort=supported").content.decode(),
    )
    assert titles[0] == "Idé A"


def test_challenge_pages_show_ideas_and_outcome(client, asker, citizen):
    open_challenge = make_challenge(asker)
    make_idea(asker, citizen, "Sykkelparkering", challenge=open_challenge)
    closed = make_challenge(asker, "Gammel", days_open=(-60, -10))
    closed.outcome = "Vi bygde **tre** nye sykkelhus."
    closed.save()
    page = client.get(open_challenge.get_absolute_url()).content.decode()
    assert "Sykkelparkering" in page and "Svar med en idé" in page
    closed_page = client.get(closed.get_absolute_url()).content.decode()
    assert "<strong>tre</strong>" in closed_page and "Svar med en idé" not in closed_page


def test_ideas_sent_at_the_same_moment_keep_their_order_on_the_challenge_page(
    client, asker, citizen
):
    """A workshop's chosen cards become ideas in one moment: the newest stands first, the
    same on every request and on a database restored from a backup."""
    challenge = make_challenge(asker)
    moment = timezone.now()
    titles = ["Lys i lysløypa", "Benker ved utsikten", "Strikkekafé og lesesirkel"]
    for title in titles:
        make_idea(asker, citizen, title, challenge=challenge, submitted_at=moment)
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert [page.index(title) for title in reversed(titles)] == sorted(
        page.index(title) for title in titles
    )


@pytest.mark.parametrize("count", [5, 60])
def test_idea_list_keeps_a_fixed_number_of_queries(
    client, asker, citizen, django_assert_max_num_queries, count
):
    for number in range(count):
        make_idea(asker, citizen, f"Idé {number}")
    with django_assert_max_num_queries(8):
        client.get("/ideer/")


def make_people(count):
    return [make_user(f"person{number}@example.no") for number in range(count)]


def test_a_cut_off_image_is_refused_not_a_crash(client, asker, citizen):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 30, 30)).save(buffer, "JPEG")
    half = SimpleUploadedFile("halv.jpg", buffer.getvalue()[: len(buffer.getvalue()) // 2])
    client.force_login(citizen)
    response = client.post("/ideer/ny/", idea_form(image=half, image_alt="Et bilde"))
    assert response.status_code == 200
    assert 'id="id_image_error"' in response.content.decode()


@pytest.mark.parametrize("parent", ["abc", "²", "١٢", "-1", "99999999999999999999999"])
def test_a_reply_to_a_bad_parent_is_not_found(client, asker, citizen, other_citizen, parent):
    """Digits that are not ASCII ("²".isdigit() is true) and numbers out of range too."""
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    response = client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Hei", "parent": parent})
    assert response.status_code == 404


def test_comment_errors_come_back_to_htmx_in_place(client, asker, citizen, other_citizen):
    idea = make_idea(asker, citizen)
    client.force_login(other_citizen)
    response = client.post(
        f"/ideer/{idea.pk}/kommenter/", {"body": ""}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="kommentarer"')
    assert "aria-invalid" in response.content.decode()


def test_logging_in_to_support_comes_back_to_the_idea(client, asker, citizen):
    idea = make_idea(asker, citizen)
    response = client.post(f"/ideer/{idea.pk}/stott/")
    # The page the form is on, and the action, so that the log-in page can say why.
    assert response["Location"] == (
        f"/konto/logg-inn/?next={idea.get_absolute_url()}&grunn=participation:support"
    )


def test_news_and_challenges_link_both_ways(client, asker):
    from kominn.portfolio.models import NewsArticle

    challenge = make_challenge(asker)
    article = NewsArticle.objects.create(
        organisation=asker, title="Sykkelideene er samlet", lead="Kort.", body="Tekst.",
        is_published=True,
    )  # fmt: skip
    article.challenges.add(challenge)
    assert article.get_absolute_url() in client.get(challenge.get_absolute_url()).content.decode()
    news_page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{challenge.get_absolute_url()}"' in news_page


def news_form(**data):
    prefix = "Challenge_news"
    challenges = data.pop("challenges", [])
    form = {
        "organisation": data.pop("organisation"),
        "title": "Sykkelideene er samlet",
        "slug": "sykkelideene-er-samlet",
        "lead": "Kort.",
        "body": "Tekst.",
        "is_published": "on",
        "published_at_0": "2026-01-01",
        "published_at_1": "12:00:00",
        f"{prefix}-TOTAL_FORMS": str(len(challenges)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, challenge in enumerate(challenges):
        form[f"{prefix}-{index}-challenge"] = challenge.pk
    return form | data


def test_an_editor_links_news_to_a_challenge_and_both_pages_show_it(client, asker, editor):
    from kominn.portfolio.models import NewsArticle

    challenge = make_challenge(asker)
    client.force_login(editor)
    form_page = client.get("/admin/portfolio/newsarticle/add/").content.decode()
    assert 'name="Challenge_news-TOTAL_FORMS"' in form_page
    response = client.post(
        "/admin/portfolio/newsarticle/add/",
        news_form(organisation=asker.pk, challenges=[challenge]),
    )
    assert response.status_code == 302
    article = NewsArticle.objects.get(slug="sykkelideene-er-samlet")
    client.logout()
    news_page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{challenge.get_absolute_url()}"' in news_page
    challenge_page = client.get(challenge.get_absolute_url()).content.decode()
    assert f'href="{article.get_absolute_url()}"' in challenge_page


def test_news_cannot_be_linked_to_another_municipalitys_challenge(client, asker, editor):
    from kominn.portfolio.models import NewsArticle

    elsewhere = make_challenge(make_organisation("baerum", name="Bærum kommune"))
    client.force_login(editor)
    response = client.post(
        "/admin/portfolio/newsarticle/add/",
        news_form(organisation=asker.pk, challenges=[elsewhere]),
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not NewsArticle.objects.filter(slug="sykkelideene-er-samlet").exists()


def test_the_news_page_lists_only_published_challenges(client, asker):
    from kominn.portfolio.models import NewsArticle

    draft = make_challenge(asker, "Utkast til utfordring")
    draft.is_published = False
    draft.save()
    article = NewsArticle.objects.create(
        organisation=asker, title="Sykkelideene er samlet", lead="Kort.", body="Tekst.",
        is_published=True,
    )  # fmt: skip
    article.challenges.add(draft)
    assert "Utkast til utfordring" not in client.get(article.get_absolute_url()).content.decode()


def test_a_draft_challenge_is_for_staff_only(client, asker, editor):
    draft = make_challenge(asker, "Utkast til utfordring")
    draft.is_published = False
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Utkast til utfordring" not in client.get("/utfordringer/").content.decode()
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200
