"""Min side: a person's own ideas and drafts, supports, follows, comments and offers."""

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_challenge, make_idea, make_initiative, make_organisation, make_user
from kominn.collaboration import services as collaboration
from kominn.collaboration.models import Answer
from kominn.participation import services
from kominn.participation.models import COMMENTS_PER_PAGE, Comment, Follow, Support


def text(response):
    return html.unescape(response.content.decode())


def section(response, anchor):
    """The text of one section of the page."""
    page = text(response)
    start = page.index(f'id="{anchor}"')
    end = page.find("<section", start)
    return page[start : end if end != -1 else None]


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen)
    return client


def test_anonymous_visitors_are_sent_to_log_in(client, asker):
    response = client.get("/min-side/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logg-inn/?next=/min-side/")


def test_the_header_links_to_my_page_when_logged_in(logged_in, asker):
    page = text(logged_in.get("/"))
    assert 'href="/min-side/">Min side</a>' in page
    assert 'href="/en/min-side/"' in text(logged_in.get("/en/"))


def test_my_page_is_private(logged_in, asker):
    response = logged_in.get("/min-side/")
    assert response.status_code == 200
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


def test_my_page_speaks_english_under_en(logged_in, asker):
    response = logged_in.get("/en/min-side/")
    assert '<h1 class="ds-heading" data-size="xl">My page</h1>' in text(response)


def test_a_draft_is_listed_and_leads_back_to_its_form(logged_in, asker, citizen):
    draft = make_idea(asker, citizen, title="Utkast om sykkelparkering", submitted_at=None)
    ideas = section(logged_in.get("/min-side/"), "ideer")
    assert "Utkast om sykkelparkering" in ideas
    assert "Utkast" in ideas
    assert f'href="/ideer/{draft.pk}/rediger/"' in ideas
    assert f'href="/ideer/{draft.pk}/forhandsvis/"' in ideas
    # The link leads to the form, filled in.
    form = text(logged_in.get(f"/ideer/{draft.pk}/rediger/"))
    assert 'value="Utkast om sykkelparkering"' in form


def test_a_draft_saved_from_the_form_is_found_on_my_page(logged_in, asker):
    response = logged_in.post(
        "/ideer/ny/",
        {
            "title": "Lagret som utkast",
            "description": "Tekst.",
            "capacity": "citizen",
            "action": "draft",
            "website": "",
        },
    )
    assert response.status_code == 302
    assert "Lagret som utkast" in section(logged_in.get("/min-side/"), "ideer")


def test_sent_ideas_show_status_and_answer_deadline(logged_in, asker, citizen, settings):
    sent = timezone.now() - timedelta(days=3)
    make_idea(asker, citizen, title="Venter på svar", submitted_at=sent)
    due = timezone.localtime(sent + timedelta(days=settings.KOMINN_ANSWER_DAYS)).date()
    initiative = make_initiative(asker, title="Sykkelhotell ved stasjonen", is_published=True)
    make_idea(
        asker,
        citizen,
        title="Ble til noe",
        status="taken_forward",
        initiative=initiative,
        first_answered_at=timezone.now(),
    )
    ideas = section(logged_in.get("/min-side/"), "ideer")
    assert "Venter på svar" in ideas and "Mottatt" in ideas
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "desember"]  # fmt: skip
    assert f"Kommunen svarer innen {due.day}. {months[due.month - 1]} {due.year}" in ideas
    assert "Tatt videre" in ideas and "Besvart" in ideas
    assert f'href="{initiative.get_absolute_url()}">Sykkelhotell ved stasjonen</a>' in ideas


def test_only_my_own_ideas_in_this_organisation_are_listed(logged_in, asker, citizen):
    other = make_user("annen@example.no")
    make_idea(asker, other, title="Någon annens idé")
    elsewhere = make_organisation("bortby")
    make_idea(elsewhere, citizen, title="Idé i en annen kommune")
    make_idea(asker, other, title="Andres utkast", submitted_at=None)
    page = text(logged_in.get("/min-side/"))
    assert "Någon annens idé" not in page
    assert "Idé i en annen kommune" not in page
    assert "Andres utkast" not in page


def test_supports_follows_comments_and_offers_are_listed(logged_in, asker, citizen):
    author = make_user("forfatter@example.no")
    idea = make_idea(asker, author, title="Lys i lysløypa")
    services.set_support(idea=idea, user=citizen, support=True)
    challenge = make_challenge(asker, title="Renere strender")
    Follow.objects.create(user=citizen, challenge=challenge)
    comment = services.add_comment(idea=idea, author=citizen, body="Dette trengs om vinteren!")
    need = collaboration.general_need(idea=idea)
    collaboration.answer_need(need=need, user=citizen, message="Jeg kan male stolper.")
    response = logged_in.get("/min-side/")
    assert "Lys i lysløypa" in section(response, "stottet")
    follows = section(response, "folger")
    assert "Renere strender" in follows and "Lys i lysløypa" in follows  # commenting follows
    comments = section(response, "kommentarer")
    assert f'href="{idea.get_absolute_url()}#kommentar-{comment.pk}"' in comments
    assert "Dette trengs om vinteren!" in comments
    offers = section(response, "bidrag")
    assert "Jeg kan male stolper." in offers and "Lys i lysløypa" in offers
    assert "Venter på svar" in offers
    assert 'href="/konto/varsler/innstillinger/"' in text(response)


def test_offers_are_answers_to_needs_with_their_status_and_reply(logged_in, asker, citizen, editor):
    initiative = make_initiative(asker, "Bysykler")
    need = collaboration.post_need(user=editor, initiative=initiative, title="Testpanel")
    answer = collaboration.answer_need(need=need, user=citizen, message="Jeg tester gjerne.")
    collaboration.decide(answer=answer, accept=True, reply="Velkommen!", by=editor)
    gone = collaboration.general_need(initiative)
    taken_back = collaboration.answer_need(need=gone, user=citizen, message="Glem det.")
    collaboration.withdraw(answer=taken_back)
    hidden = make_idea(asker, make_user("skjult@example.no"), hidden_at=timezone.now())
    Answer.objects.create(
        need=collaboration.general_need(idea=hidden), user=citizen, message="Skjult tilbud"
    )
    offers = section(logged_in.get("/min-side/"), "bidrag")
    assert "Bysykler" in offers and "Testpanel" in offers and need.get_absolute_url() in offers
    assert "Takket ja" in offers and "Velkommen!" in offers
    assert "Glem det." not in offers and "Skjult tilbud" not in offers


def test_a_comment_links_to_the_page_of_the_discussion_that_shows_it(logged_in, asker, citizen):
    author = make_user("forfatter@example.no")
    idea = make_idea(asker, author)
    Comment.objects.bulk_create(
        Comment(idea=idea, author=author, body=f"Innspill {n}") for n in range(COMMENTS_PER_PAGE)
    )
    mine = Comment.objects.create(idea=idea, author=citizen, body="Mitt innspill")
    reply = Comment.objects.create(idea=idea, author=citizen, parent=mine, body="Mitt svar")
    comments = section(logged_in.get("/min-side/"), "kommentarer")
    assert mine.get_absolute_url() == f"{idea.get_absolute_url()}?kommentarer=2#kommentar-{mine.pk}"
    assert f'href="{mine.get_absolute_url()}"' in comments
    assert f'href="{reply.get_absolute_url()}"' in comments


def test_hidden_ideas_of_others_are_left_out(logged_in, asker, citizen):
    author = make_user("forfatter@example.no")
    idea = make_idea(asker, author, title="Skjult av moderator")
    Support.objects.create(idea=idea, user=citizen)
    Follow.objects.create(idea=idea, user=citizen)
    idea.hide("Personangrep")
    assert "Skjult av moderator" not in text(logged_in.get("/min-side/"))


def test_unfollowing_works_without_javascript_and_comes_back(logged_in, asker, citizen):
    challenge = make_challenge(asker, title="Renere strender")
    follow = Follow.objects.create(user=citizen, challenge=challenge)
    page = text(logged_in.get("/min-side/?folger=1"))
    form = re.search(r'<form method="post" action="(/folger/\d+/slutt/)">(.*?)</form>', page, re.S)
    assert form and form.group(1) == f"/folger/{follow.pk}/slutt/"
    assert 'name="next" value="/min-side/?folger=1"' in form.group(2)
    response = logged_in.post(form.group(1), {"next": "/min-side/?folger=1"})
    assert response.status_code == 302
    assert response["Location"] == "/min-side/?folger=1"
    assert not Follow.objects.filter(pk=follow.pk).exists()
    after = logged_in.get(response["Location"])
    assert "Du følger ikke lenger Renere strender." in text(after)
    # A second click changes nothing and fails nothing.
    assert logged_in.post(form.group(1), {"next": "/min-side/"}).status_code == 302


def test_nobody_can_unfollow_for_someone_else(client, asker, citizen, other_citizen):
    challenge = make_challenge(asker)
    follow = Follow.objects.create(user=other_citizen, challenge=challenge)
    client.force_login(citizen)
    response = client.post(f"/folger/{follow.pk}/slutt/", {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_a_follow_of_another_organisation_is_not_found_here(client, asker, citizen):
    from conftest import make_organisation

    baerum = make_organisation("baerum", name="Bærum", hosts=["baerum.example"])
    follow = Follow.objects.create(user=citizen, challenge=make_challenge(baerum))
    client.force_login(citizen)
    assert client.post(f"/folger/{follow.pk}/slutt/").status_code == 404
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_unfollowing_needs_a_post(logged_in, asker, citizen):
    follow = Follow.objects.create(user=citizen, challenge=make_challenge(asker))
    assert logged_in.get(f"/folger/{follow.pk}/slutt/").status_code == 405
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_each_list_is_paged_on_its_own(logged_in, asker, citizen):
    for n in range(12):
        make_idea(asker, citizen, title=f"Idé nummer {n:02}")
    first = section(logged_in.get("/min-side/"), "ideer")
    assert "Idé nummer 11" in first and "Idé nummer 01" not in first
    assert 'href="?ideer=2#ideer"' in first
    second = section(logged_in.get("/min-side/?ideer=2"), "ideer")
    assert "Idé nummer 01" in second and "Idé nummer 11" not in second
    # Nonsense page numbers give a page, not an error.
    for bad in ("abc", "-1", "99999999999999999999", "1.5"):
        assert logged_in.get(f"/min-side/?ideer={bad}&stottet={bad}").status_code == 200


def _fill(asker, user, count, tag):
    author = make_user(f"forfatter-{tag}@example.no")
    for n in range(count):
        idea = make_idea(asker, author, title=f"{tag} {n}")
        make_idea(asker, user, title=f"Min {tag} {n}")
        Support.objects.create(idea=idea, user=user)
        Follow.objects.create(idea=idea, user=user)
        Comment.objects.create(idea=idea, author=user, body="Bra!")
        need = collaboration.general_need(idea=idea)
        Answer.objects.create(need=need, user=user, message="Jeg hjelper.")
        # Others' activity on the same ideas must not add to the cost.
        Comment.objects.create(idea=idea, author=author, body="Takk!")


@pytest.mark.parametrize("count", [2, 25])
def test_my_page_keeps_within_its_query_budget(
    logged_in, asker, citizen, django_assert_max_num_queries, count
):
    _fill(asker, citizen, count, f"n{count}")
    # Session, user, organisation, unread count; two per list (count, page), and none
    # per row: each comment's page of its discussion comes with the comments.
    with django_assert_max_num_queries(14):
        assert logged_in.get("/min-side/").status_code == 200


def test_a_full_my_page_is_valid_html(logged_in, asker, citizen, tmp_path):
    from tests.test_html import nu_checker_report

    _fill(asker, citizen, 12, "html")
    make_idea(asker, citizen, title="Et utkast", submitted_at=None)
    Follow.objects.create(user=citizen, challenge=make_challenge(asker))
    for path in ("/min-side/", "/en/min-side/?ideer=2"):
        response = logged_in.get(path)
        (tmp_path / f"{path.strip('/').replace('/', '_').replace('?', '_')}.html").write_bytes(
            response.content
        )
    assert nu_checker_report(tmp_path) == ""
