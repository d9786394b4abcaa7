"""Every page KomInn serves, for the tests that must visit them all."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

# Routes that are not pages for visitors, named with their namespace. Every other route
# outside the admin, with parameters or without, is visited by the Nu HTML checker and by
# axe (tests/test_security.py::test_every_page_is_covered checks that, and that each one
# here exists and answers with no page).
NOT_PAGES = {
    # For machines: the health check, the sitemap, the feeds, a download of one's data.
    "health", "sitemap", "sitemap-section", "portfolio:initiative_feed", "portfolio:news_feed",
    "accounts:export",
    # The open data catalogue (DCAT-AP-NO) in Turtle or JSON-LD, for data.norge.no.
    "dcat",
    # Uploaded files, served as they are.
    "media",
    # Actions that take a POST and answer with a redirect, or with a fragment for htmx.
    "accounts:logout", "accounts:delete", "notifications:notifications_read",
    "participation:idea_submit", "participation:support", "participation:follow_idea",
    "participation:comment", "participation:answer",
    "participation:comment_delete", "participation:follow_challenge",
    "participation:follow_initiative", "collaboration:offer_initiative",
    "participation:unfollow", "collaboration:answer", "collaboration:need_status",
    "collaboration:decide", "collaboration:withdraw",
    "collaboration:team_update_hide", "collaboration:team_task_new",
    "collaboration:team_task_move", "collaboration:team_file_new", "collaboration:team_file_delete",
    # Calendars (.ics) for calendar programs, and signing up for an event and cancelling:
    # a POST that answers with a redirect to the event.
    "events:calendar_feed", "events:event_ics", "events:register", "events:cancel",
    # A workshop's cards, votes, groups and finishing: a POST that answers with a redirect
    # to the workshop, or the workshop's page again with the form's errors.
    "events:workshop_card", "events:workshop_vote", "events:workshop_group",
    "events:workshop_move", "events:workshop_hide", "events:workshop_finish",
    # Taking a shared initiative into use: a POST; a GET leads to the initiative in the bank.
    "portfolio:adopt_initiative",
    # Shared initiatives as JSON documents, for other KomInn installations.
    "portfolio:sharing_feed", "portfolio:export_initiative",
    # The innovation barometer as CSV, for spreadsheets and machines.
    "pages:barometer_csv",
    # Open data for machines: the JSON API and its OpenAPI document (and its JSON 404 for
    # any other address under /api/v1/), and the CSV and JSON downloads.
    "api:api-root", "api:openapi-json", "api:initiatives", "api:initiative", "api:benefits",
    "api:goals", "api:goal", "api:news", "api:challenges", "api:ideas", "api:funnel",
    "api_not_found",
    "data:initiatives_csv", "data:initiatives_json", "data:benefits_csv", "data:benefits_json",
    "data:ideas_csv", "data:ideas_json", "data:funnel_csv", "data:funnel_json",
    # A fragment that the idea form fetches with htmx.
    "search:similar",
    # Redirects: to ID-porten or Entra ID and back, and from a notification to its item.
    "accounts:external_login", "external_callback", "notifications:notification_open",
    # A page, but shown only during a log-in at a configured ID-porten or Entra ID; without
    # one it sends the visitor to the log-in page. Not yet seen by Nu or axe.
    "accounts:external_complete",
    # A local run's mail viewer (DEBUG on only; 404 otherwise, as in these tests): a
    # developer's tool, tested in kominn/demo/tests/test_local_run.py.
    "mail_list", "mail_detail",
}  # fmt: skip
# Pages for logged-in people only.
PRIVATE_PAGES = {
    "profile", "change_email", "my_data", "password_change", "password_change_done", "idea_new",
}  # fmt: skip
PRIVATE_PAGES |= {"notifications", "notification_settings"}
PRIVATE_PAGES |= {"my_page"}
PRIVATE_PAGES |= {"skills"}
# Pages made to be framed on the municipality's own website (kominn/opendata/embeds.py):
# Content-Security-Policy frame-ancestors 'self' and the origins the organisation lists,
# and no X-Frame-Options. Every other page refuses every frame.
FRAMED_PAGES = {"opendata:embed_latest", "opendata:embed_share_idea"}
# Pages for staff only, named with their namespace; visited logged in as a superuser.
STAFF_PAGES = {"moderation:queue", "moderation:hidden", "participation:follow_up"}


def page_paths(*, private=False, staff=False) -> list[str]:
    """Paths of every parameterless page outside the admin, in bokmål; /en/ adds English.

    Public pages, or with `private` the pages for logged-in people, or with `staff` the
    pages for staff."""
    paths = []

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith("admin/"):
                    continue
                walk(
                    pattern.url_patterns,
                    prefix + route.removeprefix("^"),
                    pattern.namespace or namespace,
                )
            elif isinstance(pattern, URLPattern):
                if route_name(pattern, namespace) in NOT_PAGES or "<" in route:
                    continue
                if (f"{namespace}:{pattern.name}" in STAFF_PAGES) != staff:
                    continue
                if not staff and (pattern.name in PRIVATE_PAGES) != private:
                    continue
                paths.append("/" + prefix + route)

    # i18n_patterns' prefix is empty for bokmål, the default language.
    with translation.override("nb"):
        walk(get_resolver().url_patterns)
    return sorted(set(paths))


def route_name(pattern, namespace=""):
    return f"{namespace}:{pattern.name}" if namespace else pattern.name


def all_routes() -> dict:
    """Every route outside the admin: its name with the namespace, and its URLPattern."""
    routes = {}

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if not str(pattern.pattern).startswith("admin/"):
                    walk(pattern.url_patterns, pattern.namespace or namespace)
            else:
                routes[route_name(pattern, namespace)] = pattern

    walk(get_resolver().url_patterns)
    return routes


def all_page_paths(*, private=False, staff=False) -> list[str]:
    bokmal = page_paths(private=private, staff=staff)
    return bokmal + ["/en" + path for path in bokmal]


def demo_content_paths(*, sample=False) -> list[str]:
    """Pages of the demo content (load it first): every initiative, goal and news
    article, or with `sample` a few that together use every part of the templates."""
    from kominn.events.models import Event, Workshop
    from kominn.organisations.models import Organisation
    from kominn.participation.models import Challenge, Idea
    from kominn.portfolio.models import Goal, Initiative, NewsArticle

    # The default organisation's (Asker's), which answers on the test client's host; the
    # demo's example municipalities answer on their own.
    asker = Organisation.objects.get(is_default=True)
    initiatives = Initiative.objects.for_organisation(asker).published().order_by("title")
    goals = Goal.objects.for_organisation(asker).published().order_by("title")
    news = NewsArticle.objects.for_organisation(asker).published().order_by("title")
    challenges = Challenge.objects.for_organisation(asker).published().order_by("title")
    ideas = Idea.objects.for_organisation(asker).published().order_by("title")
    if sample:
        initiatives = [
            *initiatives.filter(awards__isnull=False)[:1],  # Yggeset: award, benefits
            *initiatives.filter(relations_from__target__isnull=True)[:1],  # external relation
            *initiatives.filter(phase="stopped")[:1],
            *initiatives.filter(phase="completed")[:1],
        ]
        goals = [*goals.filter(parent=None)[:1], *goals.filter(parent__isnull=False)[:1]]
        news = news[:1]
        ideas = [
            *ideas.filter(comments__parent__isnull=False)[:1],  # comments with replies
            *ideas.filter(comments__deleted_at__isnull=False)[:1],
        ]
    paths = [item.get_absolute_url() for item in [*initiatives, *goals, *news, *challenges, *ideas]]
    shared = Initiative.objects.in_sharing_bank().select_related("organisation").order_by("title")
    paths += [item.get_sharing_url() for item in (shared[:1] if sample else shared)]
    paths += ["/deling/?q=energi&phase=spreading"]
    events = Event.objects.visible().filter(organisation__is_default=True).order_by("starts_at")
    paths += [event.get_absolute_url() for event in (events[:2] if sample else events)]
    paths += ["/arrangementer/?vis=tidligere"]
    workshops = Workshop.objects.filter(organisation__is_default=True).order_by("pk")
    paths += [workshop.get_absolute_url() for workshop in (workshops[:1] if sample else workshops)]
    paths += [
        "/tiltak/?approach=adopted&area=samfunnsutvikling&sort=name",
        "/tiltak/?side=2",
        "/ideer/?sort=supported&capacity=volunteer",
        "/ideer/?side=2",
        "/sok/?q=skoler",
        "/sok/?q=skoler&type=initiative&side=1",
        "/sok/?q=barnehgae",
        "/sok/?q=kvantedatamaskin",
        # The innovation barometer over the demo's whole history (every table and chart
        # filled), and with a period it cannot read (the message above the tables).
        "/statistikk/barometer/?fra=2012",
        "/statistikk/barometer/?fra=tjue",
    ]
    paths += newsletter_link_paths()
    return paths


def newsletter_link_paths() -> list[str]:
    """The pages behind the links in newsletter mail (confirm, unsubscribe), for an address
    signed up to the default organisation's newsletter (created when missing)."""
    from django.urls import reverse

    from kominn.newsletter import tokens
    from kominn.newsletter.models import Subscription
    from kominn.organisations.models import Organisation

    organisation = Organisation.objects.get(is_default=True)
    subscription, _created = Subscription.objects.get_or_create(
        organisation=organisation,
        email="nyhetsbrev@example.no",
        defaults={"consent_text": "Ja, send meg nyhetsbrevet.", "consent_version": "test"},
    )
    with translation.override("nb"):
        return [
            reverse("newsletter:confirm", args=[tokens.make_confirm_token(subscription)]),
            reverse("newsletter:unsubscribe", args=[tokens.make_unsubscribe_token(subscription)]),
        ]


@dataclass
class Visit:
    """A page reached from another page or from a mail, as someone sees it."""

    path: str
    user: object = None  # logged in as this person; None: not logged in
    # Sent as this form (in the browser: filled in and sent from the page), to show its errors.
    post: dict | None = None
    status: int = 200
    note: str = ""
    # The form comes back with a message next to each field that needs fixing.
    errors: bool = False
    # Where the form posts, when not to the page itself (the idea page's offer of help):
    # the test client posts there; the browser sends the form from the page.
    action: str = ""


# A test-only address that fails, to see the 500 page (tests/urls_with_errors.py).
SERVER_ERROR_PATH = "/feil-500/"


def form_page_visits() -> list[Visit]:
    """The pages behind a link, a button or a mail: reporting an idea and a comment,
    editing them as their author, the preview of a draft, the links in account and
    notification mail, moderators' pages for one item, and the 403 and 500 pages, each empty and
    with the errors of a form sent empty or wrong. Bokmål paths; the English ones are the
    same with /en in front. Makes what it needs in the default organisation (load the demo
    data first). The Nu checker (tests/test_html.py) and axe (tests/browser/test_forms.py)
    visit every one, and tests/test_security.py counts them as covered."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from conftest import make_idea, make_user
    from kominn.accounts import tokens
    from kominn.accounts.models import User
    from kominn.notifications import services as notifications
    from kominn.organisations.models import Organisation
    from kominn.participation import services as participation

    organisation = Organisation.objects.get(is_default=True)
    author = make_user("forfatter@example.no", display_name="Frida Forfatter")
    other = make_user("annen@example.no", display_name="Ola Annen")
    staff = User.objects.create_superuser(
        email="tilsyn@example.no", password="et langt og hemmelig passord", display_name="Tilsyn"
    )
    own_idea = make_idea(organisation, author, "Lesekrok i parken")
    draft = make_idea(organisation, author, "Et utkast om gatelys", submitted_at=None)
    others_idea = make_idea(organisation, other, "Bybuss om natten")
    others_comment = participation.add_comment(
        idea=own_idea, author=other, body="Gjerne med tak over."
    )
    own_comment = participation.add_comment(idea=others_idea, author=author, body="Ja, takk!")
    # The author answers in the thread, marked as the idea's author.
    participation.add_comment(
        idea=own_idea, author=author, body="Takk, godt forslag.", parent=others_comment
    )
    # A need on an initiative with an answer waiting; the forms to post needs.
    from kominn.collaboration import digest as needs_digest
    from kominn.collaboration import services as collaboration
    from kominn.participation.models import Challenge
    from kominn.portfolio.models import Initiative

    initiative = Initiative.objects.published().filter(organisation=organisation).first()
    challenge = Challenge.objects.published().filter(organisation=organisation).first()
    need = collaboration.post_need(
        user=staff, initiative=initiative, title="3 innbyggere til et testpanel", how_many=3
    )
    answer = collaboration.answer_need(need=need, user=author, message="Jeg stiller gjerne.")
    collaboration.save_skills(
        user=author, tags="snekring", capacities=[], needs_digest=True, organisation=organisation
    )
    # The initiative's team: the author is on it, with a task and an update.
    from kominn.collaboration.models import TeamMember

    team_member, _ = TeamMember.objects.get_or_create(
        initiative=initiative, user=other, defaults={"role": "Testpanel", "share_contact": True}
    )
    collaboration.add_task(initiative=initiative, by=staff, title="Lage plakat", assignee=other)
    team_update = collaboration.post_team_update(
        initiative=initiative, author=other, body="**Vi** er i gang."
    )
    # An open workshop on the challenge, with a card in a group.
    from datetime import timedelta

    from django.utils import timezone

    from kominn.events.models import Card, CardGroup, Workshop

    workshop = Workshop.objects.create(
        organisation=organisation,
        challenge=challenge,
        title="Åpent lappeverksted",
        opens_at=timezone.now() - timedelta(hours=1),
        closes_at=timezone.now() + timedelta(hours=2),
    )
    others_card = Card.objects.create(
        workshop=workshop,
        author=other,
        text="Lys i lysløypa hele kvelden",
        group=CardGroup.objects.create(workshop=workshop, name="Lys"),
    )
    Card.objects.create(workshop=workshop, author=author, text="Benker ved utsiktspunktene")
    # An offer of help on the idea: an answer to its general need, listed for its author.
    general = collaboration.general_need(idea=own_idea)
    collaboration.answer_need(need=general, user=other, message="Jeg kan snekre benker.")
    newcomer = make_user("ny@example.no", is_active=False)
    # Someone who does not log in here: logging in would spend the reset link.
    reset_uid = urlsafe_base64_encode(force_bytes(other.pk))
    reset_token = default_token_generator.make_token(other)

    with translation.override("nb"):
        report_idea = reverse("moderation:report_idea", args=[others_idea.pk])
        report_comment = reverse("moderation:report_comment", args=[others_comment.pk])
        idea_edit = reverse("participation:idea_edit", args=[own_idea.pk])
        comment_edit = reverse("participation:comment_edit", args=[own_comment.pk])
        confirm = reverse(
            "accounts:confirm", args=[tokens.make_email_token(newcomer, newcomer.email)]
        )
        set_password = reverse("accounts:password_reset_confirm", args=[reset_uid, "set-password"])
        unsubscribe = notifications.unsubscribe_path(author, "comment")
        needs_digest_off = needs_digest.unsubscribe_path(author)
        return [
            Visit(report_idea, author),
            Visit(report_idea, author, post={"details": ""}, errors=True),
            Visit(report_comment, author),
            Visit(report_comment, author, post={"reason": "other"}, errors=True),
            Visit(idea_edit, author),
            Visit(idea_edit, author, post={"title": "", "description": ""}, errors=True),
            Visit(comment_edit, author),
            Visit(comment_edit, author, post={"body": ""}, errors=True),
            # "Svar" under one comment: its reply form, the others' links and "Mer" menus.
            Visit(
                f"{own_idea.get_absolute_url()}?svar={others_comment.pk}",
                author,
                note="the reply form under one comment",
            ),
            Visit(reverse("participation:idea_preview", args=[draft.pk]), author),
            # Someone else's idea: not theirs to edit.
            Visit(reverse("participation:idea_edit", args=[others_idea.pk]), author, status=403),
            Visit(reverse("accounts:password_reset"), post={"email": ""}, errors=True),
            Visit(
                reverse("accounts:password_reset"), post={"email": "ikke en adresse"}, errors=True
            ),
            # The mail's link leads on to the form at a fixed address, the token in the session.
            Visit(reverse("accounts:password_reset_confirm", args=[reset_uid, reset_token])),
            Visit(
                set_password, post={"new_password1": "kort", "new_password2": "annet"}, errors=True
            ),
            Visit(reverse("accounts:password_reset_confirm", args=[reset_uid, "brukt-lenke"])),
            Visit(confirm),
            Visit(confirm, post={"password": "feil passord"}, errors=True),
            Visit(reverse("accounts:confirm", args=["ugyldig"]), status=400),
            Visit(reverse("accounts:external_confirm", args=["ugyldig"]), status=400),
            Visit(unsubscribe),
            Visit(unsubscribe, post={}, note="turned off"),
            Visit(reverse("notifications:unsubscribe", args=["ugyldig"]), status=400),
            Visit(needs_digest_off),
            Visit(needs_digest_off, post={}, note="turned off"),
            Visit(reverse("collaboration:needs_digest_off", args=["ugyldig"]), status=400),
            Visit(reverse("moderation:idea", args=[others_idea.pk]), staff),
            Visit(reverse("moderation:comment", args=[others_comment.pk]), staff),
            Visit(reverse("moderation:account", args=[other.pk]), staff),
            Visit(need.get_absolute_url(), staff, note="the owner deciding on answers"),
            Visit(need.get_absolute_url(), other, note="the form to answer"),
            Visit(need.get_absolute_url(), author, note="one's own answer"),
            Visit(reverse("collaboration:need_edit", args=[need.pk]), staff),
            Visit(
                reverse("collaboration:need_edit", args=[need.pk]),
                staff,
                post={"title": "", "kind": "people", "how_many": "0", "until": "2000-01-01"},
                status=400,
                errors=True,
            ),
            Visit(reverse("moderation:report_need", args=[need.pk]), other),
            Visit(
                reverse("moderation:report_need", args=[need.pk]),
                other,
                post={"reason": "other"},
                errors=True,
            ),
            Visit(reverse("moderation:report_answer", args=[answer.pk]), staff),
            Visit(reverse("moderation:need", args=[need.pk]), staff),
            Visit(reverse("moderation:answer", args=[answer.pk]), staff),
            Visit(reverse("collaboration:need_new_initiative", args=[initiative.slug]), staff),
            Visit(
                reverse("collaboration:need_new_initiative", args=[initiative.slug]),
                staff,
                post={"title": "", "kind": "people", "how_many": "0", "until": "2000-01-01"},
                status=400,
                errors=True,
            ),
            Visit(reverse("collaboration:need_new_challenge", args=[challenge.slug]), staff),
            Visit(reverse("collaboration:need_new_idea", args=[own_idea.pk]), author),
            Visit(reverse("collaboration:team", args=[initiative.slug]), other),
            Visit(reverse("collaboration:team", args=[initiative.slug]), staff, note="an owner"),
            Visit(
                reverse("collaboration:team", args=[initiative.slug]),
                other,
                post={"update-body": ""},
                note="an empty update",
                status=400,
                errors=True,
            ),
            Visit(reverse("collaboration:team_membership", args=[initiative.slug]), other),
            Visit(reverse("collaboration:team_leave", args=[initiative.slug]), other),
            Visit(
                reverse("collaboration:team_remove", args=[initiative.slug, team_member.pk]), staff
            ),
            Visit(workshop.get_absolute_url(), author, note="an open workshop: cards and votes"),
            Visit(workshop.get_absolute_url(), staff, note="the staff's groups and finishing"),
            Visit(own_idea.get_absolute_url(), author, note="the offers of help on one's idea"),
            Visit(general.get_absolute_url(), author, note="deciding on offers on one's idea"),
            # The idea's page again, with what was written and the error at the field.
            Visit(
                own_idea.get_absolute_url(),
                other,
                post={"message": ""},
                status=400,
                errors=True,
                action=reverse("collaboration:offer_idea", args=[own_idea.pk]),
                note="an empty offer of help",
            ),
            Visit(reverse("moderation:report_teamupdate", args=[team_update.pk]), staff),
            Visit(
                reverse("moderation:report_teamupdate", args=[team_update.pk]),
                staff,
                post={"reason": "other"},
                errors=True,
            ),
            Visit(reverse("moderation:teamupdate", args=[team_update.pk]), staff),
            Visit(reverse("moderation:report_card", args=[others_card.pk]), author),
            Visit(reverse("moderation:card", args=[others_card.pk]), staff),
            Visit(SERVER_ERROR_PATH, status=500),
        ]


# The admin's own log-in page: where it sends anyone it does not let in.
ADMIN_LOGIN = "/admin/login/"


def admin_urls(model_admin, obj=None) -> dict[str, str]:
    """The admin pages of one ModelAdmin (one of `admin.site._registry.values()`): its list
    and add form, and with `obj` that object's change, delete and history pages."""
    from django.urls import reverse

    name = (
        f"{model_admin.admin_site.name}:{model_admin.opts.app_label}_{model_admin.opts.model_name}"
    )
    urls = {"changelist": reverse(f"{name}_changelist"), "add": reverse(f"{name}_add")}
    if obj is not None:
        for page in ("change", "delete", "history"):
            urls[page] = reverse(f"{name}_{page}", args=[obj.pk])
    return urls


# Routes with parameters, for the tests that fill them with objects (organisation
# isolation, hidden content).


@dataclass
class Route:
    key: str  # "namespace:name"
    params: tuple[str, ...]
    route: str  # the pattern's own part, e.g. "ideer/<int:pk>/stott/"


def parameter_routes() -> list[Route]:
    """Every route with a parameter outside the admin (tests/test_admin.py walks the
    admin's pages of every ModelAdmin the same way)."""
    routes = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith("admin/"):
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                params = tuple(
                    getattr(pattern.pattern, "converters", None) or pattern.pattern.regex.groupindex
                )
                if params:
                    key = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
                    routes.append(Route(key, params, str(pattern.pattern)))

    with translation.override("nb"):
        walk(get_resolver().url_patterns)
    return routes


def missing_params(kwargs):
    """Parameters that name nothing at all."""
    return {
        name: 2_000_000_000 if isinstance(value, int) else "finnes-ikke"
        for name, value in kwargs.items()
    }


def answer_of(response, missing=None, path=None):
    """Status and redirect; a redirect back to the missing object's address (to log in
    first) is read as one back to the address asked for."""
    location = response.get("Location")
    if location and missing:
        location = location.replace(missing, path)
    return response.status_code, location


# What a form in any of these views would need to go through.
POST_DATA = {
    "body": "Et innlegg",
    "message": "Jeg kan hjelpe til.",
    "title": "En tittel",
    "description": "En beskrivelse",
    "capacity": "citizen",
    "reason": "spam",
    "details": "Reklame",
    "action": "hide",
    "hide-reason": "Reklame",
    "block-reason": "Reklame",
    "status": "under_review",
    "answer": "Et svar",
}
