"""The admin on an organisation's host name is that organisation's admin.

Every ModelAdmin registered on the site is walked, so a new one is covered without anyone
remembering to add it: it must use kominn.core.admin.ScopedAdmin, and a second organisation
(Bærum) with one object of every registered model is reached by no staff member of the
first (Asker), neither on Bærum's host (the admin does not let them in) nor on Asker's own
(Bærum's objects are not found, and no list, form, filter or search names them).
"""

import re
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from conftest import (
    PASSWORD,
    make_challenge,
    make_editor,
    make_goal,
    make_idea,
    make_initiative,
    make_organisation,
    make_user,
)
from kominn.accounts.models import User
from kominn.core.admin import ForSuperusers, ReadOnlyForSuperusers, ScopedAdmin
from tests.routes import ADMIN_LOGIN, admin_urls

OTHER_HOST = "kominn.baerum.kommune.no"
MARK = "baerumsk"  # in the name of every object of the other organisation
OWN_MARK = "askersk"


def objects_of(organisation, mark):
    """One object of every model the admin shows, each named with `mark`; the objects of
    no one organisation (a role, the admin's log, a person's setting) too."""
    from kominn.core.models import AuditEntry
    from kominn.events.models import Event, Workshop
    from kominn.newsletter.models import NewsletterIssue, Subscription
    from kominn.notifications.models import Notification, NotificationKind, NotificationPreference
    from kominn.organisations.models import (
        Organisation,
        PageText,
        ServiceArea,
        SharedCategory,
        Theme,
    )
    from kominn.outbox.models import OutgoingMail
    from kominn.participation.models import Challenge, Idea, Offer
    from kominn.portfolio.models import Benefit, Goal, Initiative, NewsArticle

    person = make_user(f"{mark}-deltaker@example.no", display_name=f"{mark} deltaker")
    staff = make_editor(f"{mark}-redaktor@example.no", organisation=organisation)
    staff.display_name = f"{mark} redaktør"
    staff.save()
    area = ServiceArea.objects.create(
        organisation=organisation, name=f"{mark} oppvekst", slug=f"{mark}-oppvekst"
    )
    theme = Theme.objects.create(organisation=organisation, name=f"{mark} klima", slug=mark)
    initiative = make_initiative(
        organisation, f"{mark} sykkelhotell", service_areas=[area], themes=[theme]
    )
    goal = make_goal(organisation, f"{mark} grønn kommune", is_published=False)
    news = NewsArticle.objects.create(
        organisation=organisation, title=f"{mark} nytt", lead="Nytt.", body="Mer nytt."
    )
    challenge = make_challenge(organisation, f"{mark} hvordan sykle mer?")
    idea = make_idea(organisation, person, f"{mark} flere benker", challenge=challenge, theme=theme)
    return {
        Organisation: organisation,
        User: staff,
        Group: Group.objects.create(name=f"{mark} rolle"),
        ServiceArea: area,
        Theme: theme,
        # Shared by every organisation (a choice on each one's service areas): it carries
        # no organisation's mark.
        SharedCategory: SharedCategory.objects.create(
            name=f"Felles kategori {organisation.pk}", slug=f"felles-{organisation.pk}"
        ),
        PageText: _page_text(organisation, mark),
        Initiative: initiative,
        Benefit: Benefit.objects.create(
            initiative=initiative, type="economic", indicator=f"{mark} kroner", unit="kr"
        ),
        Goal: goal,
        NewsArticle: news,
        Challenge: challenge,
        Idea: idea,
        Offer: Offer.objects.create(user=person, idea=idea, message=f"{mark} hjelper"),
        Event: Event.objects.create(
            organisation=organisation,
            initiative=initiative,
            title=f"{mark} sykkelverksted",
            place="Torget",
            starts_at=timezone.now() + timedelta(days=2),
            ends_at=timezone.now() + timedelta(days=2, hours=2),
        ),
        Workshop: Workshop.objects.create(
            organisation=organisation,
            challenge=challenge,
            title=f"{mark} lappeverksted",
            opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(hours=2),
        ),
        AuditEntry: AuditEntry.objects.create(
            actor=staff, action="hide", target_text=f"{mark} idé", organisation=organisation
        ),
        LogEntry: LogEntry.objects.create(
            user=staff,
            content_type=ContentType.objects.get_for_model(Idea),
            object_id=str(idea.pk),
            object_repr=f"{mark} flere benker",
            action_flag=ADDITION,
        ),
        OutgoingMail: OutgoingMail.objects.create(
            organisation=organisation, to=person.email, subject=f"{mark} post", body_text="Hei"
        ),
        Notification: Notification.objects.create(
            recipient=person,
            kind=NotificationKind.STATUS,
            organisation=organisation,
            target=idea,
            subject=idea,
            target_title=idea.title,
            target_url=idea.get_absolute_url(),
            url=idea.get_absolute_url(),
            message="status",
            params={"idea": idea.title},
        ),
        NotificationPreference: NotificationPreference.objects.create(
            user=person, kind=NotificationKind.COMMENT, delivery="off"
        ),
        Subscription: Subscription.objects.create(
            organisation=organisation,
            email=f"{mark}@example.no",
            consent_text="Ja takk.",
            consent_version="test",
            consented_at=timezone.now(),
        ),
        NewsletterIssue: NewsletterIssue.objects.create(
            organisation=organisation, subject=f"{mark} nyhetsbrev", body="Nytt."
        ),
    }


def _page_text(organisation, mark):
    from kominn.organisations.models import PageText

    text = PageText(organisation=organisation, page=PageText.Page.ABOUT)
    text.change(f"{mark} om oss")
    return text


@pytest.fixture
def theirs(settings, asker):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    baerum = make_organisation("baerum", name=f"Bærum {MARK}", hosts=[OTHER_HOST])
    return objects_of(baerum, MARK)


@pytest.fixture
def ours(asker):
    return objects_of(asker, OWN_MARK)


@pytest.fixture
def all_permissions(asker):
    """Staff of Asker holding every permission there is, yet no superuser: whatever the
    roles grant one day, the admin still holds them to Asker."""
    user = make_user("alt@asker.kommune.no", is_staff=True, organisation=asker)
    user.user_permissions.set(Permission.objects.all())
    return user


def _registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _is_operators_only(model_admin):
    """Tables of no one organisation, or of the operators: not for a municipality's staff."""
    return not model_admin.get_organisation_lookups() or isinstance(
        model_admin, (ReadOnlyForSuperusers, ForSuperusers)
    )


def _reaches_organisation(model, depth=3):
    """Whether `model` belongs to an organisation through its relations (people and
    content types span organisations, so do not count)."""
    from kominn.core.admin import organisation_lookups

    if organisation_lookups(model):
        return True
    if depth == 0:
        return False
    return any(
        _reaches_organisation(field.related_model, depth - 1)
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model not in (User, ContentType, None)
    )


def test_every_admin_is_held_to_the_organisation():
    unheld = []
    for model, model_admin in _registered():
        label = model._meta.label
        if not isinstance(model_admin, ScopedAdmin):
            unheld.append(f"{label}: its ModelAdmin does not use ScopedAdmin")
        unheld += [
            f"{label}: the inline {inline.__name__} does not use ScopedAdmin"
            for inline in model_admin.inlines
            if not issubclass(inline, ScopedAdmin)
        ]
        if not model_admin.get_organisation_lookups() and _reaches_organisation(model):
            unheld.append(f"{label}: belongs to an organisation; name its organisation_lookups")
    assert not unheld, "Admins not held to the request's organisation:\n" + "\n".join(unheld)


def test_every_registered_model_has_an_object_to_walk(theirs):
    missing = [model._meta.label for model, _admin in _registered() if model not in theirs]
    assert not missing, f"Add an object of these models to objects_of(): {missing}"


def _refused_on_other_host(client, urls):
    """The answers on Bærum's host that are not "log in first"."""
    wrong = []
    for url in urls.values():
        for method in (client.get, client.post):
            response = method(url, HTTP_HOST=OTHER_HOST)
            location = response.get("Location", "")
            if not (response.status_code == 302 and location.startswith(ADMIN_LOGIN)):
                wrong.append(
                    f"{method.__name__.upper()} {url} on {OTHER_HOST}: {response.status_code}"
                )
    return wrong


def _leaks_on_own_host(client, urls):
    """The answers on Asker's host that show or change one of Bærum's objects."""
    leaks = []
    for page, url in urls.items():
        response = client.get(url)
        if page in ("changelist", "add"):
            content = response.content.decode().lower()
            shown = MARK in content or urls["change"] in content
            if response.status_code not in (200, 403) or shown:
                leaks.append(f"GET {url}: {response.status_code}, names it: {shown}")
        elif response.status_code not in (403, 404):
            leaks.append(f"GET {url}: {response.status_code}")
    for page in ("change", "delete"):
        response = client.post(urls[page], {"post": "yes", "name": "x", "title": "x"})
        if response.status_code not in (403, 404):
            leaks.append(f"POST {urls[page]}: {response.status_code}")
    return leaks


@pytest.mark.parametrize("role", ["editor", "area_editor", "moderator", "all_permissions"])
def test_staff_of_one_organisation_reach_nothing_of_another(client, request, theirs, role):
    client.force_login(request.getfixturevalue(role))
    wrong = []
    for model, model_admin in _registered():
        obj = theirs[model]
        urls = admin_urls(model_admin, obj)
        wrong += _refused_on_other_host(client, urls)
        wrong += _leaks_on_own_host(client, urls)
        if not model._default_manager.filter(pk=obj.pk).exists():
            wrong.append(f"{model._meta.label}: deleted")
    assert not wrong, "Another organisation's admin reached:\n" + "\n".join(wrong)


def test_staff_use_their_own_organisations_admin(client, ours, all_permissions):
    """The walk above proves something only if the same pages open for what is one's own."""
    client.force_login(all_permissions)
    wrong = []
    for model, model_admin in _registered():
        urls = admin_urls(model_admin, ours[model])
        listing, change = client.get(urls["changelist"]), client.get(urls["change"])
        if _is_operators_only(model_admin):
            if (listing.status_code, change.status_code) not in {(403, 403), (403, 404)}:
                wrong.append(f"{urls['changelist']}: {listing.status_code}, {change.status_code}")
        elif change.status_code != 200 or urls["change"] not in listing.content.decode():
            wrong.append(f"{urls['change']}: {change.status_code}, listed: {listing.status_code}")
    assert not wrong, "\n".join(wrong)


def test_superusers_see_each_organisation_on_its_host(client, admin_user, ours, theirs):
    """Operators use the admin on every host; there they see that organisation's content,
    and every organisation only in their own tables (organisations, accounts, logs)."""
    client.force_login(admin_user)
    wrong = []
    for model, model_admin in _registered():
        sees_all = model_admin.superusers_see_all or not model_admin.get_organisation_lookups()
        for objects, host in ((theirs, "testserver"), (ours, OTHER_HOST)):
            url = admin_urls(model_admin, objects[model])["history"]
            status = client.get(url, HTTP_HOST=host).status_code
            if status != (200 if sees_all else 404):
                wrong.append(f"{url} on {host}: {status}")
        own = admin_urls(model_admin, theirs[model])["history"]
        if client.get(own, HTTP_HOST=OTHER_HOST).status_code != 200:
            wrong.append(f"{own} on {OTHER_HOST}: not 200")
    assert not wrong, "\n".join(wrong)


def _admin_login(client, user, host="testserver"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": user.email, "password": PASSWORD, "next": "/admin/"},
        HTTP_HOST=host,
    )


def test_staff_of_another_organisation_are_not_logged_in_to_its_admin(client, theirs, editor):
    response = _admin_login(client, editor, OTHER_HOST)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f"Denne kontoen hører ikke til en ansatt i Bærum {MARK}. Logg inn i administrasjonen "
        "på adressen til organisasjonen du jobber for."
    ) in page
    assert "<title>Feil: Logg inn | KomInn – administrasjon</title>" in page
    assert "_auth_user_id" not in client.session
    assert _admin_login(client, editor)["Location"] == "/admin/"


def test_logged_in_staff_of_another_organisation_are_sent_to_log_in(client, theirs, editor):
    client.force_login(editor)
    response = client.get("/admin/", HTTP_HOST=OTHER_HOST)
    assert response.status_code == 302 and response["Location"].startswith(ADMIN_LOGIN)
    page = client.get(response["Location"], HTTP_HOST=OTHER_HOST).content.decode()
    assert "men er ikke autorisert til å få tilgang til denne siden" in page


def test_superusers_log_in_to_every_organisations_admin(client, theirs, admin_user):
    assert _admin_login(client, admin_user, OTHER_HOST)["Location"] == "/admin/"


def test_a_new_object_belongs_to_the_host_organisation(client, asker, theirs, admin_user):
    from kominn.organisations.models import Theme

    client.force_login(admin_user)
    response = client.post(
        "/admin/organisations/theme/add/",
        {"organisation": asker.pk, "name": "Ny tema", "slug": "ny-tema"},
        HTTP_HOST=OTHER_HOST,
    )
    assert response.status_code == 302
    assert Theme.objects.get(slug="ny-tema").organisation == theirs[Theme].organisation


def test_the_add_form_names_the_host_organisation_in_bokmal(client, editor):
    client.force_login(editor)
    page = client.get("/admin/portfolio/initiative/add/").content.decode()
    select = re.search(r'<select name="organisation".*?</select>', page, re.S).group(0)
    assert "disabled" in select
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select) == [
        "– Velg et alternativ –",
        "Asker kommune",
    ]
    assert "<title>Legg til nytt tiltak | KomInn – administrasjon</title>" in page


def test_another_organisations_goal_cannot_be_chosen(client, editor, theirs):
    from kominn.participation.models import Challenge
    from kominn.portfolio.models import Goal

    client.force_login(editor)
    response = client.post(
        "/admin/participation/challenge/add/",
        {
            "title": "Hvordan får vi flere til å gå?",
            "slug": "ga-mer",
            "question": "Hvordan?",
            "opens_on": "2026-01-01",
            "closes_on": "2026-12-31",
            "published_at_0": "2026-01-01",
            "published_at_1": "12:00",
            "goal": theirs[Goal].pk,
        },
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not Challenge.objects.filter(slug="ga-mer").exists()


def test_autocomplete_offers_only_the_organisations_own(client, editor, ours, theirs):
    client.force_login(editor)

    def found(term):
        response = client.get(
            "/admin/autocomplete/",
            {
                "term": term,
                "app_label": "portfolio",
                "model_name": "newsarticle",
                "field_name": "initiatives",
            },
        )
        return [result["text"] for result in response.json()["results"]]

    assert found(MARK) == []
    assert found(OWN_MARK) == [f"{OWN_MARK} sykkelhotell"]


def test_view_on_site_finds_only_the_organisations_own(client, editor, ours, theirs):
    from kominn.participation.models import Idea

    client.force_login(editor)
    idea_type = ContentType.objects.get_for_model(Idea).pk
    assert client.get(f"/admin/r/{idea_type}/{theirs[Idea].pk}/").status_code == 404
    response = client.get(f"/admin/r/{idea_type}/{ours[Idea].pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(ours[Idea].get_absolute_url())
