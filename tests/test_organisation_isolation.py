"""Nothing of one organisation is reached on another organisation's host.

Every route with a parameter in the URL conf, in bokmål and English, is filled with the
objects of a second organisation and requested on the first organisation's host: by GET
and POST, with and without htmx, anonymously and as people who could act on those objects
in their own organisation (their author, another participant, and an editor and a
moderator of either organisation; no superusers, who work for all).

Each answer is 404, or, where the view turns the request away before it looks at the
object (the wrong method, a log-in first, a moderator of another organisation), the very
answer that an object that does not exist at all gets: nothing shows the object is there.

A new route with a parameter fails here until it is filled below (or exempted, with the
reason), so nobody has to remember to add it.
"""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from conftest import (
    make_challenge,
    make_editor,
    make_goal,
    make_idea,
    make_initiative,
    make_moderator,
    make_organisation,
    make_user,
)
from tests.routes import POST_DATA, answer_of, missing_params, parameter_routes

LANGUAGES = ["nb", "nn", "en"]
OTHER_HOST = "kominn.baerum.kommune.no"

# Routes whose parameter does not name an organisation's object.
EXEMPT = {
    # Links in mail about a person's own account, which spans organisations.
    "accounts:confirm": "a person's e-mail confirmation, not an organisation's object",
    "accounts:external_confirm": "a person's e-mail confirmation, not an organisation's object",
    "accounts:password_reset_confirm": "a person's password, not an organisation's object",
    "notifications:unsubscribe": "a person's own mail settings, which span organisations",
    "collaboration:needs_digest_off": "a person's own mail settings, not an organisation's object",
    # Local runs only (DEBUG): the mail written to var/mail/, not an organisation's object.
    "mail_detail": "a file of a local run's mail, answered only with DEBUG on",
    # The parameter is a log-in provider's name.
    "accounts:external_login": "the parameter is a log-in provider",
    "external_callback": "the parameter is a log-in provider",
    # The sitemap's sections are the same names for every organisation; each lists only the
    # host's own content (portfolio's test_sitemap_lists_only_the_hosts_organisation).
    "sitemap-section": "the parameter is a section of the host's own sitemap",
    # Every address under /api/v1/ the API does not have: a JSON 404 whatever it names.
    "api_not_found": "answers a 404 for any address the API does not have",
}


def _fillers(o):
    """Route -> the parameters naming the second organisation's objects in `o`."""
    idea = {"pk": o.idea.pk, "slug": o.idea.get_absolute_url().rstrip("/").rsplit("/", 1)[-1]}
    comment = {"pk": o.comment.pk}
    bank = {"organisation": o.organisation.slug, "slug": o.initiative.slug}
    need, answer = {"pk": o.need.pk}, {"pk": o.answer.pk}
    workshop = {"slug": o.challenge.slug, "pk": o.workshop.pk}
    return {
        **dict.fromkeys(
            [
                "participation:idea",
                "participation:idea_edit",
                "participation:idea_preview",
                "participation:idea_submit",
                "participation:support",
                "participation:follow_idea",
                "participation:comment",
                "collaboration:offer_idea",
                "participation:answer",
                "collaboration:need_new_idea",
                "moderation:report_idea",
                "moderation:idea",
            ],
            idea,
        ),
        "media": {"path": o.idea.image.name},
        "participation:unfollow": {"pk": o.follow.pk},
        "participation:comment_edit": comment,
        "participation:comment_delete": comment,
        "moderation:report_comment": comment,
        "moderation:comment": comment,
        "moderation:account": {"pk": o.author.pk},
        "participation:challenge": {"slug": o.challenge.slug},
        "participation:follow_challenge": {"slug": o.challenge.slug},
        "portfolio:initiative": {"slug": o.initiative.slug},
        "participation:follow_initiative": {"slug": o.initiative.slug},
        "collaboration:offer_initiative": {"slug": o.initiative.slug},
        "collaboration:need_new_initiative": {"slug": o.initiative.slug},
        "collaboration:need_new_challenge": {"slug": o.challenge.slug},
        **dict.fromkeys(
            [
                "collaboration:need",
                "collaboration:answer",
                "collaboration:need_status",
                "collaboration:need_edit",
                "moderation:report_need",
                "moderation:need",
            ],
            need,
        ),
        **dict.fromkeys(
            [
                "collaboration:decide",
                "collaboration:withdraw",
                "moderation:report_answer",
                "moderation:answer",
            ],
            answer,
        ),
        **{
            name: {"slug": o.initiative.slug}
            for name in [
                "collaboration:team",
                "collaboration:team_membership",
                "collaboration:team_leave",
                "collaboration:team_task_new",
                "collaboration:team_file_new",
            ]
        },
        "collaboration:team_remove": {"slug": o.initiative.slug, "pk": o.team_member.pk},
        "collaboration:team_update_hide": {"slug": o.initiative.slug, "pk": o.team_update.pk},
        "moderation:report_teamupdate": {"pk": o.team_update.pk},
        "moderation:teamupdate": {"pk": o.team_update.pk},
        "moderation:report_card": {"pk": o.card.pk},
        "moderation:card": {"pk": o.card.pk},
        "collaboration:team_task_move": {"slug": o.initiative.slug, "pk": o.team_task.pk},
        "collaboration:team_file_delete": {"slug": o.initiative.slug, "pk": o.team_file.pk},
        # The sharing bank shows every organisation's shared initiatives on every host, by
        # design; one that is not shared (as here) is not found there either.
        **dict.fromkeys(
            [
                "portfolio:shared_initiative",
                "portfolio:adopt_initiative",
                "portfolio:export_initiative",
            ],
            bank,
        ),
        "portfolio:goal": {"slug": o.goal.slug},
        # The open data API: the same published initiatives and goals, as JSON.
        "api:initiative": {"slug": o.initiative.slug},
        "api:goal": {"slug": o.goal.slug},
        "portfolio:news_article": {"slug": o.news.slug},
        "notifications:notification_open": {"pk": o.notification.pk},
        "newsletter:confirm": {"token": o.confirm_token},
        "newsletter:unsubscribe": {"token": o.unsubscribe_token},
        **{
            name: {"pk": o.event.pk}
            for name in ["events:event", "events:event_ics", "events:register", "events:cancel"]
        },
        **dict.fromkeys(
            [
                "events:workshop",
                "events:workshop_card",
                "events:workshop_group",
                "events:workshop_finish",
            ],
            workshop,
        ),
        **{
            name: {**workshop, "card": o.card.pk}
            for name in ["events:workshop_vote", "events:workshop_move", "events:workshop_hide"]
        },
    }


class Objects:
    pass


@pytest.fixture
def other_organisation(asker, settings, tmp_path):
    """Bærum with one of everything, written by people who take part only there."""
    from kominn.collaboration.models import (
        Answer,
        Need,
        TeamFile,
        TeamMember,
        TeamTask,
        TeamUpdate,
    )
    from kominn.events.models import Card, Event, Registration, Workshop
    from kominn.newsletter import tokens
    from kominn.newsletter.models import Subscription
    from kominn.notifications.models import Notification, NotificationKind
    from kominn.participation import notify
    from kominn.participation.models import Comment, Follow
    from kominn.portfolio.models import NewsArticle

    o = Objects()
    o.organisation = baerum = make_organisation("baerum", name="Bærum", hosts=[OTHER_HOST])
    o.author = make_user("forfatter@baerum.no")
    o.other_participant = make_user("deltaker@baerum.no")
    o.initiative = make_initiative(baerum, "Bare i Bærum: sykkelhotell")
    o.goal = make_goal(baerum, "Bare i Bærum: grønn kommune")
    o.news = NewsArticle.objects.create(
        organisation=baerum,
        title="Bare i Bærum: nytt fra sykkelhotellet",
        lead="Nytt.",
        body="Mer nytt.",
        is_published=True,
    )
    o.challenge = make_challenge(baerum, "Bare i Bærum: hvordan sykle mer?")
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
    }
    image = io.BytesIO()
    Image.new("RGB", (4, 3)).save(image, "PNG")
    o.idea = make_idea(
        baerum,
        o.author,
        "Bare i Bærum: flere benker",
        challenge=o.challenge,
        image=SimpleUploadedFile("benk.png", image.getvalue()),
        image_alt="En benk",
    )
    o.comment = Comment.objects.create(idea=o.idea, author=o.author, body="Enig!")
    o.need = Need.objects.create(organisation=baerum, initiative=o.initiative, title="Bare i Bærum")
    o.answer = Answer.objects.create(need=o.need, user=o.author, message="Jeg kan.")
    o.team_member = TeamMember.objects.create(initiative=o.initiative, user=o.author)
    o.team_update = TeamUpdate.objects.create(initiative=o.initiative, author=o.author, body="Hei")
    o.team_task = TeamTask.objects.create(initiative=o.initiative, title="Bare i Bærum")
    o.team_file = TeamFile.objects.create(
        initiative=o.initiative,
        title="Bare i Bærum",
        uploaded_by=o.author,
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4"),
    )
    o.follow = Follow.objects.create(user=o.other_participant, idea=o.idea)
    o.notification = Notification.objects.create(
        recipient=o.author,
        kind=NotificationKind.COMMENT,
        organisation=baerum,
        target=o.idea,
        subject=o.comment,
        target_title=o.idea.title,
        target_url=o.idea.get_absolute_url(),
        url=f"{o.idea.get_absolute_url()}#kommentar-{o.comment.pk}",
        message=notify.COMMENT,
        params={"idea": o.idea.title},
        excerpt=o.comment.body,
        actor=o.other_participant,
    )
    subscription = Subscription.objects.create(
        organisation=baerum,
        email=o.author.email,
        consent_text="Ja takk.",
        consent_version="test",
        consented_at=timezone.now(),
    )
    o.event = Event.objects.create(
        organisation=baerum,
        initiative=o.initiative,
        title="Bare i Bærum: sykkelverksted",
        place="Sandvika",
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2),
        capacity=1,
    )
    Registration.objects.create(event=o.event, user=o.author, status="registered")
    o.workshop = Workshop.objects.create(
        organisation=baerum,
        challenge=o.challenge,
        title="Bare i Bærum: lappeverksted",
        opens_at=timezone.now() - timedelta(hours=1),
        closes_at=timezone.now() + timedelta(hours=2),
    )
    o.card = Card.objects.create(workshop=o.workshop, author=o.author, text="Bare i Bærum")
    o.confirm_token = tokens.make_confirm_token(subscription)
    o.unsubscribe_token = tokens.make_unsubscribe_token(subscription)
    return o


@pytest.fixture
def people(asker, other_organisation):
    """Everyone who might reach the second organisation's objects, none a superuser."""
    baerum = other_organisation.organisation
    return {
        "anonymous": None,
        "author": other_organisation.author,
        "other participant": other_organisation.other_participant,
        "editor here": make_editor("redaktor@asker.kommune.no", organisation=asker),
        "moderator here": make_moderator("moderator@asker.kommune.no", organisation=asker),
        "editor there": make_editor("redaktor@baerum.kommune.no", organisation=baerum),
        "moderator there": make_moderator("moderator@baerum.kommune.no", organisation=baerum),
    }


def test_every_route_with_a_parameter_is_walked():
    """A route added with a parameter must be filled in _fillers (or exempted with a
    reason); a name here that no route has any more must go."""
    filled = set(_fillers(_AnyObjects()))
    keys = {route.key for route in parameter_routes()}
    unknown = sorted(keys - filled - set(EXEMPT))
    assert not unknown, (
        f"Routes with a parameter that the organisation isolation test cannot fill: {unknown}. "
        "Add them to _fillers in tests/test_organisation_isolation.py."
    )
    assert not (filled | set(EXEMPT)) - keys, "Names in the isolation test that no route has"


class _AnyObjects:
    """Stands in for the objects when only the route names are wanted."""

    def __getattr__(self, name):
        return _AnyObjects()

    def __str__(self):
        return "x"

    pk = 1
    slug = "x"

    def get_absolute_url(self):
        return "/x/x/"


def _requests(routes, fill, language):
    """(description, path, missing path, method, htmx) for each request to make."""
    with translation.override(language):
        for route in routes:
            if route.key in EXEMPT:
                continue
            assert route.key in fill, f"The isolation test cannot fill {route.key}: see _fillers"
            kwargs = {name: fill[route.key][name] for name in route.params}
            path = reverse(route.key, kwargs=kwargs)
            missing = reverse(route.key, kwargs=missing_params(kwargs))
            for method in ("get", "post"):
                for htmx in (False, True):
                    yield route.key, path, missing, method, htmx


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_object_of_another_organisation_is_reached(
    client, asker, other_organisation, people, language
):
    fill = _fillers(other_organisation)
    routes = parameter_routes()
    leaks, walked = [], 0
    for role, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for key, path, missing, method, htmx in _requests(routes, fill, language):
            send = getattr(client, method)
            headers = {"HX-Request": "true"} if htmx else {}
            data = POST_DATA if method == "post" else None
            response = send(path, data, headers=headers)
            walked += 1
            if response.status_code == 404:
                continue
            expected = answer_of(send(missing, data, headers=headers), missing, path)
            if answer_of(response) != expected:
                leaks.append(
                    f"{role}: {method.upper()}{' (htmx)' if htmx else ''} {path} ({key}) "
                    f"answered {answer_of(response)}, not 404 or {expected}"
                )
    assert walked >= 200, walked
    assert not leaks, "Another organisation's objects reached:\n" + "\n".join(leaks)


def test_the_objects_are_reached_on_their_own_host(client, settings, other_organisation):
    """The walk above proves something only if the same objects answer on their own host."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    client.force_login(other_organisation.author)
    for path in [
        other_organisation.idea.get_absolute_url(),
        other_organisation.initiative.get_absolute_url(),
        other_organisation.goal.get_absolute_url(),
        other_organisation.news.get_absolute_url(),
        other_organisation.challenge.get_absolute_url(),
        other_organisation.idea.image.url,
        reverse("participation:comment_edit", args=[other_organisation.comment.pk]),
        other_organisation.need.get_absolute_url(),
        # The author is on the initiative's team: its page and its file.
        reverse("collaboration:team", args=[other_organisation.initiative.slug]),
        other_organisation.team_file.file.url,
        reverse("newsletter:confirm", args=[other_organisation.confirm_token]),
        other_organisation.workshop.get_absolute_url(),
    ]:
        assert client.get(path, HTTP_HOST=OTHER_HOST).status_code == 200, path
    opened = client.get(
        reverse("notifications:notification_open", args=[other_organisation.notification.pk]),
        HTTP_HOST=OTHER_HOST,
    )
    assert opened.status_code == 302


def test_the_embeds_show_and_allow_only_the_hosts_organisation(
    client, settings, asker, other_organisation
):
    """The embeds have no parameter to fill: each shows the host's own organisation's
    initiatives and challenges, framed only by the origins that organisation lists."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    asker.embed_origins = "https://www.asker.kommune.no"
    asker.save()
    baerum = other_organisation.organisation
    baerum.embed_origins = "https://www.baerum.kommune.no"
    baerum.save()
    mine = make_initiative(asker, "Bare i Asker: lesekrok")
    make_challenge(asker, "Bare i Asker: hvordan lese mer?")
    for language in LANGUAGES:
        with translation.override(language):
            latest = reverse("opendata:embed_latest")
            share = reverse("opendata:embed_share_idea")
        for path in (latest, share):
            here = client.get(path)
            assert "Bare i Bærum" not in here.content.decode(), path
            assert "www.baerum.kommune.no" not in here["Content-Security-Policy"]
            assert "https://www.asker.kommune.no" in here["Content-Security-Policy"]
            there = client.get(path, HTTP_HOST=OTHER_HOST)
            assert "Bare i Asker" not in there.content.decode(), path
            assert "www.asker.kommune.no" not in there["Content-Security-Policy"]
            assert "https://www.baerum.kommune.no" in there["Content-Security-Policy"]
        # The proof that the walk shows something: each sees its own.
        assert mine.title in client.get(latest).content.decode()
        assert (
            other_organisation.initiative.title
            in client.get(latest, HTTP_HOST=OTHER_HOST).content.decode()
        )
        assert (
            other_organisation.challenge.title
            in client.get(share, HTTP_HOST=OTHER_HOST).content.decode()
        )


def test_the_innovation_barometer_counts_only_the_hosts_initiatives(
    client, settings, other_organisation
):
    """/statistikk/barometer/ and its CSV have no parameter to walk above, but they count
    initiatives: another organisation's are not among them."""
    from kominn.portfolio.models import Phase

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    baerum = other_organisation.organisation
    baerum.servicearea_set.create(name="Bare i Bærum: samferdsel", slug="samferdsel")
    initiative = other_organisation.initiative
    initiative.service_areas.set(baerum.servicearea_set.all())
    initiative.change_phase(Phase.PRACTICE, actor=None)

    def totals(path, host=None):
        extra = {"HTTP_HOST": host} if host else {}
        rows = client.get(path, **extra).text.splitlines()
        return [row.rsplit(",", 1)[-1] for row in rows if ",total,taken_into_use," in row]

    assert totals("/statistikk/barometer.csv") == ["0"]
    assert totals("/statistikk/barometer.csv", OTHER_HOST) == ["1", "1"]
    assert "Bare i Bærum" not in client.get("/statistikk/barometer/").text
    assert (
        "Bare i Bærum: samferdsel"
        in client.get("/statistikk/barometer/", HTTP_HOST=OTHER_HOST).text
    )
