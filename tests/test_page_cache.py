"""Pages for visitors come from the page cache, and are never older than the content."""

import re

import pytest
from django.apps import apps
from django.test import Client
from django.utils import translation

from conftest import PASSWORD, make_idea, make_initiative, make_organisation
from kominn.core import pagecache

LANGUAGES = ["", "/en"]
LOGGED_IN = "Logg ut"


def kept(client, path, django_assert_max_num_queries, **extra):
    """Visit the page twice; the second visit must come from the cache (no rendering:
    only the organisation is looked up). Returns the second response."""
    first = client.get(path, **extra)
    assert first.status_code == 200
    with django_assert_max_num_queries(2):
        second = client.get(path, **extra)
    assert second.status_code == 200
    return second


def text(response):
    return response.content.decode()


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.fixture
def idea(asker, citizen):
    return make_idea(asker, citizen, title="Benker langs turstien")


@pytest.fixture
def author_client(citizen):
    author = Client()
    author.force_login(citizen)
    return author


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_idea_shows_at_once_in_the_list(
    client, asker, citizen, author_client, language, django_assert_max_num_queries
):
    draft = make_idea(asker, citizen, title="Lys i lysløypa", submitted_at=None)
    assert "Lys i lysløypa" not in text(
        kept(client, f"{language}/ideer/", django_assert_max_num_queries)
    )
    response = author_client.post(f"/ideer/{draft.pk}/send-inn/")
    assert response.status_code == 302
    assert "Lys i lysløypa" in text(client.get(f"{language}/ideer/"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_comment_shows_at_once(
    client, idea, other_citizen, language, django_assert_max_num_queries
):
    path = f"{language}{idea.get_absolute_url()}"
    kept(client, path, django_assert_max_num_queries)
    commenter = Client()
    commenter.force_login(other_citizen)
    body = "Gjerne med ryggstø, for de eldre."
    assert commenter.post(f"/ideer/{idea.pk}/kommenter/", {"body": body}).status_code == 302
    assert body in text(client.get(path))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_support_counts_at_once(
    client, idea, other_citizen, language, django_assert_max_num_queries
):
    path = f"{language}{idea.get_absolute_url()}"
    with translation.override(language.strip("/") or "nb"):
        none = translation.ngettext(
            "%(counter)s person supports the idea", "%(counter)s people support the idea", 0
        ) % {"counter": 0}
        one = translation.ngettext(
            "%(counter)s person supports the idea", "%(counter)s people support the idea", 1
        ) % {"counter": 1}
    assert none in text(kept(client, path, django_assert_max_num_queries))
    supporter = Client()
    supporter.force_login(other_citizen)
    assert supporter.post(f"/ideer/{idea.pk}/stott/", {"support": "1"}).status_code == 302
    assert one in text(client.get(path))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_hidden_idea_is_gone_at_once(
    client, idea, moderator, language, django_assert_max_num_queries
):
    from kominn.moderation import services

    assert idea.title in text(kept(client, f"{language}/ideer/", django_assert_max_num_queries))
    services.hide(moderator=moderator, item=idea, reason="Spam")
    assert idea.title not in text(client.get(f"{language}/ideer/"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phase_change_shows_at_once(
    client, asker, editor, language, django_assert_max_num_queries
):
    from kominn.portfolio.models import Phase

    initiative = make_initiative(asker, phase=Phase.DEVELOPMENT)
    path = f"{language}/tiltak/{initiative.slug}/"
    with translation.override(language.strip("/") or "nb"):
        before, after = str(Phase.DEVELOPMENT.label), str(Phase.IMPLEMENTATION.label)
    tag = (
        '<span class="ds-tag phase-tag phase-tag--{}" data-color="neutral" '
        'data-variant="outline">{}</span>'
    )
    assert tag.format(Phase.DEVELOPMENT, before) in text(
        kept(client, path, django_assert_max_num_queries)
    )
    initiative.change_phase(Phase.IMPLEMENTATION, actor=editor)
    assert tag.format(Phase.IMPLEMENTATION, after) in text(client.get(path))


def admin_form_data(response):
    """What the admin's change form would post back unchanged."""
    from django.forms import FileField, MultiWidget

    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, FileField):
            continue
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{name}_{index}"] = part or ""
        elif isinstance(value, list):
            data[name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        assert formset.initial_form_count() == 0
        for name in ("TOTAL_FORMS", "INITIAL_FORMS"):
            data[f"{formset.prefix}-{name}"] = 0
    return data


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_edit_in_the_admin_shows_at_once(
    client, asker, admin_user, language, django_assert_max_num_queries
):
    from kominn.portfolio.models import NewsArticle

    article = NewsArticle.objects.create(
        organisation=asker, title="Ny sykkelvei", lead="Kort.", body="Lang.", is_published=True
    )
    path = f"{language}/nyheter/"
    assert "Ny sykkelvei" in text(kept(client, path, django_assert_max_num_queries))
    staff = Client()
    staff.force_login(admin_user)
    url = f"/admin/portfolio/newsarticle/{article.pk}/change/"
    data = admin_form_data(staff.get(url)) | {"title": "Sykkelveien åpnet"}
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = text(client.get(path))
    assert "Sykkelveien åpnet" in page and "Ny sykkelvei" not in page


def test_an_unchanged_page_is_answered_with_304(client, asker, idea, moderator):
    first = client.get("/ideer/")
    assert {"public", "must-revalidate", "max-age=0"} <= cache_control(first)
    assert first["Last-Modified"]
    etag = first["ETag"]
    again = client.get("/ideer/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    # The browser keeps its body, and the CSP header naming that body's nonce.
    assert "Content-Security-Policy" not in again
    from kominn.moderation import services

    services.hide(moderator=moderator, item=idea, reason="Spam")
    changed = client.get("/ideer/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert idea.title not in text(changed)


def test_the_kept_page_names_its_own_nonce(client, asker):
    first = client.get("/")
    second = client.get("/")
    nonces = []
    for response in (first, second):
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'nonce="{nonce}"' in text(response)
        assert set(re.findall(r'nonce="([^"]+)"', text(response))) == {nonce}
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_logged_in_pages_are_private_and_never_kept(
    client, asker, citizen, django_assert_max_num_queries
):
    kept(Client(), "/ideer/", django_assert_max_num_queries)
    client.force_login(citizen)
    response = client.get("/ideer/")
    assert {"private", "no-store"} <= cache_control(response)
    assert "public" not in cache_control(response)
    assert "ETag" not in response
    assert LOGGED_IN in text(response)
    # What a logged-in person saw is not what the next visitor gets.
    anonymous = Client().get("/ideer/")
    assert LOGGED_IN not in text(anonymous)


def test_a_logged_in_persons_page_is_not_given_to_visitors(client, asker, citizen):
    client.force_login(citizen)
    client.get("/")
    client.get("/")
    visitor = Client().get("/")
    assert LOGGED_IN not in text(visitor)
    assert "public" in cache_control(visitor)


def test_a_page_for_one_organisation_is_never_served_on_anothers_host(
    asker, django_assert_max_num_queries
):
    make_organisation("a", name="Aby kommune", hosts=["a.example"])
    make_organisation("b", name="Beby kommune", hosts=["b.example"])
    with_hosts = {"ALLOWED_HOSTS": ["a.example", "b.example", "testserver"]}
    from django.test import override_settings

    with override_settings(**with_hosts):
        client = Client()
        assert "Aby kommune" in text(
            kept(client, "/", django_assert_max_num_queries, HTTP_HOST="a.example")
        )
        other = client.get("/", HTTP_HOST="b.example")
        assert "Beby kommune" in text(other) and "Aby kommune" not in text(other)


def test_a_post_is_never_kept(client, asker):
    response = client.post("/nyhetsbrev/", {"email": "ikke en adresse"})
    assert response.status_code == 200
    assert "public" not in cache_control(response)
    page = client.get("/nyhetsbrev/")
    assert "ikke en adresse" not in text(page)


def test_a_kept_form_works_with_each_visitors_own_csrf_token(asker, sent_mail):
    first = Client(enforce_csrf_checks=True)
    first.get("/nyhetsbrev/")
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/nyhetsbrev/")
    assert {"private", "no-store"} <= cache_control(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text(page)).group(1)
    assert "csrftoken" in visitor.cookies
    response = visitor.post(
        "/nyhetsbrev/", {"email": "kari@example.no", "consent": "on", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    # Another visitor's token is no good with this visitor's cookie.
    third = Client(enforce_csrf_checks=True)
    third.get("/nyhetsbrev/")
    refused = third.post(
        "/nyhetsbrev/", {"email": "ola@example.no", "consent": "on", "csrfmiddlewaretoken": token}
    )
    assert refused.status_code == 403


def test_log_in_works_for_a_visitor_who_was_served_kept_pages(client, asker, citizen):
    client.get("/")
    client.get("/")
    login = Client(enforce_csrf_checks=True)
    login.get("/")
    page = login.get("/konto/logg-inn/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text(page)).group(1)
    response = login.post(
        "/konto/logg-inn/",
        {"username": citizen.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert LOGGED_IN in text(login.get("/"))


def test_the_change_is_announced_again_when_it_commits(asker, django_capture_on_commit_callbacks):
    """Until the commit other processes render the old rows; what they keep meanwhile
    must not outlive it."""
    theme = asker.theme_set.first()
    with django_capture_on_commit_callbacks() as callbacks:
        theme.name = "Klima"
        theme.save()
        during = pagecache.current_versions(asker.pk)
    assert callbacks
    for callback in callbacks:
        callback()
    assert pagecache.current_versions(asker.pk) != during


def test_a_persons_new_name_shows_on_every_organisation(
    client, idea, citizen, django_assert_max_num_queries
):
    path = idea.get_absolute_url()
    assert citizen.display_name in text(kept(client, path, django_assert_max_num_queries))
    citizen.display_name = "Kari Fjell"
    citizen.save()
    assert "Kari Fjell" in text(client.get(path))


def test_logging_in_does_not_empty_the_cache(client, asker, citizen):
    before = pagecache.current_versions(asker.pk)
    Client().post("/konto/logg-inn/", {"username": citizen.email, "password": PASSWORD})
    assert pagecache.current_versions(asker.pk) == before


def test_every_model_says_whether_visitors_see_it():
    """A new model must be watched (its changes make pages stale) or said to be unseen."""
    models = [model for model in apps.get_models() if model.__module__.startswith("kominn.")]
    assert len(models) > 20
    missing = [
        model._meta.label
        for model in models
        if model not in pagecache.WATCHED and model not in pagecache.UNSEEN
    ]
    assert missing == []


def test_no_page_is_kept_when_turned_off(client, asker, settings):
    settings.KOMINN_PAGE_CACHE_SECONDS = 0
    client.get("/ideer/")
    response = client.get("/ideer/")
    assert "public" not in cache_control(response)
    assert "ETag" not in response


def _within_a_request(view):
    """Runs `view(request)` inside the page cache's middleware, as a request would."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    request = RequestFactory().post("/")
    request.organisation = None

    def answer(request):
        view(request)
        return HttpResponse()

    pagecache.PageCacheMiddleware(answer)(request)


def test_a_request_reads_the_versions_once_and_again_after_a_change(asker, monkeypatch):
    reads = []
    read = pagecache._read_versions
    monkeypatch.setattr(pagecache, "_read_versions", lambda pk: reads.append(pk) or read(pk))
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    def view(request):
        assert pagecache.kept(asker.pk, "test-part", compute) == 1
        assert pagecache.kept(asker.pk, "test-part", compute) == 1
        assert len(reads) == 1  # read once for both
        pagecache.bump(asker.pk)
        # After a change in the same request the part is never the one kept before it.
        assert pagecache.kept(asker.pk, "test-part", compute) == 2
        assert len(reads) == 2

    _within_a_request(view)
    # Outside a request, every call reads them.
    pagecache.current_versions(asker.pk)
    pagecache.current_versions(asker.pk)
    assert len(reads) == 4


def test_a_part_kept_as_pages_is_computed_again_in_the_next_period(asker, settings, monkeypatch):
    settings.KOMINN_PAGE_CACHE_SECONDS = 60
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    monkeypatch.setattr(pagecache.time, "time", lambda: 6000.0)
    assert pagecache.kept_as_pages(asker.pk, "test-clock", compute) == 1
    assert pagecache.kept_as_pages(asker.pk, "test-clock", compute) == 1
    # What only the clock publishes is counted once the period has passed.
    monkeypatch.setattr(pagecache.time, "time", lambda: 6060.0)
    assert pagecache.kept_as_pages(asker.pk, "test-clock", compute) == 2
    # Nothing is kept when pages are not.
    settings.KOMINN_PAGE_CACHE_SECONDS = 0
    assert pagecache.kept_as_pages(asker.pk, "test-clock", compute) == 3
    assert pagecache.kept_as_pages(asker.pk, "test-clock", compute) == 4


def test_parts_kept_each_are_computed_only_when_missing(asker, settings, monkeypatch):
    settings.KOMINN_PAGE_CACHE_SECONDS = 60
    asked = []

    def compute(missing):
        asked.append(list(missing))
        # 4 is no item (unpublished meanwhile): it is left out.
        return {id_: f"item {id_} v{len(asked)}" for id_ in missing if id_ != 4}

    def each(ids):
        return pagecache.kept_each_as_pages(asker.pk, "test-each", ids, compute)

    assert each([1, 2]) == ["item 1 v1", "item 2 v1"]
    # In the order asked for; only what was not kept is computed.
    assert each([3, 2, 4, 1]) == ["item 3 v2", "item 2 v1", "item 1 v1"]
    assert asked == [[1, 2], [3, 4]]
    # A change a visitor could see makes every item new.
    pagecache.bump(asker.pk)
    assert each([2]) == ["item 2 v3"]
    # Without a cache, each is computed and the list still answers.
    monkeypatch.setattr(pagecache.cache, "get_many", lambda keys: 1 / 0)
    assert each([1, 2]) == ["item 1 v4", "item 2 v4"]
    monkeypatch.undo()
    # Nothing is kept when pages are not.
    settings.KOMINN_PAGE_CACHE_SECONDS = 0
    assert each([1]) == ["item 1 v5"]
    assert each([1]) == ["item 1 v6"]
